"""Charts with axes: round ticks with their unit, dates a lifter can read, and the history chart on screen."""

from __future__ import annotations

import math

from hypothesis import given, strategies as st

from journal.core.entry import parse_set_input
from journal.tui.widgets.trend_chart import date_ticks, nice_ticks, tick_text
from .conftest import START, open_on, plain, settle


@given(st.floats(0, 50000, allow_nan=False), st.floats(0.01, 50000, allow_nan=False), st.integers(2, 6))
def test_ticks_are_round_evenly_spaced_and_cover_the_values(low, spread, most):
    high = low + spread
    ticks = nice_ticks(low, high, most)
    assert ticks[0] <= low and ticks[-1] >= high
    assert 2 <= len(ticks) <= most + 1
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 2.5, 5)


def test_ticks_read_as_round_numbers_with_their_unit():
    assert nice_ticks(23.3, 47.1) == [20, 30, 40, 50]
    assert [tick_text(t, "kg") for t in nice_ticks(0, 5634, 4)] == ["0 kg", "2000 kg", "4000 kg", "6000 kg"]
    assert tick_text(12500, "lb") == "12.5k lb"
    assert tick_text(50, "") == "50"


@given(st.lists(st.integers(0, 4000), min_size=1, max_size=60, unique=True), st.integers(20, 200))
def test_date_labels_start_and_end_on_real_dates_and_fit_the_width(offsets, width):
    dates = [START.add(days=n) for n in sorted(offsets)]
    labelled = date_ticks(dates, width)
    assert labelled[0] == dates[0] and labelled[-1] == dates[-1]
    assert set(labelled) <= set(dates) and labelled == sorted(labelled)
    assert len(labelled) <= max(2, width // 9)


async def test_history_charts_e1rm_over_dates_in_the_lifters_unit(app_factory):
    def three_sessions(journal):
        for week, kg in enumerate((20, 22.5, 25)):
            journal.log_set("Back squat", START.add(weeks=week), parse_set_input(f"{kg}x5", journal.units()))

    app = app_factory(when="2026-09-21T18:00:00", setup=three_sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_on(app, pilot, "Back squat")
        await pilot.press("h")
        await settle(pilot)
        chart = plain(app.screen.query_one("#history-trend")).splitlines()
        assert "Best e1RM by session (kg)" in chart[0]
        assert chart[-1].split() == ["7", "Sep", "14", "Sep", "21", "Sep"]
        ticks = [line.split("┤")[0].strip() for line in chart if "┤" in line]
        assert ticks == ["30 kg", "25 kg", "20 kg"]  # 23.3 to 29.2 kg: e1RM of 20 to 25 kg × 5
