"""One exercise's history: recent sessions, best estimated 1RM and its trend."""

from __future__ import annotations

from pendulum import Date
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label

from ...core.clock import iso_date
from ...core.errors import JournalError
from ...core.exercise_history import ExerciseHistory
from ...render import load, set_text
from ..journal_thread import JournalThread
from ..wording import error_text
from ..widgets.exercise_table import fill
from ..widgets.key_footer import KeyFooter
from ..widgets.trend_chart import Series, TrendChart


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape,h,q", "app.pop_screen", "Back")]

    def __init__(self, journal: JournalThread, exercise: str, day: Date) -> None:
        super().__init__()
        self.journal = journal
        self.exercise = exercise
        self.day = day

    def compose(self) -> ComposeResult:
        yield Label(f"{self.exercise}: history", id="history-title", classes="screen-title", markup=False)
        yield Label("", id="history-best", markup=False)
        yield TrendChart(id="history-trend")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        try:
            history = await self.journal.run(lambda journal: journal.exercise_history(self.exercise, self.day))
        except JournalError as error:
            self.query_one("#history-best", Label).update(error_text(error))
            return
        self.show(history)

    def show(self, history: ExerciseHistory) -> None:
        table = self.query_one(DataTable)
        unit = history.unit
        # The long column last: on a narrow terminal the sets are cut, never the best e1RM.
        fill(table, ["Date", "Best e1RM", "Sets"],
             [([session.date, load(session.best_e1rm_kg, unit) if session.best_e1rm_kg else "—",
                Text(", ".join(set_text(s) + (f" “{s.notes}”" if s.notes else "") for s in session.done)[:90])],
               None)
              for session in history.sessions])
        overall = history.best_e1rm_kg
        count = len(history.sessions)
        self.query_one("#history-best", Label).update(
            f"Best estimated 1RM: {load(overall, unit)} over the last {count} sessions" if overall
            else f"{count} sessions logged; no loaded sets to estimate a 1RM from")
        dated = [s for s in reversed(history.sessions) if s.best_e1rm_kg]
        self.query_one(TrendChart).show(
            f"Best e1RM by session ({unit})", [iso_date(s.date) for s in dated],
            [Series("e1RM", [s.best_e1rm_kg for s in dated])], unit)
        table.focus()
