"""Leaving a screen while its footer's rebuild is still queued: the rebuild finds no screen and
does nothing (it used to raise NoScreen from key_footer.py on leaving the summary at 80x24)."""

from __future__ import annotations

import pytest

from journal.tui.widgets.key_footer import KeyFooter

from .conftest import press_each, settle


@pytest.mark.parametrize("key", ["S", "p", "h"])
async def test_leaving_a_screen_while_its_footer_rebuild_is_due_raises_nothing(app_factory, key):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = app.screen
        await press_each(pilot, key)
        left = app.screen
        assert left is not today
        footers = list(left.query(KeyFooter))
        assert footers
        app.pop_screen()  # the screen is left while its footer's rebuild waits for a refresh...
        await settle(pilot)
        for footer in footers:
            await footer._rebuild()  # ...which then runs: it must find no screen and do nothing
        assert app.screen is today
    assert app.return_code in (None, 0)
