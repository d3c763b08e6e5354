"""Runners who live 16 weeks through the command line, and what the coach did for them.

Each has a Tuesday 07:00 quality run and a Saturday 08:00 long run every week, checks in every
morning, asks `journal today` and logs every set it prescribes, at target RPE. The figures the
closing note reports come from here (`-s` prints them).
"""

from __future__ import annotations

from collections import Counter

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.model import FULL_LOAD_ADJUSTMENTS

from tests.conftest import Cli
from tests.helpers.scripted_runner import CHECK_IN_STEADY_46, Lived, live, tuesday_quality_saturday_long

START = pendulum.date(2026, 9, 7)
WEEKS = 16
KEY_RUN_DAYS = {1, 5}  # Tuesday and Saturday


def enrolled(tmp_path, program: str, units: str) -> Cli:
    cli = Cli(tmp_path / "journal.db", FixedClock.at_local("2026-09-06T18:00:00", "Europe/London"))
    result = cli("init", "--program", program, "--start", START.isoformat(), "--units", units)
    assert result.exit_code == 0, result.output
    return cli


def cycle_starts(cli: Cli, lift: str) -> list[float]:
    """The lift's target at the start of each microcycle, as `journal why` gives it."""
    return [cli.json("why", lift, "--date", START.add(weeks=week).isoformat())["target_weight_kg"]
            for week in range(0, WEEKS + 1, 4)]


def figures(cli: Cli, lived: Lived, lifts: tuple[str, ...]) -> dict:
    sessions = lived.sessions()
    adjusted = Counter()
    for d in sessions:
        for kind in ("moved here", "lighter variant", "trimmed", "readiness"):
            if any(kind in a for a in d["adjustments"]):
                adjusted[kind] += 1
    return {"sessions": len(sessions), "moved": adjusted["moved here"], "lighter": adjusted["lighter variant"],
            "trimmed": adjusted["readiness"], **{f"{lift} starts": cycle_starts(cli, lift) for lift in lifts}}


def assert_heavy_days_keep_their_distance(lived: Lived) -> None:
    heavy = [(pendulum.parse(d["date"]).date(), d) for d in lived.sessions()
             if any(p["heavy_lower"] for p in d["exercises"])]
    for day, d in heavy:
        full = [p for p in d["exercises"] if p["heavy_lower"] and (not p["adjusted"] or p["adjusted"].startswith(FULL_LOAD_ADJUSTMENTS))]
        if full:  # no full-load heavy day on a key-run day or on either of the two days before one
            assert day.weekday() not in KEY_RUN_DAYS, d["date"]
            assert (day.add(days=1).weekday() not in KEY_RUN_DAYS and day.add(days=2).weekday() not in KEY_RUN_DAYS), d["date"]
        for p in d["exercises"]:  # every lighter day names its reason
            if p["heavy_lower"] and p["adjusted"]:
                assert p["adjusted"].startswith(("lighter variant:", "taper", "trimmed", "deload")), p["adjusted"]
    for (a, _), (b, _) in zip(heavy, heavy[1:]):
        assert (b - a).days * 24 >= 48, (a, b)
    for d in lived.sessions():
        for note in d["adjustments"]:
            if "moved" in note:
                assert ":" in note  # every move says why


@pytest.mark.parametrize("program, units, lifts", [
    ("runner-beginner", "kg", ("Back squat", "Trap bar deadlift")),
    ("runner-experienced", "lb", ("Back squat", "Trap bar deadlift")),
])
def test_sixteen_weeks_of_key_runs_raise_the_main_lifts_every_microcycle(tmp_path, program, units, lifts):
    cli = enrolled(tmp_path, program, units)
    lived = live(cli, START, WEEKS, tuesday_quality_saturday_long)
    numbers = figures(cli, lived, lifts)
    print(f"\n{program} ({units}): {numbers}")
    for lift in lifts:
        starts = numbers[f"{lift} starts"]
        assert all(b > a for a, b in zip(starts, starts[1:])), (lift, starts)
    assert_heavy_days_keep_their_distance(lived)
    # Loading exactly what is prescribed, in kg or lb plates, is never judged as failing.
    judged = {p["why"].split("; ")[1].split(":")[0] for d in lived.days for p in d["exercises"] if "; " in p["why"]}
    failing = [(d["date"], p["name"], p["why"]) for d in lived.days for p in d["exercises"]
               if "hold:" in p["why"] or "reduce:" in p["why"]]
    assert failing == [], failing[:3]
    assert not any("brought forward" in a for d in lived.days for a in d["adjustments"])
    assert "progress" in judged
    why = cli.json("why", "back squat", "--date", START.add(weeks=WEEKS).isoformat())
    assert why["verdict"] == "progress"


def test_a_runner_steady_at_readiness_46_progresses_and_is_seldom_trimmed(tmp_path):
    cli = enrolled(tmp_path, "runner-beginner", "kg")
    lived = live(cli, START, WEEKS, tuesday_quality_saturday_long, check_in=CHECK_IN_STEADY_46)
    assert all(44 <= d["readiness"] <= 48 for d in lived.days)
    numbers = figures(cli, lived, ("Back squat", "Trap bar deadlift"))
    print(f"\nsteady at 46: {numbers}")
    lifting = [d for d in lived.sessions() if d["session"]["kind"] == "strength"]
    after_baseline = [d for d in lifting if d["date"] >= START.add(days=7).isoformat()]
    trimmed = [d for d in after_baseline if any(a.startswith("readiness ") for a in d["adjustments"])]  # not "readiness tests"
    assert len(trimmed) < len(after_baseline) / 4
    for lift in ("Back squat", "Trap bar deadlift"):
        starts = numbers[f"{lift} starts"]
        assert all(b > a for a, b in zip(starts, starts[1:])), (lift, starts)
    summary = cli("summary", "--week", "2026-W45")
    assert "steady around 46" in summary.stdout
