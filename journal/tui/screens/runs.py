"""The runs of the last twelve weeks, each with its kind and why it was suggested; the runner's
word corrects a kind with one key, and an import never changes it again."""

from __future__ import annotations

from pendulum import Date
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label

from ...core.clock import day_text
from ...core.errors import JournalError
from ...core.model import Run
from ...core.units import duration_text
from ...render import run_kind_text
from ..journal_thread import JournalThread
from ..wording import error_text
from ..widgets.exercise_table import fill
from ..widgets.key_footer import KeyFooter

WEEKS = 12


class RunsScreen(Screen[bool]):
    """Dismisses with whether a kind was changed (the plan moves around key runs)."""

    BINDINGS = [
        Binding("escape,q,R", "back", "Back"),
        Binding("E", "kind('easy')", "Easy"),
        Binding("Q", "kind('quality')", "Quality"),
        Binding("L", "kind('long')", "Long"),
        Binding("C", "kind('race')", "Race"),
    ]

    def __init__(self, journal: JournalThread, day: Date) -> None:
        super().__init__()
        self.journal = journal
        self.day = day
        self.runs: dict[str, Run] = {}
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Label(f"Runs: the {WEEKS} weeks to {day_text(self.day, 'ddd D MMM')} (? = kind suggested, "
                    "not yet yours)", id="runs-title", classes="screen-title")
        yield DataTable(id="runs-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="runs-why", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self, keep: str | None = None) -> None:
        first, last = self.day.subtract(weeks=WEEKS), self.day
        runs = await self.journal.run(lambda journal: journal.runs_between(first, last))
        self.runs = {run.id: run for run in runs if run.kind != "travel"}
        table = self.query_one(DataTable)
        table.clear(columns=True)
        fill(table, ["Date", "Time", "Kind", "Distance", "Duration", "HR", "Title"],
             [([run.date, run.time or "", run_kind_text(run), f"{run.km:g} km" if run.km else "",
                duration_text(run.minutes) if run.minutes else "", str(run.avg_hr or ""),
                Text(run.title or "")], run.id) for run in reversed(self.runs.values())])
        if not self.runs:
            self.query_one("#runs-why", Label).update(
                "No runs in these weeks: import them with i on the Today screen, or `journal run import`.")
        elif keep in self.runs:
            table.move_cursor(row=table.get_row_index(keep))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        run = self.runs.get(event.row_key.value) if event.row_key else None
        if run is not None:
            self.query_one("#runs-why", Label).update(
                f"{run.kind_reason}. E easy · Q quality · L long · C race: your word, kept over any import."
                if run.kind_reason else f"{run.kind}: your word. E easy · Q quality · L long · C race to change it.")

    @work(exclusive=True, group="kind")
    async def action_kind(self, kind: str) -> None:
        table = self.query_one(DataTable)
        if not self.runs or table.cursor_row is None:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            await self.journal.run(lambda journal: journal.set_run_kind(key, kind))
        except JournalError as error:
            self.query_one("#runs-why", Label).update(error_text(error))
            return
        self.changed = True
        self.load(keep=key)

    def action_back(self) -> None:
        self.dismiss(self.changed)
