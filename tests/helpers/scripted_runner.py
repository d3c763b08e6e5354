"""A runner who lives weeks of training day by day through the command line.

Each day: the check-in, then `journal today --json`, then every set it prescribes logged
with `journal log` exactly as prescribed, at the target RPE. Runs and races go in with
`journal run add`. What the coach said each day is kept for the test to judge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pendulum

from journal.core.clock import FixedClock

CHECK_IN_GOOD = ("--sleep", "8", "--sleep-quality", "4", "--soreness", "2", "--fatigue", "2",
                 "--stress", "2", "--mood", "4", "--motivation", "4")
# Readiness about 46 every day: this lifter's normal, not a bad day.
CHECK_IN_STEADY_46 = ("--sleep", "6", "--sleep-quality", "3", "--soreness", "3", "--fatigue", "3",
                      "--stress", "3", "--mood", "2", "--motivation", "2")


@dataclass
class Lived:
    days: list[dict] = field(default_factory=list)  # `today --json` for every day lived

    def sessions(self) -> list[dict]:
        return [d for d in self.days if d["session"]]

    def exercise_days(self, name: str) -> list[tuple[str, dict]]:
        return [(d["date"], p) for d in self.days for p in d["exercises"] if p["name"] == name]

    def loads(self, name: str, full_only: bool = True) -> list[tuple[str, float]]:
        """(date, kg) of every prescription of a lift, at full load unless asked otherwise."""
        return [(date, p["weight_kg"]) for date, p in self.exercise_days(name)
                if p["weight_kg"] and (not full_only or not p["adjusted"])]


def set_args(p: dict) -> list[list[str]]:
    """The `journal log` arguments for every set of one prescription, exactly as prescribed."""
    reps = p["reps"]
    first = int(str(reps).split("-")[0]) if reps is not None else None
    sides = ["L", "R"] if p["unilateral"] else [None]
    weight = p["weight"]
    load = f"{weight:g}{p['unit']}" if weight else "BW"  # what the lifter loads, in their own unit
    sets = []
    for _ in range(p["sets"]):
        for side in sides:
            args = [p["name"]]
            if first is not None:
                args += [f"{load}x{first}", "--rpe", "8"]
            else:  # a hold, or a carry with its load
                args += [f"{load}x{p['seconds']}s"] if weight else ["--seconds", str(p["seconds"])]
            if side:
                args += ["--side", side]
            sets.append(args)
    return sets


def live(cli, first: pendulum.Date, weeks: int, runs_of_week: Callable[[pendulum.Date], list[list[str]]],
         check_in: tuple[str, ...] = CHECK_IN_GOOD,
         lifts: Callable[[dict], bool] = lambda p: True) -> Lived:
    """Live `weeks` weeks from `first` (a Monday). The calendar runs two weeks ahead: each
    Monday the runs of the week after next go in, as a runner plans their key sessions."""
    lived = Lived()
    for week in range(weeks):
        monday = first.add(weeks=week)
        for ahead in ((0, 1, 2) if week == 0 else (2,)):
            for args in runs_of_week(monday.add(weeks=ahead)):
                result = cli("run", "add", *args)
                assert result.exit_code == 0, result.output
        for n in range(7):
            day = monday.add(days=n)
            cli.clock.at = FixedClock.at_local(f"{day.isoformat()}T06:30:00", cli.clock.tz).at
            result = cli("wellness", "--date", day.isoformat(), *check_in)
            assert result.exit_code == 0, result.output
            today = cli.json("today", "--date", day.isoformat())
            lived.days.append(today)
            for p in today["exercises"]:
                if not lifts(p):
                    continue
                for args in set_args(p):
                    result = cli("log", *args, "--date", day.isoformat())
                    assert result.exit_code == 0, (args, result.output)
    return lived


def tuesday_quality_saturday_long(monday: pendulum.Date) -> list[list[str]]:
    return [["--date", monday.add(days=1).isoformat(), "--kind", "quality", "--time", "07:00",
             "--title", "intervals"],
            ["--date", monday.add(days=5).isoformat(), "--kind", "long", "--time", "08:00", "--km", "18"]]

