"""The screen's names for the fields the core's errors name."""

from __future__ import annotations

from ..core.errors import JournalError, NotEnrolled

LABELS = {"journal": "Journal file", "set": "Set", "rpe": "RPE", "sleep": "Sleep", "resting-hr": "Resting HR",
          "bar": "Bar", "plates": "Plates", "machine-step": "Machine step", "out": "File"}


def error_text(error: JournalError) -> str:
    """One line for a notification or a form: the field as the screen labels it, then the problem."""
    if isinstance(error, NotEnrolled):
        return "No program enrolled yet: start one with 'journal init' in a terminal"
    label = LABELS.get(error.field, error.field.replace("_", " ").replace("-", " ").capitalize())
    return f"{label}: {error.problem}"
