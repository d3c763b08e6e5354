"""A realistic journal built through the core functions: for the demo and for benchmarks.

Not imported by the app itself; `journal --demo` and the benchmarks import it
when they need it. Everything is seeded, so the same call gives the same journal:
three gym days and four runs a week, a daily check-in, readiness tests every
eight weeks (plyometrics unlock after a few months), a B race every ten weeks
and an A race each spring and autumn, with the deloads and tapers they bring.

    python -m journal.devtools.history journal.db --years 10
"""

from __future__ import annotations

import random
from pathlib import Path

from pendulum import Date

from ..core.clock import Clock, FixedClock, iso_date, today
from ..core.engine import monday_of, next_set
from ..core.entry import SetInput, parse_check_in
from ..core.journal import Journal
from ..core.model import PlannedDay, Run
from ..core.store import new_id

BODYWEIGHT_KG = 68.0
RUN_WEEK = {  # weekday -> (kind, minutes, km, rpe, time): a runner's ordinary week, with
    # the quality run on Wednesday evening, 49 h after Monday's legs (the spacing rule's 48 h)
    1: ("easy", 40, 7.0, 4, "07:00"),
    2: ("quality", 55, 10.0, 8, "19:00"),
    4: ("easy", 35, 6.0, 4, "07:00"),
    6: ("long", 95, 18.0, 6, "08:00"),
}


def build_history(journal: Journal, first: Date, last: Date, seed: int = 7,
                  program: str = "runner-beginner") -> None:
    """Enrol on `first` and live every day up to `last` (inclusive) in one transaction."""
    rng = random.Random(seed)
    clock = journal.store.clock
    assert isinstance(clock, FixedClock), "history is written with a clock it can move"
    with journal.store.write():
        clock.at = clock.at.set(year=first.year, month=first.month, day=first.day)
        journal.enrol(program, first, bodyweight_kg=BODYWEIGHT_KG)
        strongest: dict[str, float] = {}
        week = first
        _plan_runs(journal, week, first, rng)
        while week <= last:  # a week at a time: check-ins, then the week's plan, then lifting
            days = [week.add(days=n) for n in range(7) if week.add(days=n) <= last]
            _tests(journal, clock, week, first, rng)
            _plan_runs(journal, week.add(days=7), first, rng)  # the calendar runs a week ahead
            for day in days:
                _check_in(journal, clock, day, rng)
            for planned in journal.plan_days(days[0], days[-1]):
                _lift(journal, clock, planned, rng, strongest)
            week = week.add(days=7)


def _tests(journal: Journal, clock: FixedClock, day: Date, first: Date, rng: random.Random) -> None:
    """On a Monday, now and then: the readiness tests."""
    weeks = (day - first).days // 7
    if weeks % 8 == 0:
        clock.at = clock.at.set(year=day.year, month=day.month, day=day.day, hour=7, minute=0)
        progress = min(weeks / 20, 1.0)  # mobility and stability improve over the first months
        for test, poor, good in (("knee_to_wall_cm", 7, 12), ("single_leg_balance_s", 15, 40),
                                 ("single_leg_calf_raises", 12, 25), ("single_leg_squat_quality", 2, 4)):
            for side in ("L", "R"):
                value = round(poor + (good - poor) * progress + rng.uniform(-1, 1))
                journal.assess(test, value, day, side)
        journal.assess("pain", 0 if progress == 1.0 else 1, day)


def _plan_runs(journal: Journal, monday: Date, first: Date, rng: random.Random) -> None:
    """A week's runs in the calendar, planned before the week starts: this season's races, and
    the ordinary week around them (no long run on a race weekend)."""
    weeks = (monday - first).days // 7
    sunday = monday.add(days=6)
    races = []
    if weeks % 10 == 5:
        races.append(Run(new_id(), sunday.isoformat(), "race", "B", 45, 10.0, 9, "Parkrun series 10k", "09:00"))
    if (sunday.month, (sunday.day - 1) // 7) in ((4, 1), (10, 1)):  # the second Sunday of April and October
        races.append(Run(new_id(), sunday.isoformat(), "race", "A", 200, 42.2, 9, "City marathon", "09:00"))
    runs = [Run(new_id(), monday.add(days=weekday).isoformat(), kind, None, minutes + rng.randint(-5, 5),
                round(km * rng.uniform(0.9, 1.1), 1), rpe, time=time)
            for weekday, (kind, minutes, km, rpe, time) in RUN_WEEK.items() if not (races and kind == "long")]
    journal.store.add_runs(races + runs)


def _check_in(journal: Journal, clock: FixedClock, day: Date, rng: random.Random) -> None:
    clock.at = clock.at.set(year=day.year, month=day.month, day=day.day, hour=7, minute=5)
    tired = rng.random() < 0.12
    journal.check_in(parse_check_in(
        day, sleep_h=round(rng.uniform(5.5, 7.0) if tired else rng.uniform(6.8, 8.8), 1),
        sleep_quality=rng.randint(2, 3) if tired else rng.randint(3, 5),
        soreness=rng.randint(3, 4) if tired else rng.randint(1, 3),
        fatigue=rng.randint(3, 5) if tired else rng.randint(1, 3),
        stress=rng.randint(1, 4), mood=rng.randint(3, 5),
        motivation=rng.randint(2, 3) if tired else rng.randint(3, 5),
        resting_hr=rng.randint(46, 56),
    ))


def _lift(journal: Journal, clock: FixedClock, planned: PlannedDay, rng: random.Random,
          strongest: dict[str, float]) -> None:
    """Do the day's session as planned, a rep short now and then, and short at RPE 10 above the
    most this lifter will ever move (`strongest`: four times the first load, legs to 1.7x bodyweight)."""
    if planned.session is None or rng.random() < 0.07:  # now and then life gets in the way
        return
    day = iso_date(planned.date)
    clock.at = clock.at.set(year=day.year, month=day.month, day=day.day, hour=18, minute=0)
    for p in planned.exercises:
        done = 0
        while (upcoming := next_set(p, done)) is not None:
            clock.advance((p.rest_s or 20) + 40)
            if p.weight_kg:
                strongest.setdefault(p.name, min(p.weight_kg * 4, BODYWEIGHT_KG * 1.7))
            if p.weight_kg and p.weight_kg > strongest[p.name]:
                short = (dict(reps=max(p.target_reps - 2, 1)) if p.reps is not None
                         else dict(seconds=int((p.seconds or 30) * 0.6)))
                journal.log_set(p.name, day, SetInput.at_load(p.weight_kg, p.unit, side=upcoming.side, tempo=p.tempo,
                                                              rpe=10, **short), rest_s=p.rest_s)
            elif p.reps is not None and p.weight_kg and rng.random() < 0.02:
                # a tough set: a rep short, logged as it happened
                journal.log_set(p.name, day, SetInput.at_load(p.weight_kg, p.unit, reps=max(p.target_reps - 1, 1),
                                                              side=upcoming.side, tempo=p.tempo, rpe=9.5),
                                rest_s=p.rest_s)
            else:
                journal.log_prescribed(p, day, side=upcoming.side)
            done += 1


def build_demo(path: str | Path, clock: Clock, weeks: int = 12) -> Date:
    """A journal `weeks` into one program: lived every day until yesterday, checked in this
    morning, today's session still to do (12 weeks for the demo, 522 for ten years). Returns
    the day to open it on: today, or on a rest day the next session's, so that the demo shows
    a session to log."""
    day = today(clock)
    first = monday_of(day).subtract(weeks=weeks)
    writer = FixedClock(clock.now(), clock.tz)
    journal = Journal.open(path, writer)
    try:
        build_history(journal, first, day.subtract(days=1))
        writer.at = clock.now()
        journal.check_in(parse_check_in(day, sleep_h=7.5, sleep_quality=4, soreness=2, fatigue=2, stress=2,
                         mood=4, motivation=4, resting_hr=50))
        upcoming = None if journal.plan(day).session else journal.next_session(day)
        return iso_date(upcoming.date) if upcoming else day
    finally:
        journal.close()


if __name__ == "__main__":
    import argparse
    import time

    from ..core.clock import SystemClock

    parser = argparse.ArgumentParser(description="Write a realistic journal of N years.")
    parser.add_argument("db", type=Path)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--tz", default="Europe/London")
    arguments = parser.parse_args()
    if arguments.db.exists():
        parser.error(f"{arguments.db} exists; choose a new file")
    started = time.perf_counter()
    build_demo(arguments.db, SystemClock(arguments.tz), round(arguments.years * 52.18))
    print(f"{arguments.db}: {arguments.years:g} years in {time.perf_counter() - started:.1f} s")
