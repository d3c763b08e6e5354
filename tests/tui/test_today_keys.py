"""A lifter's keys on the Today screen, and what lands in the database."""

from __future__ import annotations

from journal.tui.screens.today import TodayScreen
from journal.tui.widgets.rest_timer import RestTimer

from .conftest import SIZE, rows


async def test_enter_logs_the_first_set_as_prescribed(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # from the mobility primer to Back squat
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert rows(app, "select exercise, weight_kg, reps, set_index from sets") == [("Back squat", 20.0, 5, 1)]
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        timer = screen.query_one(RestTimer)
        assert timer.ends_at is not None and not timer.rang
        assert "1/3" in str(screen.query_one("#exercises").get_cell("Back squat", screen.query_one("#exercises").ordered_columns[-1].key))
