"""Drive the real app with run_test and write SVGs of its main screens into screenshots/.

    python scripts/screenshots.py

Uses the demo journal on a fixed clock, so the pictures only change when the
screens do.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from journal.core.clock import FixedClock
from journal.devtools.history import build_demo
from journal.tui.app import make_app

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (100, 30)
TZ = "Europe/London"

# name, local time the journal is opened at, keys pressed before the picture
SHOTS = [
    ("today", "2026-11-23T18:00:00", ["j"]),
    ("rest-timer", "2026-11-23T18:00:00", ["j", "enter", "enter"]),
    ("set-editor", "2026-11-23T18:00:00", ["j", "enter", "e"]),
    ("plan", "2026-11-23T18:00:00", ["p"]),
    ("history", "2026-11-23T18:00:00", ["j", "h"]),
    ("mobility-day", "2026-11-25T07:30:00", []),
    ("rest-day", "2026-11-24T07:30:00", []),
    ("summary", "2026-11-29T19:00:00", ["S"]),
]


async def shoot(db: Path, name: str, when: str, keys: list[str], check_in: bool = False) -> None:
    app = make_app(db, FixedClock.at_local(when, TZ), check_in=check_in)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await app.workers.wait_for_complete()  # screens that load in a worker (the summary)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(f"wrote screenshots/{name}.svg")


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, when, keys in SHOTS:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "demo.db"
            build_demo(db, FixedClock.at_local(when, TZ))
            await shoot(db, name, when, keys)
    with tempfile.TemporaryDirectory() as folder:  # the check-in, on a day without one yet
        db = Path(folder) / "demo.db"
        build_demo(db, FixedClock.at_local("2026-11-22T18:00:00", TZ))
        await shoot(db, "wellness-check-in", "2026-11-23T07:00:00", [], check_in=True)


if __name__ == "__main__":
    asyncio.run(main())
