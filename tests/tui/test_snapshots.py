"""Snapshots of every Today-screen state at a fixed size and a fixed clock."""

from __future__ import annotations

from .conftest import SIZE, keys, settle


def test_strength_day(app_factory, snap_compare):
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=keys("j"))


def test_strength_day_at_80x24(app_factory, snap_compare):
    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=keys("j"))


def test_mobility_day(app_factory, snap_compare):
    assert snap_compare(app_factory(when="2026-09-09T07:30:00"), terminal_size=SIZE, run_before=keys())


def test_rest_day(app_factory, snap_compare):
    assert snap_compare(app_factory(when="2026-09-08T07:30:00"), terminal_size=SIZE, run_before=keys())


def test_deload_week(app_factory, snap_compare):
    assert snap_compare(app_factory(when="2026-09-28T18:00:00"), terminal_size=SIZE, run_before=keys("j"))


def test_set_editor(app_factory, snap_compare):
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=keys("j", "e"))


def test_rest_timer_after_two_sets(app_factory, snap_compare):
    async def log_two_sets(pilot):
        await settle(pilot)  # the day is read on the journal's thread
        await pilot.press("j")
        for _ in range(2):
            await pilot.press("enter")
            await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=log_two_sets)


def test_wellness_check_in(app_factory, snap_compare):
    assert snap_compare(app_factory(check_in=True), terminal_size=SIZE, run_before=keys())


def test_plan_screen(app_factory, snap_compare):
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=keys("p"))
