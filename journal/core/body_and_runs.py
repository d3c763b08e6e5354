"""The lifter's body and runs, as the Journal records them: the daily check-in, runs and races,
and the readiness tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pendulum import Date

from .entry import MAX_NOTE, parse_text, parse_number, parse_scale, parse_side
from .errors import EntryError
from .model import ASSESSMENT_TESTS, Assessment, Run, Wellness
from .store import new_id

MAX_TRAVEL_DAYS = 366


class BodyAndRuns:
    """The Journal's check-ins, runs and tests."""

    def check_in(self, day: Date, *, sleep_h: str | float, sleep_quality: str | int,
                 soreness: str | int, fatigue: str | int, stress: str | int, mood: str | int,
                 motivation: str | int, resting_hr: str | int | None = None,
                 notes: str | None = None) -> Wellness:
        scales = dict(sleep_quality=sleep_quality, soreness=soreness, fatigue=fatigue,
                      stress=stress, mood=mood, motivation=motivation)
        wellness = Wellness(
            date=day.isoformat(),
            sleep_h=parse_number(sleep_h, "sleep", 0, 24),
            **{name: parse_scale(value, name.replace("_", "-")) for name, value in scales.items()},
            resting_hr=(int(parse_number(resting_hr, "resting-hr", 25, 220, whole=True))
                        if resting_hr not in (None, "") else None),
            notes=parse_text(notes, "notes", MAX_NOTE),
        )
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

    def import_runs(self, path: Path) -> tuple[list[Run], int]:
        """Runs from a CSV or .ics file, all or nothing; returns them and how many were new."""
        from .run_files import read_runs

        runs = read_runs(path)
        return runs, self.store.add_runs(runs)

    def assess(self, test: str, value: str | float, day: Date, side: str | None = None) -> Assessment:
        if test not in ASSESSMENT_TESTS:
            raise EntryError("test", f"{test!r} is not one of {', '.join(ASSESSMENT_TESTS)}")
        low, high = ASSESSMENT_TESTS[test]
        assessment = Assessment(new_id(), day.isoformat(), test,
                                parse_number(value, test, low, high), parse_side(side))
        self.store.add_assessment(assessment)
        return assessment
