"""Benchmark: Enter to a committed set and a repainted row, on a ten-year journal (goal: median
under 15 ms).

    pytest -m bench -s tests/bench

Logs 50 real sets across the journal's coming sessions and prints two medians:
the whole key press as Pilot sees it (Enter, commit, repaint, idle), with its
ratio to a bare Textual DataTable's key round trip measured in the same run,
and the journal's own share (the log action: fsynced commit and widget updates).
"""

from __future__ import annotations

import statistics
import time

import pytest
from textual.app import App
from textual.widgets import DataTable

from journal.core.clock import FixedClock
from journal.tui.app import make_app

from .conftest import TZ

pytestmark = pytest.mark.bench
SETS = 50
DAYS = ["2026-11-26", "2026-11-28", "2026-11-30", "2026-12-03", "2026-12-05"]  # the coming sessions


class BareTable(App):
    def compose(self):
        table = DataTable(cursor_type="row")
        table.add_columns("a", "b")
        for n in range(SETS + 5):
            table.add_row(str(n), str(n * 2))
        yield table


async def log_sets(db, count: int, press: bool) -> list[float]:
    """Time `count` logged sets, moving through the sessions of DAYS as each is finished."""
    samples: list[float] = []
    for day in DAYS:
        app = make_app(db, FixedClock.at_local(f"{day}T18:00:00", TZ), check_in=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            store = screen.journal.store
            while len(samples) < count:
                before = store.count("sets")
                start = time.perf_counter()
                if press:
                    await pilot.press("enter")
                else:
                    screen.action_log_prescribed()
                elapsed = time.perf_counter() - start
                if store.count("sets") == before:
                    break  # the session is finished: on to the next day
                samples.append(elapsed)
                await pilot.pause()
        if len(samples) >= count:
            return samples
    raise AssertionError(f"only {len(samples)} sets to log in {DAYS}")


async def test_enter_to_committed_set(ten_years, copy_of):
    db = copy_of(ten_years)
    pressed = await log_sets(db, SETS, press=True)
    direct = await log_sets(db, SETS, press=False)
    baseline = []
    async with BareTable().run_test(size=(100, 30)) as pilot:
        for _ in range(SETS):
            start = time.perf_counter()
            await pilot.press("down")
            baseline.append(time.perf_counter() - start)
    median, base = statistics.median(pressed), statistics.median(baseline)
    print(f"\nEnter -> committed set + repaint on ten years (Pilot round trip; goal < 15 ms): "
          f"median {median * 1000:.1f} ms over "
          f"{len(pressed)} sets; bare DataTable key round trip {base * 1000:.1f} ms; ratio {median / base:.2f}x")
    print(f"journal's own work per set (fsynced commit + row and set-list update): median "
          f"{statistics.median(direct) * 1000:.2f} ms over {len(direct)} sets")
