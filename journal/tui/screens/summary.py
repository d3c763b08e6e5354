"""The Sunday review: one ISO week's sessions, lifts, recovery, verdicts and next week, with charts."""

from __future__ import annotations

from pendulum import Date
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


def _chart(values: list[float | None]) -> list[float]:
    """Sparkline data: weeks without a value sit at the bottom."""
    return [v or 0.0 for v in values]


def _span(values: list[float | None], unit: str) -> str:
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

    def show(self, doc: dict) -> None:
        block = doc["block"]
        self.query_one("#summary-title", Label).update(
            f"Week {doc['week']} · {doc['from']} to {doc['to']} · {block['name']} week {block['week']} "
            f"({block['phase']})")
        charts = doc["charts"]
        weeks = len(charts["weeks"])
        lifts = charts["e1rm"]
        lift, series = next(iter(lifts.items()), ("e1RM", [None] * weeks))
        for name, values, title, unit in (
            ("volume", charts["volume_kg"], f"Volume, {weeks} weeks", doc.get("unit", "kg")),
            ("readiness", charts["readiness"], "Readiness", ""),
            ("load", charts["load"], "Load (RPE × min)", ""),
            ("e1rm", series, f"{lift} e1RM", doc.get("unit", "kg")),
        ):
            self.query_one(f"#chart-{name}", Sparkline).data = _chart(values)
            self.query_one(f"#chart-{name}-label", Label).update(f"{title}: {_span(values, unit)}")
        text = Text()
        for title, lines in summary_sections(doc):
            text.append(f"{title}\n", style="bold")
            text.append("".join(f"  {line}\n" for line in lines))
        text.rstrip()
        self.query_one("#summary-text", Static).update(text)

    def action_export(self) -> None:
        from .export import ExportScreen

        self.app.push_screen(ExportScreen(self.journal, self.monday))
