"""A damaged journal file: found and said in words, never written to, never copied as a backup,
salvaged row by row and replaced by a verified backup, with nothing acknowledged lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.core.entry import parse_check_in, parse_set_input
from journal.core.journal import Journal

from tests.conftest import START


def journal_with_sets(path: Path, clock, count: int = 300) -> None:
    journal = Journal.open(path, clock)
    journal.enrol("runner-beginner", START)
    for n in range(count):
        journal.log_set("back squat", START.add(days=n % 60), parse_set_input(f"{40 + n % 7}x5", "kg"))
    journal.close()
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")


def damage(path: Path, object_name: str) -> None:
    """Scribble over the first page of a table or index, as a failing disk might."""
    with sqlite3.connect(path) as conn:
        page = conn.execute("select rootpage from sqlite_master where name = ?", [object_name]).fetchone()[0]
        size = conn.execute("pragma page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size + 8:(page - 1) * size + size - 8] = b"\xde\xad\xbe\xef" * ((size - 16) // 4)
    path.write_bytes(bytes(data))


def set_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("select id, exercise, weight_kg, reps, date from sets order by id").fetchall()


@pytest.fixture
def damaged(db_path, clock):
    journal_with_sets(db_path, clock)
    logged = set_rows(db_path)
    damage(db_path, "sets_by_e1rm")
    return logged


def test_check_says_the_file_is_damaged_in_words(cli, damaged):
    result = cli("check")
    assert result.exit_code == 1
    assert "the file is damaged: SQLite's integrity check found" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [
    ["log", "back squat", "40x5"],
    ["wellness", "--sleep", "7", "--sleep-quality", "4", "--soreness", "2", "--fatigue", "2", "--stress", "2",
     "--mood", "4", "--motivation", "4"],
    ["run", "add", "--date", "2026-09-08", "--kind", "easy", "--minutes", "30"],
    ["units", "lb"],
])
def test_no_write_goes_into_a_damaged_file(cli, damaged, command):
    before = cli.db_path.read_bytes()
    result = cli(*command)
    assert result.exit_code == 1, result.output
    assert "is damaged" in result.stderr and "journal salvage" in result.stderr
    assert cli.db_path.read_bytes() == before


def test_a_backup_of_a_damaged_file_is_refused_and_leaves_no_file(cli, damaged, tmp_path):
    result = cli("backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert "no backup was made" in result.stderr
    assert not (tmp_path / "copy.db").exists()


def test_salvage_then_restore_loses_no_acknowledged_set(cli, damaged, tmp_path):
    saved = tmp_path / "saved.db"
    result = cli("salvage", "--out", str(saved))
    assert result.exit_code == 0, result.output
    assert set_rows(saved) == damaged
    result = cli("restore", str(saved))
    assert result.exit_code == 0, result.output
    assert set_rows(cli.db_path) == damaged
    assert cli("check").exit_code == 0
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1  # the damaged file is kept, not deleted
    assert cli("log", "back squat", "40x5").exit_code == 0


def test_salvage_reads_round_damaged_table_pages(cli, db_path, clock, tmp_path):
    journal_with_sets(db_path, clock, count=2000)
    logged = set_rows(db_path)
    damage(db_path, "sets")  # the table's root: the scan breaks, rowid by rowid finds what is left
    result = cli("salvage", "--out", str(tmp_path / "saved.db"))
    assert result.exit_code == 0, result.output
    kept = set_rows(tmp_path / "saved.db")
    assert set(kept) <= set(logged)
    with sqlite3.connect(tmp_path / "saved.db") as conn:
        assert conn.execute("select count(*) from enrolments").fetchone() == (1,)


def test_restore_refuses_a_backup_that_is_damaged_or_not_a_journal(cli, damaged, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    before = cli.db_path.read_bytes()
    for backup in (notes, cli.db_path.with_name("missing.db")):
        result = cli("restore", str(backup))
        assert result.exit_code == 1 and "not a journal backup" in result.stderr
    other = tmp_path / "other.db"
    other.write_bytes(before)  # a copy of the damaged journal
    result = cli("restore", str(other))
    assert result.exit_code == 1 and "damaged too" in result.stderr
    assert cli.db_path.read_bytes() == before


def test_a_sound_backup_is_verified_and_restored_in_place(enrolled_cli, tmp_path):
    enrolled_cli("log", "back squat", "40x5")
    made = enrolled_cli("backup", str(tmp_path / "kept.db"))
    assert made.exit_code == 0, made.output
    enrolled_cli("log", "back squat", "45x5")
    result = enrolled_cli("restore", str(tmp_path / "kept.db"))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select weight_kg from sets").fetchall() == [(40.0,)]
    assert enrolled_cli("today").exit_code == 0


def main_file_alone(path: Path, tmp_path: Path) -> Path:
    """The journal file as it would be if its -wal were lost: the main file copied on its own."""
    alone = tmp_path / "alone" / path.name
    alone.parent.mkdir()
    alone.write_bytes(path.read_bytes())
    return alone


def test_keep_safe_puts_the_sets_in_the_file_itself_and_keeps_a_week_of_copies(db_path, tmp_path):
    from journal.core.clock import FixedClock

    for n in range(9):
        clock = FixedClock.at_local(f"2026-09-{7 + n:02d}T18:00:00", "Europe/London")
        journal = Journal.open(db_path, clock)
        if n == 0:
            journal.enrol("runner-beginner", START)
        journal.log_set("back squat", journal.today(), parse_set_input("40x5", "kg"))
        made = journal.keep_safe()
        (tmp_path / str(n)).mkdir()
        with sqlite3.connect(main_file_alone(db_path, tmp_path / str(n))) as conn:
            assert conn.execute("select count(*) from sets").fetchone() == (n + 1,)  # no -wal needed
        with sqlite3.connect(made) as conn:
            assert conn.execute("select count(*) from sets").fetchone() == (n + 1,)
        journal.close()
    kept = sorted(p.name for p in (tmp_path / "journal-backups").iterdir())
    assert kept == [f"journal-2026-09-{day:02d}.db" for day in range(9, 16)]  # the newest seven days


async def test_the_last_set_of_a_session_is_in_the_file_itself_and_in_a_backup(tmp_path):
    from journal.core.clock import FixedClock
    from journal.tui.app import make_app
    from journal.tui.screens.session_done import SessionDoneScreen
    from tests.tui.conftest import settle

    (tmp_path / "t").mkdir()
    clock = FixedClock.at_local("2026-09-07T18:00:00", "Europe/London")
    path = tmp_path / "journal.db"
    journal = Journal.open(path, clock)
    journal.enrol("runner-beginner", START)
    journal.close()
    app = make_app(path, clock, check_in=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(120):
            if isinstance(app.screen, SessionDoneScreen):
                break
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, SessionDoneScreen)
        await settle(pilot)
        logged = set_rows(path)
        assert len(logged) > 10
        assert set_rows(main_file_alone(path, tmp_path / "t")) == logged  # the -wal could be lost now
        assert set_rows(tmp_path / "journal-backups" / "journal-2026-09-07.db") == logged


async def test_the_today_screen_on_a_damaged_file_says_so_and_stays_open(db_path, clock):
    from journal.tui.app import make_app
    from tests.tui.conftest import settle

    journal_with_sets(db_path, clock)
    damage(db_path, "sets_by_e1rm")
    app = make_app(db_path, clock, day=START, check_in=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any("is damaged" in message for message in shown), shown
        assert app.is_running


@pytest.fixture
def own_checks(damaged, monkeypatch) -> list[str]:
    """The quick checks a store makes on its own connection once the file is damaged (each says
    the file is sound)."""
    from journal.core.store import Store

    made: list[str] = []
    monkeypatch.setattr(Store, "damage", lambda store, pragma="quick_check": made.append(pragma) or [])
    return made


CHECK_IN = parse_check_in(START, sleep_h=7, sleep_quality=4, soreness=2, fatigue=2, stress=3, mood=4, motivation=4)


def test_the_quick_check_made_aside_finds_the_damage_and_opens_nothing_that_is_not_there(damaged, db_path, tmp_path):
    from journal.core.journal import quick_check_aside

    assert quick_check_aside(db_path)  # SQLite's words for the scribbled page
    journal_with_sets(tmp_path / "sound.db", FixedClock.at_local("2026-09-07T18:00:00", "Europe/London"), 5)
    assert quick_check_aside(tmp_path / "sound.db") == []
    assert quick_check_aside(tmp_path / "missing.db") is None and not (tmp_path / "missing.db").exists()


def test_a_journal_takes_the_check_made_aside_and_refuses_to_write_a_damaged_file(damaged, db_path, clock,
                                                                                  own_checks):
    from journal.core.errors import DamagedJournal
    from journal.core.journal import quick_check_aside

    before = db_path.read_bytes()
    journal = Journal.open(db_path, clock, create=False)
    journal.take_file_check(quick_check_aside(db_path))
    journal.take_file_check([])  # a later verdict does not undo the first
    with pytest.raises(DamagedJournal):
        journal.check_in(CHECK_IN)  # a write that reads no damaged page first
    journal.close()
    assert own_checks == [] and db_path.read_bytes() == before


async def test_the_screens_journal_checks_the_file_aside_and_writes_nothing_into_damage(damaged, db_path, clock,
                                                                                        own_checks):
    """The screen's journal thread has the file checked on a connection of its own while it draws:
    its own connection never runs the check, and the first set is still refused."""
    import threading

    from journal.core.errors import DamagedJournal
    from journal.tui.journal_thread import JournalThread

    before = db_path.read_bytes()
    thread = JournalThread(clock)
    thread.open(db_path, START)
    for checking in [t for t in threading.enumerate() if t.name == "journal-check"]:
        checking.join()
    try:
        with pytest.raises(DamagedJournal):
            await thread.run(lambda journal: journal.check_in(CHECK_IN))
    finally:
        thread.close()
    assert own_checks == [] and db_path.read_bytes() == before
