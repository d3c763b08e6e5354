"""The store: schema versions, durability settings, refusing files it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from journal.core.entry import parse_set_input
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


def test_an_empty_file_becomes_a_journal_only_when_one_is_started_there(db_path, clock):
    db_path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty file, not a journal"):
        Store.open(db_path, clock)
    assert db_path.stat().st_size == 0
    Store.open(db_path, clock, start=True).close()
    assert sqlite3.connect(db_path).execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION


def test_durability_settings(db_path, clock):
    store = Store.open(db_path, clock)
    assert store.conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("pragma synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("pragma busy_timeout").fetchone()[0] >= 5000
    store.close()


def test_a_newer_database_is_refused_and_left_untouched(db_path, clock):
    old_journal(db_path, SCHEMA_VERSION)  # a journal with data, as a newer program would leave it
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="newer journal"):
        Store.open(db_path, clock)
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert not list(db_path.parent.glob("*.bak"))  # no backup taken: there is nothing to migrate


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
    logged = journal.log_set("Back squat", journal.today(), parse_set_input("60x5", journal.units()))
    journal.close()
    again = Store.open(db_path, clock)
    assert [s.id for s in again.sets_on(logged.date)] == [logged.id]
    assert not list(db_path.parent.glob("*.bak"))  # no migration, so no backup
    again.close()


def test_set_index_counts_per_exercise_and_day(journal):
    day = journal.today()
    first = journal.log_set("Back squat", day, parse_set_input("60x5", journal.units()))
    second = journal.log_set("Back squat", day, parse_set_input("60x5", journal.units()))
    other = journal.log_set("Plank", day, parse_set_input(None, journal.units(), seconds=30))
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
    journal.log_set("Back squat", journal.today(), parse_set_input("60x5", journal.units()))
    target = journal.store.backup(tmp_path / "copy.db")
    copy = Store.open(target, clock)
    assert copy.count("sets") == 1
    copy.close()


# --- upgrades ------------------------------------------------------------------------------

V1_ROWS = {  # a journal as the first schema wrote it
    "enrolments": [{"id": "e1", "program": "runner-beginner", "program_toml": None, "start": "2026-09-07",
                    "units": "kg", "emphasis": None, "bodyweight_kg": 70.0,
                    "enrolled_at": "2026-09-07T06:00:00+00:00", "tz": "Europe/London"}],
    "start_loads": [{"enrolment_id": "e1", "exercise": "Back squat", "weight_kg": 40.0}],
    "sessions": [{"id": "s1", "date": "2026-09-07", "name": "Lower A", "kind": "strength",
                  "block": "Base strength", "week": 1, "status": "performed", "source": "journal",
                  "started_at": "2026-09-07T17:00:00+00:00", "duration_s": None, "notes": None,
                  "tz": "Europe/London"}],
    "sets": [{"id": f"set{n}", "session_id": "s1", "date": "2026-09-07", "exercise": "Back squat",
              "set_index": n, "set_type": "working", "weight": 40.0, "unit": "kg", "weight_kg": 40.0,
              "reps": 5, "seconds": None, "distance_m": None, "side": None, "tempo": "3-1-X-0", "rpe": 7.5,
              "rest_s": 150, "notes": "ünïcødé'; --", "logged_at": f"2026-09-07T17:0{n}:00+00:00",
              "tz": "Europe/London"} for n in range(1, 4)],
    "wellness": [{"date": "2026-09-07", "id": "w1", "sleep_h": 7.5, "sleep_quality": 4, "soreness": 2,
                  "fatigue": 2, "stress": 2, "mood": 4, "motivation": 4, "resting_hr": 50, "notes": None,
                  "logged_at": "2026-09-07T06:00:00+00:00", "tz": "Europe/London"}],
    "runs": [{"id": "r1", "date": "2026-09-09", "kind": "quality", "priority": None, "minutes": 50.0,
              "km": 10.0, "rpe": 8.0, "title": "Intervals", "logged_at": "2026-09-07T06:00:00+00:00",
              "tz": "Europe/London"}],
    "assessments": [{"id": "a1", "date": "2026-09-07", "test": "knee_to_wall_cm", "value": 11.0, "side": "L",
                     "logged_at": "2026-09-07T06:00:00+00:00", "tz": "Europe/London"}],
}


def old_journal(path, version: int) -> None:
    """A file as journal schema `version` left it, holding V1_ROWS."""
    import sqlite_utils

    from journal.core.program import shipped_programs
    from journal.core.store import MIGRATIONS

    db = sqlite_utils.Database(path)
    for number, migration in enumerate(MIGRATIONS[:version], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    for table, rows in V1_ROWS.items():
        if table == "enrolments":
            rows = [dict(r, program_toml=shipped_programs()["runner-beginner"]) for r in rows]
        db[table].insert_all(rows)
    db.conn.commit()
    db.close()


def rows_of(path, table: str) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"select * from {table} order by rowid")]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_old_journal_is_upgraded_through_every_migration_with_its_data(tmp_path, clock, version):
    path = tmp_path / "journal.db"
    old_journal(path, version)
    before = {table: rows_of(path, table) for table in V1_ROWS}
    store = Store.open(path, clock)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    for table, rows in before.items():  # every row, every old column, unchanged; new columns empty
        after = rows_of(path, table)
        assert [{k: r[k] for k in rows[0]} for r in after] == rows, table
    backup = tmp_path / f"journal.db.before-v{SCHEMA_VERSION}.bak"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert {table: rows_of(backup, table) for table in V1_ROWS} == before


def test_an_upgraded_journal_plans_and_logs(tmp_path, clock):
    from journal.core.journal import Journal

    path = tmp_path / "journal.db"
    old_journal(path, 1)
    journal = Journal.open(path, clock)
    assert journal.plan(journal.today()).block.name == "Base strength"
    journal.log_set("Back squat", journal.today(), parse_set_input("40x5", journal.units()))
    assert journal.store.count("sets") == 4
    journal.close()


@pytest.mark.parametrize("in_the_way", ["not sqlite", "an older backup"])
def test_an_upgrade_backup_takes_a_free_name_and_replaces_nothing(tmp_path, clock, in_the_way):
    path = tmp_path / "journal.db"
    old_journal(path, 1)
    taken = tmp_path / f"journal.db.before-v{SCHEMA_VERSION}.bak"
    if in_the_way == "not sqlite":
        taken.write_text("my notes")
    else:
        old_journal(taken, 1)
    before = taken.read_bytes()
    Store.open(path, clock).close()
    assert taken.read_bytes() == before
    made = tmp_path / f"journal.db.before-v{SCHEMA_VERSION}.2.bak"
    assert sqlite3.connect(made).execute("pragma user_version").fetchone()[0] == 1  # the file before the upgrade
    assert [r["id"] for r in rows_of(made, "sets")] == [r["id"] for r in rows_of(path, "sets")]
