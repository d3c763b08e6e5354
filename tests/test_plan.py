"""The plan for each day of both shipped programs, and what changes it."""

from __future__ import annotations

import pendulum
import pytest

from journal.core import engine
from journal.core.model import Run, Assessment, Enrolment, Wellness
from journal.core.program import load_shipped
from journal.core.loads import round_to_step

START = pendulum.date(2026, 9, 7)

WEEK = {
    "runner-beginner": {
        0: ("Lower A: squat and lunge", "strength"), 1: None,
        2: ("Mobility: hips, ankles, thoracic", "mobility"), 3: ("Lower B: hinge and step", "strength"),
        4: None, 5: ("Stability: core and balance", "stability"), 6: None,
    },
    "runner-experienced": {
        0: ("Lower A: heavy squat", "strength"), 1: ("Mobility: hips, ankles, thoracic", "mobility"),
        2: ("Lower B: heavy hinge", "strength"), 3: None,
        4: ("Lower C: light and single-leg", "strength"),
        5: ("Stability: anti-rotation and balance", "stability"), 6: None,
    },
}


def plan(name, day, enrolment=None, history=engine.History()):
    program = load_shipped(name)
    enrolment = enrolment or Enrolment(name, START.isoformat())
    return engine.plan_day(program, enrolment, day, history)


@pytest.mark.parametrize("name", sorted(WEEK))
@pytest.mark.parametrize("offset", range(7))
def test_each_weekday(name, offset):
    day = plan(name, START.add(days=offset))
    assert day.session == WEEK[name][offset]
    assert day.block.name == "Base strength" and day.block.week == 1 and day.block.phase == "build"
    if day.session:
        assert day.exercises
        for p in day.exercises:
            assert p.why.startswith("week 1 of base strength, build week; ")
            assert p.sets >= 1 and (p.reps or p.seconds)
            if p.load in ("kg", "percent_e1rm", "rpe"):
                assert p.weight_kg is not None and p.weight_kg > 0
    else:
        assert day.exercises == ()


LOADED = Enrolment("runner-beginner", START.isoformat(), loads={"Back squat": 40.0})  # above the empty bar


def test_fourth_week_is_a_deload_with_fewer_sets_and_less_load_than_the_week_before():
    build = plan("runner-beginner", START.add(weeks=2), LOADED)  # the ramp's last week: 40 + 2 × 2.5
    deload = plan("runner-beginner", START.add(weeks=3), LOADED)
    assert deload.block.phase == "deload" and deload.block.week == 4
    squat_build = next(p for p in build.exercises if p.name == "Back squat")
    squat_deload = next(p for p in deload.exercises if p.name == "Back squat")
    assert squat_build.weight_kg == 45
    assert squat_deload.sets < squat_build.sets
    # The cut is from the week before, and the explanation names the cut it really is.
    assert squat_deload.weight_kg == 40
    assert "−11.1%: 45 → 40 kg" in squat_deload.why


def test_blocks_follow_base_then_power_and_plyometrics_wait_for_the_gates():
    power = plan("runner-beginner", START.add(weeks=8))
    assert power.block.name == "Power" and power.block.week == 1
    # Jumping is plyometric work whatever its pillar: no jump squats while the gates fail.
    assert "Jump squat" not in [p.name for p in power.exercises]
    assert any("plyometrics locked" in a for a in power.adjustments)
    tested = tuple(
        Assessment(f"{t}{s}", "2026-10-30", t, v, s)
        for t, v in (("knee_to_wall_cm", 12), ("single_leg_balance_s", 40), ("single_leg_calf_raises", 25),
                     ("single_leg_squat_quality", 4))
        for s in ("L", "R"))
    ready = plan("runner-beginner", START.add(weeks=8), history=engine.History(assessments=tested))
    assert "Jump squat" in [p.name for p in ready.exercises]
    in_pain = tested + (Assessment("pain", "2026-10-31", "pain", 4, None),)
    hurting = plan("runner-beginner", START.add(weeks=8), history=engine.History(assessments=in_pain))
    assert "Jump squat" not in [p.name for p in hurting.exercises]
    long_run = Run("long", "2026-11-03", "long", minutes=100, km=20, time="08:00")  # the next morning
    before_a_long_run = plan("runner-beginner", START.add(weeks=8),
                             history=engine.History(assessments=tested, runs=(long_run,)))
    assert "Jump squat" not in [p.name for p in before_a_long_run.exercises]
    locked = plan("runner-beginner", START.add(weeks=16))
    assert locked.block.kind == "power"
    assert any("plyometrics locked" in a for a in locked.adjustments)
    passed = tuple(
        Assessment(f"{t}{s}", "2026-12-01", t, v, s)
        for t, v in (("knee_to_wall_cm", 12), ("single_leg_balance_s", 40), ("single_leg_calf_raises", 25),
                     ("single_leg_squat_quality", 4))
        for s in ("L", "R")
    )
    unlocked = plan("runner-beginner", START.add(weeks=16), history=engine.History(assessments=passed))
    assert unlocked.block.kind == "plyometric"


def test_emphasis_adds_its_slots():
    plain = plan("runner-beginner", START)
    pronation = plan("runner-beginner", START, Enrolment("runner-beginner", START.isoformat(), emphasis="overpronation"))
    added = {p.name for p in pronation.exercises} - {p.name for p in plain.exercises}
    assert added == {"Tibialis raise"}


def test_start_loads_from_bodyweight_and_overrides():
    program = load_shipped("runner-beginner")
    loads = engine.starting_loads(program, 80.0, {"Back squat": 50.0})
    assert loads["Back squat"] == 50.0
    assert loads["Trap bar deadlift"] == 62.5  # 0.8 x 80 = 64, rounded down to the plate step
    assert loads["Step-up"] == 12.0


def test_low_readiness_trims_todays_strength_session():
    poor = Wellness("2026-09-07", sleep_h=6, sleep_quality=2, soreness=4, fatigue=4, stress=3, mood=3, motivation=2)
    day = plan("runner-beginner", START, LOADED, history=engine.History(wellness=(poor,)))
    normal = plan("runner-beginner", START, LOADED)
    assert day.readiness is not None and 25 < day.readiness < 50
    squat = next(p for p in day.exercises if p.name == "Back squat")
    assert squat.sets == 2 and squat.weight_kg < next(p for p in normal.exercises if p.name == "Back squat").weight_kg
    assert squat.adjusted == "trimmed for low readiness"
    assert day.adjustments and "readiness" in day.adjustments[0]


def test_very_low_readiness_swaps_strength_for_mobility():
    awful = Wellness("2026-09-07", sleep_h=4, sleep_quality=1, soreness=5, fatigue=5, stress=4, mood=2, motivation=1)
    day = plan("runner-beginner", START, history=engine.History(wellness=(awful,)))
    assert day.readiness < 25
    assert day.session == ("Mobility: hips, ankles, thoracic (in place of Lower A: squat and lunge)", "mobility")
    assert all(p.pillar == "mobility" and not p.weight_kg for p in day.exercises)
    assert "very low" in day.adjustments[0]


def test_before_the_start_there_is_no_session():
    day = plan("runner-beginner", START.subtract(days=7))
    assert day.session is None and "starts on 2026-09-07" in day.adjustments[-1]


@pytest.mark.parametrize("kg, step, down, expected", [(21.3, 2.5, False, 22.5), (21.2, 2.5, False, 20.0),
                                                     (24.9, 2.5, True, 22.5), (-3, 2.5, False, 0.0)])
def test_rounding_to_plates(kg, step, down, expected):
    assert round_to_step(kg, step, down) == expected
