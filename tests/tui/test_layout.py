"""The Today screen at the sizes lifters use: 80×24 keeps what matters in view, 120×36 adds the
coach panel beside the session, and the table's Last column shows the previous session."""

from __future__ import annotations

from journal.core.entry import parse_check_in, parse_set_input
from journal.tui.screens.coach_panel import CoachPanelScreen
from journal.tui.widgets.coach_panel import CoachPanel
from .conftest import SIZE, START, open_on, plain, press_each, screen_lines, settle
from .test_today_keys import squat_day_with_warm_ups


def a_week_behind(journal):
    """Week 1 done on its Monday (with a note), a run calendar, and this morning's check-in."""
    for reps in (5, 5, 6):
        journal.log_set("Back squat", START, parse_set_input(f"20x{reps}", journal.units(), notes="deep" if reps == 6 else None))
    journal.add_run(START.add(days=8), "easy", minutes=40)
    journal.add_run(START.add(days=13), "long", minutes=95)
    journal.check_in(parse_check_in(START.add(days=7), sleep_h=6, sleep_quality=4, soreness=2, fatigue=2, stress=3, mood=4,
                     motivation=5))


async def test_at_80x24_one_enter_on_the_first_barbell_lift_leaves_all_of_it_in_view(tmp_path):
    app = squat_day_with_warm_ups(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await press_each(pilot, "enter")
        shown = "\n".join(screen_lines(app))
        assert "✓ W1 20 kg × 10" in shown and "▸ W2 30 kg × 5  warm-up ← next" in shown
        assert "per side:" in shown  # the plate math
        why = screen.focused_exercise().why
        assert " ".join(shown.split()).count(" ".join(f"why: {why}".split())) == 1  # all of it, wrapped
        assert "Done" in screen_lines(app)[2]  # the table's last column is whole
        # Logged into the set list all the way down: the last set done and the next stay in view.
        await press_each(pilot, *["enter"] * 4)
        shown = "\n".join(screen_lines(app))
        assert "✓ 1  62.5 kg × 5" in shown and "▸ 2  62.5 kg × 5  ← next" in shown


async def test_at_120_columns_the_coach_panel_shows_last_time_the_week_and_readiness(app_factory):
    app = app_factory(when="2026-09-14T18:00:00", setup=a_week_behind)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        await settle(pilot)
        panel = screen.query_one(CoachPanel)
        assert panel.display and panel.region.width == 40
        last = plain(panel.query_one("#panel-last"))
        assert "Mon 7 Sep 2026" in last and "3. 20 kg × 6" in last and "“deep”" in last
        week = plain(panel.query_one("#panel-week")).splitlines()
        assert "heavy legs stay 48 h before a key run and 48 h apart" in " ".join(week)
        monday = next(line for line in week if line.startswith("Mon 14"))
        assert "▲" in monday and "Lower A" in monday
        assert any(line.startswith("Tue 15") and "easy run 40 min" in line for line in week)
        assert any(line.startswith("Sun 20") and "●" in line and "long run 95 min" in line for line in week)
        readiness = plain(panel.query_one("#panel-readiness"))
        assert "Sleep" in readiness and "6 h" in readiness and "Motivation" in readiness and "5/5" in readiness
        # The table's Last column: the previous session in brief.
        table = screen.query_one("#exercises")
        labels = [str(c.label) for c in table.ordered_columns]
        assert "Last" in labels and labels[-1] == "Done"
        assert str(table.get_row("Back squat")[labels.index("Last")]) == "20 kg × 5,5,6"
        await pilot.press("j")
        await settle(pilot)
        assert "Last time · " + screen.focused_exercise().name in plain(panel.query_one("#panel-last"))
        # Narrowed to 100 columns the panel goes and the table, wide again, takes back Pillar and Tempo.
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not panel.display
        assert [str(c.label) for c in table.ordered_columns] == [
            "Exercise", "Pillar", "Target", "Load", "Last", "Tempo", "Rest", "Done"]


async def test_at_80_columns_the_same_panel_is_one_key_away(app_factory):
    app = app_factory(when="2026-09-14T18:00:00", setup=a_week_behind)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        assert not screen.query_one(CoachPanel).display
        labels = [str(c.label) for c in screen.query_one("#exercises").ordered_columns]
        assert labels == ["Exercise", "Target", "Load", "Last", "Rest", "Done"]  # Pillar and Tempo make room
        await press_each(pilot, "c")
        assert isinstance(app.screen, CoachPanelScreen)
        dialog = app.screen.query_one(CoachPanel)
        assert "3. 20 kg × 6" in plain(dialog.query_one("#panel-last"))
        assert "long run 95 min" in plain(dialog.query_one("#panel-week"))
        await press_each(pilot, "escape")
        assert app.screen is screen


async def test_a_first_time_lift_says_so_and_the_last_column_has_a_dash(app_factory):
    app = app_factory(when="2026-09-07T18:00:00")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        assert "No earlier sets" in plain(screen.query_one("#panel-last"))
        table = screen.query_one("#exercises")
        labels = [str(c.label) for c in table.ordered_columns]
        assert str(table.get_row("Back squat")[labels.index("Last")]) == "—"


async def test_a_static_is_laid_out_again_only_when_its_size_changes():
    """update_in_place: the same lines repaint in place; more lines, or a wider auto-width text,
    lay the screen out (and the widget then shows all of it); a hidden widget waits to be shown."""
    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import Static

    from journal.tui.widgets.wrapped import update_in_place

    class Host(App):
        CSS = "#fixed { width: 20; } #auto { width: auto; } #hidden { display: none; }"

        def compose(self):
            with Vertical():
                yield Static("one line", id="fixed")
                yield Static("short", id="auto")
                yield Static("", id="hidden")

    async with Host().run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        layouts = []
        original = type(screen)._refresh_layout

        def counting(self, *args, **kwargs):
            layouts.append(1)
            return original(self, *args, **kwargs)

        type(screen)._refresh_layout = counting
        try:
            fixed, auto, hidden = (screen.query_one(f"#{name}", Static) for name in ("fixed", "auto", "hidden"))
            for widget, text, laid_out in [(fixed, "another line", False), (fixed, "words enough to wrap twice", True),
                                           (auto, "trim", True), (auto, "tram", False), (hidden, "a b c " * 20, False)]:
                layouts.clear()
                update_in_place(widget, text)
                await pilot.pause()
                assert bool(layouts) == laid_out, (widget.id, text)
                assert str(widget.render()) == text
            assert fixed.size.height == 2 and auto.size.width == 4
        finally:
            type(screen)._refresh_layout = original


async def test_today_has_its_size_classes_before_its_first_resize_at_each_size(app_factory, monkeypatch):
    """Given at the start, the -narrow/-wide and -short/-tall classes the first resize would set:
    set by that resize, they styled every widget on the screen a second time."""
    from journal.tui.screens.today import TodayScreen

    given = []
    original = TodayScreen.__init__

    def noting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        given.append(set(self.classes))

    monkeypatch.setattr(TodayScreen, "__init__", noting)
    for size, classes in [((80, 24), {"-narrow", "-short"}), ((100, 30), {"-narrow", "-tall"}),
                          ((120, 36), {"-wide", "-tall"})]:
        given.clear()
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert given == [classes] and set(app.screen.classes) == classes


async def test_the_footer_keys_are_styled_once_as_the_screen_opens(app_factory, monkeypatch):
    """Footer.compose binds each key's `compact` to the footer's on mount; the key starts compact,
    and taking the footer's value styled it twice more. The palette's key stays compact."""
    from textual.app import App
    from textual.widgets._footer import FooterKey

    restyled = []
    original = App.update_styles

    def noting(self, node, animate=True):
        restyled.append(node)
        return original(self, node, animate)

    monkeypatch.setattr(App, "update_styles", noting)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert len(keys) > 5 and [key.key for key in keys if key.compact] == ["ctrl+p"]
    assert [node for node in restyled if isinstance(node, FooterKey)] == []


async def test_the_exercise_table_cuts_long_names_so_that_its_done_column_stays_whole():
    """Columns fitted to the table's width: a long exercise name is cut (with …), never the Done
    column at the right, where "✓ done" read "✓ do" and "1/2 +L" lost the side already done."""
    from rich.text import Text
    from textual.app import App
    from textual.widgets import DataTable

    from journal.tui.widgets.exercise_table import DONE_WIDTH, fill

    labels = ["Exercise", "Target", "Load", "Last", "Rest", "Done"]
    rows = [([Text("Elevated single-leg glute bridge"), "2×15", "BW", "3×15", "60s", "✓ done"], "bridge"),
            ([Text("Back squat"), "2×5", "100 kg", "3×5 @ 112.5 kg", "150s", "1/2 +L"], "squat")]

    class Host(App):
        def compose(self):
            yield DataTable()

    for width, cut in [(82, None), (70, "Elevated single-leg…")]:  # 82: every column whole, padding included
        async with Host().run_test(size=(width, 10)) as pilot:
            table = pilot.app.query_one(DataTable)
            fill(table, labels, rows, least={"Done": DONE_WIDTH}, fit=width)
            await pilot.pause()
            assert sum(c.width + 2 * table.cell_padding for c in table.ordered_columns) <= width
            assert str(table.get_row("bridge")[0]) == (cut or "Elevated single-leg glute bridge")
            lines = screen_lines(pilot.app)
            assert "✓ done" in lines[1] and "1/2 +L" in lines[2] and "Back squat" in lines[2]
