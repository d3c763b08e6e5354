"""Export to CSV from the screen: this week or everything, to a file beside the journal."""

from __future__ import annotations

from pathlib import Path

from pendulum import Date
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from ...core.clock import iso_week, today
from ...core.errors import JournalError
from ..journal_thread import JournalThread
from ..wording import error_text


class ExportScreen(ModalScreen[str | None]):
    """Asks what to export, writes it in a worker, and dismisses with the file it wrote."""

    BINDINGS = [
        Binding("escape,n", "dismiss(None)", "Cancel"),
        Binding("w", "export('week')", "This week"),
        Binding("a", "export('all')", "Everything"),
    ]

    def __init__(self, journal: JournalThread, monday: Date) -> None:
        super().__init__(classes="dialog")
        self.journal = journal
        self.monday = monday

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(f"Export sets to CSV beside {self.journal.path.name}", id="question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Week {iso_week(self.monday)} (w)", id="week", variant="primary")
                yield Button("Everything (a)", id="all")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_export(event.button.id or "week")

    def action_export(self, scope: str) -> None:
        target, first, last = self._target(scope)
        if not target.exists():
            self.write(target, first, last, force=False)
            return
        from .confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.write(target, first, last, force=True)

        self.app.push_screen(ConfirmScreen(f"{target.name} already exists. Replace it?", yes="Replace"), answered)

    def _target(self, scope: str) -> tuple[Path, Date | None, Date | None]:
        folder = self.journal.path.parent
        if scope == "week":
            return folder / f"journal-{iso_week(self.monday)}.csv", self.monday, self.monday.add(days=6)
        return folder / f"journal-all-{today(self.journal.clock).isoformat()}.csv", None, None

    @work(exclusive=True)
    async def write(self, target: Path, first: Date | None, last: Date | None, force: bool) -> None:
        try:
            count = await self.journal.run(lambda journal: journal.export_to(target, "sets", first, last, force=force))
        except (JournalError, OSError) as error:
            problem = error_text(error) if isinstance(error, JournalError) else str(error)
            self.app.notify(f"Export failed: {problem}", severity="error", markup=False)
            self.dismiss(None)
            return
        self.app.notify(f"Exported {count} sets to {target}", markup=False)
        self.dismiss(str(target))
