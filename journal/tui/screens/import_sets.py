"""Import history from the screen: a Strong, Hevy or journal CSV, with a progress bar.

The import runs in a worker thread on its own connection, so its one transaction never
mixes with the screen's reads, and the screen keeps repainting while years of sets go in.
"""

from __future__ import annotations

from pathlib import Path

from pendulum import Date
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static

from ...core.errors import JournalError
from ...core.journal import ImportReport, Journal
from ...core.units import plural
from ..journal_thread import JournalThread
from ..wording import error_text
from ...render import import_text


class ImportScreen(ModalScreen[ImportReport | None]):
    """Asks for a file, imports it all or nothing, and dismisses with the report."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, journal: JournalThread, day: Date) -> None:
        super().__init__(classes="dialog")
        self.journal = journal
        self.day = day
        self.report: ImportReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label("Import sets from Strong, Hevy or a journal export", classes="dialog-title")
            yield Input(placeholder="path to the CSV file, e.g. ~/Downloads/strong.csv", id="path")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static("", id="outcome", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (enter)", id="import", variant="primary")
                yield Button("Close (escape)", id="close")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.start(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import":
            self.start(self.query_one("#path", Input).value)
        else:
            self.dismiss(self.report)

    def start(self, text: str) -> None:
        if not text.strip():
            self.query_one("#outcome", Static).update("file: give the path of a CSV file")
            return
        self.query_one("#import", Button).disabled = True
        self.query_one("#progress", ProgressBar).display = True
        self.query_one("#outcome", Static).update("Reading the file…")
        self.load(Path(text.strip()).expanduser())

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _finished(self, report: ImportReport | None, problem: str) -> None:
        self.query_one("#progress", ProgressBar).display = report is not None
        self.query_one("#import", Button).disabled = False
        self.query_one("#outcome", Static).update(import_text(report, most=8) if report else problem)
        if report is not None:
            self.report = report
            self.query_one("#progress", ProgressBar).update(total=max(report.sets, 1), progress=max(report.sets, 1))
            self.app.notify(f"Imported {plural(report.new, 'new set')}")

    @work(exclusive=True, thread=True)
    def load(self, path: Path) -> None:
        # A long import gets its own connection on its own thread, so the Today screen's reads
        # and writes are not queued behind it (SQLite lets them run beside it in WAL mode).
        journal = Journal.open(self.journal.path, self.journal.clock)
        try:
            report = journal.import_sets(path, progress=lambda done, total: self.app.call_from_thread(
                self._progress, done, total))
            if report.new:
                # Sets from the past make the coach reckon those weeks again: done here, the
                # Today screen's own reload after the dialog finds it done.
                journal.plan(self.day)
        except JournalError as error:
            self.app.call_from_thread(self._finished, None, f"{error_text(error)}; nothing was imported")
            return
        finally:
            journal.close()
        self.app.call_from_thread(self._finished, report, "")
