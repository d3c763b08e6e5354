"""The journal file: opened, migrated, checked, written and backed up.

One file per journal, opened in WAL mode with synchronous=FULL so a set the
screen calls logged is on disk, and a busy timeout with short BEGIN IMMEDIATE
transactions so two open copies never lose or duplicate a row. The schema
version lives in PRAGMA user_version; a newer file is refused before anything
is written to it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import Clock
from ..errors import DamagedJournal, NoJournal, StoreError
from ..files import damaged_journal, free_name, is_sqlite_file, newest_backup_hint
from .body import StoredBody
from .enrolments import StoredEnrolment
from .plans import StoredPlans
from .schema import (
    MIGRATION_MARKS,
    MIGRATIONS,
    RECORD_INDEXES,
    SCHEMA_VERSION,
    create_checkpoints,
    create_record_indexes,
)
from .sets import StoredSets

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_S = 15.0


def _refuse_non_journal_file(path: Path) -> None:
    """A --db must be a regular file holding SQLite (or nothing yet): never a device, a FIFO,
    or some other file that opening would turn into a journal."""
    if not path.exists():
        return
    stat_result = path.stat()
    if stat.S_ISDIR(stat_result.st_mode):
        raise StoreError("journal", f"{path} is a directory, not a journal file")
    if not stat.S_ISREG(stat_result.st_mode):
        raise StoreError("journal", f"{path} is not a regular file (a device, FIFO or socket)")
    if stat_result.st_size and not is_sqlite_file(path):
        raise StoreError("journal", f"{path} is not a journal database (not an SQLite file); it was not changed")


def _damage(conn: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        found = [line for (text,) in conn.execute(f"PRAGMA {pragma}") for line in str(text).splitlines()]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [line for line in found if line not in ("ok", "*** in database main ***")]


def quick_check_aside(path: Path) -> list[str] | None:
    """SQLite's quick check of a journal file on a read-only connection of its own, from any
    thread (about 30 ms on ten years, run by SQLite without holding Python's lock, so beside the
    journal's own reads rather than before them). None when that connection cannot be opened:
    the store then checks on its own connection before its first write."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        return _damage(conn, "quick_check")
    finally:
        conn.close()


def _wal_pending(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An open connection and whether it is read-only (the journal's folder cannot be written)."""
    _refuse_non_journal_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError("journal", f"cannot make the folder for {path} ({error.strerror or error})") from None
    read_only = False
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        reason = str(error)
        if "readonly" in reason and path.is_file() and not _wal_pending(path):
            # A WAL journal in a folder it cannot write: SQLite cannot make its -shm file there.
            # Nobody can write it without that folder either, so it is read as it stands.
            read_only = True
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   timeout=BUSY_TIMEOUT_S)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        elif "locked" in reason or "busy" in reason:
            raise StoreError("journal", f"{path} is locked by another program; try again") from None
        elif "readonly" in reason:
            raise StoreError("journal", f"{path}'s folder is read-only and {path.name}-wal holds changes not yet "
                             "in the file; open it once where the folder can be written") from None
        elif "full" in reason:
            raise StoreError("journal", f"the disk is too full to open {path} (SQLite needs room for "
                             f"{path.name}-shm)") from None
        elif "unable to open" in reason:
            raise StoreError("journal", f"cannot open {path} (its folder cannot be written)") from None
        else:
            raise StoreError("journal", f"{path} is not a journal database ({error})") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            "journal", f"{path} was written by a newer journal (schema {version}, this one "
            f"knows {SCHEMA_VERSION}); upgrade journal to open it. The file was not changed."
        )
    return conn, read_only


class Store(StoredEnrolment, StoredSets, StoredBody, StoredPlans):
    """A journal database: enrolment, sessions, sets, wellness, runs, assessments."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self.repaired: list[str] = []  # derived objects found missing and made again on opening
        self._sound: bool | None = None  # whether the file passed SQLite's quick check, once asked
        self._check_aside = False  # that check under way on a connection of its own
        self._held_checkpoints: tuple[int, Sequence[tuple[str, int, str]]] | None = None  # meanwhile

    @cached_property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the same connection, for writes; imported when first written (startup
        only reads)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def insert_row(self, table: str, row: dict, replace_on: str | None = None) -> None:
        """One row by its columns (the store's own names, never a lifter's), in plain SQL: the
        writes of every day, a set, a session, a check-in, do not load sqlite-utils (about 65 ms
        at the first). With `replace_on`, a row already there with that key takes the new values."""
        columns = ", ".join(f'"{column}"' for column in row)
        sql = f'insert into "{table}" ({columns}) values ({", ".join("?" * len(row))})'
        if replace_on:
            sql += f' on conflict ("{replace_on}") do update set ' + ", ".join(
                f'"{column}" = excluded."{column}"' for column in row if column != replace_on)
        self.conn.execute(sql, list(row.values()))

    def _query(self, sql: str, params: Iterable = ()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, list(params))
        columns = [c[0] for c in cursor.description]
        return (dict(zip(columns, values)) for values in cursor)

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, clock: Clock, create: bool = True, start: bool = False) -> "Store":
        """`create`: a journal is made where there is no file; `start`: also in an empty file (a
        journal being started on purpose). Anywhere else an empty file is a journal that lost its
        contents, and is never silently made a new one."""
        path = Path(path).expanduser()
        if not create and not path.exists():
            raise NoJournal("journal", f"there is no journal at {path}")
        if not start and path.is_file() and path.stat().st_size == 0:
            raise StoreError("journal", f"{path} is an empty file, not a journal; nothing was written to it"
                                       f"{newest_backup_hint(path)}")
        conn, read_only = _connect(path)
        store = cls(conn, path, clock, read_only)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError("journal", f"cannot use {path} ({error})") from None
        except StoreError:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        objects = self._schema_objects()
        level = self._schema_level(objects)
        if level > version:
            raise StoreError(
                "journal", f"{self.path} says schema {version} but holds the tables of schema {level}: its "
                "version was changed by hand. Nothing was changed: restore a backup, or set "
                f"user_version back to {level}.")
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise StoreError("journal", f"{self.path} needs upgrading and its folder is read-only")
            return
        if version < SCHEMA_VERSION:
            if version > 0:
                self.backup(free_name(self.path, f"{self.path.name}.before-v{SCHEMA_VERSION}", ".bak"))
            self._migrate(version)
        else:
            self._rebuild_derived(objects)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")

    def _schema_objects(self) -> set[str]:
        return {name for (name,) in self.conn.execute("select name from sqlite_master")}

    def _schema_level(self, objects: set[str]) -> int:
        """The newest migration whose marks the file holds (0 for an empty file). Looked for newest
        first, so a current file is told by one name, without reading any table's columns."""
        for number, (kind, name) in reversed(list(enumerate(MIGRATION_MARKS, start=1))):
            if kind == "column":
                table, column = name.split(".")
                if table in objects and any(
                        row[1] == column for row in self.conn.execute(f"PRAGMA table_info({table})")):
                    return number
            elif name in objects:
                return number
        return 0

    def _rebuild_derived(self, objects: set[str]) -> None:
        """Make again the cache and indexes someone dropped; the rows they derive from are all here."""
        missing = [name for name in ("checkpoints", "meta", *RECORD_INDEXES) if name not in objects]
        meta_row = "meta" not in objects or self.conn.execute(
            "select 1 from meta where key = 'plan_generation'").fetchone() is None
        if not missing and not meta_row:
            return
        with self.write():
            create_checkpoints(self.db)
            self.conn.execute("create table if not exists meta (key text primary key, value integer)")
            self.conn.execute("insert or ignore into meta (key, value) values ('plan_generation', 0)")
            create_record_indexes(self.db)
            self.conn.execute("delete from checkpoints")  # a cache whose bookkeeping was lost
        self.repaired = missing + (["the plan generation"] if meta_row and "meta" not in missing else [])

    def damage(self, pragma: str = "quick_check") -> list[str]:
        """What SQLite's own check finds wrong with the file's pages, in its words ([] when sound)."""
        return _damage(self.conn, pragma)

    def check_sound(self) -> bool:
        """SQLite's quick check, once per opening: whether the file may be written to."""
        if self._sound is None:
            self._sound = not self.damage()
        return self._sound

    def expect_check(self) -> None:
        """The quick check is being made on a connection of its own (`quick_check_aside`): until
        it is taken, a cache write waits for it rather than making the same check again."""
        self._check_aside = self._sound is None

    def take_check(self, damage: list[str] | None) -> None:
        """The quick check made on a connection of its own, unless this store has already made its
        own; None: it could not be made there (the store makes it before its first write). The
        checkpoints held meanwhile are stored now."""
        self._check_aside = False
        if self._sound is None and damage is not None:
            self._sound = not damage
        self.save_held_checkpoints()

    def check_pending(self) -> bool:
        """Whether the file's check is still being made aside: a cache holds its write meanwhile."""
        return self._sound is None and self._check_aside

    def _refuse_if_damaged(self) -> None:
        """Before the first write: a damaged file is never written to, since a write can spread
        the damage and bury rows that could still be read."""
        if not self.check_sound():
            raise damaged_journal(self.path, "SQLite's check fails")

    def check(self) -> list[str]:
        """What is wrong with the file: SQLite's integrity check, foreign keys and the schema."""
        damage = self.damage("integrity_check")
        if damage:
            self._sound = False
            return [f"the file is damaged: SQLite's integrity check found {len(damage)} problem"
                    f"{'s' if len(damage) != 1 else ''} (first: {damage[0]})"]
        problems = [f"set or row in {row[0]} points at a missing {row[2]} row"
                    for row in self.conn.execute("PRAGMA foreign_key_check")]
        version, level = self.schema_version(), self._schema_level(self._schema_objects())
        if level != version:
            problems.append(f"user_version is {version} but the tables are those of schema {level}")
        return problems

    def _migrate(self, version: int) -> None:
        with self.write():
            # Re-read inside the lock: another copy may have migrated meanwhile.
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
                migration(self.db)
                self.conn.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.conn.close()

    def checkpoint_wal(self) -> None:
        """Copy what the WAL holds into the main file (and sync it), without waiting on another
        copy's readers: a lost `-wal` then loses nothing already copied."""
        if not self.read_only:
            with contextlib.suppress(sqlite3.OperationalError):
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def backup(self, target: str | Path, replace: bool = False) -> Path:
        """A consistent copy through SQLite's online backup API (other copies may keep writing).
        A backup that fails half-way is removed, so trying again is not refused."""
        target = Path(target).expanduser()
        if target.is_dir():
            raise StoreError("backup", f"{target} is a directory")
        if not target.parent.is_dir():
            raise StoreError("backup", f"the folder {target.parent} does not exist")
        if target.exists() and not replace:
            raise StoreError("backup", f"{target} already exists; choose a new file")
        existed = target.exists()
        try:
            out = sqlite3.connect(target)
            try:
                self.conn.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")  # a backup is one file, with no -wal of its own
                # A copy of a damaged file is damaged too: it is no backup, and must not pass for one.
                sound = out.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                out.close()
            if not sound:
                target.unlink(missing_ok=True)
                raise DamagedJournal("backup", f"{self.path} is damaged, and so would be its copy; no backup was made. "
                                               "Salvage what can be read instead")
        except sqlite3.Error as error:
            if not existed:
                target.unlink(missing_ok=True)
            reason = "the disk is full" if "full" in str(error) else str(error)
            if "unable to open" in reason or "readonly" in reason:
                reason = "the folder or file is read-only"
            raise StoreError("backup", f"cannot write {target} ({reason}); no backup was made") from None
        return target

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One short write transaction; nested calls join the outer one.

        BEGIN IMMEDIATE takes the write lock up front, so a second copy waits
        on the busy timeout instead of failing half-way through.
        """
        if self.conn.in_transaction:
            yield
            return
        self._refuse_if_damaged()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError("journal", self._cannot_write(error)) from None

    def _cannot_write(self, error: sqlite3.OperationalError) -> str:
        reason = str(error)
        if self.read_only or "readonly" in reason:
            reason = f"the folder {self.path.parent} or the file is read-only"
        elif "full" in reason:
            reason = "the disk is full"
        elif "locked" in reason or "busy" in reason:
            reason = f"another program has held it for more than {BUSY_TIMEOUT_S:g} s"
        return f"cannot write to {self.path} ({reason}); nothing was written"

    def _stamp(self) -> tuple[str, str]:
        now = self.clock.now()
        return now.in_timezone("UTC").isoformat(), self.clock.tz

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]
