"""The running calendar's say over the gym: spacing before key runs, tapers, travel.

Pure functions over `Run` rows in date order. Hours are measured between real instants in
the lifter's timezone, so "48 hours before" stays 48 hours across a DST change
(a Friday-evening session is 47 hours before a Sunday-evening race in spring).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import pendulum
from pendulum import Date, DateTime

from .clock import day_text, iso_date
from .model import KEY_RUN_KINDS, Rules, Run


def starts_at(day: Date, time: str | None, default_hour: int, tz: str) -> DateTime:
    hour, minute = (int(part) for part in time.split(":")) if time else (default_hour, 0)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)


def hours_between(earlier: DateTime, later: DateTime) -> float:
    return (later.timestamp() - earlier.timestamp()) / 3600


def run_name(run: Run) -> str:
    """`A race 'Lisbon'`, `long run`: what the run is, as the lifter calls it."""
    if run.source == "expected":  # the runner's usual run, not one entered
        return f"expected {run.kind} run ({run.title})"
    title = f" '{run.title}'" if run.title else ""
    return f"{run.priority or 'C'} race{title}" if run.kind == "race" else f"{run.kind} run{title}"


def describe(run: Run) -> str:
    return f"{run_name(run)} on {day_text(iso_date(run.date), 'ddd D MMM')}"


def _dated(runs: Sequence[Run], first: Date, days: int = 0) -> Sequence[Run]:
    """The runs from `first` to `days` days after it, found by bisection: `runs` are in date
    order, and ten years of them are asked about for every day planned."""
    low, high = first.isoformat(), (first.add(days=days) if days else first).isoformat()
    return runs[bisect_left(runs, low, key=_date):bisect_right(runs, high, key=_date)]


def _date(run: Run) -> str:
    return run.date


def key_run_on(day: Date, runs: Sequence[Run]) -> Run | None:
    """A quality run, long run or race on the same day: a hard-run day."""
    return next((r for r in _dated(runs, day) if r.kind in KEY_RUN_KINDS), None)


def travel_on(day: Date, runs: Sequence[Run]) -> Run | None:
    return next((r for r in _dated(runs, day) if r.kind == "travel"), None)


def key_run_within(day: Date, runs: Sequence[Run], rules: Rules, tz: str) -> Run | None:
    """The first key run on a later day that starts within the spacing after a gym session."""
    session = starts_at(day, None, rules.gym_hour, tz)
    # Only runs in the next few days can be close enough; the date test is cheap, the hours are not.
    first = day.isoformat()
    for run in _dated(runs, day, math.ceil(rules.heavy_spacing_h / 24) + 1):
        if run.kind not in KEY_RUN_KINDS or run.date == first:
            continue
        gap = hours_between(session, starts_at(iso_date(run.date), run.time, rules.run_hour, tz))
        if 0 < gap < rules.heavy_spacing_h:
            return run
    return None


def days_before(day: Date, race: Run) -> int:
    return (iso_date(race.date) - day).days


def taper_race(day: Date, runs: Sequence[Run], rules: Rules) -> Run | None:
    """The A race whose taper this day falls in (the race day included), nearest first."""
    races = [r for r in _dated(runs, day, rules.taper_days) if r.kind == "race" and r.priority == "A"]
    return min(races, key=lambda r: r.date, default=None)


def b_race_ahead(day: Date, runs: Sequence[Run], rules: Rules) -> Run | None:
    """A B race within its few lighter days (the race day itself is a hard-run day)."""
    if rules.b_race_light_days < 1:
        return None
    races = [r for r in _dated(runs, day.add(days=1), rules.b_race_light_days - 1)
             if r.kind == "race" and r.priority == "B"]
    return min(races, key=lambda r: r.date, default=None)


def recovery_days(race: Run, rules: Rules) -> int:
    """Days after a race with no heavy legs and no plyometrics: more after an A race, most after
    a long one (30 km or more by default)."""
    if race.priority == "A":
        long = (race.km or 0) >= rules.long_race_km
        return rules.long_race_recovery_days if long else rules.a_race_recovery_days
    return rules.b_race_recovery_days if race.priority == "B" else 0


def recovering_from(day: Date, runs: Sequence[Run], rules: Rules) -> Run | None:
    """The race whose recovery days this day falls in (the days after it), latest first."""
    reach = max(rules.long_race_recovery_days, rules.a_race_recovery_days, rules.b_race_recovery_days)
    races = [r for r in _dated(runs, day.subtract(days=reach), reach - 1)
             if r.kind == "race" and 0 < (day - iso_date(r.date)).days <= recovery_days(r, rules)]
    return max(races, key=lambda r: r.date, default=None)


def landing_clash(day: Date, runs: Sequence[Run], rules: Rules, tz: str) -> str:
    """Why the runs keep jumping off `day` (empty when they do not): a key run that day, one
    within the spacing after the day's gym session, or a race's recovery."""
    if run := key_run_on(day, runs):
        return f"no plyometrics on the day of the {describe(run)}"
    if run := key_run_within(day, runs, rules, tz):
        return f"no plyometrics within {rules.heavy_spacing_h} h before the {describe(run)}"
    if race := recovering_from(day, runs, rules):
        return f"no plyometrics in the recovery after the {describe(race)}"
    return ""


def long_effort_before(day: Date, runs: Sequence[Run]) -> Run | None:
    """A long run or race the day before: legs are tired, heavy lifting is better elsewhere."""
    return next((r for r in _dated(runs, day.subtract(days=1)) if r.kind in ("long", "race")), None)


def a_race_between(after: Date | None, before: Date, runs: Sequence[Run], within_days: int) -> Run | None:
    """The latest A race after `after` (a last heavy session) and before `before`, at most
    `within_days` back: the first heavy session after it is the lighter variant."""
    first = before.subtract(days=within_days)
    if after is not None and after > first:
        first = after.add(days=1)
    if first >= before:
        return None
    races = [r for r in _dated(runs, first, (before - first).days - 1) if r.kind == "race" and r.priority == "A"]
    return max(races, key=lambda r: r.date, default=None)
