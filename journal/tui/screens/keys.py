"""Every key of the Today screen, in one place."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

EXTRA = (("enter", "log the next set as prescribed"), ("↑ ↓ / j k", "move between exercises"), ("0-9", "type what you did: opens the editor"),
         ("ctrl+p", "command palette: every action"))


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__(classes="dialog")
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        text = Text()
        rows = [(b.key.replace("question_mark", "?").replace("equals_sign", "=").replace(",", " / "),
                 b.description) for b in self.bindings if b.description] + list(EXTRA)
        for key, what in rows:
            text.append(f"{key:>12}  ", style="bold")
            text.append(f"{what}\n")
        with Vertical(classes="dialog-body"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(classes="keys-list"):  # all of it, even on a short terminal
                yield Static(text)
            yield Label("escape closes", classes="hint")
