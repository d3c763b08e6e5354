"""Benchmark: the check-in's compose and layout (goal: under 40 ms), and on to its first paint,
beside a trivial modal of one label measured in the same run.

    pytest -m bench -s tests/bench/test_check_in_speed.py
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pendulum
import pytest
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Label

from journal.core.model import Wellness
from journal.tui.screens.wellness import WellnessScreen

pytestmark = pytest.mark.bench
ROUNDS = 15
LAST = Wellness(date="2026-11-26", sleep_h=7.5, sleep_quality=4, soreness=2, fatigue=2, stress=3, mood=4,
                motivation=4)


class TrivialModal(ModalScreen):
    def compose(self):
        yield Label("a trivial modal")


class Host(App):
    CSS_PATH = "../../journal/tui/journal.tcss"


async def push_to_paint(app: App, screen) -> tuple[float, float]:
    """Seconds from the push to the screen laid out (its last widget given a size), and to its
    first paint."""
    start = time.perf_counter()
    painted = asyncio.get_running_loop().create_future()
    app.push_screen(screen)
    while not screen.is_mounted or not screen.query("*").last().size:  # compose, mount and layout
        await asyncio.sleep(0)
    laid_out = time.perf_counter()
    screen.call_after_refresh(lambda: painted.set_result(time.perf_counter()))
    return laid_out - start, await painted - start


async def timed(make) -> tuple[float, float]:
    samples = []
    async with Host().run_test(size=(100, 30)) as pilot:
        for _ in range(ROUNDS):
            samples.append(await push_to_paint(pilot.app, make()))
            pilot.app.pop_screen()
            await pilot.pause()
    laid_out, painted = zip(*samples[2:])  # the first pushes also load the widgets' classes and styles
    return statistics.median(laid_out), statistics.median(painted)


async def test_check_in_opens_within_40_ms():
    laid_out, painted = await timed(lambda: WellnessScreen(pendulum.date(2026, 11, 27), LAST))
    trivial_laid_out, trivial_painted = await timed(TrivialModal)
    print(f"\ncheck-in: compose and layout, median {laid_out * 1000:.1f} ms (goal < 40 ms"
          f"{'' if laid_out < 0.040 else ', NOT MET'}), a trivial modal's {trivial_laid_out * 1000:.1f} ms; "
          f"to its first paint {painted * 1000:.1f} ms, a trivial modal's {trivial_painted * 1000:.1f} ms: "
          f"{painted / trivial_painted:.2f}x")
