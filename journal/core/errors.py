"""Errors the lifter can fix: each names the field at fault and the problem, in the domain's
words. The command line shows the field as its flag, the screen as its label."""


class JournalError(Exception):
    """A problem the lifter can fix; shown as one line, never a traceback."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class EntryError(JournalError, ValueError):
    """A value typed by the lifter, or read from a file, was refused."""


class StoreError(JournalError):
    """The journal file cannot be used as it is (field `journal`), or a copy of it cannot be made."""


class NoJournal(StoreError):
    """There is no journal at the path yet: one can be started there."""


class NotEnrolled(JournalError):
    """The journal has no program yet."""


class UnknownExercise(EntryError):
    """An exercise name that is neither in the program nor logged before."""


class OutputExists(EntryError):
    """A file to write is already there and replacing it was not asked for."""


class JournalExists(EntryError):
    """A journal is already at the path and starting again over it was not asked for."""


class DamagedJournal(StoreError):
    """The journal file fails SQLite's own check: nothing is written to it until it is salvaged or restored."""
