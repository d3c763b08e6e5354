"""The first run: `journal` on a path with no journal opens a setup screen, then the Today screen."""

from __future__ import annotations

import sqlite3

from journal.core.clock import FixedClock
from journal.tui.app import make_app
from journal.tui.screens.setup import SetupScreen
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
