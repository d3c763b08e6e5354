"""A one-line note on a set: dismisses with the text, or None on escape."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NoteScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, about: str, note: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.about = about
        self.note = note or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(f"Note on {self.about}", classes="dialog-title", markup=False)
            yield Input(self.note, placeholder="e.g. left knee fine, grip went on the last rep", id="note")
            yield Label("enter saves · escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
