"""Text from a lifter or a file is shown as plain text on every screen, never read as markup.

An exercise named `Back squat [/]` (from a program file), a note `[b]x`, a typed `[/` in
the set editor or the import dialog: each once crashed the screen or lost its brackets.
"""

from __future__ import annotations


import asyncio
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.widgets import DataTable, Input, Label, Static

from journal.core.entry import parse_set_input
from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.core.program import shipped_programs
from journal.tui.app import make_app

from .conftest import SIZE, START, TZ, plain

MARKUP_LIKE = st.text(st.sampled_from("[]/=@:#bi \\\"'aZ"), min_size=1, max_size=14).map(
    lambda s: " ".join(s.split())).filter(lambda s: s and s.casefold() != "back squat")


def _journal_with(folder: Path, name: str, note: str) -> Path:
    clock = FixedClock.at_local("2026-09-07T18:00:00", TZ)
    program = folder / "marked.toml"
    program.write_text(shipped_programs()["runner-beginner"].replace(
        'exercise = "Back squat"', f"exercise = {json.dumps(name, ensure_ascii=False)}"), encoding="utf-8")
    db = folder / "journal.db"
    journal = Journal.open(db, clock)
    journal.enrol(str(program), START)
    journal.log_set(name, START, parse_set_input("20x5", journal.units(), notes=note))
    journal.log_set(note, START, parse_set_input("10x5", journal.units()), new=True)  # a typed exercise named like markup
    journal.add_run(START, "easy", minutes=30, title=note)
    journal.close()
    return db


async def _visit_every_screen(db: Path, name: str, note: str, typed: str) -> None:
    clock = FixedClock.at_local("2026-09-07T18:30:00", TZ)
    app = make_app(db, clock, check_in=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#exercises", DataTable)
        cell = table.get_cell(name, table.ordered_columns[0].key)
        assert isinstance(cell, Text) and cell.plain == name
        while screen.focused_exercise().name != name:
            await pilot.press("j")
        await pilot.press("e")
        await pilot.pause()
        weight = app.screen.query_one("#field-weight", Input)
        weight.value = ""
        await pilot.press(*typed)
        await pilot.pause()
        error = app.screen.query_one("#error-weight", Label)
        assert repr(weight.value) in plain(error) or not error.display
        await pilot.press("escape")
        await pilot.press("h")
        await pilot.pause()
        assert plain(app.screen.query_one("#history-title", Label)) == f"{name}: history"
        await pilot.press("escape")
        await pilot.press("p")
        await pilot.pause()
        assert name in plain(app.screen.query_one("#plan-body", Static))
        await pilot.press("escape")
        await pilot.press("c")  # the coach panel, as a dialog at 100 columns
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"Last time · {name}" in plain(app.screen.query_one("#panel-last", Static))
        await pilot.press("escape")
        await pilot.press("S")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert name in plain(app.screen.query_one("#summary-text", Static))
        await pilot.press("escape")
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        runs = app.screen.query_one("#runs-table", DataTable)
        assert [c.plain for c in runs.get_row_at(0) if isinstance(c, Text)] == [note]
        await pilot.press("escape")
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*typed, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "nothing was imported" in plain(app.screen.query_one("#outcome", Static))


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=MARKUP_LIKE, note=MARKUP_LIKE, typed=MARKUP_LIKE)
@example(name="Back squat [/]", note="[/]", typed="[/")
@example(name="Curl [EZ Bar]", note="[b]bold[/b] [link=x]y", typed="[red]")
@example(name=":", note=":", typed="/")  # a folder typed as the file to import
def test_every_screen_shows_markup_like_text_as_plain_text(name, note, typed):
    with tempfile.TemporaryDirectory() as folder:
        db = _journal_with(Path(folder), name, note)
        asyncio.run(_visit_every_screen(db, name, note, typed))
