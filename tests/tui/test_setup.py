"""The first run: `journal` on a path with no journal opens a setup screen, then the Today screen."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from journal.core.clock import FixedClock
from journal.tui.app import make_app
from journal.tui.screens.equipment import EquipmentScreen
from journal.tui.screens.setup import SetupScreen, StartingLoadsScreen
from journal.tui.screens.today import TodayScreen

from .conftest import SIZE, TZ, press_each, settle

SUNDAY = "2026-09-06T18:00:00"


async def test_a_new_path_opens_the_setup_and_finishing_it_enrols_and_opens_today(tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db, FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#field-start").value == "2026-09-07"  # the coming Monday
        assert not db.exists()
        app.screen.query_one("#field-units").value = "lb"
        app.screen.query_one("#field-bodyweight").value = "165lb"
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, StartingLoadsScreen)  # ctrl+s: the proposed loads
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, EquipmentScreen)  # ctrl+s: the usual kit, and the journal is made
        assert not db.exists()
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Runner strength: beginner" in str(app.screen.query_one("#session-title").render())
    with sqlite3.connect(db) as conn:
        assert conn.execute("select program, start, units, round(bodyweight_kg, 1) from enrolments").fetchall() == [
            ("runner-beginner", "2026-09-07", "lb", 74.8)]


async def test_a_wrong_program_is_refused_on_its_field_and_escape_makes_no_file(tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db, FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#field-program")
        field.value = "couch-to-5k"
        await press_each(pilot, "ctrl+s")
        error = app.screen.query_one("#error-program")
        assert error.display and "couch-to-5k" in str(error.render())
        assert isinstance(app.screen, SetupScreen)
        await press_each(pilot, "escape")
    assert not db.exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "not a program"])
async def test_a_program_file_that_is_no_program_gets_one_line_on_its_field(tmp_path, kind):
    program = tmp_path / "p.toml"
    if kind == "fifo":
        os.mkfifo(program)
    elif kind == "device":
        program.symlink_to("/dev/zero")
    else:
        program.write_text('title = "my notes"\n[[sessions]]\nname = 3\n')
    db = tmp_path / "new.db"
    app = make_app(db, FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#field-program").value = str(program)
        await press_each(pilot, "ctrl+s")
        error = app.screen.query_one("#error-program")
        assert error.display and "p.toml" in str(error.render())
        assert isinstance(app.screen, SetupScreen)
        await press_each(pilot, "escape")
    assert not db.exists()


async def test_starting_loads_and_equipment_are_set_up_before_the_journal_is_made(tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db, FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#field-units").value = "lb"
        await press_each(pilot, "ctrl+s")
        loads = app.screen
        assert isinstance(loads, StartingLoadsScreen)
        assert loads.lifts == ["Back squat", "Reverse lunge", "Trap bar deadlift"]  # barbell and heavy legs
        assert loads.query_one("#field-lift0").value == "45"  # the empty bar, in lb
        await press_each(pilot, *"95")  # typing replaces the proposed load
        assert loads.query_one("#field-lift0").value == "95"
        await press_each(pilot, "enter", *"3000", "ctrl+s")
        error = loads.query_one("#error-lift1")
        assert error.display and "Reverse lunge: 3000 lb is more than anyone lifts" in str(error.render())
        assert app.screen is loads and not db.exists()
        loads.query_one("#field-lift1").value = "25"
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, EquipmentScreen)
        app.screen.query_one("#field-bar").value = "35"  # a women's bar
        app.screen.query_one("#field-plates").value = "45,25,10,5"
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    with sqlite3.connect(db) as conn:
        start = dict(conn.execute("select exercise, round(weight_kg / 0.45359237, 1) from start_loads"))
        kit = json.loads(conn.execute("select value from settings where key = 'equipment'").fetchone()[0])
    assert kit["unit"] == "lb" and round(kit["bar_kg"] / 0.45359237) == 35
    assert start["Back squat"] == 95.0  # 35 + 2 × (25 + 5): made with these plates
    assert start["Reverse lunge"] == 25.0


async def test_escape_goes_back_a_step_keeping_the_answers_and_makes_no_file(tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db, FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#field-units").value = "lb"
        app.screen.query_one("#field-bodyweight").value = "165lb"
        await press_each(pilot, "ctrl+s", "ctrl+s")
        assert isinstance(app.screen, EquipmentScreen)
        await press_each(pilot, "escape")
        assert isinstance(app.screen, StartingLoadsScreen)  # back to step 2
        await press_each(pilot, "escape")
        assert isinstance(app.screen, SetupScreen)  # back to step 1, with what was answered
        assert app.screen.query_one("#field-units").value == "lb"
        assert app.screen.query_one("#field-bodyweight").value == "165lb"
        assert not db.exists()
        await press_each(pilot, "escape")  # the first step's escape quits, having made nothing
    assert not db.exists()


async def test_on_a_short_terminal_the_focused_field_is_brought_into_view(tmp_path):
    """#22 item 18: at 80x18 the setup's lower fields were below the screen, typed into unseen."""
    app = make_app(tmp_path / "new.db", FixedClock.at_local(SUNDAY, TZ), check_in=False)
    async with app.run_test(size=(80, 18)) as pilot:
        await settle(pilot)
        for expected in ("field-start", "field-units", "field-bodyweight"):
            await press_each(pilot, "enter")
            focused = app.screen.focused
            assert focused is not None and focused.id == expected
            shown = app.screen.find_widget(focused).region  # where it is drawn on the screen
            assert shown.height >= 1 and 0 <= shown.y and shown.bottom <= 18, (expected, shown)
