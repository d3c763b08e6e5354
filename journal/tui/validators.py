"""Textual validators backed by the core parsers, so screen and CLI refuse the same things."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.validation import ValidationResult, Validator

from ..core.errors import JournalError
from .wording import error_text


class EntryValidator(Validator):
    """Valid when `parse(value)` does not raise; the failure is the parser's own message."""

    def __init__(self, parse: Callable[[str], Any], optional: bool = False) -> None:
        super().__init__()
        self.parse = parse
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if self.optional and not value.strip():
            return self.success()
        try:
            self.parse(value)
        except JournalError as error:  # a value, or a file it names, refused
            return self.failure(error_text(error))
        return self.success()
