"""Drive the real app with run_test and write SVGs of its main screens into screenshots/.

    python scripts/screenshots.py

Uses the demo journal on a fixed clock, so the pictures only change when the
screens do.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from journal.core.clock import FixedClock, today
from journal.core.engine import next_set, planned_set_count
from journal.core.journal import Journal
from journal.devtools.history import build_demo
from journal.tui.app import make_app

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (100, 30)
WIDE = (120, 36)
SMALL = (80, 24)
TZ = "Europe/London"
MONDAY = "2026-11-23T18:00:00"  # the demo's Lower A: a barbell lift with warm-ups

# name, local time the journal is opened at, keys pressed before the picture ("@Name" moves the
# cursor to that exercise), terminal size
SHOTS = [
    ("today", MONDAY, ["@Back squat", "enter"], SIZE),
    ("today-wide", MONDAY, ["@Back squat", "enter"], WIDE),
    ("today-80x24", MONDAY, ["@Back squat", "enter"], SMALL),
    ("rest-timer", MONDAY, ["@Back squat"] + ["enter"] * 6, SIZE),
    ("hold-timer", MONDAY, ["@Plank", "enter"], SIZE),
    ("set-editor", MONDAY, ["@Back squat", "enter", "e"], SIZE),
    ("coach-panel", MONDAY, ["@Back squat", "c"], SMALL),
    ("plan", MONDAY, ["p"], SIZE),
    ("history", MONDAY, ["@Back squat", "h"], SIZE),
    ("mobility-day", "2026-11-25T07:30:00", [], SIZE),
    ("rest-day", "2026-11-24T07:30:00", [], SIZE),
    ("summary", "2026-11-29T19:00:00", ["S"], WIDE),
    ("summary-charts", "2026-11-29T19:00:00", ["S", "end"], WIDE),
]


async def shoot(app, name: str, keys: list[str], size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for key in keys:
            if key.startswith("@"):
                names = [p.name for p in app.screen.planned.exercises]
                await pilot.press(*["j"] * names.index(key[1:]))
            else:
                await pilot.press(key)
            await app.workers.wait_for_complete()  # screens that load in a worker (the summary)
            await pilot.pause()
        await pilot.pause(0.2)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(f"wrote screenshots/{name}.svg")


def demo_app(folder: str, when: str, check_in: bool = False, setup=None):
    db = Path(folder) / "demo.db"
    clock = FixedClock.at_local(when, TZ)
    build_demo(db, clock)
    if setup:
        journal = Journal.open(db, clock)
        setup(journal, today(clock))
        journal.close()
    return make_app(db, clock, check_in=check_in)


def all_but_the_last_set(journal: Journal, day) -> None:
    """The day's session done as prescribed, but for the calf raises' last set."""
    for p in journal.plan(day).exercises:
        for done in range(planned_set_count(p) - (p.name == "Standing calf raise")):
            journal.log_prescribed(p, day, next_set(p, done).side)


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, when, keys, size in SHOTS:
        with tempfile.TemporaryDirectory() as folder:
            await shoot(demo_app(folder, when), name, keys, size)
    with tempfile.TemporaryDirectory() as folder:  # the check-in, on a day without one yet
        db = Path(folder) / "demo.db"
        build_demo(db, FixedClock.at_local("2026-11-22T18:00:00", TZ))
        app = make_app(db, FixedClock.at_local("2026-11-23T07:00:00", TZ), check_in=True)
        await shoot(app, "wellness-check-in", [], SIZE)
    with tempfile.TemporaryDirectory() as folder:  # the last set of a session, then its card
        app = demo_app(folder, MONDAY, setup=all_but_the_last_set)
        await shoot(app, "session-complete", ["@Standing calf raise", "enter"], SIZE)
    with tempfile.TemporaryDirectory() as folder:  # the first run, on a path with no journal
        app = make_app(Path(folder) / "new.db", FixedClock.at_local("2026-11-22T18:00:00", TZ), check_in=False)
        await shoot(app, "first-run", [], SIZE)


if __name__ == "__main__":
    asyncio.run(main())
