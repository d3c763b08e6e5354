"""What a lifter does with the journal, as one set of functions for the CLI and the TUI.

`Journal` ties the store, the clock and the enrolled program together; the
rules themselves live in the engine, the SQL in the store. Its methods live by
what a lifter does: enrolment.py (program, units, kit), coaching.py (the plan,
`why`, the weekly summary), training.py (sets and sessions), body_and_runs.py
(check-ins, runs, tests) and transfers.py (export and import).
"""

from __future__ import annotations

import threading
from pathlib import Path

from pendulum import Date

from .body_and_runs import BodyAndRuns, RunImport
from .clock import Clock, today
from .coaching import Coaching, Why
from .enrolment import Enrolled, Enrolments, new_enrolment, resolve_program
from .entry import parse_date
from .errors import JournalExists, StoreError
from .store import Store, quick_check_aside
from .training import Training, TrainingDay
from .transfers import ImportReport, Transfers

# The facade's own names, and the results its methods give back, for the CLI and the screen.
__all__ = ["Enrolled", "ImportReport", "Journal", "RunImport", "TrainingDay", "Why", "WrongThread",
           "new_enrolment", "quick_check_aside", "resolve_program", "start_journal"]

ROLLING_BACKUPS = 7  # days of copies kept beside the journal, one made after each session


def start_journal(path: str | Path, clock: Clock, program_name: str, start: Date, units: str = "kg",
                  bodyweight: object = None, loads: dict[str, object] | None = None,
                  equipment: dict[str, str] | None = None, again: bool = False) -> tuple[Journal, Enrolled]:
    """A journal at `path` enrolled in a program: every value is checked before a file is made.
    `journal init` and the first-run screen both start a journal this way. A journal already
    enrolled there is refused, unless `again`: then it is backed up beside itself first (its
    sets stay; the new enrolment's program, units, kit and loads take over)."""
    enrolled, text = new_enrolment(program_name, start, units, bodyweight, loads, equipment)
    journal = Journal.open(path, clock, create=True, start=True)
    try:
        found = journal.store.enrolment()
        if found is not None:
            if not again:
                raise JournalExists("force", f"{journal.path} is already a journal ({found[0].program} from "
                                             f"{found[0].start}); nothing was changed")
            journal.backup()
        journal._save_enrolment(enrolled, text)
        return journal, enrolled
    except BaseException:
        journal.close()
        raise


class WrongThread(RuntimeError):
    """A journal used from a thread that did not open it: a bug in the caller, never the lifter's."""


class Journal(Enrolments, Coaching, Training, BodyAndRuns, Transfers):
    """The one way into a journal file: each method is one thing a lifter or a script does.
    A journal belongs to the thread that opened it (its SQLite connection cannot be shared)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self.clock = clock
        self._owner = threading.get_ident()
        self.last_backup: Path | None = None  # the copy this journal made last, to name in messages

    @property
    def store(self) -> Store:
        if threading.get_ident() != self._owner:
            raise WrongThread(f"the journal at {self._store.path} was opened by another thread")
        return self._store

    @classmethod
    def open(cls, path: str | Path, clock: Clock, create: bool = True, start: bool = False) -> "Journal":
        return cls(Store.open(path, clock, create=create, start=start), clock)

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> Path:
        """The journal file (a name, not a way in: reading it needs no connection)."""
        return self._store.path

    def schema_version(self) -> int:
        return self.store.schema_version()

    def backup(self, target: Path | None = None, replace: bool = False) -> Path:
        """A safe copy while the journal may be in use; by default beside it, stamped with the time."""
        path = self.path
        stamp = self.clock.now().format("YYYYMMDD-HHmmss")
        self.last_backup = self.store.backup(target or path.with_name(f"{path.stem}-{stamp}.db"), replace=replace)
        return self.last_backup

    def expect_file_check(self) -> None:
        """SQLite's quick check is being made aside (`quick_check_aside`), while the screen draws."""
        self.store.expect_check()

    def take_file_check(self, damage: list[str] | None) -> None:
        """That check, made aside rather than at the first write, which must not begin on a
        damaged file: a file found damaged is then never written to (None: it could not be made)."""
        self.store.take_check(damage)

    def checkpoint(self) -> None:
        """Sets logged so far copied from the WAL into the journal file itself."""
        self.store.checkpoint_wal()

    def keep_safe(self) -> Path | None:
        """After a session: its sets copied into the journal file, and today's copy of the journal
        made in the rolling backups beside it (the newest ROLLING_BACKUPS days are kept), so one lost
        file is never the whole journal. Returns the copy (None for a read-only journal)."""
        from .files import rolling_backups

        self.checkpoint()
        if self.store.read_only:
            return None
        folder = rolling_backups(self.path)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise StoreError("backup", f"cannot make {folder} ({error.strerror or error})") from None
        made = self.backup(folder / f"{self.path.stem}-{self.today().isoformat()}.db", replace=True)
        for old in sorted(folder.glob(f"{self.path.stem}-????-??-??.db"))[:-ROLLING_BACKUPS]:
            old.unlink(missing_ok=True)
        return made

    def check(self) -> tuple[list[str], list[str]]:
        """(what is wrong with the file, the derived objects made again on opening it)."""
        return self.store.check(), list(self.store.repaired)

    def today(self) -> Date:
        return today(self.clock)

    def date(self, text: str | None, field: str = "date") -> Date:
        return parse_date(text, self.today(), field)

