"""A small chart with axes: dates along the bottom, round values with their unit up the side.

Built on textual-plotext, which follows the app's theme for background and text; the series take
the theme's primary and accent colours so they read on light and dark themes alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotext._utility as plotext_utility
from pendulum import Date
from textual.color import Color
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from ...core.clock import day_text
from ...core.record import record
from ...core.units import in_unit


BAR_DAYS = 4  # a weekly bar's width, in days

# plotext drops duplicate ticks through a set, so the order it places tick labels in (and so
# where a crowded label lands) changed with each process's string hashing. Its own commented-out
# alternative keeps the order: the same data then draws the same chart every time.
plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))


@record
class Series:
    label: str
    values: Sequence[float | None]  # one per date; None is a gap


def nice_ticks(low: float, high: float, most: int = 4) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) that cover low..high in at most `most` ticks."""
    if high <= low:
        high = low + 1
    rough = (high - low) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * m for m in (1, 2, 2.5, 5, 10) if (high - low) / (power * m) <= most - 1)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    return [round(first + n * step, 6) for n in range(count + 1)]


def tick_text(value: float, unit: str) -> str:
    """`120 kg`, `12.5k kg`: short enough to leave the plot its width."""
    number = f"{value / 1000:g}k" if abs(value) >= 10000 else f"{value:g}"
    return f"{number} {unit}".rstrip()


def date_ticks(dates: Sequence[Date], width: int) -> list[Date]:
    """Dates to label: points spread evenly in time from the first to the last, each moved to the
    nearest date that has a value, as many as the width allows."""
    first, days = dates[0], (dates[-1] - dates[0]).days
    room = max(2, width // 9)
    wanted = [first.add(days=round(n * days / (room - 1))) for n in range(room)]
    return sorted({min(dates, key=lambda d: abs((d - day).days)) for day in wanted})


class TrendChart(PlotextPlot):
    """Values over dates, as lines (a trend) or stacked bars (amounts that add up)."""

    DEFAULT_CSS = "TrendChart { height: 1fr; width: 1fr; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart_title = ""
        self.dates: Sequence[Date] = ()
        self.series: Sequence[Series] = ()
        self.unit = ""
        self.bars = False
        self.floor: float | None = None

    def show(self, title: str, dates: Sequence[Date], series: Sequence[Series], unit: str = "",
             bars: bool = False, floor: float | None = None) -> None:
        """Draw `series` over `dates`; `floor` pins the bottom of the y axis (0 for amounts). Loads
        (`unit` kg or lb) are given in kg, as the journal keeps them, and drawn in `unit`."""
        if unit in ("kg", "lb"):
            series = [Series(s.label, [in_unit(v, unit) if v is not None else None for v in s.values])
                      for s in series]
        self.chart_title, self.dates, self.series, self.unit, self.bars = title, dates, series, unit, bars
        self.floor = 0.0 if bars else floor
        self.refresh()

    def _colours(self) -> list[tuple[int, int, int]]:
        variables = self.app.theme_variables
        return [Color.parse(variables[name]).rgb for name in ("primary", "accent", "warning")]

    def render(self):
        # A new figure for every drawing: a plotext figure keeps state from its earlier drawings
        # (at other sizes), so the same data could come out a column apart.
        self._plot = plt = Plot()
        plt.title(self.chart_title)
        found = [v for s in self.series for v in s.values if v is not None]
        if not self.dates or not found:
            plt.xticks([], [])
            plt.yticks([], [])
            plt.text("no data yet", 0, 0, alignment="center")
            return super().render()
        top = (max(sum(v or 0 for v in column) for column in zip(*(s.values for s in self.series)))
               if self.bars else max(found))
        low = self.floor if self.floor is not None else min(found)
        ticks = nice_ticks(low, top, most=max(2, min(5, (self.size.height - 4) // 2)))
        first = self.dates[0]
        xs = [(d - first).days for d in self.dates]  # time runs at its real pace, gaps and all
        colours = self._colours()
        if self.bars:
            plt.stacked_bar(xs, [[v or 0 for v in s.values] for s in self.series], width=BAR_DAYS,
                            labels=[s.label for s in self.series] if len(self.series) > 1 else None,
                            color=colours[:len(self.series)], marker="sd")
        else:
            for n, s in enumerate(self.series):
                points = [(x, v) for x, v in zip(xs, s.values) if v is not None]
                plt.plot([x for x, _ in points], [v for _, v in points], marker="braille",
                         color=colours[n % len(colours)], label=s.label if len(self.series) > 1 else None)
        # Limits set, never left to plotext: its own depend on what other plots drew before.
        edge = BAR_DAYS / 2 if self.bars or xs[-1] == xs[0] else 0  # one date: a span around it
        plt.xlim(xs[0] - edge, xs[-1] + edge)
        plt.ylim(ticks[0], ticks[-1])
        plt.yticks(ticks, [tick_text(t, self.unit) for t in ticks])
        labelled = date_ticks(self.dates, self.size.width)
        plt.xticks([(d - first).days for d in labelled], [day_text(d, "D MMM") for d in labelled])
        return super().render()
