"""Sessions are not days: a day holds several, sets belong to one, and files keep them apart."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pendulum
import pytest

from journal.core.entry import parse_set_input
from journal.core.clock import FixedClock
from journal.core.errors import JournalError
from journal.core.journal import Journal

from tests.test_store import old_journal

MONDAY = pendulum.date(2026, 9, 7)  # Monday of week 1: Lower A

# A real Hevy export's shape: two workouts on one date, started the same minute.
TWO_WORKOUTS = """\
"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"
"Forearms","12 Mar 2026, 08:52","12 Mar 2026, 09:10","","Wrist Curl (Dumbbell)",,"",0,"normal",10,15,,,
"Forearms","12 Mar 2026, 08:52","12 Mar 2026, 09:10","","Wrist Curl (Dumbbell)",,"",1,"normal",10,12,,,
"Arms 1 Block 1","12 Mar 2026, 08:52","12 Mar 2026, 09:40","","Bicep Curl (Dumbbell)",,"",0,"normal",12,10,,,8
"Arms 1 Block 1","12 Mar 2026, 08:52","12 Mar 2026, 09:40","","Wrist Curl (Dumbbell)",,"",0,"normal",12,10,,,
"""


def exported(journal: Journal) -> str:
    out = io.StringIO(newline="")
    journal.export(out)
    return out.getvalue()


def fresh(tmp_path: Path, name: str) -> Journal:
    return Journal.open(tmp_path / name, FixedClock.at_local("2026-11-26T18:00:00", "Europe/London"))


def sessions(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select sessions.name, count(sets.id) from sessions join sets on "
                            "sets.session_id = sessions.id group by sessions.id order by sessions.rowid").fetchall()


def test_two_hevy_workouts_on_one_date_stay_two_sessions_and_round_trip_byte_for_byte(tmp_path):
    source = tmp_path / "hevy.csv"
    source.write_text(TWO_WORKOUTS, encoding="utf-8")
    first_journal = fresh(tmp_path, "first.db")
    assert first_journal.import_sets(source).new == 4
    assert sessions(tmp_path / "first.db") == [("Forearms", 2), ("Arms 1 Block 1", 2)]
    first = exported(first_journal)
    export = tmp_path / "export.csv"
    export.write_text(first, encoding="utf-8", newline="")
    second_journal = fresh(tmp_path, "second.db")
    assert second_journal.import_sets(export).new == 4
    assert sessions(tmp_path / "second.db") == [("Forearms", 2), ("Arms 1 Block 1", 2)]
    assert exported(second_journal) == first
    assert second_journal.import_sets(export).new == 0  # the same file twice adds nothing
    # Each workout keeps its own set numbers: Wrist Curl is set 1 in both.
    with sqlite3.connect(tmp_path / "second.db") as conn:
        assert sorted(conn.execute("select exercise, set_index from sets where exercise like 'Wrist%'")) == [
            ("Wrist Curl (Dumbbell)", 1), ("Wrist Curl (Dumbbell)", 1), ("Wrist Curl (Dumbbell)", 2)]
    first_journal.close()
    second_journal.close()


def test_a_second_session_on_a_day_numbers_its_own_sets(journal, db_path):
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()))
    evening = journal.add_session(MONDAY, "PM double")
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()), session_id=evening.id)
    journal.log_set("Back squat", MONDAY, parse_set_input("40x4", journal.units()), session_id=evening.id)
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()))  # no session named: the planned one
    found = journal.sessions_on(MONDAY)
    assert [s.name for s in found] == [journal.plan(MONDAY).session[0], "PM double"]
    with sqlite3.connect(db_path) as conn:
        numbered = conn.execute("select session_id, set_index, reps from sets order by rowid").fetchall()
    planned_id = found[0].id
    assert numbered == [(planned_id, 1, 5), (evening.id, 1, 5), (evening.id, 2, 4), (planned_id, 2, 5)]


def test_last_time_is_the_latest_session_whole_even_a_long_one(journal, clock):
    units = journal.units()
    for reps in (5, 5):
        journal.log_set("Back squat", MONDAY.subtract(days=7), parse_set_input(f"30x{reps}", units))
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", units))  # the planned session
    clock.advance(3600)
    evening = journal.add_session(MONDAY, "PM double")
    for reps in range(1, 71):  # a long ladder: more sets than any page of history read before
        journal.log_set("Back squat", MONDAY, parse_set_input(f"20x{reps % 10 + 1}", units), session_id=evening.id)
    last = journal.last_time(["Back squat", "Reverse lunge"], MONDAY.add(days=2))
    assert set(last) == {"Back squat"}  # never done: nothing to show
    assert last["Back squat"].session_id == evening.id and len(last["Back squat"].sets) == 70
    assert [s.set_index for s in last["Back squat"].sets] == list(range(1, 71))  # in the order done
    earlier = journal.last_time(["Back squat"], MONDAY)["Back squat"]  # on Monday: the Monday before
    assert earlier.date == MONDAY.subtract(days=7).isoformat() and [s.reps for s in earlier.sets] == [5, 5]


def test_a_set_cannot_go_in_another_days_session(journal, db_path):
    monday = journal.add_session(MONDAY.subtract(days=1), "Monday extra")
    with pytest.raises(JournalError, match="session"):
        journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()), session_id=monday.id)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from sets").fetchone() == (0,)


def test_a_journal_set_and_an_imported_workout_on_one_date_keep_their_own_sessions(journal, tmp_path):
    hevy = tmp_path / "hevy.csv"
    hevy.write_text(TWO_WORKOUTS.replace("12 Mar 2026", "7 Sep 2026"), encoding="utf-8")
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()))
    journal.import_sets(hevy)
    planned_name = journal.plan(MONDAY).session[0]
    # In the order they started: the workouts at 08:52, the set logged from the evening.
    assert [s.name for s in journal.sessions_on(MONDAY)] == ["Forearms", "Arms 1 Block 1", planned_name]
    export = tmp_path / "export.csv"
    export.write_text(exported(journal), encoding="utf-8", newline="")
    other = fresh(tmp_path, "other.db")
    other.import_sets(export)
    with sqlite3.connect(tmp_path / "other.db") as conn:
        kept = conn.execute("select name, kind, block, week from sessions order by started_at, rowid").fetchall()
    assert kept == [("Forearms", None, None, None), ("Arms 1 Block 1", None, None, None),
                    (planned_name, "strength", "Base strength", 1)]
    other.close()


def test_an_export_from_before_session_ids_still_imports_into_the_days_session(journal, tmp_path):
    journal.log_set("Back squat", MONDAY, parse_set_input("40x5", journal.units()))
    text = exported(journal)
    header, *lines = text.split("\r\n")
    columns = header.split(",")
    drop = [columns.index("session_id"), columns.index("session_start")]
    old = "\r\n".join(",".join(c for i, c in enumerate(line.split(",")) if i not in drop)
                      for line in [header, *lines] if line) + "\r\n"
    path = tmp_path / "old.csv"
    path.write_text(old.replace(lines[0].split(",")[0], "9f0c0f6a-7d1e-4e7b-8a6c-2b9e4d3f1a10"),
                    encoding="utf-8", newline="")
    assert journal.import_sets(path).new == 1  # a set this journal does not have, from an old export
    assert len(journal.sessions_on(MONDAY)) == 1  # joined the day's session, as it always did


def test_the_upgrade_keeps_every_set_in_its_session_and_logs_into_it(tmp_path, clock):
    path = tmp_path / "journal.db"
    old_journal(path, 6)
    with sqlite3.connect(path) as conn:
        before = conn.execute("select id, session_id from sets order by rowid").fetchall()
        session_date = conn.execute("select date from sessions where source = 'journal'").fetchone()[0]
    journal = Journal.open(path, clock)
    with sqlite3.connect(path) as conn:
        assert conn.execute("select id, session_id from sets order by rowid").fetchall() == before
    day = pendulum.parse(session_date).date()
    logged = journal.log_set("Back squat", day, parse_set_input("40x5", journal.units()))
    assert logged.session_id == before[0][1]
    journal.close()


def test_the_command_line_logs_a_pm_double_into_its_own_session(enrolled_cli, db_path):
    for args in (["log", "squat", "40x5"], ["log", "squat", "40x5", "--session", "PM double"],
                 ["log", "squat", "40x4", "--session", "pm double"]):
        enrolled_cli(*args, "--date", "2026-09-07")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select sessions.name, set_index, reps from sets join sessions on "
                            "sessions.id = sets.session_id order by sets.rowid").fetchall() == [
            ("Lower A: squat and lunge", 1, 5), ("PM double", 1, 5), ("PM double", 2, 4)]
    refused = enrolled_cli("log", "squat", "40x3", "--session", " ", "--date", "2026-09-07")
    assert refused.exit_code == 1 and "session" in refused.output


@pytest.mark.parametrize("spelled", ["Lower A: squat and lunge", "lower a:  SQUAT and lunge "])
def test_the_planned_sessions_own_name_is_the_planned_session(enrolled_cli, spelled):
    assert enrolled_cli("log", "back squat", "20x5", "--date", "2026-09-07").exit_code == 0
    for _ in range(2):
        result = enrolled_cli("log", "back squat", "20x5", "--date", "2026-09-07", "--session", spelled)
        assert result.exit_code == 0, result.output
    assert enrolled_cli.rows("sessions") == 1
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select set_index from sets order by set_index").fetchall() == [(1,), (2,), (3,)]


def test_the_planned_sessions_name_before_any_set_starts_the_planned_session(enrolled_cli):
    result = enrolled_cli("log", "back squat", "20x5", "--date", "2026-09-07", "--session", "LOWER A: squat and lunge")
    assert result.exit_code == 0, result.output
    assert enrolled_cli("log", "back squat", "20x5", "--date", "2026-09-07").exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select name, planned from sessions").fetchall() == [("Lower A: squat and lunge", 1)]
