"""The check-in as a lifter fills it: digits, enter or tab between answers, and what is stored."""

from __future__ import annotations

import pendulum

from journal.core.entry import parse_check_in
from journal.tui.screens.wellness import WellnessScreen
from journal.tui.widgets.field_sheet import FieldSheet

from .conftest import SIZE, rows, send_burst, settle

YESTERDAY = dict(sleep_h=7, sleep_quality=3, soreness=2, fatigue=2, stress=3, mood=4, motivation=4)


def checked_in_yesterday(journal):
    journal.check_in(parse_check_in(pendulum.date(2026, 9, 6), **YESTERDAY))


def wellness_rows(app):
    return rows(app, "select date, sleep_h, sleep_quality, soreness, fatigue, stress, mood, motivation, resting_hr, "
                     "notes from wellness order by date")


async def open_check_in(pilot) -> FieldSheet:
    """`w` on the Today screen: the check-in's answers."""
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    return pilot.app.screen.query_one(FieldSheet)


async def test_yesterdays_answers_are_kept_and_a_typed_one_replaces_its_answer(app_factory):
    app = app_factory(check_in=True, setup=checked_in_yesterday)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        sheet = app.screen.query_one(FieldSheet)
        assert sheet.values["sleep_h"] == "7"
        await pilot.press("8", "tab", "tab", "5", "shift+tab", "backspace", "1")  # sleep 8, soreness 5, quality 1
        await pilot.press(*["down"] * 6, "5", "2", "enter")  # resting HR 52
        await pilot.press(*"[b]legs[/b] heavy", "enter")  # the notes: the last answer saves
        await settle(pilot)
        assert not isinstance(app.screen, WellnessScreen)
    assert wellness_rows(app)[-1] == ("2026-09-07", 8.0, 1, 5, 2, 3, 4, 4, 52, "[b]legs[/b] heavy")


async def test_a_key_typed_while_the_check_in_opens_is_its_first_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        check_in = WellnessScreen(pendulum.date(2026, 9, 7))
        assert check_in.take_key("6", "6") and check_in.take_key("backspace", None) and check_in.take_key("9", "9")
        assert not check_in.take_key("escape", None)  # not typing: left to the screen's keys
        await app.push_screen(check_in)
        await settle(pilot)
        assert check_in.sheet.values["sleep_h"] == "9"


async def test_a_wrong_answer_is_named_under_it_and_nothing_is_saved_until_it_is_right(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        await pilot.press("7", "enter", *"3", "enter", "enter")  # soreness and the rest left blank
        await pilot.press("ctrl+s")
        await settle(pilot)
        sheet = app.screen.query_one(FieldSheet)
        assert sheet.current == sheet.index("soreness")  # the first answer with a problem
        assert "soreness" in sheet.problem("soreness").lower()
        assert wellness_rows(app) == []
        for answer in "23244":
            await pilot.press(answer, "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert wellness_rows(app) == [("2026-09-07", 7.0, 3, 2, 3, 2, 4, 4, None, None)]


async def test_escape_leaves_without_a_check_in(app_factory):
    app = app_factory(check_in=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.press(*"8", "escape")
        await settle(pilot)
    assert wellness_rows(app) == []


async def test_a_click_on_an_answer_makes_it_the_one_typed_into(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_check_in(pilot)
        await pilot.click(FieldSheet, offset=(45, sheet.index("mood")))
        await pilot.press("1")
        assert sheet.current == sheet.index("mood") and sheet.values["mood"] == "1"


async def test_the_sheet_shows_text_as_typed_never_as_markup(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_check_in(pilot)
        sheet.set_answer("notes", "[red]sore[/red]")
        assert "[red]sore[/red]" in str(sheet.render())


async def test_keys_typed_faster_than_the_screen_paints_land_in_order(app_factory):
    """A terminal delivers a fast typist's keys in one burst: each digit goes to the answer the
    tab before it moved to, as the lifter typed them."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_check_in(pilot)
        send_burst(app, ["7", "tab", "4", "tab", "2", "down", "3", "shift+tab", "1", "enter", "enter", "2", "enter", "4",
                         "enter", "5", "tab", "5", "8", "ctrl+s", "3"])  # saved as typed: the 3 is too late for it
        await settle(pilot)
    assert wellness_rows(app) == [("2026-09-07", 7.0, 4, 1, 3, 2, 4, 5, 58, None)]
