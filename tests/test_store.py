"""The store: schema versions, durability settings, refusing files it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from journal.core.errors import StoreError
from journal.core.store import SCHEMA_VERSION, Store


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_is_migrated_to_the_current_schema(db_path, clock):
    store = Store.open(db_path, clock)
    assert store.schema_version() == SCHEMA_VERSION
    tables = set(store.db.table_names())
    assert {"enrolments", "start_loads", "sessions", "sets", "wellness", "runs", "assessments"} <= tables
    columns = {c.name for c in store.db["sets"].columns}
    assert {"id", "exercise", "set_index", "set_type", "weight_kg", "unit", "reps", "seconds", "side",
            "tempo", "rpe", "rest_s", "notes", "logged_at", "tz", "session_id"} <= columns
    store.close()


def test_an_empty_file_is_a_new_journal(db_path, clock):
    db_path.write_bytes(b"")
    Store.open(db_path, clock).close()
    assert sqlite3.connect(db_path).execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION


def test_durability_settings(db_path, clock):
    store = Store.open(db_path, clock)
    assert store.conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("pragma synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("pragma busy_timeout").fetchone()[0] >= 5000
    store.close()


def test_a_newer_database_is_refused_and_left_untouched(db_path, clock):
    with sqlite3.connect(db_path) as conn:
        conn.execute("create table sets (id text)")
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="newer journal"):
        Store.open(db_path, clock)
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(db_path, clock):
    db_path.write_text("these are my notes, not a database\n" * 10)
    before = digest(db_path)
    with pytest.raises(StoreError, match="not a journal database"):
        Store.open(db_path, clock)
    assert digest(db_path) == before


def test_a_directory_is_refused(tmp_path, clock):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path, clock)


def test_a_missing_file_is_not_created_when_only_reading(db_path, clock):
    with pytest.raises(StoreError, match="no journal"):
        Store.open(db_path, clock, create=False)
    assert not db_path.exists()


def test_reopening_keeps_data_and_does_not_remigrate(journal, db_path, clock):
    logged = journal.log_set("Back squat", journal.today(), set_text="60x5")
    journal.close()
    again = Store.open(db_path, clock)
    assert [s.id for s in again.sets_on(logged.date)] == [logged.id]
    assert not list(db_path.parent.glob("*.bak"))  # no migration, so no backup
    again.close()


def test_set_index_counts_per_exercise_and_day(journal):
    day = journal.today()
    first = journal.log_set("Back squat", day, set_text="60x5")
    second = journal.log_set("Back squat", day, set_text="60x5")
    other = journal.log_set("Plank", day, seconds=30)
    assert (first.set_index, second.set_index, other.set_index) == (1, 2, 1)
    assert first.session_id == second.session_id == other.session_id


def test_a_failed_write_leaves_nothing(journal):
    store = journal.store
    with pytest.raises(RuntimeError):
        with store.write():
            store.conn.execute("insert into runs (id, date, kind) values ('r1', '2026-09-08', 'easy')")
            raise RuntimeError("power cut")
    assert store.count("runs") == 0


def test_backup_is_a_full_copy(journal, tmp_path, clock):
    journal.log_set("Back squat", journal.today(), set_text="60x5")
    target = journal.store.backup(tmp_path / "copy.db")
    copy = Store.open(target, clock)
    assert copy.count("sets") == 1
    copy.close()
