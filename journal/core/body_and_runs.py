"""The lifter's body and runs, as the Journal records them: the daily check-in, runs and races,
and the readiness tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from pendulum import Date

from .clock import iso_date
from .entry import parse_number, parse_side
from .errors import EntryError
from .model import ASSESSMENT_TESTS, Assessment, Run, Wellness
from .record import record
from .run_matching import Matched
from .store import new_id

MAX_TRAVEL_DAYS = 366
Progress = Callable[[int, int], None]


@record
class RunImport:
    """What an import of recorded runs read and did (or, on a dry run, would do)."""
    source: str  # "a Strava export", ...
    matched: Matched
    others: Counter  # activities that are not runs, by sport: counted, not stored
    dry_run: bool = False


class BodyAndRuns:
    """The Journal's check-ins, runs and tests."""

    def check_in(self, wellness: Wellness) -> Wellness:
        """Store a day's check-in (a second one that day replaces the first), parsed and checked
        at the edge by `parse_check_in`, as a set is by `parse_set_input`."""
        self.store.save_wellness(wellness)
        return wellness

    def wellness_on(self, day: Date) -> Wellness | None:
        found = self.store.wellness_between(day.isoformat(), day.isoformat())
        return found[0] if found else None

    def latest_wellness(self, day: Date) -> Wellness | None:
        """The most recent check-in on or before a day: the check-in form starts from it."""
        return self.store.latest_wellness(day.isoformat())

    def add_run(self, day: Date, kind: str, *, priority: str | None = None, minutes: object = None,
                km: object = None, rpe: object = None, title: str | None = None,
                time: str | None = None, until: Date | None = None) -> list[Run]:
        """A run (or, with `until`, a travel range: one row per day), checked before anything is stored."""
        from .run_files import check_run

        if until is not None and kind != "travel":
            raise EntryError("to", "only travel takes a range of days")
        last = until or day
        if last < day:
            raise EntryError("to", f"{last.isoformat()} is before {day.isoformat()}")
        if (last - day).days >= MAX_TRAVEL_DAYS:
            raise EntryError("to", f"a travel range covers at most {MAX_TRAVEL_DAYS} days")
        runs = [replace(check_run(day.add(days=n).isoformat(), kind, priority, minutes, km, rpe, title, time),
                        id=new_id()) for n in range((last - day).days + 1)]
        self.store.add_runs(runs)
        return runs

    def import_runs(self, paths: Sequence[Path], *, dry_run: bool = False,
                    progress: Progress | None = None, max_hr: int | None = None) -> RunImport:
        """Runs from Strava or Garmin exports or track files, each given a suggested kind and
        matched against the runs already here; or a typed CSV of runs or an .ics calendar of
        planned ones. All or nothing, and nothing written on a dry run."""
        from .run_files import is_run_log

        if len(paths) == 1 and is_run_log(paths[0]):
            return self._import_run_log(paths[0], dry_run)
        return self._import_recorded_runs(paths, dry_run, progress, max_hr)

    def _import_run_log(self, path: Path, dry_run: bool) -> RunImport:
        from .run_files import read_runs

        runs = list({run.id: run for run in read_runs(path)}.values())
        source = "an .ics calendar" if path.suffix.lower() in (".ics", ".ical") else "a CSV of runs"
        if not runs:
            return RunImport(source, Matched(), Counter(), dry_run)
        dates = sorted(run.date for run in runs)
        with self.store.write():
            there = {run.id for run in self.store.runs_between(dates[0], dates[-1])}
            matched = Matched([r for r in runs if r.id not in there], [], [r for r in runs if r.id in there])
            if not dry_run:
                self.store.add_runs(matched.added)
        return RunImport(source, matched, Counter(), dry_run)

    def _import_recorded_runs(self, paths: Sequence[Path], dry_run: bool, progress: Progress | None,
                              max_hr: object) -> RunImport:
        from .run_exports import read_runs_from
        from .run_kinds import HR_LOOKBACK_DAYS, with_suggested_kinds
        from .run_matching import match

        if max_hr is not None:
            max_hr = int(parse_number(max_hr, "max-hr", 100, 240, whole=True))
        reading = read_runs_from(list(paths), progress)
        recorded = [(a.as_run(self.clock.tz, "easy", ""), a.intervals) for a in reading.runs]
        if not recorded:
            return RunImport(reading.source, Matched(), reading.others, dry_run)
        dates = [run.date for run, _ in recorded]
        first, last = iso_date(min(dates)), iso_date(max(dates))
        known = self.store.runs_between(first.subtract(days=HR_LOOKBACK_DAYS).isoformat(), last.isoformat())
        runs = with_suggested_kinds(recorded, known, max_hr)
        with self.store.write():  # matched and stored in one transaction: a second copy waits
            stored = self.store.runs_between(first.subtract(days=1).isoformat(), last.add(days=1).isoformat())
            matched = match(runs, stored)
            if not dry_run:
                self.store.record_runs(matched.added, [now for _, now in matched.merged])
        return RunImport(reading.source, matched, reading.others, dry_run)

    def runs_between(self, first: Date, last: Date) -> list[Run]:
        return self.store.runs_between(first.isoformat(), last.isoformat())

    def runs_with_id(self, prefix: str) -> Run:
        """The one run whose id starts with `prefix`."""
        found = self.store.runs_with_id(prefix.strip().lower()) if prefix.strip() else []
        if len(found) != 1:
            raise EntryError("run", f"no run has an id starting {prefix!r}" if not found else
                             f"{len(found)} runs have ids starting {prefix!r}: give more of it")
        return found[0]

    def set_run_kind(self, prefix: str, kind: str, priority: str | None = None) -> Run:
        """The runner's word on what a run was (and, for a race, its priority): kept over any
        import that brings it again."""
        from .run_files import check_run

        run = self.runs_with_id(prefix)
        if kind == "travel":
            raise EntryError("kind", "a recorded run is not travel: one of easy, quality, long, race")
        if priority and kind != "race":
            raise EntryError("priority", "only a race has a priority")
        checked = check_run(run.date, kind, priority or (run.priority if kind == "race" else None))
        return self.store.set_run_kind(run, checked.kind, checked.priority)

    def set_run_pattern(self, on: bool) -> None:
        """Plan around the runner's usual key runs on days no run speaks for, or only around the
        runs entered."""
        self.store.set_run_pattern(on)

    def run_pattern_on(self) -> bool:
        return self.store.run_pattern_on()

    def assess(self, test: str, value: str | float, day: Date, side: str | None = None) -> Assessment:
        if test not in ASSESSMENT_TESTS:
            raise EntryError("test", f"{test!r} is not one of {', '.join(ASSESSMENT_TESTS)}")
        low, high = ASSESSMENT_TESTS[test]
        assessment = Assessment(new_id(), day.isoformat(), test,
                                parse_number(value, test, low, high), parse_side(side))
        self.store.add_assessment(assessment)
        return assessment
