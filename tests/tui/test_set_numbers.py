"""One numbering of sets everywhere (#22 item 22): the set list, the undo dialog and `journal log`
all say W1, 1, 2 (and 1L, 1R for one side at a time), never the row's storage index."""

from __future__ import annotations

from textual.widgets import Label

from journal.tui.widgets.set_list import SetList

from .conftest import open_on, press_each, settle

SIZE = (100, 30)


async def test_the_undo_dialog_names_the_set_as_the_set_list_does(app_factory):
    app = app_factory(when="2026-09-10T18:00:00")  # Thursday: Lower B, the trap bar at 40 kg
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Trap bar deadlift")
        await press_each(pilot, *["enter"] * 5)  # warm-ups W1-W3, then working sets 1 and 2
        assert "\n ✓ 2  40 kg × 5" in screen.query_one(SetList).text
        await pilot.press("u")
        await settle(pilot)
        question = str(app.screen.query_one("#question", Label).render())
        assert question.startswith("Undo Trap bar deadlift set 2: "), question  # not its fifth row


async def test_one_sided_sets_are_numbered_with_their_side(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Reverse lunge")
        await press_each(pilot, "enter", "enter", "enter")  # 1L, 1R, 2L
        await pilot.press("u")
        await settle(pilot)
        assert str(app.screen.query_one("#question", Label).render()).startswith("Undo Reverse lunge set 2L: ")


def test_journal_log_numbers_sets_as_the_screen_does(enrolled_cli):
    day = ["--date", "2026-09-07"]
    said = [enrolled_cli("log", *args, *day).stdout.split(":")[0] for args in (
        ["back squat", "20x10", "--type", "warmup"], ["back squat", "20x5"], ["back squat", "20x5"],
        ["reverse lunge", "8x8"], ["reverse lunge", "8x8"], ["reverse lunge", "8x8"])]
    assert said == ["Logged Back squat set W1", "Logged Back squat set 1", "Logged Back squat set 2",
                    "Logged Reverse lunge set 1L", "Logged Reverse lunge set 1R", "Logged Reverse lunge set 2L"]
