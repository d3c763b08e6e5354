"""A lifter's keys on the Today screen, and what lands in the database."""

from __future__ import annotations

import pytest

from journal.core.entry import parse_set_input
from journal.tui.screens.today import TodayScreen
from journal.tui.widgets.rest_timer import RestTimer
from journal.tui.widgets.set_list import SetList

from .conftest import SIZE, open_on, press_each, rows, settle


async def test_enter_logs_the_first_set_as_prescribed(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")  # from the mobility primer to Back squat
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "select exercise, weight_kg, reps, set_index from sets") == [("Back squat", 20.0, 5, 1)]
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        timer = screen.query_one(RestTimer)
        assert timer.ends_at is not None and not timer.rang
        table = screen.query_one("#exercises")
        assert "1/3" in str(table.get_cell("Back squat", table.ordered_columns[-1].key))
        await pilot.press("enter")  # the second set: only its row is painted again
        await settle(pilot)
        painted = "".join(segment.text for segment in table.render_line(table.header_height + 1))
        assert painted.startswith(" Back squat") and "2/3" in painted  # on screen too, not only in the table


async def test_a_logged_set_renders_only_its_rows_done_cell_again(app_factory):
    """The hot path after Enter: the row's other cells are kept as rendered (Textual is pinned:
    its DataTable caches each cell's render)."""
    from journal.tui.widgets.exercise_table import ExerciseTable

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await pilot.press("enter")  # the first set: the timer starts and the footer gains undo
        await settle(pilot)
        table = screen.query_one(ExerciseTable)
        cached = {key: table._cell_render_cache.get(key) for key in table._cell_render_cache.keys()}
        await pilot.press("enter")
        await settle(pilot)
        painted = "".join(segment.text for segment in table.render_line(table.header_height + 1))
        rendered_again = {key[:2] for key in table._cell_render_cache.keys()
                          if table._cell_render_cache.get(key) is not cached.get(key)}
        assert "2/3" in painted and rendered_again == {("Back squat", table.ordered_columns[-1].key)}


async def test_edit_then_log_stores_what_was_typed(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("e")
        await settle(pilot)
        weight = app.screen.query_one("#field-weight")
        weight.value = ""
        await pilot.press(*"22.5")
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # to RPE
        await pilot.press("8", "enter")
        await settle(pilot)
        assert rows(app, "select exercise, weight_kg, reps, rpe, tempo from sets") == [
            ("Back squat", 22.5, 5, 8.0, "3-1-X-0")]


@pytest.mark.parametrize("exercise, typed, field, stored, expected", [
    ("Back squat", "25", "weight", "select weight_kg, reps from sets", [(25.0, 5)]),
    ("Plank", "40", "seconds", "select exercise, seconds from sets", [("Plank", 40.0)]),  # a hold: its seconds
])
async def test_typing_a_digit_opens_the_editor_on_the_field_it_edits(app_factory, exercise, typed, field, stored,
                                                                      expected):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, exercise)
        await pilot.press(*typed)
        await settle(pilot)
        assert app.screen.query_one(f"#field-{field}").value == typed
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert rows(app, stored) == expected


async def test_a_bad_value_is_refused_with_a_message_and_nothing_written(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-reps").value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#error-reps")
        assert error.display and "Reps" in str(error.render())
        app.screen.query_one("#field-reps").value = "5"
        app.screen.query_one("#field-tempo").value = "slow"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Tempo" in str(app.screen.query_one("#error-tempo").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert rows(app, "select count(*) from sets") == [(0,)]


async def test_unilateral_sets_log_left_then_right(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Reverse lunge")
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
    assert rows(app, "select side, set_index, weight_kg, reps from sets order by set_index") == [
        ("L", 1, 8.0, 8), ("R", 2, 8.0, 8), ("L", 3, 8.0, 8)]


async def test_undo_asks_naming_the_set_then_removes_it(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        question = str(app.screen.query_one("#question").render())
        assert "Back squat set 2" in question and "20 kg" in question
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert rows(app, "select count(*) from sets") == [(2,)]
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert rows(app, "select set_index from sets") == [(1,)]


async def test_skip_and_note(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("enter", "s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"knee ok", "enter")
        await settle(pilot)
    assert rows(app, "select set_index, set_type, notes from sets order by set_index") == [
        (1, "working", None), (2, "skipped", "knee ok")]


async def test_finishing_an_exercise_moves_to_the_next(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert screen.focused_exercise().name == "Reverse lunge"


async def test_rest_timer_follows_the_clock_and_its_keys(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await pilot.press("enter")
        await settle(pilot)
        timer = screen.query_one(RestTimer)
        app.test_clock.advance(100)
        timer.tick()
        assert round(timer.remaining) == 50
        await pilot.press("space")  # pause
        app.test_clock.advance(30)
        timer.tick()
        assert round(timer.remaining) == 50
        await pilot.press("space", "plus")
        await settle(pilot)
        assert round(timer.remaining) == 65
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert round(timer.remaining) == 35
        app.test_clock.advance(40)
        timer.tick()
        assert timer.rang and timer.has_class("done") and timer.has_class("flash")


async def test_check_in_opens_by_itself_and_saves_readiness(app_factory):
    app = app_factory(check_in=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert str(app.screen.query_one("#check-in").render()).startswith("Sleep (hours)")
        await pilot.press(*"7.5", "enter")
        for value in "423245":
            await pilot.press(value, "enter")
        await pilot.press("enter", "enter")  # resting HR and notes left blank
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.planned.readiness is not None
        assert "readiness 7" in str(app.screen.query_one("#header").render())
    assert rows(app, "select sleep_h, sleep_quality, soreness, fatigue, stress, mood, motivation from wellness") == [
        (7.5, 4, 2, 3, 2, 4, 5)]


async def test_check_in_escape_then_enter_logs_a_set(app_factory):
    app = app_factory(check_in=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert rows(app, "select exercise from sets") == [("Ankle dorsiflexion rocks",)]
    assert rows(app, "select count(*) from wellness") == [(0,)]


async def test_check_in_refuses_out_of_scale_answers(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await settle(pilot)
        await pilot.press(*"7", "enter", "9")
        await pilot.press("ctrl+s")
        await settle(pilot)
        sheet = app.screen.query_one("#check-in")
        assert "1 to 5" in sheet.problem("sleep_quality")
        assert "1 to 5" in str(sheet.render())
    assert rows(app, "select count(*) from wellness") == [(0,)]


async def test_rest_day_says_what_is_next(app_factory):
    app = app_factory(when="2026-09-08T18:00:00")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#rest-day").render())
        assert "Next: Mobility: hips, ankles, thoracic" in text and "in 1 day" in text
        await pilot.press("enter")
        await settle(pilot)
    assert rows(app, "select count(*) from sets") == [(0,)]


async def test_plan_and_history_screens(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("enter", "enter")
        await pilot.press("p")
        await settle(pilot)
        body = str(app.screen.query_one("#plan-body").render())
        assert "Lower B: hinge and step" in body and "Stability" in body
        await pilot.press("escape", "h")
        await settle(pilot)
        assert "Back squat: history" in str(app.screen.query_one("#history-title").render())
        assert "23.3 kg" in str(app.screen.query_one("#history-best").render())  # 20 x (1 + 5/30)


async def test_sets_logged_by_another_copy_show_on_refresh(app_factory):
    from journal.core.journal import Journal

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        other = Journal.open(app.db_path, app.test_clock)
        other.log_set("Back squat", screen.day, parse_set_input("20x5", other.units()))
        other.close()
        await pilot.press("r")
        await settle(pilot)
        assert len(screen.logged["Back squat"]) == 1


async def test_the_footer_follows_what_the_keys_can_do(app_factory):
    from textual.widgets._footer import FooterKey

    def shown(app) -> list[FooterKey]:
        return list(app.screen.query(FooterKey))

    def as_composed(app) -> list[tuple]:
        return [(k.key, k.description, k.has_class("-disabled"), k.tooltip, k.compact, k.region) for k in shown(app)]

    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before_log = shown(app)
        assert "u" not in {k.key for k in before_log}  # nothing to undo yet
        await pilot.press("enter")
        await settle(pilot)
        after_log = shown(app)
        assert "u" in {k.key for k in after_log}
        # Undo was mounted in its place, the other keys kept, and all as a rebuild would make them.
        assert all(k in after_log and k.is_attached for k in before_log)
        footer = app.screen.query_one("KeyFooter")
        placed, columns = as_composed(app), footer.styles.grid_size_columns
        footer.call_later(footer.recompose)
        await settle(pilot)
        assert as_composed(app) == placed and footer.styles.grid_size_columns == columns
        after_log = shown(app)
        await pilot.press("enter")  # another set: the same keys apply, so the footer is left as it is
        await settle(pilot)
        assert shown(app) == after_log and all(k.is_attached for k in after_log)
        pause = next(k for k in after_log if k.key == "space")
        while pause.has_class("-disabled"):  # warm-ups rest nothing; the first working set starts the rest
            await pilot.press("enter")
            await settle(pilot)
            assert len(app.screen.in_order) < 10
        # The rest key came on where it was, dimmed until then: no key was mounted again.
        assert shown(app) == after_log and app.screen.query_one("RestTimer").ends_at is not None


@pytest.mark.parametrize("check_in", [False, True])
async def test_the_footer_has_its_keys_from_the_start_and_is_never_rebuilt_as_the_screen_opens(
        app_factory, monkeypatch, check_in):
    """Built when composed, with the keys the day and the table's focus will give it (Textual's
    Footer waits for the screen's first bindings, then builds them all again; a key mounted later
    lays the screen out again, on the morning's first screen under the check-in)."""
    from textual.widgets._footer import FooterKey

    from journal.tui.widgets.key_footer import KeyFooter

    rebuilt = []
    recompose, mount = KeyFooter.recompose, KeyFooter.mount
    monkeypatch.setattr(KeyFooter, "recompose", lambda footer: (rebuilt.append(footer), recompose(footer))[1])
    monkeypatch.setattr(KeyFooter, "mount", lambda footer, *keys, **where: (  # after its own compose
        rebuilt.extend(keys if footer.is_mounted else ()), mount(footer, *keys, **where))[1])
    app = app_factory(check_in=check_in, when="2026-09-07T07:00:00")  # a strength day, no check-in yet
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = app.screen_stack[1]
        assert isinstance(today, TodayScreen) and (type(app.screen).__name__ == "WellnessScreen") == check_in
        keys = {k.key: k for k in today.query(FooterKey)}
        assert rebuilt == []
        assert {"enter", "e", "s", "question_mark"} <= set(keys) and not keys["e"].has_class("-disabled")
        assert list(keys)[0] == "enter" and today.focused is today.query_one("#exercises")
        if check_in:
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "SetEditor"


async def test_import_from_the_screen_stores_the_file_and_reports_it(app_factory, tmp_path):
    from pathlib import Path

    from textual.widgets import Static

    strong = Path(__file__).parent.parent / "formats" / "strong_comma.csv"
    broken = tmp_path / "broken.csv"
    broken.write_text(strong.read_text(encoding="utf-8").replace(",80.0,5,", ",eighty,5,", 1), encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#path").value = str(broken)  # as pasted; typing it key by key is slow
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        outcome = str(app.screen.query_one("#outcome", Static).content)
        assert "Line" in outcome and "nothing was imported" in outcome
        assert rows(app, "select count(*) from sets") == [(0,)]
        app.screen.query_one("#path").value = str(strong)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        imported = rows(app, "select count(*) from sets")[0][0]
        assert imported > 0
        assert f"Imported {imported} new sets" in str(app.screen.query_one("#outcome", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"


async def test_a_day_with_two_sessions_shows_both_and_logs_into_the_one_chosen(app_factory):
    from journal.core.journal import Journal

    def two_workouts(journal: Journal) -> None:
        journal.log_set("Back squat", journal.today(), parse_set_input("20x5", journal.units()))
        morning = journal.add_session(journal.today(), "Forearms")
        journal.log_set("Back squat", journal.today(), parse_set_input("20x3", journal.units()), session_id=morning.id, new=True)

    app = app_factory(setup=two_workouts)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        line = str(screen.query_one("#sessions").render())
        assert "Lower A" in line and "Forearms" in line
        assert "1/3" in str(screen.query_one("#exercises").get_row_at(screen.query_one("#exercises").cursor_row))
        await pilot.press("o")  # the other session: its own count
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")  # and a third, started now
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        line = str(screen.query_one("#sessions").render())
        assert "Extra session 18:00" in line
    assert rows(app, "select sessions.name, sets.set_index, sets.reps from sets join sessions "
                     "on sessions.id = sets.session_id order by sets.rowid") == [
        ("Lower A: squat and lunge", 1, 5), ("Forearms", 1, 3), ("Forearms", 2, 5), ("Extra session 18:00", 1, 5)]


async def test_a_set_that_beats_the_best_e1rm_is_announced_and_marked(app_factory):
    from journal.core.journal import Journal

    def last_week(journal: Journal) -> None:
        journal.log_set("Back squat", journal.today().subtract(weeks=1), parse_set_input("20x5", journal.units()),
                        new=True)

    app = app_factory(when="2026-09-14T18:00:00", setup=last_week)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await press_each(pilot, "enter", "enter")  # the empty bar to warm up, then the working set
        [note] = [n for n in app._notifications if n.title == "New record"]
        assert note.message.startswith("Back squat: best e1RM") and "(+" in note.message
        assert "★ record" in screen.query_one(SetList).text
    assert rows(app, "select set_type, weight_kg, reps from sets where date = '2026-09-14'") == [
        ("warmup", 20.0, 10), ("working", 22.5, 5)]


async def test_no_rest_between_the_two_sides_of_a_set_only_after_both(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Reverse lunge")
        timer = screen.query_one(RestTimer)
        await pilot.press("enter")  # left
        await settle(pilot)
        assert timer.ends_at is None
        await pilot.press("enter")  # right: the set is done, the rest starts
        await settle(pilot)
        assert timer.ends_at is not None
    assert rows(app, "select side from sets order by rowid") == [("L",), ("R",)]


async def test_a_note_shows_in_the_set_list_and_goes_on_the_last_set_wherever_the_focus_is(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("k")  # focus moves to another exercise
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"knee fine", "enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert "knee fine" in screen.query_one(SetList).text
        await press_each(pilot, "h")  # and in the exercise's history
        assert "“knee fine”" in str(app.screen.query_one("#history-table").get_row_at(0)[2])
    assert rows(app, "select exercise, notes from sets") == [("Back squat", "knee fine")]


async def test_the_palette_lists_keys_once(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert titles.count("Keys") == 1


async def test_enter_on_a_hold_times_it_and_logs_the_seconds_held(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_on(app, pilot, "Plank")
        timer = screen.query_one(RestTimer)
        await pilot.press("enter")  # the countdown starts; nothing is logged yet
        await settle(pilot)
        assert timer.running and timer.label_text.startswith("hold")
        assert "▸ 1  30 s  ← holding now (enter stops)" in screen.query_one(SetList).text
        assert rows(app, "select count(*) from sets") == [(0,)]
        app.test_clock.advance(20)  # twenty seconds in, the lifter drops: enter stops it
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "select exercise, seconds, reps from sets") == [("Plank", 20.0, None)]
        assert "▸ 2  30 s  ← next (enter)" in screen.query_one(SetList).text
        await pilot.press("enter")  # the next one runs its full time and logs itself
        app.test_clock.advance(31)
        timer.tick()
        await settle(pilot)
    assert rows(app, "select seconds from sets order by rowid") == [(20.0,), (30.0,)]


async def test_the_last_set_of_the_session_brings_the_card_with_its_totals_and_the_next_session(app_factory):
    from journal.tui.screens.session_done import SessionDoneScreen

    app = app_factory(when="2026-09-09T07:30:00")  # the mobility day: reps, holds and a roll
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        for _ in range(60):
            if isinstance(app.screen, SessionDoneScreen):
                break
            timed = screen.focused_exercise().target_reps is None
            await press_each(pilot, "s" if timed else "enter")  # the holds are skipped here
        assert isinstance(app.screen, SessionDoneScreen)
        card = str(app.screen.query_one("#session-done").render())
        assert "14 sets in" in card and "9 skipped" in card and "Next: Lower B" in card
        await press_each(pilot, "escape")
        assert app.screen is screen
    assert rows(app, "select set_type, count(*) from sets group by 1 order by 1") == [("skipped", 9), ("working", 14)]


async def test_history_keeps_the_date_and_best_e1rm_in_view_at_80_columns(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_on(app, pilot, "Back squat")
        await press_each(pilot, "enter", "h")
        table = app.screen.query_one("#history-table")
        shown = [(str(c.label), c.get_render_width(table)) for c in table.ordered_columns]
        assert [label for label, _ in shown] == ["Date", "Best e1RM", "Sets"]
        assert sum(width for _, width in shown[:2]) < 80
        assert "23.3 kg" in str(table.get_row_at(0)[1])  # 20 kg x 5: its e1RM


def squat_day_with_warm_ups(tmp_path):
    """The screen on week 2's Lower A, the back squat started at 60 kg: it has four warm-ups."""
    from journal.core.clock import FixedClock
    from journal.core.journal import Journal
    from journal.tui.app import make_app

    from .conftest import START, TZ

    clock = FixedClock.at_local("2026-09-14T18:00:00", TZ)
    journal = Journal.open(tmp_path / "journal.db", clock)
    journal.enrol("runner-beginner", START, loads={"Back squat": 60.0})
    journal.close()
    app = make_app(tmp_path / "journal.db", clock, check_in=False)
    app.db_path = tmp_path / "journal.db"
    return app


async def test_enter_logs_the_warm_ups_first_without_rest_then_the_working_sets(tmp_path):
    app = squat_day_with_warm_ups(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        squat = screen.focused_exercise()
        assert len(squat.warmups) == 4
        assert "W1" in screen.query_one(SetList).text and "warm-up ← next" in str(
            screen.query_one(SetList).text)
        await press_each(pilot, *["enter"] * 4)
        timer = screen.query_one(RestTimer)
        assert timer.ends_at is None  # no rest timer after warm-ups
        assert "0/3" in str(screen.query_one("#exercises").get_row_at(screen.query_one("#exercises").cursor_row))
        await press_each(pilot, "enter")
        assert timer.ends_at is not None and "1/3" in str(
            screen.query_one("#exercises").get_row_at(screen.query_one("#exercises").cursor_row))
    assert rows(app, "select set_type, weight_kg, reps from sets order by rowid") == [
        ("warmup", 20.0, 10), ("warmup", 30.0, 5), ("warmup", 42.5, 3), ("warmup", 52.5, 2), ("working", 62.5, 5)]


async def test_i_imports_runs_too_and_the_plan_moves_around_them(app_factory, tmp_path):
    """A Strava export's folder in the same dialog as a sets file: its runs are stored, and the
    summary line says so."""
    from pathlib import Path

    from textual.widgets import Static

    samples = Path(__file__).parent.parent / "formats" / "runs"
    export = tmp_path / "export"
    (export / "activities").mkdir(parents=True)
    (export / "activities.csv").write_bytes((samples / "strava-activities-sportiva.csv").read_bytes())
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#path").value = str(export)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        outcome = str(app.screen.query_one("#outcome", Static).content)
        assert "Read a Strava export: 15 runs" in outcome and "Added 15 runs" in outcome, outcome
        assert rows(app, "select count(*) from runs where source = 'strava'") == [(15,)]
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"


async def test_the_runs_screen_takes_the_runners_word_on_a_kind(app_factory):
    """R lists the runs with their suggested kinds; Q on one makes it a quality run, the runner's
    word, stored before the screen says so."""
    from pathlib import Path

    from textual.widgets import DataTable

    from journal.core.journal import Journal

    samples = Path(__file__).parent.parent / "formats" / "runs"

    def with_a_run(journal: Journal) -> None:
        tcx = samples / "tcxparser-test-running.tcx"
        text = tcx.read_text(encoding="utf-8").replace("2012-12-26", journal.today().subtract(days=2).isoformat())
        moved = Path(journal.store.path).parent / "run.tcx"
        moved.write_text(text, encoding="utf-8")
        journal.import_runs([moved])

    app = app_factory(setup=with_a_run)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and "easy?" in [str(c) for c in table.get_row_at(0)]
        await pilot.press("Q")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert rows(app, "select kind, kind_by_runner from runs") == [("quality", 1)]
        assert "quality" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
