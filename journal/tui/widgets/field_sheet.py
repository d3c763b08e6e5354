"""Labelled answers drawn as the lines of one widget: the check-in's nine questions cost one
widget's layout, where nine Inputs (with their labels, rows and error lines) cost some forty.

Typing goes to the current answer, at its end; a prefilled answer is replaced by the first key
typed into it, as a selected Input's would be. Enter, tab and down go to the next answer (enter
on the last submits), shift+tab and up to the one before. Each answer is checked as it is
typed, and its problem is shown under it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.validation import Validator
from textual.widget import Widget

from ...core.record import record

LABEL_WIDTH = 38  # as the forms' labels: the check-in looks like every other form


@record
class Field:
    """One question of a form: its answer's name, its label, a prefilled answer, its check."""

    name: str
    label: str
    value: str = ""
    validator: Validator | None = None
    placeholder: str = ""


class FieldSheet(Widget, can_focus=True):
    COMPONENT_CLASSES = {
        "field-sheet--label", "field-sheet--answer", "field-sheet--current", "field-sheet--invalid",
        "field-sheet--replaced", "field-sheet--cursor", "field-sheet--placeholder", "field-sheet--error",
    }

    def __init__(self, fields: Sequence[Field], submit: Callable[[], None], *, id: str | None = None) -> None:
        """`submit`: called on enter at the last answer and on ctrl+s, in turn with the keys typed."""
        super().__init__(id=id)
        self.submit = submit
        self.fields = list(fields)
        self.answers = [field.value for field in fields]
        self.problems = ["" for _ in fields]
        self.current = 0
        self.fresh = True  # the current answer is as it was prefilled: the next key replaces it
        self._rows: list[int] = []  # the answer each line of the last render belongs to

    # --- what the screen reads and sets ---------------------------------------------------

    @property
    def values(self) -> dict[str, str]:
        return {field.name: answer.strip() for field, answer in zip(self.fields, self.answers)}

    def index(self, name: str) -> int:
        return [field.name for field in self.fields].index(name)

    def set_answer(self, name: str, text: str) -> None:
        index = self.index(name)
        self.answers[index] = text
        self._check(index)

    def problem(self, name: str) -> str:
        return self.problems[self.index(name)]

    def show_problem(self, name: str, message: str) -> None:
        """A problem found outside the field's own check (the answers taken together)."""
        index = self.index(name)
        self.problems[index] = message
        self.refresh(layout=True)
        self.go_to(index)

    def check_all(self) -> bool:
        """Check every answer; on a problem, the first one with a problem is made current."""
        for index in range(len(self.fields)):
            self._check(index)
        bad = next((n for n, problem in enumerate(self.problems) if problem), None)
        if bad is not None:
            self.go_to(bad)
        return bad is None

    # --- typing ---------------------------------------------------------------------------

    def type_key(self, key: str, character: str | None) -> bool:
        """Type a key into the current answer; False for a key that is not typing."""
        if key == "backspace":
            self.delete_last()
            return True
        if not (character and character.isprintable()):
            return False
        index = self.current
        self.answers[index] = character if self.fresh else self.answers[index] + character
        self.fresh = False
        self._check(index)
        return True

    def press(self, key: str, character: str | None) -> bool:
        """A key, in turn with the keys before it: a move, saving, or typing. False for a key the
        sheet does not take (escape: the screen's)."""
        # Moves and saving are handled here with the typing, not as bindings: a binding runs once
        # its key has gone up to the screen, after the digits typed behind it, and a fast
        # typist's "7, tab, 4" would put 74 in one answer.
        move = {"enter": lambda: self.next_answer(submit=True), "tab": self.next_answer, "down": self.next_answer,
                "shift+tab": self.previous_answer, "up": self.previous_answer, "ctrl+s": self.submit}.get(key)
        if move is None:
            return self.type_key(key, character)
        move()
        return True

    def on_key(self, event: events.Key) -> None:
        if self.press(event.key, event.character):
            event.stop()
            event.prevent_default()

    def delete_last(self) -> None:
        index = self.current
        self.answers[index] = "" if self.fresh else self.answers[index][:-1]
        self.fresh = False
        self._check(index)

    def next_answer(self, submit: bool = False) -> None:
        if self.current + 1 < len(self.fields):
            self.go_to(self.current + 1)
        elif submit:
            self.submit()

    def previous_answer(self) -> None:
        self.go_to(max(0, self.current - 1))

    def go_to(self, index: int) -> None:
        self.current = index
        self.fresh = True
        self.refresh()  # the same lines, another one marked current
        self._scroll_to_current()

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self._rows):
            self.go_to(self._rows[event.y])

    def _check(self, index: int) -> None:
        validator = self.fields[index].validator
        result = validator.validate(self.answers[index]) if validator else None
        before = self.problems[index]
        self.problems[index] = "" if result is None or result.is_valid else "; ".join(result.failure_descriptions)
        self.refresh(layout=self.problems[index] != before)  # a problem's lines go under its answer

    def _scroll_to_current(self) -> None:
        if self.is_mounted and self.current in self._rows:
            line = self._rows.index(self.current)
            self.scroll_visible()  # the sheet itself, then its current line within the dialog
            if self.parent is not None and hasattr(self.parent, "scroll_to_region"):
                region = self.virtual_region.translate((0, line))._replace(height=1)
                self.parent.scroll_to_region(region, animate=False, immediate=True)

    # --- drawing --------------------------------------------------------------------------

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width)[0])

    def render(self) -> Text:
        lines, self._rows = self._lines(self.content_region.width)
        return Text("\n").join(lines)

    def _lines(self, width: int) -> tuple[list[Text], list[int]]:
        style = self.get_component_rich_style
        answer_width = max(8, width - LABEL_WIDTH)
        lines: list[Text] = []
        rows: list[int] = []
        focused = self.has_focus
        for index, (field, answer, problem) in enumerate(zip(self.fields, self.answers, self.problems)):
            current = index == self.current
            line = Text(f"{field.label:<{LABEL_WIDTH}}"[:LABEL_WIDTH], style=style("field-sheet--label"))
            cell_style = style("field-sheet--answer")
            if problem:
                cell_style += style("field-sheet--invalid")
            elif current and focused:
                cell_style += style("field-sheet--current")
            cell = Text(" ", style=cell_style)
            if answer:
                shown = answer[-(answer_width - 3):]  # a long answer shows its end, where typing goes
                cell.append(shown, style=style("field-sheet--replaced") if current and focused and self.fresh
                            else None)
            elif field.placeholder and not (current and focused):
                cell.append(field.placeholder[:answer_width - 2], style=style("field-sheet--placeholder"))
            if current and focused:
                cell.append(" ", style=style("field-sheet--cursor"))
            cell.pad_right(answer_width - cell.cell_len)
            lines.append(line + cell)
            rows.append(index)
            for part in textwrap.wrap(problem, max(10, width - LABEL_WIDTH - 1)):
                lines.append(Text(" " * (LABEL_WIDTH + 1)) + Text(part, style=style("field-sheet--error")))
                rows.append(index)
        return lines, rows

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
