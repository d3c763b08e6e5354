"""Log sets through the Today screen until killed: Pilot presses Enter, and each set is
printed (its id) once the screen shows it as logged.

    python tests/helpers/tui_logger.py DB DAY

Prints "ready" when the screen is up, one id per logged set, and "done" when the
session is finished. A crash test kills this process at random moments and checks
that every printed id is in the database.
"""

from __future__ import annotations

import asyncio
import sys

from journal.core.clock import FixedClock
from journal.tui.app import make_app


def shown(screen) -> set[str]:
    return {s.id for sets in screen.logged.values() for s in sets}


async def log_until_done(db: str, day: str) -> None:
    app = make_app(db, FixedClock.at_local(f"{day}T18:00:00", "Europe/London"), check_in=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        print("ready", flush=True)
        while True:
            before = shown(screen)
            await pilot.press("enter")
            await app.workers.wait_for_complete()  # the set is written in a worker
            await pilot.pause()
            new = shown(screen) - before
            if not new:
                break
            for set_id in new:
                print(set_id, flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(log_until_done(sys.argv[1], sys.argv[2]))
