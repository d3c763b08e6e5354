"""Import history from the screen: sets from a Strong, Hevy or journal CSV, or runs from a
Strava or Garmin export or watch files (told apart by what the path holds), with a progress bar.

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
from ...core.journal import Journal
from ..journal_thread import JournalThread
from ..wording import error_text
from ...render import import_text, run_import_text


class ImportScreen(ModalScreen[bool]):
    """Asks for a file, imports it all or nothing, and dismisses with whether anything was stored."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Close")]

    def __init__(self, journal: JournalThread, day: Date) -> None:
        super().__init__(classes="dialog")
        self.journal = journal
        self.day = day
        self.stored = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label("Import sets (Strong, Hevy, a journal export) or runs (a Strava or Garmin export, "
                        ".fit, .gpx, .tcx)", classes="dialog-title")
            yield Input(placeholder="a file or folder, e.g. ~/Downloads/strong.csv or ~/Downloads/export.zip",
                        id="path")
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
            self.dismiss(self.stored)

    def start(self, text: str) -> None:
        if not text.strip():
            self.query_one("#outcome", Static).update("file: give the path of a file or a folder")
            return
        self.query_one("#import", Button).disabled = True
        self.query_one("#progress", ProgressBar).display = True
        self.query_one("#outcome", Static).update("Reading the file…")
        self.load(Path(text.strip()).expanduser())

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _finished(self, outcome: str, stored: int, problem: str) -> None:
        self.query_one("#progress", ProgressBar).display = not problem
        self.query_one("#import", Button).disabled = False
        self.query_one("#outcome", Static).update(problem or outcome)
        if not problem:
            self.stored = self.stored or stored > 0
            self.query_one("#progress", ProgressBar).update(total=1, progress=1)
            self.app.notify(outcome.splitlines()[-1])

    @work(exclusive=True, thread=True)
    def load(self, path: Path) -> None:
        from ...core.run_exports import holds_runs

        # A long import gets its own connection on its own thread, so the Today screen's reads
        # and writes are not queued behind it (SQLite lets them run beside it in WAL mode).
        journal = Journal.open(self.journal.path, self.journal.clock)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            if holds_runs(path):
                runs = journal.import_runs([path], progress=progress)
                outcome, stored = run_import_text(runs), runs.matched.changes()
            else:
                sets = journal.import_sets(path, progress=progress)
                outcome, stored = import_text(sets, most=8), sets.new
            if stored:
                # Sets and runs from the past make the coach reckon those weeks again: done here,
                # the Today screen's own reload after the dialog finds it done.
                journal.plan(self.day)
        except JournalError as error:
            self.app.call_from_thread(self._finished, "", 0, f"{error_text(error)}; nothing was imported")
            return
        finally:
            journal.close()
        self.app.call_from_thread(self._finished, outcome, stored, "")
