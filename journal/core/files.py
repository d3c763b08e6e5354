"""Files the journal reads and writes besides its database: import files in, CSV and
backups out.

An output never replaces what it should not: the journal itself (or its -wal and
-shm), any SQLite file, or an existing file the lifter did not ask to replace.
Devices and FIFOs are written through; a symlink stays a link and its target is
written. An input is a regular file of bounded size, read exactly as stored
(no newline translation), so a `\\r` in a note survives a round trip.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import DamagedJournal, EntryError, OutputExists

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_IMPORT_BYTES = 512 * 1024 * 1024  # twenty years of daily sets is a few tens of MB


def _problem(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (the folder or file is read-only)"
    return error.strerror or str(error)


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def rolling_backups(path: Path) -> Path:
    """The folder beside a journal where a copy of it is kept after each session, one a day."""
    return path.with_name(f"{path.stem}-backups")


def backups_of(path: Path) -> list[Path]:
    """The copies of a journal kept beside it (`journal backup`, init --force, upgrades), newest first."""
    found = [p for pattern in (f"{path.stem}-*.db", f"{path.name}.before-v*.bak", f"{rolling_backups(path).name}/*.db")
             for p in path.parent.glob(pattern) if p.is_file() and is_sqlite_file(p)]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_backup_hint(path: Path) -> str:
    """Where to look next when a journal file cannot be used: its newest backup, if there is one."""
    found = backups_of(path)
    return f"; the newest backup is {found[0]}" if found else "; no backup of it was found beside it"


def damaged_journal(path: Path, reason: str) -> DamagedJournal:
    """The one message for a journal file that fails SQLite's own check, wherever it is found."""
    return DamagedJournal("journal", f"{path} is damaged ({reason}); nothing was written. Salvage what can be "
                                     f"read, or restore a backup{newest_backup_hint(path)}")


def free_name(beside: Path, stem: str, suffix: str = "") -> Path:
    """`stem + suffix` in the folder of `beside`, or `stem.2 + suffix`, ...: a name no file or link
    has, so a copy kept aside never replaces another, nor is blocked by some other file."""
    candidates = (beside.with_name(f"{stem}{suffix}" if n == 1 else f"{stem}.{n}{suffix}") for n in range(1, 10_000))
    return next(c for c in candidates if not c.exists() and not c.is_symlink())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path, field: str, protected: Iterable[Path] = (), force: bool = False) -> Path:
    """The file an output will really write (a symlink's target), or EntryError saying why not."""
    real = Path(os.path.realpath(path))
    for journal_file in protected:
        if real == Path(os.path.realpath(journal_file)) or _same_file(real, journal_file):
            raise EntryError(field, f"{path} is the journal's own database file; choose another file")
    if real.is_dir():
        raise EntryError(field, f"{path} is a directory")
    if not real.parent.is_dir():
        raise EntryError(field, f"the folder {real.parent} does not exist")
    if real.exists():
        mode = real.stat().st_mode
        if stat.S_ISREG(mode):
            if is_sqlite_file(real):
                raise EntryError(field, f"{path} is an SQLite database; it is never overwritten")
            if not force:
                raise OutputExists(field, f"{path} already exists; choose a new file or replace it")
    return real


@contextlib.contextmanager
def open_output(path: Path, field: str, protected: Iterable[Path] = (),
                force: bool = False) -> Iterator[TextIO]:
    """A text handle onto a checked output. A regular file is written beside its target and renamed
    over it at the end, so nobody sees half a file and a failure leaves the old one; a device or
    FIFO is written straight through and stays what it was."""
    real = check_output(path, field, protected, force)
    if real.exists() and not stat.S_ISREG(real.stat().st_mode):
        try:
            with real.open("w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as error:
            raise EntryError(field, f"cannot write {path}: {_problem(error)}") from None
        return
    partial = real.with_name(f".{real.name}.partial")
    try:
        with partial.open("x", encoding="utf-8", newline="") as handle:
            yield handle
        partial.replace(real)
    except FileExistsError:
        raise EntryError(field, f"{partial} is in the way (another export still running?)") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise EntryError(field, f"cannot write {path}: {_problem(error)}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _open_regular(path: Path, field: str, limit: int) -> tuple[BinaryIO, int]:
    """A regular file opened for reading, and its size; FIFOs, devices, folders and files over
    `limit` bytes are refused."""
    path = Path(path).expanduser()
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise EntryError(field, f"cannot read {path}: {_problem(error)}") from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):  # checked before the descriptor becomes a file: a folder cannot
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "not a regular file (a device, FIFO or socket)"
        raise EntryError(field, f"{path} is {kind}; give a saved file")
    if found.st_size > limit:
        os.close(fd)
        raise _too_large(path, field, limit)
    return os.fdopen(fd, "rb"), found.st_size


def _too_large(path: Path, field: str, limit: int) -> EntryError:
    split = "; split it and import the parts" if limit == MAX_IMPORT_BYTES else ""
    return EntryError(field, f"{path} is larger than {limit / (1024 * 1024):g} MB{split}")


def read_text(path: Path, field: str = "file", limit: int | None = None, encoding: str = "utf-8") -> str:
    """A regular file's text, untranslated, refusing FIFOs, devices and files over `limit` bytes
    (default: MAX_IMPORT_BYTES)."""
    limit = MAX_IMPORT_BYTES if limit is None else limit
    handle, _ = _open_regular(path, field, limit)
    with handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as error:
            raise EntryError(field, f"cannot read {path}: {_problem(error)}") from None
    if len(raw) > limit:  # it grew since it was looked at
        raise _too_large(Path(path), field, limit)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise EntryError(field, f"{path} is not UTF-8 text") from None


@contextlib.contextmanager
def streamed_text(path: Path, field: str = "file") -> Iterator[tuple[TextIO, Callable[[], int], int]]:
    """A regular file's text read as it is needed (a byte-order mark dropped, lines untranslated
    for the csv module), with how many bytes have been read so far and its size: an import
    holds a few thousand rows at a time, never the file. Bytes that are not UTF-8 raise an
    EntryError where they are met."""
    handle, size = _open_regular(path, field, MAX_IMPORT_BYTES)
    with handle, io.TextIOWrapper(handle, encoding="utf-8-sig", newline="") as text:
        try:
            yield text, handle.tell, size
        except UnicodeDecodeError:
            raise EntryError(field, f"{Path(path).expanduser()} is not UTF-8 text") from None
        except OSError as error:
            raise EntryError(field, f"cannot read {path}: {_problem(error)}") from None


def default_db_path() -> Path:
    """JOURNAL_DB, else journal.db in the user's data directory (read when asked, not at import)."""
    if env := os.environ.get("JOURNAL_DB"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("journal", appauthor=False)) / "journal.db"
