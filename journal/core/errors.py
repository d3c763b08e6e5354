"""User-facing errors: each carries one line that names the field and the problem."""


class JournalError(Exception):
    """A problem the lifter can fix; shown as one line, never a traceback."""


class EntryError(JournalError, ValueError):
    """A value typed by the lifter was refused."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class StoreError(JournalError):
    """The database file cannot be used as it is."""
