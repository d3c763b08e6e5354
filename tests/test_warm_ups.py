"""Warm-ups: the session's first heavy barbell lift starts from the bar and ramps to its load."""

from __future__ import annotations

import pytest

from journal.core import engine
from journal.core.entry import SetInput
from journal.core.model import Enrolment, default_equipment
from journal.core.program import parse_program, shipped_programs
from journal.core.loads import loadable

from tests.conftest import START

BEGINNER_TOML = shipped_programs()["runner-beginner"]
BEGINNER = parse_program(BEGINNER_TOML)
WEEK_2 = START.add(weeks=1)  # Monday: Lower A; Thursday: Lower B


def heavy_day(units="kg", loads=None, program=BEGINNER, day=WEEK_2):
    enrolment = Enrolment(program.name, START.isoformat(), units=units, loads=loads or {"Back squat": 60.0})
    return engine.plan_day(program, enrolment, day)


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_the_first_heavy_barbell_lift_ramps_from_the_bar_with_loads_you_can_make(units):
    day = heavy_day(units, {"Back squat": 60.0})
    squat = next(p for p in day.exercises if p.name == "Back squat")
    gear = default_equipment(units)
    loads = [w.weight_kg for w in squat.warmups]
    assert loads[0] == pytest.approx(gear.bar_kg) and len(loads) >= 3
    assert loads == sorted(set(loads)) and loads[-1] < squat.weight_kg
    slot = BEGINNER.exercises()["Back squat"]
    for kg in loads:  # each one a load the lifter's bar and plate pairs make
        assert loadable(kg, slot, BEGINNER.rules, gear) == pytest.approx(kg)
    assert [w.reps for w in squat.warmups][0] == 10 and all(p.warmups == () for p in day.exercises if p is not squat)


def test_no_warm_ups_at_the_empty_bar_or_where_the_program_turns_them_off():
    at_bar = next(p for p in heavy_day(loads={"Back squat": 20.0}, day=START).exercises if p.name == "Back squat")
    assert at_bar.warmups == ()
    toml = BEGINNER_TOML.replace('exercise = "Back squat"', 'exercise = "Back squat"\nwarmup = false', 1)
    off = next(p for p in heavy_day(program=parse_program(toml)).exercises if p.name == "Back squat")
    assert off.weight_kg > 20 and off.warmups == ()


def test_warm_ups_are_logged_as_such_and_never_count_as_work(journal):
    squat = next(p for p in journal.plan(START).exercises if p.name == "Back squat")
    journal.log_set("Back squat", START, SetInput.at_load(20.0, "kg", reps=10, set_type="warmup"))
    for _ in range(squat.sets):
        journal.log_prescribed(squat, START)
    week = journal.summary(START)
    assert (week.sets.warmup, week.sets.working) == (1, 3)
    assert week.volume.by_exercise["Back squat"] == squat.weight_kg * 5 * 3
    assert engine.warm_ups_left(squat, journal.sets_on(START)) == ()


def test_a_check_of_the_program_accepts_the_warmup_key_and_refuses_a_wrong_value():
    from journal.core.program import ProgramError

    parse_program(BEGINNER_TOML.replace('exercise = "Back squat"', 'exercise = "Back squat"\nwarmup = true', 1))
    with pytest.raises(ProgramError, match="warmup"):
        parse_program(BEGINNER_TOML.replace('exercise = "Back squat"', 'exercise = "Back squat"\nwarmup = 3', 1))
