"""A damaged journal file: every readable row copied to a new journal, and a backup put in its place.

Part of the store (the only code that touches SQLite), kept apart because it works on a file
the store refuses to write. The damaged file is only ever read, and never deleted: a
restore moves it aside under a name of its own.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .clock import Clock
from .errors import DamagedJournal, StoreError
from .files import damaged_journal, free_name, is_sqlite_file
from .store import SCHEMA_VERSION, Store

# What a journal holds that can't be made again; checkpoints are a cache and are rebuilt.
KEPT_TABLES = ("enrolments", "start_loads", "settings", "sessions", "sets", "wellness", "runs", "assessments")


def as_damage(error: BaseException, path: Path) -> DamagedJournal | None:
    """A read that met a damaged page, as the one-line error the lifter sees (None: another error)."""
    if isinstance(error, sqlite3.DatabaseError) and (
            "malformed" in str(error) or type(error) is sqlite3.DatabaseError):
        return damaged_journal(path, str(error))
    return None


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _readable_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple]:
    """Every row of `table` SQLite can still read: a scan in rowid order, then, past the point
    where the scan broke, each rowid up to the highest one on its own."""
    picked = ", ".join(f'"{c}"' for c in columns)
    last = 0
    try:
        for row in conn.execute(f'select rowid, {picked} from "{table}" order by rowid'):
            last = row[0]
            yield row[1:]
        return
    except sqlite3.DatabaseError:
        pass
    try:
        highest = conn.execute(f'select max(rowid) from "{table}"').fetchone()[0] or 0
    except sqlite3.DatabaseError:
        return
    for rowid in range(last + 1, highest + 1):
        try:
            found = conn.execute(f'select {picked} from "{table}" where rowid = ?', [rowid]).fetchone()
        except sqlite3.DatabaseError:
            continue
        if found is not None:
            yield found


def salvage(source: Path, out: Path, clock: Clock) -> dict[str, int]:
    """Copy every readable row of the journal at `source` into a new journal at `out` (which must
    not exist); returns the rows saved per table. The source is opened read-only."""
    if out.exists() or out.is_symlink():
        raise StoreError("out", f"{out} already exists; choose a new file")
    if not source.is_file() or not is_sqlite_file(source):
        raise StoreError("journal", f"{source} is not a journal file, so nothing can be salvaged from it")
    damaged = _read_only(source)
    saved: dict[str, int] = {}
    target = Store.open(out, clock, start=True)
    try:
        new_tables = {name for (name,) in target.conn.execute("select name from sqlite_master where type = 'table'")}
        try:
            old_tables = {name for (name,) in damaged.execute("select name from sqlite_master where type = 'table'")}
        except sqlite3.DatabaseError as error:
            raise StoreError("journal", f"{source} is too damaged to list its tables ({error})") from None
        with target.write():
            for table in KEPT_TABLES:
                if table not in old_tables or table not in new_tables:
                    continue
                try:
                    old_columns = [row[1] for row in damaged.execute(f'PRAGMA table_info("{table}")')]
                except sqlite3.DatabaseError:
                    continue
                wanted = {row[1] for row in target.conn.execute(f'PRAGMA table_info("{table}")')}
                columns = [c for c in old_columns if c in wanted]
                before = target.conn.total_changes
                target.conn.executemany(
                    f'insert or ignore into "{table}" ({", ".join(columns)}) values ({", ".join("?" * len(columns))})',
                    _readable_rows(damaged, table, columns))
                saved[table] = target.conn.total_changes - before
            target.conn.execute("delete from checkpoints")  # the coach reckons again from the rows saved
    except BaseException:
        target.close()
        for suffix in ("", "-wal", "-shm"):
            out.with_name(out.name + suffix).unlink(missing_ok=True)
        raise
    finally:
        damaged.close()
    target.close()
    return saved


def _check_backup(backup: Path) -> None:
    """A file fit to become the journal: SQLite, sound, a journal, and not from a newer version."""
    if not backup.is_file() or not is_sqlite_file(backup):
        raise StoreError("backup", f"{backup} is not a journal backup (not an SQLite file)")
    conn = _read_only(backup)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError("backup", f"{backup} is damaged too; choose another backup")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise StoreError("backup", f"{backup} cannot be read ({error}); choose another backup") from None
    finally:
        conn.close()
    if "enrolments" not in tables or "sets" not in tables:
        raise StoreError("backup", f"{backup} is an SQLite file but not a journal")
    if version > SCHEMA_VERSION:
        raise StoreError("backup", f"{backup} was written by a newer journal (schema {version}); upgrade journal first")


def restore(path: Path, backup: Path, clock: Clock) -> Path | None:
    """Put a verified backup in place of the journal at `path`. The file that was there (with its
    -wal and -shm) is moved aside, never deleted; returns where it went (None if there was none)."""
    _check_backup(backup)
    if path.exists() and os.path.samefile(path, backup):
        raise StoreError("backup", f"{backup} is the journal itself; choose a backup of it")
    aside = None
    if path.exists():
        aside = free_name(path, f"{path.name}.damaged-{clock.now().format('YYYYMMDD-HHmmss')}")
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        os.replace(path, aside)
    source = _read_only(backup)
    try:
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    Store.open(path, clock, create=False).close()  # upgrades an older backup, with its own backup first
    return aside
