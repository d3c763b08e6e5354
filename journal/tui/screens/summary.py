"""The Sunday review: one ISO week's sessions, lifts, recovery, verdicts and next week, with charts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pendulum import Date
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from ...core.clock import iso_date
from ...core.engine import monday_of
from ...render import SummaryTable, summary_tables
from ..journal_thread import JournalThread
from ..widgets.key_footer import KeyFooter
from ..widgets.trend_chart import Series, TrendChart

if TYPE_CHECKING:
    from ...core.summary import WeeklySummary


def rich_table(section: SummaryTable) -> Group:
    """A summary section as the screen shows it: a bold title, a table of plain-text cells, its notes."""
    parts: list = [Text(section.title, style="bold")]
    if section.rows:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
        for column in section.columns:
            table.add_column(column, overflow="fold")
        for row in section.rows:
            table.add_row(*(Text(cell) for cell in row))
        parts.append(table)
    elif section.empty:
        parts.append(Text(section.empty))
    notes = Table.grid()  # a grid, not indented text: a note that wraps keeps its indent
    notes.add_column(width=2)
    notes.add_column(ratio=1)
    for note in section.notes:
        notes.add_row("", Text(note))
    return Group(*parts, notes, Text(""))


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
            yield Static("Loading…", id="summary-text")
            with Grid(id="summary-charts"):
                for name in ("volume", "running", "readiness", "load", "e1rm"):
                    yield TrendChart(id=f"chart-{name}", classes="chart")
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
        block, unit, charts = week.block, week.unit, week.charts
        self.query_one("#summary-title", Label).update(
            f"Week {week.week} · {week.from_} to {week.to} · {block.name} week {block.week} ({block.phase})")
        self.query_one("#summary-text", Static).update(Group(*(rich_table(t) for t in summary_tables(week))))

        mondays = [iso_date(d) for d in charts.mondays]
        weeks = len(mondays)
        self.query_one("#chart-volume", TrendChart).show(
            f"Volume a week ({unit})", mondays, [Series("volume", charts.volume_kg)], unit, bars=True)
        self.query_one("#chart-running", TrendChart).show(
            "Running a week (km)", mondays, [Series("km", charts.run_km)], "km", bars=True)
        self.query_one("#chart-readiness", TrendChart).show(
            "Readiness (0-100)", mondays, [Series("readiness", charts.readiness)], floor=0)
        self.query_one("#chart-load", TrendChart).show(
            "Training load (RPE × min)", mondays,
            [Series("gym", charts.gym_load), Series("runs", charts.run_load)], bars=True)
        self.query_one("#chart-e1rm", TrendChart).show(
            f"Main lifts' e1RM ({unit}), {weeks} weeks", mondays,
            [Series(lift, values) for lift, values in charts.e1rm.items()], unit)
        self.query_one("#summary-body", VerticalScroll).scroll_home(animate=False)

    def action_export(self) -> None:
        from .export import ExportScreen

        self.app.push_screen(ExportScreen(self.journal, self.monday))
