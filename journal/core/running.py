"""The running calendar's say over the gym: spacing before key runs, tapers, travel.

Pure functions over `Run` rows. Hours are measured between real instants in
the lifter's timezone, so "48 hours before" stays 48 hours across a DST change
(a Friday-evening session is 47 hours before a Sunday-evening race in spring).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pendulum
from pendulum import Date, DateTime

from .clock import iso_date
from .model import KEY_RUN_KINDS, Rules, Run


def starts_at(day: Date, time: str | None, default_hour: int, tz: str) -> DateTime:
    hour, minute = (int(part) for part in time.split(":")) if time else (default_hour, 0)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)


def hours_between(earlier: DateTime, later: DateTime) -> float:
    return (later.timestamp() - earlier.timestamp()) / 3600


def describe(run: Run) -> str:
    when = iso_date(run.date).format("ddd D MMM")
    title = f" '{run.title}'" if run.title else ""
    if run.kind == "race":
        return f"{run.priority or 'C'} race{title} on {when}"
    return f"{run.kind} run{title} on {when}"


def key_run_on(day: Date, runs: Sequence[Run]) -> Run | None:
    """A quality run, long run or race on the same day: a hard-run day."""
    return next((r for r in runs if r.date == day.isoformat() and r.kind in KEY_RUN_KINDS), None)


def travel_on(day: Date, runs: Sequence[Run]) -> Run | None:
    return next((r for r in runs if r.date == day.isoformat() and r.kind == "travel"), None)


def key_run_within(day: Date, runs: Sequence[Run], rules: Rules, tz: str) -> Run | None:
    """The first key run on a later day that starts within the spacing after a gym session."""
    session = starts_at(day, None, rules.gym_hour, tz)
    # Only runs in the next few days can be close enough; the date test is cheap, the hours are not.
    first, horizon = day.isoformat(), day.add(days=math.ceil(rules.heavy_spacing_h / 24) + 1).isoformat()
    for run in runs:
        if run.kind not in KEY_RUN_KINDS or not first < run.date <= horizon:
            continue
        gap = hours_between(session, starts_at(iso_date(run.date), run.time, rules.run_hour, tz))
        if 0 < gap < rules.heavy_spacing_h:
            return run
    return None


def days_before(day: Date, race: Run) -> int:
    return (iso_date(race.date) - day).days


def taper_race(day: Date, runs: Sequence[Run], rules: Rules) -> Run | None:
    """The A race whose taper this day falls in (the race day included), nearest first."""
    races = [r for r in runs if r.kind == "race" and r.priority == "A"
             and 0 <= days_before(day, r) <= rules.taper_days]
    return min(races, key=lambda r: r.date, default=None)


def b_race_ahead(day: Date, runs: Sequence[Run], rules: Rules) -> Run | None:
    """A B race within its few lighter days (the race day itself is a hard-run day)."""
    races = [r for r in runs if r.kind == "race" and r.priority == "B"
             and 0 < days_before(day, r) <= rules.b_race_light_days]
    return min(races, key=lambda r: r.date, default=None)
