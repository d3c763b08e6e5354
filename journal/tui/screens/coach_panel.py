"""The coach panel as a dialog, for a terminal too narrow to keep it beside the session."""

from __future__ import annotations

from pendulum import Date
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ...core.exercise_history import ExerciseSession
from ..journal_thread import JournalThread
from ..widgets.coach_panel import CoachPanel


class CoachPanelScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,c,q", "dismiss", "Close")]

    def __init__(self, journal: JournalThread, day: Date, exercise: str | None,
                 last: ExerciseSession | None) -> None:
        super().__init__(classes="dialog")
        self.panel = CoachPanel(journal, day, id="coach-dialog")
        self.exercise = exercise
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label("Last time, this week, readiness", classes="dialog-title")
            yield self.panel
            yield Label("escape closes", classes="hint")

    def on_mount(self) -> None:
        self.panel.show_last(self.exercise, self.last)
        self.panel.load_week()
