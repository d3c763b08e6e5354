"""TUI fixtures: a journal on a known day, opened through the one app factory."""

from __future__ import annotations

import io
import sqlite3

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.tui.app import make_app

TZ = "Europe/London"
START = pendulum.date(2026, 9, 7)  # Monday, week 1 of base strength
SIZE = (100, 30)


def enrolled_db(path, clock, program="runner-beginner"):
    journal = Journal.open(path, clock)
    journal.enrol(program, START)
    journal.close()
    return path


@pytest.fixture
def strength_day_clock() -> FixedClock:
    return FixedClock.at_local("2026-09-07T18:00:00", TZ)


@pytest.fixture
def app_factory(tmp_path):
    """make_app on a fresh enrolled journal, for a given local time."""

    def make(when: str = "2026-09-07T18:00:00", program: str = "runner-beginner",
             check_in: bool = False, setup=None):
        clock = FixedClock.at_local(when, TZ)
        db = enrolled_db(tmp_path / "journal.db", clock, program)
        if setup:
            journal = Journal.open(db, clock)
            setup(journal)
            journal.close()
        app = make_app(db, clock, check_in=check_in)
        app.db_path = db
        app.test_clock = clock
        return app

    return make


def rows(app, sql: str, params=()):
    with sqlite3.connect(app.db_path) as conn:
        return conn.execute(sql, params).fetchall()


async def settle(pilot) -> None:
    """Wait until the screen is idle and every write worker has committed and repainted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_on(app, pilot, exercise: str):
    await settle(pilot)
    screen = app.screen
    names = [p.name for p in screen.planned.exercises]
    for _ in range(names.index(exercise)):
        await pilot.press("j")
    await settle(pilot)
    assert screen.focused_exercise().name == exercise
    return screen


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line, as a person would read it (from the screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    by_row: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        by_row.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(parts)) for _, parts in sorted(by_row.items())]


def plain(widget) -> str:
    """The text a widget shows, whatever it was given: a string, Rich Text or a Rich renderable."""
    content = widget.render()
    if hasattr(content, "plain"):
        return content.plain
    if isinstance(widget.content, str):
        return widget.content
    from rich.console import Console

    console = Console(width=300, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


async def press_each(pilot, *pressed: str) -> None:
    """Press keys one at a time, each waited for until what it does is written and painted."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


def keys(*pressed: str):
    """A snapshot's run_before: wait for the day to be read, press the keys, wait for what they do."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await press_each(pilot, *pressed)

    return run_before


def send_burst(app, keys) -> None:
    """Keys as a terminal hands over a fast typist's burst: all at once, none waiting for the
    screen to finish with the one before (Pilot.press waits)."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
