"""Snapshots of the screens a lifter meets, at 80×24, 100×30 and 120×36, with a fixed clock:
a strength day with warm-ups, a hold being timed, the end of a session, the first-run setup,
an exercise's history and the weekly summary."""

from __future__ import annotations

import pytest

from journal.core.clock import FixedClock
from journal.core.engine import next_set, planned_set_count
from journal.core.entry import parse_set_input
from journal.tui.app import make_app
from .conftest import START, TZ, press_each, settle
from .test_summary_screen import SUNDAY, two_weeks
from .test_today_keys import squat_day_with_warm_ups

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30"),
         pytest.param((120, 36), id="120x36")]
LAST = "Standing calf raise"  # the set left for the screen to log in the session-complete snapshot


def move_to(exercise: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        names = [p.name for p in pilot.app.screen.planned.exercises]
        await press_each(pilot, *["j"] * names.index(exercise))
    return run_before


def then(first, *pressed: str):
    async def run_before(pilot) -> None:
        await first(pilot)
        await press_each(pilot, *pressed)
    return run_before


def all_but_one_set(journal):
    """Monday's session done as prescribed, but for the last set of one exercise."""
    for p in journal.plan(START).exercises:
        total = planned_set_count(p) - (p.name == LAST)
        for done in range(total):
            journal.log_prescribed(p, START, next_set(p, done).side)


def squat_sessions(journal):
    for week, (kg, reps) in enumerate([(20, 5), (22.5, 5), (25, 5), (25, 6), (27.5, 5)]):
        for _ in range(3):
            journal.log_set("Back squat", START.add(weeks=week), parse_set_input(f"{kg}x{reps}", journal.units(), rpe="8"))


@pytest.mark.parametrize("size", SIZES)
def test_strength_day_with_warm_ups_after_one_enter(tmp_path, snap_compare, size):
    assert snap_compare(squat_day_with_warm_ups(tmp_path), terminal_size=size,
                        run_before=then(move_to("Back squat"), "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_a_hold_being_timed(app_factory, snap_compare, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=then(move_to("Plank"), "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_session_complete(app_factory, snap_compare, size):
    assert snap_compare(app_factory(setup=all_but_one_set), terminal_size=size,
                        run_before=then(move_to(LAST), "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_first_run_setup(tmp_path, snap_compare, size):
    app = make_app(tmp_path / "new.db", FixedClock.at_local("2026-09-06T18:00:00", TZ), check_in=False)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_history(app_factory, snap_compare, size):
    app = app_factory(when="2026-10-12T18:00:00", setup=squat_sessions)
    assert snap_compare(app, terminal_size=size, run_before=then(move_to("Back squat"), "h"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(app_factory, snap_compare, size):
    assert snap_compare(app_factory(when=SUNDAY, setup=two_weeks), terminal_size=size,
                        run_before=then(settle, "S"))
