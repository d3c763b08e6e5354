"""The daily check-in: sleep, soreness, fatigue, stress, mood, motivation.

The morning's first screen opens it by itself, so it is drawn as one sheet of answers
(widgets/field_sheet.py) rather than nine Inputs: it is on screen in a few milliseconds.
"""

from __future__ import annotations

from functools import partial

from pendulum import Date
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ...core.entry import parse_check_in, parse_number, parse_scale
from ...core.errors import JournalError
from ...core.model import Wellness
from ..validators import EntryValidator
from ..widgets.field_sheet import Field, FieldSheet
from ..wording import error_text

SCALES = (
    ("sleep_quality", "Sleep quality", "1 poor … 5 great"),
    ("soreness", "Soreness", "1 none … 5 very sore"),
    ("fatigue", "Fatigue", "1 fresh … 5 exhausted"),
    ("stress", "Stress", "1 calm … 5 very stressed"),
    ("mood", "Mood", "1 low … 5 great"),
    ("motivation", "Motivation", "1 none … 5 eager"),
)


def check_in_fields(last: Wellness | None) -> list[Field]:
    """The questions, prefilled with the last check-in, so a normal day is a few presses of enter."""

    def value(name: str) -> str:
        found = getattr(last, name, None) if last else None
        return "" if found is None else f"{found:g}"

    return [
        Field("sleep_h", "Sleep (hours)", value("sleep_h"),
              EntryValidator(partial(parse_number, field="sleep", low=0, high=24)), "e.g. 7.5"),
        *(Field(name, f"{label} ({scale})", value(name),
                EntryValidator(partial(parse_scale, field=name.replace("_", "-")))) for name, label, scale in SCALES),
        Field("resting_hr", "Resting HR (optional)", "",
              EntryValidator(partial(parse_number, field="resting-hr", low=25, high=220), optional=True)),
        Field("notes", "Notes (optional)", ""),
    ]


class WellnessScreen(ModalScreen[Wellness | None]):
    """Dismisses with the day's check-in, every answer checked, or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),  # the answers take it first, in turn with the typing
    ]

    def __init__(self, day: Date, last: Wellness | None = None) -> None:
        super().__init__(classes="dialog")
        self.day = day
        self.sheet = FieldSheet(check_in_fields(last), self.action_save, id="check-in")

    def compose(self) -> ComposeResult:
        # Scrolls on a short terminal; never focused itself, so every key reaches the answers.
        with VerticalScroll(classes="dialog-body form", can_focus=False):
            yield Label(f"Check-in for {self.day.isoformat()}: how are you today?", classes="dialog-title",
                        markup=False)
            yield self.sheet
            yield Label("enter: next answer, saves on the last · ctrl+s save · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.sheet.focus()

    def take_key(self, key: str, character: str | None) -> bool:
        """A key typed while the check-in was still opening: the answers take it, in turn."""
        return self.sheet.press(key, character)

    def action_save(self) -> None:
        if not self.sheet.check_all():
            return
        answers = self.sheet.values
        try:
            wellness = parse_check_in(self.day, **answers)
        except JournalError as error:  # said on the answer it names
            name = "sleep_h" if error.field == "sleep" else (error.field or "").replace("-", "_")
            self.sheet.show_problem(name if name in answers else "sleep_h", error_text(error))
            return
        self.dismiss(wellness)

    def action_cancel(self) -> None:
        self.dismiss(None)
