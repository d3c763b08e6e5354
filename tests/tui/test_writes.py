"""Writes from the Today screen: every key typed lands, a slip is asked about, and a busy
journal file makes the screen wait visibly or fail with a notification, never crash or freeze."""

from __future__ import annotations

import asyncio
import sqlite3

from textual import events

from .conftest import SIZE, press_each, rows, send_burst, settle
from .conftest import open_on
from .test_today_keys import squat_day_with_warm_ups


async def type_at_once(app, keys: list[tuple[str, str | None]]) -> None:
    """Keys as a terminal delivers a fast typist's burst: all queued before any is handled."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_keys_typed_in_a_burst_after_e_all_land_in_the_weight(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await type_at_once(app, [("e", "e"), ("backspace", None), ("backspace", None), ("2", "2"), ("5", "5")])
        await settle(pilot)
        assert app.screen.query_one("#field-weight").value == "25"
        await pilot.press("enter", "enter", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert rows(app, "select weight_kg, reps from sets") == [(25.0, 5)]


async def test_a_digit_burst_opens_the_editor_with_every_digit(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await type_at_once(app, [("6", "6"), ("2", "2"), ("full_stop", "."), ("5", "5")])
        await settle(pilot)
        assert app.screen.query_one("#field-weight").value == "62.5"


async def test_a_cleared_weight_on_a_loaded_lift_asks_before_logging_bodyweight(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:

        async def save_with_no_weight() -> None:
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#field-weight").value = ""
            await pilot.press("ctrl+s")
            await settle(pilot)

        await open_on(app, pilot, "Back squat")
        await save_with_no_weight()
        assert "bodyweight" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        await settle(pilot)
        assert rows(app, "select count(*) from sets") == [(0,)]
        await save_with_no_weight()
        await pilot.press("y")
        await settle(pilot)
        assert rows(app, "select exercise, weight_kg, reps from sets") == [("Back squat", None, 5)]


def hold_the_write_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


async def test_a_busy_file_shows_waiting_then_logs_when_it_is_free(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        other = hold_the_write_lock(app.db_path)
        await pilot.press("enter")
        await asyncio.sleep(0.6)
        await pilot.pause()
        assert app.screen.query_one("#saving").display  # the screen is painting, and says why
        await pilot.press("j")  # and still takes keys
        other.execute("COMMIT")
        other.close()
        await settle(pilot)
        assert not app.screen.query_one("#saving").display
        assert rows(app, "select exercise, set_index from sets") == [("Back squat", 1)]


async def test_enters_pressed_while_the_file_is_busy_log_the_next_warm_ups_in_order(tmp_path):
    app = squat_day_with_warm_ups(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        other = hold_the_write_lock(app.db_path)
        await pilot.press("enter", "enter", "enter")  # the second and third wait for the first
        await asyncio.sleep(0.3)
        other.execute("COMMIT")
        other.close()
        await settle(pilot)
    assert rows(app, "select set_type, weight_kg, reps from sets order by rowid") == [
        ("warmup", 20.0, 10), ("warmup", 30.0, 5), ("warmup", 42.5, 3)]


async def test_skip_undo_and_note_on_a_locked_file_fail_with_a_notification(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("enter")
        await settle(pilot)
        # Give up fast, as after 15 s (on the journal's own thread: its connection is not shared).
        await app.journal.run(lambda journal: journal.store.conn.execute("PRAGMA busy_timeout = 100"))
        other = hold_the_write_lock(app.db_path)
        try:
            await press_each(pilot, "s", "u", "y", "n")
            await pilot.press(*"sore", "enter")
            await settle(pilot)
        finally:
            other.execute("ROLLBACK")
            other.close()
        titles = [n.title for n in app._notifications]
        assert titles.count("Not skipped") == 1 and "Not undone" in titles and "Note not saved" in titles
        assert rows(app, "select set_type, notes from sets") == [("working", None)]
        assert app.is_running


async def test_g_edits_the_equipment_and_the_plan_follows_it(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("g")
        await settle(pilot)
        plates = app.screen.query_one("#field-plates")
        assert plates.value == "25,20,15,10,5,2.5,1.25"
        plates.value = "20,10,5,2.5"
        bells = app.screen.query_one("#field-kettlebells")
        bells.value = "12,16,24"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (value,) = rows(app, "select value from settings where key = 'equipment'")[0]
        assert '"kettlebells_kg": [12.0, 16.0, 24.0]' in value and '"plates_kg": [20.0, 10.0, 5.0, 2.5]' in value
        squat = app.screen.focused_exercise()
        assert squat.name == "Back squat" and squat.plates == "empty bar"


def in_pounds(journal) -> None:
    journal.set_units("lb")


async def test_e_then_digits_replace_the_weight_in_lb_rather_than_append(app_factory):
    app = app_factory(setup=in_pounds)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        planned = screen.focused_exercise().weight
        await pilot.press("e", "2", "5")
        await settle(pilot)
        assert app.screen.query_one("#field-weight").value == "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert planned < 50  # 25 lb is within half again the plan: logged without a question
        assert rows(app, "select weight, unit from sets where exercise = 'Back squat' and set_type = 'working'") \
            == [(25.0, "lb")]


async def test_a_load_half_again_above_the_plan_asks_first_and_no_writes_nothing(app_factory):
    app = app_factory(setup=in_pounds)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("e", "2", "0", "2", "5", "ctrl+s")
        await settle(pilot)
        assert "more than half again" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        await settle(pilot)
        assert rows(app, "select count(*) from sets") == [(0,)]


async def test_a_digit_on_a_bodyweight_exercise_fills_its_reps(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Glute bridge")
        await pilot.press("1", "2")
        await settle(pilot)
        assert app.screen.query_one("#field-reps").value == "12"
        assert app.screen.query_one("#field-weight").value == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(app, "select weight_kg, reps from sets where exercise = 'Glute bridge'") == [(None, 12)]


async def test_the_rest_timer_stops_on_a_skip_and_on_undoing_the_set_it_followed(app_factory):
    from journal.tui.widgets.rest_timer import RestTimer

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        timer = app.screen.query_one(RestTimer)
        await press_each(pilot, "enter")
        assert timer.ends_at is not None  # resting after set 1
        await press_each(pilot, "s")
        assert timer.ends_at is None and timer.label_text == "rest"  # skipped set 2: no old rest counting
        await press_each(pilot, "enter")
        assert timer.ends_at is not None
        await press_each(pilot, "u", "y")
        assert timer.ends_at is None  # the set it followed is gone
        assert rows(app, "select set_type from sets order by set_index") == [("working",), ("skipped",)]


async def test_a_set_typed_in_one_burst_lands_in_its_fields_in_order(app_factory):
    """A terminal hands over a fast typist's keys at once, often while the editor is still
    opening: a tab or a backspace among the digits acts where it was typed, never after them."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        send_burst(app, ["e", "2", "5", "backspace", "2", ".", "5", "tab", "8", "ctrl+s"])
        await settle(pilot)
    assert rows(app, "select exercise, weight_kg, reps from sets") == [("Back squat", 22.5, 8)]


async def test_enter_then_the_next_set_typed_at_once_logs_both_in_order(app_factory):
    """Enter logs the set as prescribed before a key typed right behind it opens the editor: the
    typed set is the second, and Enter is never lost to the editor."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        send_burst(app, ["enter", "e", "3", "0", "ctrl+s", "enter", "5"])
        await settle(pilot)
        await settle(pilot)
        assert app.screen.query_one("#field-weight").value == "5"  # the last digit opened the editor
    assert rows(app, "select weight_kg, reps, set_index from sets order by rowid") == [
        (20.0, 5, 1), (30.0, 5, 2), (20.0, 5, 3)]
