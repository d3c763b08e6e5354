"""One run is one run: a recorded run that is already in the journal (the same file again, the
same run from another platform, or one the runner typed) is merged into it, never stored twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from .model import Run

SAME_START_S = 120  # the same run from two platforms starts within two minutes...
SAME_DISTANCE = 0.03  # ...and measures within 3 %
TYPED_START_S = 3600  # a typed run's time is the runner's guess, or the plan's hour

# What a recording adds to a run already there (the runner's kind, title and priority stand).
MEASURED = ("start_utc", "utc_offset_min", "moving_s", "elapsed_s", "avg_hr", "max_hr", "elevation_gain_m",
            "source", "source_id")
FILLED_WHEN_EMPTY = ("minutes", "km", "title", "time")


@dataclass
class Matched:
    """What an import does with the runs it read."""
    added: list[Run] = field(default_factory=list)
    merged: list[tuple[Run, Run]] = field(default_factory=list)  # (the run there, as it becomes)
    already: list[Run] = field(default_factory=list)  # the same recording, already imported

    def changes(self) -> int:
        return len(self.added) + len(self.merged)


def _instant(run: Run) -> datetime | None:
    return datetime.fromisoformat(run.start_utc.replace("Z", "+00:00")) if run.start_utc else None


def _close(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= SAME_DISTANCE * max(a, b)


def same_run(recorded: Run, there: Run) -> bool:
    """Whether a recorded run is `there` already: the same recording, the same run recorded
    elsewhere (start within 2 minutes, distance within 3 %), or a run the runner typed that
    day (distance within 3 %, and within an hour of its time when it has one)."""
    if recorded.id == there.id:
        return True
    if there.kind == "travel":
        return False
    start, other = _instant(recorded), _instant(there)
    if other is not None:
        return start is not None and abs((start - other).total_seconds()) <= SAME_START_S and \
            _close(recorded.km, there.km)
    if recorded.date != there.date or not _close(recorded.km, there.km):
        return False
    if there.time and recorded.time:
        hours = [int(t[:2]) * 60 + int(t[3:]) for t in (there.time, recorded.time)]
        return abs(hours[0] - hours[1]) * 60 <= TYPED_START_S
    return True


def merged(there: Run, recorded: Run) -> Run:
    """`there` with what the recording measured; a typed run takes the recorded start time."""
    changes = {name: getattr(recorded, name) for name in MEASURED if getattr(there, name) is None}
    changes |= {name: getattr(recorded, name) for name in FILLED_WHEN_EMPTY if getattr(there, name) is None}
    if there.start_utc is None and recorded.time:
        changes["time"] = recorded.time
    return replace(there, **changes)


def match(recorded: Sequence[Run], stored: Sequence[Run]) -> Matched:
    """Each recorded run added, merged into the run it already is, or left as already there.
    `stored` are the journal's runs around the recorded ones' dates."""
    before = {run.id: run for run in stored}
    # The runs as they stand, recorded ones added as they are placed, so that a batch holding
    # the same run twice (a Strava and a Garmin export together) stores it once.
    standing = dict(before)
    by_date: dict[str, list[str]] = {}
    for run in stored:
        by_date.setdefault(run.date, []).append(run.id)
    added: dict[str, Run] = {}
    merges: dict[str, Run] = {}
    already = []
    for run in recorded:
        # A run merged earlier in this import is matched as it now stands (with its recording's
        # start), so a second recording of it finds it, and another run of that day does not.
        there = standing.get(run.id) or next(
            (standing[i] for d in _around(run.date) for i in by_date.get(d, ()) if same_run(run, standing[i])), None)
        if there is None:
            added[run.id] = standing[run.id] = run
            by_date.setdefault(run.date, []).append(run.id)
        elif there.id == run.id or all(getattr(there, n) is not None for n in MEASURED):
            already.append(run)
        else:
            standing[there.id] = now = merged(there, run)
            if there.id in added:
                added[there.id] = now
            else:
                merges[there.id] = now
    return Matched(list(added.values()), [(before[i], now) for i, now in merges.items()], already)


def _around(day: str) -> tuple[str, ...]:
    """The day and its neighbours: a run starting near midnight UTC is dated by local time."""
    d = date.fromisoformat(day)
    return ((d - timedelta(days=1)).isoformat(), day, (d + timedelta(days=1)).isoformat())
