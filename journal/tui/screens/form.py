"""A modal form of labelled, validated inputs: the shape of the set editor and the check-in.

Enter moves to the next field and saves on the last; ctrl+s saves from
anywhere; escape dismisses with None. Nothing is returned until every field
passes its validator, and each failing field shows its own message.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets.input import Selection
from textual.widgets import Input, Label, Static

from ...core.errors import JournalError
from ..widgets.field_sheet import Field
from ..wording import error_text

T = TypeVar("T")


FORM_KEYS = ("tab", "shift+tab", "enter", "ctrl+s")


class FormInput(Input):
    """An Input that takes every key in turn with the typing: its own keys (backspace, the
    arrows) and the form's (tab, enter, ctrl+s) run as they arrive. As bindings they would run
    only once the key had gone up to the screen, after the digits typed behind it, and a fast
    "25, tab, 8" would log 258 kg and the reps as planned."""

    async def _on_key(self, event: Key) -> None:
        form = self.screen
        own = self._bindings.key_to_bindings.get(event.key)  # Textual is pinned: its Input's own map
        if event.key in FORM_KEYS and isinstance(form, FormScreen):
            form.form_key(self, event.key)
        elif own:
            await self.run_action(own[0].action)
        else:
            await super()._on_key(event)  # typing
            return
        event.stop()
        event.prevent_default()


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Dismisses with `result(values)`: by default the fields' text by name; a form for one thing
    (a set) turns them into it, and a problem found then is shown on the field it names."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]
    title_text = ""
    intro_text = ""  # shown under the title, when a form needs to explain its choices
    hint_text = "enter: next field, saves on the last · ctrl+s save · escape cancel"
    opened_by_typing = False  # the set editor opens with the digit that opened it

    def __init__(self, fields: list[Field], focus: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.fields = fields
        self.first_focus = focus
        self._field_ready = False
        self._early_keys: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        # Scrolls, so that on a short terminal the focused field is brought into view.
        with VerticalScroll(classes="dialog-body form"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.intro_text:
                yield Static(self.intro_text, classes="form-intro", markup=False)
            for field in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="form-label")
                    yield FormInput(
                        field.value, placeholder=field.placeholder, id=f"field-{field.name}",
                        validators=[field.validator] if field.validator else [],
                        validate_on=["changed", "submitted"],
                        # Selected when the form moves to it (on mount for the first field), not by
                        # the focus event, which can arrive after the keys typed into it.
                        select_on_focus=False,
                    )
                error = Label("", id=f"error-{field.name}", classes="form-error", markup=False)
                error.display = False
                yield error
            yield Label(self.hint_text, classes="hint")

    def on_mount(self) -> None:
        name = self.first_focus or self.fields[0].name
        field = self.query_one(f"#field-{name}", Input)
        field.focus()
        if self.opened_by_typing:  # what was typed stays: a digit that follows extends it
            field.cursor_position = len(field.value)
        else:  # a prefilled value is replaced by typing, never added to
            field.selection = Selection(0, len(field.value))
        self._field_ready = True
        for key, character in self._early_keys:
            self._type(key, character)
        self._early_keys.clear()

    def take_key(self, key: str, character: str | None) -> bool:
        """A key typed before the form could read it (the form still opening, or the key still on
        its way through the screen below): kept in order and typed into the field focused then, a
        tab or an enter among them moving on, so a fast typist loses none. False for other keys."""
        if not ((character and character.isprintable()) or key == "backspace" or key in FORM_KEYS):
            return False
        if self._field_ready:
            self._type(key, character)
        else:
            self._early_keys.append((key, character))
        return True

    def _type(self, key: str, character: str | None) -> None:
        field = self.focused if isinstance(self.focused, Input) else \
            self.query_one(f"#field-{self.first_focus or self.fields[0].name}", Input)
        if key in FORM_KEYS:  # a tab typed early moves on, and the keys after it follow
            self.form_key(field, key)
        elif key == "backspace":
            field.action_delete_left()  # the selection, when there is one
        elif character:
            start, end = sorted(field.selection)
            field.replace(character, start, end)  # over the selection, when there is one

    def on_key(self, event: Key) -> None:
        if not isinstance(self.focused, Input) and self.take_key(event.key, event.character):
            event.stop()
            event.prevent_default()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_error(event.input, event.validation_result)

    def _show_error(self, field: Input, result) -> bool:
        name = field.id.removeprefix("field-")
        message = "" if result is None or result.is_valid else "; ".join(result.failure_descriptions)
        error = self.query_one(f"#error-{name}", Label)
        error.update(message)
        error.display = bool(message)
        return not message

    def form_key(self, field: Input, key: str) -> None:
        """Tab, shift+tab, enter or ctrl+s in a field, as it was typed. Focus moves now, not on
        the next idle (as `focus()` would), so the key typed next goes to the field it was meant for."""
        if key == "ctrl+s":
            self.action_save()
            return
        inputs = list(self.query(Input))
        index = inputs.index(field)
        if key == "enter" and index + 1 == len(inputs):
            self.action_save()
            return
        self._enter(inputs[(index + (-1 if key == "shift+tab" else 1)) % len(inputs)])

    def _enter(self, field: Input) -> None:
        """Focus on a field now, its value selected: typing replaces it."""
        self.set_focus(field)
        field.selection = Selection(0, len(field.value))

    def action_save(self) -> None:
        values: dict[str, str] = {}
        first_bad = None
        for field in self.query(Input):
            ok = self._show_error(field, field.validate(field.value))
            if not ok and first_bad is None:
                first_bad = field
            values[field.id.removeprefix("field-")] = field.value.strip()
        if first_bad is not None:
            self._enter(first_bad)
            return
        try:
            result = self.result(values)
        except JournalError as error:  # a value, or a file it names (a program), refused: said on its field
            names = [field.name for field in self.fields]
            name = error.field if error.field in names else names[0]
            message = self.query_one(f"#error-{name}", Label)
            message.update(error_text(error))
            message.display = True
            self._enter(self.query_one(f"#field-{name}", Input))
            return
        self.dismiss(result)

    def result(self, values: dict[str, str]) -> Any:
        return values

    def action_cancel(self) -> None:
        self.dismiss(None)
