"""One exercise's history: recent sessions, best estimated 1RM and its trend."""

from __future__ import annotations

from collections import OrderedDict

from pendulum import Date
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label, Sparkline

from ...core.progression import best_e1rm
from ...core.journal import Journal
from ...core.model import LoggedSet
from ...render import load, set_text
from ..widgets.key_footer import KeyFooter


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape,h,q", "app.pop_screen", "Back")]

    def __init__(self, journal: Journal, exercise: str, day: Date) -> None:
        super().__init__()
        self.journal = journal
        self.exercise = exercise
        self.day = day

    def compose(self) -> ComposeResult:
        yield Label(f"{self.exercise}: history", id="history-title", classes="screen-title", markup=False)
        yield Label("", id="history-best")
        yield Sparkline([], id="history-trend")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        recent = self.journal.store.sets_of(self.exercise, before=self.day.add(days=1).isoformat())
        sessions: OrderedDict[str, list[LoggedSet]] = OrderedDict()
        for logged in recent:
            sessions.setdefault(logged.date, []).append(logged)
        table = self.query_one(DataTable)
        table.add_columns("Date", "Sets", "Best e1RM")
        unit = self.journal.enrolled().enrolment.units
        trend = []
        for date, sets in sessions.items():
            sets.reverse()
            best = best_e1rm(sets)
            trend.append(best or 0)
            table.add_row(date, Text(", ".join(set_text(s) for s in sets if s.set_type != "skipped")[:70]),
                          load(best, unit) if best else "—")
        overall = max((t for t in trend if t), default=None)
        self.query_one("#history-best", Label).update(
            f"Best estimated 1RM: {load(overall, unit)} over the last {len(sessions)} sessions" if overall
            else f"{len(sessions)} sessions logged; no loaded sets to estimate a 1RM from")
        self.query_one(Sparkline).data = list(reversed(trend))
        table.focus()
