"""The Sunday review: one ISO week's sessions, lifts, recovery, verdicts and next week, with charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pendulum import Date
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from ...core.engine import monday_of
from ..journal_thread import JournalThread
from ...core.units import amount_text
from ...render import load, summary_sections
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ...core.summary import WeeklySummary


def _chart(values: Sequence[float | None]) -> list[float]:
    """Sparkline data: weeks without a value sit at the bottom."""
    return [v or 0.0 for v in values]


def _span(values: Sequence[float | None], unit: str) -> str:
    """`843–5634.5 kg`: a chart's range, loads (given in kg) in the lifter's unit."""
    found = [v for v in values if v]
    if not found:
        return "no data yet"
    if unit in ("kg", "lb"):
        return f"{amount_text(min(found), unit)}–{load(max(found), unit)}"
    return f"{min(found):g}–{max(found):g}"


class SummaryScreen(Screen):
    BINDINGS = [
        Binding("escape,q,S", "app.pop_screen", "Back"),
        Binding("left_square_bracket,left", "week(-1)", "Previous week"),
        Binding("right_square_bracket,right", "week(1)", "Next week"),
        Binding("x", "export", "Export"),
    ]

    def __init__(self, journal: JournalThread, day: Date) -> None:
        super().__init__()
        self.journal = journal
        self.monday = monday_of(day)

    def compose(self) -> ComposeResult:
        yield Label("", id="summary-title", classes="screen-title", markup=False)
        with VerticalScroll(id="summary-body"):
            with Grid(id="summary-charts"):
                for name in ("volume", "readiness", "load", "e1rm"):
                    with Vertical(classes="chart"):
                        yield Label("", id=f"chart-{name}-label", classes="chart-label", markup=False)
                        yield Sparkline([], id=f"chart-{name}")
            yield Static("Loading…", id="summary-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    def action_week(self, step: int) -> None:
        self.monday = self.monday.add(weeks=step)
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        monday = self.monday
        self.show(await self.journal.run(lambda journal: journal.summary(monday)))

    def show(self, week: WeeklySummary) -> None:
        block = week.block
        self.query_one("#summary-title", Label).update(
            f"Week {week.week} · {week.from_} to {week.to} · {block.name} week {block.week} ({block.phase})")
        charts = week.charts
        weeks = len(charts.weeks)
        lift, series = next(iter(charts.e1rm.items()), ("e1RM", [None] * weeks))
        for name, values, title, unit in (
            ("volume", charts.volume_kg, f"Volume, {weeks} weeks", week.unit),
            ("readiness", charts.readiness, "Readiness", ""),
            ("load", charts.load, "Load (RPE × min)", ""),
            ("e1rm", series, f"{lift} e1RM", week.unit),
        ):
            self.query_one(f"#chart-{name}", Sparkline).data = _chart(values)
            self.query_one(f"#chart-{name}-label", Label).update(f"{title}: {_span(values, unit)}")
        parts: list[Text | Table] = []
        for title, lines in summary_sections(week):
            body = Table.grid()  # a grid, not indented text: a line that wraps keeps its indent
            body.add_column(width=2)
            body.add_column(ratio=1)
            for line in lines:
                body.add_row("", Text(line))
            parts += [Text(title, style="bold"), body]
        self.query_one("#summary-text", Static).update(Group(*parts))
        self.query_one("#summary-body", VerticalScroll).scroll_home(animate=False)

    def action_export(self) -> None:
        from .export import ExportScreen

        self.app.push_screen(ExportScreen(self.journal, self.monday))
