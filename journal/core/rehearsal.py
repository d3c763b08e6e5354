"""A rehearsal: a lifter who lives a calendar day by day through the coach's pure functions,
and the coach's promises checked over what it planned.

Fast enough to live hundreds of calendars: no database, only the engine the journal calls
(`engine.fold`, resumed each week from the checkpoint the week before left, as the journal
resumes from its stored ones). Each week the lifter checks in every morning, asks for the week's
plan and logs every set it prescribes at their RPE, except on the days the calendar says they
missed, travelled or failed reps. The tests draw calendars with hypothesis; `journal
check-program` draws them at random for a lifter's own program file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum
from pendulum import Date

import random

from . import engine
from .invariants import Coached, Violation, broken_promises
from .enrolment import new_enrolment
from .model import WEEKDAYS, Assessment, Enrolment, LoggedSet, PlannedDay, Prescription, Program, Run, Wellness
from .record import record

GOOD_NIGHT = dict(sleep_h=8.0, sleep_quality=4, soreness=2, fatigue=2, stress=2, mood=4, motivation=4)
POOR_NIGHT = dict(sleep_h=4.5, sleep_quality=1, soreness=4, fatigue=4, stress=4, mood=2, motivation=2)
PASSING_TESTS = {"knee_to_wall_cm": 12, "single_leg_balance_s": 40, "single_leg_calf_raises": 25,
                 "single_leg_squat_quality": 4}


@record
class Calendar:
    """A runner's weeks: the weekly key runs, the races, the trips and the bad days."""

    program: str = "runner-beginner"
    units: str = "kg"
    start: Date = pendulum.date(2026, 9, 7)  # a Monday
    weeks: int = 16
    key_runs: tuple[tuple[int, str, str], ...] = ((5, "long", "08:00"), (1, "quality", "07:00"))  # weekday, kind, time
    races: tuple[tuple[int, str, float], ...] = ()  # (day from the start, priority, km)
    travel: tuple[tuple[int, int], ...] = ()  # (first day from the start, days away)
    missed: frozenset[int] = frozenset()  # days the lifter does not go to the gym
    failed: frozenset[int] = frozenset()  # days the heavy leg work falls two reps short at RPE 10
    poor_nights: frozenset[int] = frozenset()
    tests_pass_week: int | None = 2  # the week the plyometric readiness tests pass (None: never)
    pain_weeks: frozenset[int] = frozenset()  # weeks that open with a pain flag of 4
    tz: str = "Europe/London"
    rpe: float | None = 8.0  # what the lifter logs with every set done (None: no RPE, as most do)

    def describe(self) -> str:
        """The calendar in a line, as `check-program` reports it."""
        runs = ", ".join(f"{kind} {WEEKDAYS[day].title()} {time}"
                         for day, kind, time in self.key_runs)
        races = ", ".join(f"{priority} race {km:g} km on {self.day(n).isoformat()}" for n, priority, km in self.races)
        trips = ", ".join(f"{days} days away from {self.day(n).isoformat()}" for n, days in self.travel)
        return "; ".join(x for x in (f"{self.units}, {self.weeks} weeks from {self.start.isoformat()}", runs, races,
                                     trips, self.tz) if x)

    def day(self, n: int) -> Date:
        return self.start.add(days=n)

    def away(self, n: int) -> bool:
        return any(first <= n < first + days for first, days in self.travel)

    def runs(self) -> tuple[Run, ...]:
        runs: list[Run] = []
        race_days = {n for n, _, _ in self.races}
        for n in range(-7, self.weeks * 7 + 21):
            day = self.day(n)
            if self.away(n):
                runs.append(Run(f"travel-{n}", day.isoformat(), "travel", title="away"))
                continue
            for number, (priority, km) in enumerate((p, k) for m, p, k in self.races if m == n):
                runs.append(Run(f"race-{n}-{number}", day.isoformat(), "race", priority, km=km, time="09:00",
                                title=f"{km:g} km"))
            if n in race_days:
                continue
            for weekday, kind, time in self.key_runs:
                if day.weekday() == weekday:
                    runs.append(Run(f"{kind}-{n}", day.isoformat(), kind, time=time,
                                    km=18.0 if kind == "long" else 10.0))
        return tuple(runs)

    def wellness(self) -> tuple[Wellness, ...]:
        return tuple(Wellness(self.day(n).isoformat(), **(POOR_NIGHT if n in self.poor_nights else GOOD_NIGHT))
                     for n in range(-28, self.weeks * 7))

    def assessments(self) -> tuple[Assessment, ...]:
        found: list[Assessment] = []
        if self.tests_pass_week is not None:
            day = self.day(self.tests_pass_week * 7).isoformat()
            for test, value in PASSING_TESTS.items():
                found += [Assessment(f"{test}-{side}", day, test, value, side) for side in ("L", "R")]
        for week in sorted(self.pain_weeks):
            found.append(Assessment(f"pain-{week}", self.day(week * 7).isoformat(), "pain", 4))
            found.append(Assessment(f"no-pain-{week}", self.day(week * 7 + 7).isoformat(), "pain", 0))
        return tuple(found)


@dataclass
class Lived:
    """What the coach planned for every day lived, and what the lifter did."""

    calendar: Calendar
    program: Program
    enrolment: Enrolment
    days: list[PlannedDay] = field(default_factory=list)
    sets: list[LoggedSet] = field(default_factory=list)

    def history(self) -> engine.History:
        c = self.calendar
        return engine.History(c.wellness(), c.assessments(), tuple(self.sets), c.runs(), c.tz)

    def broken_promises(self) -> list[Violation]:
        return broken_promises(Coached(self.program, self.enrolment, tuple(self.days), self.history()))


def logged_as_prescribed(p: Prescription, day: Date, session: str, failed: bool, first_index: int,
                         rpe: float | None) -> list[LoggedSet]:
    """Every working set of one prescription, as prescribed at `rpe` (two reps short at RPE 10
    on a failed day's heavy leg work)."""
    reps = p.target_reps
    fall_short = failed and p.heavy_lower and reps is not None
    sides = ("L", "R") if p.unilateral else (None,)
    sets = []
    for n in range(p.sets):
        for side in sides:
            done = max(1, reps - 2) if fall_short else reps
            sets.append(LoggedSet(
                f"{session}-{p.name}-{n}-{side}", p.name, first_index + len(sets) + 1,
                "failure" if fall_short else "working", p.weight_kg, p.weight, p.unit, done,
                p.seconds if reps is None else None, side, p.tempo, 10.0 if fall_short else rpe, p.rest_s,
                None, f"{day.isoformat()}T17:00:00Z", "UTC", day.isoformat(), session))
    return sets


def live(calendar: Calendar) -> Lived:
    """Every day of the calendar planned and lived, in order."""
    enrolled, _ = new_enrolment(calendar.program, calendar.start, calendar.units)
    lived = Lived(calendar, enrolled.program, enrolled.enrolment)
    resume = None
    for week in range(calendar.weeks):
        monday = calendar.start.add(weeks=week)
        fold = engine.fold(lived.program, lived.enrolment, monday, monday.add(days=6), lived.history(), resume)
        resume = fold.checkpoints[-1]
        assert resume.monday == monday, (resume.monday, monday)
        for n, plan in enumerate(fold.days):
            offset, day = week * 7 + n, monday.add(days=n)
            if any(a.startswith("back after") for a in plan.adjustments):
                # As the journal plans it that morning: knowing the week's sets so far.
                plan = engine.fold(lived.program, lived.enrolment, day, day, lived.history(), resume).days[0]
            lived.days.append(plan)
            if not plan.session or offset in calendar.missed or calendar.away(offset):
                continue
            session = f"s{offset}"
            for p in plan.exercises:
                lived.sets += logged_as_prescribed(p, day, session, offset in calendar.failed,
                                                   len(lived.sets), calendar.rpe)
    return lived


RACE_KM = (10.0, 21.1, 30.0, 42.2)
TIME_ZONES = ("Europe/London", "America/New_York", "Australia/Sydney")


def random_calendar(rng: random.Random, program: str, weeks: int = 52, units: str | None = None) -> Calendar:
    """A runner's year as it might be: a long run on any day and hour, one or two quality runs, B
    and A races from 10 km to the marathon, a trip, missed sessions, failed reps, poor nights, a
    pain flag, readiness tests that pass some day or never."""
    days = weeks * 7

    def time() -> str:
        return f"{rng.randint(5, 20):02d}:{rng.choice((0, 30)):02d}"

    long_day = rng.randrange(7)
    quality = rng.sample([d for d in range(7) if d != long_day], rng.randint(1, 2))
    race_days = rng.sample(range(10, days), rng.randint(0, max(0, weeks // 8)))
    poor_from = rng.randrange(days)
    return Calendar(
        program=program, units=units or rng.choice(("kg", "lb")), weeks=weeks,
        key_runs=((long_day, "long", time()), *((d, "quality", time()) for d in quality)),
        races=tuple((d, rng.choice("AB"), rng.choice(RACE_KM)) for d in race_days),
        travel=tuple((rng.randrange(7, days - 3), rng.randint(3, 21)) for _ in range(rng.randint(0, 2))),
        missed=frozenset(rng.sample(range(days), rng.randint(0, days // 20))),
        failed=frozenset(rng.sample(range(days), rng.randint(0, days // 30))),
        poor_nights=frozenset(range(poor_from, poor_from + rng.randint(0, 6))),
        tests_pass_week=rng.choice((None, rng.randint(0, weeks // 2))),
        pain_weeks=frozenset(rng.sample(range(weeks), rng.randint(0, 1))),
        tz=rng.choice(TIME_ZONES), rpe=rng.choice((None, 7.0, 8.0, 9.0)))


def rehearse(program: str, calendars: int, weeks: int = 52, seed: int = 1) -> list[tuple[Calendar, list[Violation]]]:
    """`calendars` random calendars of `weeks` weeks lived on a program (a name or a file), and the
    promises each broke."""
    rng = random.Random(seed)
    found = []
    for _ in range(calendars):
        calendar = random_calendar(rng, program, weeks)
        found.append((calendar, live(calendar).broken_promises()))
    return found
