"""Benchmark: the check-in form's compose and layout, from push to its first paint (goal: under
40 ms), beside a trivial modal of one label measured in the same run.

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


async def push_to_paint(app: App, screen) -> float:
    start = time.perf_counter()
    painted = asyncio.get_running_loop().create_future()
    await app.push_screen(screen)
    screen.call_after_refresh(lambda: painted.set_result(time.perf_counter()))
    return await painted - start


async def timed(make) -> list[float]:
    samples = []
    async with Host().run_test(size=(100, 30)) as pilot:
        for _ in range(ROUNDS):
            samples.append(await push_to_paint(pilot.app, make()))
            pilot.app.pop_screen()
            await pilot.pause()
    return samples[2:]  # the first pushes also load the widgets' classes and styles


async def test_check_in_opens_within_40_ms():
    form = statistics.median(await timed(lambda: WellnessScreen(pendulum.date(2026, 11, 27), LAST)))
    trivial = statistics.median(await timed(TrivialModal))
    print(f"\ncheck-in push to first paint: median {form * 1000:.1f} ms (goal < 40 ms"
          f"{'' if form < 0.040 else ', NOT MET'}); a trivial modal {trivial * 1000:.1f} ms: {form / trivial:.2f}x")
