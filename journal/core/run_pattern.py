"""The runner's week, learned: the key runs that recur on a weekday around an hour (a long run
on Saturdays at 08:00, intervals on Tuesdays at 18:30), from the last twelve weeks of runs. The
plan places the strength days around those *expected* runs on the days ahead that no run entered
speaks for; a run that arrives replaces its expectation. Pure functions over runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from statistics import median

from pendulum import Date

from .clock import iso_date
from .model import Run
from .record import record

PATTERN_WEEKS = 12  # learned from this many weeks before the current one
LEAST_WEEKS = 4  # ...of which at least this many had runs that keep the usual week
RECURS = 0.6  # a key run on a weekday in this share of those weeks is the pattern
EXPECTED = "expected"  # the source of a run the plan expects rather than one entered
PATTERN_KINDS = ("long", "quality")


@record
class ExpectedRun:
    """A key run that recurs in the runner's weeks: its weekday, kind and usual start."""
    weekday: int  # 0 = Monday
    kind: str
    time: str  # HH:MM, the usual start (the median, to the quarter hour)
    seen: int  # weeks it was there...
    weeks: int  # ...of the weeks learned from

    def describe(self) -> str:
        day = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")[self.weekday]
        return f"{self.kind} run on {day} around {self.time} ({self.seen} of your last {self.weeks} weeks)"


def learn(runs: Sequence[Run], monday: Date) -> list[ExpectedRun]:
    """The recurring key runs of the weeks before `monday`. A week with travel or a race keeps
    no usual shape, so it is not learned from; nor is a week with no runs at all."""
    first = monday.subtract(weeks=PATTERN_WEEKS).isoformat()
    by_week: dict[str, list[Run]] = {}
    for run in runs:
        if first <= run.date < monday.isoformat() and run.source != EXPECTED:
            week = iso_date(run.date)
            by_week.setdefault(week.subtract(days=week.weekday()).isoformat(), []).append(run)
    usual = {week: found for week, found in by_week.items()
             if not any(r.kind in ("travel", "race") for r in found)}
    if len(usual) < LEAST_WEEKS:
        return []
    seen: Counter[tuple[int, str]] = Counter()
    times: dict[tuple[int, str], list[int]] = {}
    for found in usual.values():
        for slot in {(iso_date(r.date).weekday(), r.kind) for r in found if r.kind in PATTERN_KINDS}:
            seen[slot] += 1
        for r in found:
            if r.kind in PATTERN_KINDS and r.time:
                times.setdefault((iso_date(r.date).weekday(), r.kind), []).append(_minutes(r.time))
    pattern = []
    for (weekday, kind), count in sorted(seen.items()):
        if count >= RECURS * len(usual):
            at = times.get((weekday, kind))
            quarter = round(median(at) / 15) * 15 if at else 8 * 60
            pattern.append(ExpectedRun(weekday, kind, f"{quarter // 60:02d}:{quarter % 60:02d}", count, len(usual)))
    return pattern


def expected_runs(pattern: Sequence[ExpectedRun], runs: Sequence[Run], first: Date, last: Date) -> list[Run]:
    """The pattern's runs on the days from `first` to `last` that no entered run speaks for: none
    where a key run or travel is entered within a day of it, and none in a week with a race."""
    if not pattern:
        return []
    entered = [r for r in runs if r.source != EXPECTED]
    near = {r.date for r in entered if r.kind in ("quality", "long", "race", "travel")}
    race_weeks = {_monday(r.date) for r in entered if r.kind == "race"}
    found = []
    day = first
    while day <= last:
        for slot in pattern:
            if slot.weekday != day.weekday() or day.subtract(days=day.weekday()).isoformat() in race_weeks:
                continue
            around = {day.subtract(days=1).isoformat(), day.isoformat(), day.add(days=1).isoformat()}
            if around & near:
                continue
            found.append(Run(f"expected-{day.isoformat()}-{slot.kind}", day.isoformat(), slot.kind, time=slot.time,
                             title=f"from your last {slot.weeks} weeks", source=EXPECTED))
        day = day.add(days=1)
    return found


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _monday(date: str) -> str:
    day = iso_date(date)
    return day.subtract(days=day.weekday()).isoformat()
