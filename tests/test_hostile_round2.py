"""The second round of hostile input (issue 16): each numbered finding, one test or more.
Exports and backups are in test_output_files.py, the TUI's in tests/tui/test_markup.py and
tests/tui/test_writes.py."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal
from tests.test_hostile import assert_refused, counts, fingerprint

FORMATS = Path(__file__).parent / "formats"


def export_text(cli, *args: str) -> str:
    result = cli("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# 2 ------------------------------------------------------------------------------------------


def test_a_carriage_return_in_a_note_survives_export_import_export(enrolled_cli, tmp_path):
    assert enrolled_cli("log", "back squat", "60x5", "--note", "a\r\nb\rc").exit_code == 0
    first = tmp_path / "first.csv"
    assert enrolled_cli("export", "--out", str(first)).exit_code == 0
    other = Journal.open(tmp_path / "other.db", enrolled_cli.clock)
    other.enrol("runner-beginner", pendulum.date(2026, 9, 7))
    other.import_sets(first)
    again = io.StringIO(newline="")
    other.export(again)
    assert again.getvalue().encode() == first.read_bytes()
    assert "a\r\nb\rc" in again.getvalue()


# 3 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", ["strong_comma.csv", "hevy.csv"])
def test_the_same_file_imported_in_two_timezones_is_the_same_sets(tmp_path, sample):
    db = tmp_path / "j.db"
    london = Journal.open(db, FixedClock.at_local("2026-09-08T18:00:00", "Europe/London"))
    assert london.import_sets(FORMATS / sample).new > 0
    london.close()
    new_york = Journal.open(db, FixedClock.at_local("2026-09-08T18:00:00", "America/New_York"))
    assert new_york.import_sets(FORMATS / sample).new == 0
    new_york.close()


def test_sets_an_older_journal_imported_are_not_imported_again(journal, db_path):
    """Before this fix the id held the importer's offset: those rows must still count as there."""
    journal.import_sets(FORMATS / "strong_comma.csv")
    with sqlite3.connect(db_path) as conn:  # as the older journal stored them
        from journal.core import exchange

        text = (FORMATS / "strong_comma.csv").read_text()
        for s in exchange.read_sets(text, "strong", "kg", journal.clock.tz)[1]:
            conn.execute("update sets set id = ? where id = ?", [s.legacy_id, s.id])
    assert journal.import_sets(FORMATS / "strong_comma.csv").new == 0


# 4 ------------------------------------------------------------------------------------------


def test_a_journal_csv_time_without_an_offset_is_read_in_its_rows_zone(enrolled_cli, tmp_path):
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    text = export_text(enrolled_cli)
    header, row = text.splitlines()[:2]
    cells = row.split(",")
    at = header.split(",").index("logged_at")
    cells[0] = "11111111-2222-3333-4444-555555555555"
    cells[at] = "2026-09-08T07:00:00"  # no offset; the row's tz is Europe/London (BST)
    path = tmp_path / "naive.csv"
    path.write_text(f"{header}\r\n{','.join(cells)}\r\n", newline="")
    assert enrolled_cli("import", str(path)).exit_code == 0
    assert enrolled_cli.rows("sets") == 2
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        stored = conn.execute("select logged_at from sets where id like '11111111%'").fetchone()[0]
    assert stored.startswith("2026-09-08T06:00:00")


# 5 ------------------------------------------------------------------------------------------


def test_a_hevy_workout_that_ends_before_it_starts_has_no_duration(journal, db_path, tmp_path):
    text = (FORMATS / "hevy.csv").read_text().replace('"3 Feb 2026, 19:01"', '"3 Feb 2026, 17:01"')
    path = tmp_path / "backwards.csv"
    path.write_text(text)
    journal.import_sets(path)
    with sqlite3.connect(db_path) as conn:
        durations = [r[0] for r in conn.execute("select duration_s from sessions where source = 'hevy'")]
    assert durations and all(d is None or d >= 0 for d in durations)


# 6 ------------------------------------------------------------------------------------------


def test_names_that_differ_only_in_spacing_or_case_are_one_exercise(enrolled_cli):
    for name in ("sled push", "Sled   push", " SLED PUSH "):
        assert enrolled_cli("log", name, "40x10", "--new").exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select distinct exercise from sets").fetchall() == [("sled push",)]


# 8, 12 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("tz", ["utc", "Invalid/Zone", "+05:00", "Europe/london", "../../etc/passwd"])
def test_a_timezone_that_is_not_a_real_name_is_refused_in_one_line(enrolled_cli, monkeypatch, tz):
    monkeypatch.setenv("JOURNAL_TZ", tz)
    runner = enrolled_cli.runner
    from journal.commands import commands

    before = counts(enrolled_cli)
    for args in (["today"], ["log", "back squat", "60x5"], ["export"]):
        result = runner.invoke(commands, ["--db", str(enrolled_cli.db_path), *args], catch_exceptions=False)
        assert_refused(result, "JOURNAL_TZ")
    assert counts(enrolled_cli) == before


def test_an_imported_row_with_a_bad_zone_or_a_far_date_is_refused(enrolled_cli, tmp_path):
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    header, row = export_text(enrolled_cli).splitlines()[:2]
    names = header.split(",")
    for column, value in (("tz", "utc"), ("logged_at", "0001-01-01T00:00:00+00:00"),
                          ("logged_at", "9999-12-31T23:00:00-05:00"), ("date", "0001-01-01")):
        cells = row.split(",")
        cells[0] = "11111111-2222-3333-4444-555555555555"
        cells[names.index(column)] = value
        path = tmp_path / "bad.csv"
        path.write_text(f"{header}\r\n{','.join(cells)}\r\n", newline="")
        assert_refused(enrolled_cli("import", str(path)), "line 2", column)
    assert enrolled_cli.rows("sets") == 1
    assert export_text(enrolled_cli).count("\n") == 2


def test_an_old_row_with_an_unknown_zone_does_not_break_the_export(enrolled_cli):
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:  # as an older journal let it in
        conn.execute("update sets set tz = 'utc'")
    assert "2026-09-08T17:00:00+00:00" in export_text(enrolled_cli)


# 11, 17 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["today", "--date", "0001-01-01"], ["today", "--date", "9999-12-31"],
                                  ["plan", "--from", "9999-12-25"], ["log", "back squat", "60x5", "--date", "0001-01-01"],
                                  ["summary", "--week", "9999-W52"], ["summary", "--week", "0001-W01"]])
def test_dates_outside_1900_to_2200_are_refused(enrolled_cli, args):
    before = counts(enrolled_cli)
    assert_refused(enrolled_cli(*args), "between 1900 and 2200")
    assert counts(enrolled_cli) == before


def test_init_with_a_start_out_of_range_is_refused_and_makes_no_file(cli):
    assert_refused(cli("init", "--program", "runner-beginner", "--start", "0001-01-01"), "start")
    assert not cli.db_path.exists()


def test_a_mistyped_far_future_date_answers_fast_and_stores_nothing(enrolled_cli):
    size = enrolled_cli.db_path.stat().st_size
    started = time.perf_counter()
    assert_refused(enrolled_cli("today", "--date", "2199-09-07"), "20 years")
    assert time.perf_counter() - started < 2
    assert_refused(enrolled_cli("log", "back squat", "60x5", "--date", "2199-09-07"), "20 years")
    assert enrolled_cli.db_path.stat().st_size - size < 1_000_000
    assert enrolled_cli.rows("sets") == 0


# 18 -----------------------------------------------------------------------------------------


def test_a_travel_range_is_bounded(enrolled_cli):
    assert_refused(enrolled_cli("run", "add", "--kind", "travel", "--to", "2100-12-31"), "at most 366 days")
    assert enrolled_cli.rows("runs") == 0


# 13, 25 -------------------------------------------------------------------------------------


def test_a_database_truncated_under_100_bytes_is_one_line(enrolled_cli):
    data = enrolled_cli.db_path.read_bytes()[:60]
    enrolled_cli.db_path.write_bytes(data)
    assert_refused(enrolled_cli("today"), "--db")
    assert enrolled_cli.db_path.read_bytes() == data


@pytest.mark.parametrize("damage", ["drop index sets_by_e1rm", "drop index sets_by_reps", "drop table checkpoints",
                                    "delete from meta", "drop table meta", "drop index assessments_by_side"])
def test_a_dropped_cache_or_index_is_made_again(enrolled_cli, damage):
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        conn.execute(damage)
    for args in (["summary"], ["today"], ["why", "back squat"], ["log", "back squat", "60x5"]):
        assert enrolled_cli(*args).exit_code == 0, args
    result = enrolled_cli("check")
    assert result.exit_code == 0 and "ok" in result.stdout


def test_journal_check_names_what_is_wrong(enrolled_cli):
    assert enrolled_cli("check").exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("insert into start_loads values ('no such enrolment', 'Back squat', 20)")
    result = enrolled_cli("check")
    assert result.exit_code == 1 and "start_loads" in result.stderr


def test_a_lowered_user_version_is_refused_once_without_backups(enrolled_cli):
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        conn.execute("PRAGMA user_version = 3")
    before = fingerprint(enrolled_cli.db_path)
    for _ in range(2):
        assert_refused(enrolled_cli("today"), "schema 3", "by hand")
    assert fingerprint(enrolled_cli.db_path) == before
    assert not list(enrolled_cli.db_path.parent.glob("*.bak"))


# 15, 19 -------------------------------------------------------------------------------------


def test_a_run_csv_row_with_more_fields_than_its_header_names_its_line(enrolled_cli, tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text("date,kind,minutes\n2026-09-08,easy,30\n2026-09-09,easy,30,extra\n")
    assert_refused(enrolled_cli("run", "import", str(path)), "line 3", "more fields")
    assert enrolled_cli.rows("runs") == 0


def test_a_hevy_file_without_a_title_column_names_it(enrolled_cli, tmp_path):
    text = (FORMATS / "hevy.csv").read_text()
    path = tmp_path / "hevy.csv"
    path.write_text(text.replace('"title",', '"name",', 1))
    assert_refused(enrolled_cli("import", str(path)), "line 1", "title")


def test_importing_a_fifo_is_refused_at_once(enrolled_cli, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(enrolled_cli("import", str(fifo))), daemon=True)
    worker.start()
    worker.join(5)
    assert done, "import of a FIFO hung"
    assert_refused(done[0], "not a regular file")
    done.clear()
    worker = threading.Thread(target=lambda: done.append(enrolled_cli("run", "import", str(fifo))), daemon=True)
    worker.start()
    worker.join(5)
    assert done and done[0].exit_code == 1


def test_importing_a_folder_is_one_line(enrolled_cli, tmp_path):
    assert_refused(enrolled_cli("import", str(tmp_path)), "is a folder")
    # Runs come in folders (an unpacked export): one with none in it says so.
    assert_refused(enrolled_cli("run", "import", str(tmp_path)), "holds no .fit, .gpx or .tcx file")


def test_an_endless_or_huge_file_is_refused(enrolled_cli, tmp_path, monkeypatch):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    assert_refused(enrolled_cli("import", str(link)), "not a regular file")
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr("journal.core.files.MAX_IMPORT_BYTES", 1024)
    assert_refused(enrolled_cli("import", str(big)), "larger than")


# 16 -----------------------------------------------------------------------------------------


def test_negative_numbers_are_values_refused_by_field(enrolled_cli):
    assert_refused(enrolled_cli("log", "back", "-10x5"), "weight", "negative")
    assert_refused(enrolled_cli("assess", "knee_to_wall_cm", "-3", "--side", "L"), "knee_to_wall_cm")
    assert counts(enrolled_cli)["sets"] == 0 and counts(enrolled_cli)["assessments"] == 0


# 20 -----------------------------------------------------------------------------------------


def _without_root_powers() -> list[str] | None:
    """A prefix that runs a command as root without the power to ignore file permissions."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "true"], capture_output=True)
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if probe.returncode == 0 else None


def test_a_journal_in_a_read_only_folder_reads_exports_and_backs_up(enrolled_cli, tmp_path):
    prefix = _without_root_powers() if os.geteuid() == 0 else []
    if prefix is None:
        pytest.skip("cannot drop root's power over permissions here")
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    folder = enrolled_cli.db_path.parent
    env = dict(os.environ, JOURNAL_NOW="2026-09-08T18:00:00", JOURNAL_TZ="Europe/London")

    def journal(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, sys.executable, "-m", "journal.cli", "--db", str(enrolled_cli.db_path),
                               *args], capture_output=True, text=True, env=env, timeout=60)

    elsewhere = tmp_path.parent / f"{tmp_path.name}-out"
    elsewhere.mkdir()
    folder.chmod(0o555)
    try:
        assert "Back squat" in journal("today", "--json", "--date", "2026-09-07").stdout
        assert journal("export").stdout.count("\n") == 2
        assert journal("backup", str(elsewhere / "b.db")).returncode == 0
        refused = journal("log", "back squat", "60x5")
        assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
    finally:
        folder.chmod(0o755)
    assert enrolled_cli.rows("sets") == 1


# 21, 22 -------------------------------------------------------------------------------------


def test_a_device_or_a_foreign_file_is_never_made_a_journal(cli, tmp_path):
    one = tmp_path / "one.db"
    one.write_bytes(b"x")
    assert_refused(cli("--db", str(one), "init", "--program", "runner-beginner", db=False), "not an SQLite file")
    assert one.read_bytes() == b"x"
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    assert_refused(cli("--db", str(fifo), "today", db=False), "not a regular file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.db", "one.db"]


@pytest.mark.parametrize("bad", [["--bodyweight", "abc"], ["--load", "Back squat=heavy"], ["--load", "zzz=60"],
                                 ["--start", "2026-02-30"]])
def test_init_with_a_bad_value_makes_no_file(cli, bad):
    assert_refused(cli("init", "--program", "runner-beginner", *bad))
    assert not cli.db_path.exists()


# 23 -----------------------------------------------------------------------------------------


def test_suggestions_name_only_what_the_command_has(enrolled_cli, cli):
    line = assert_refused(enrolled_cli("why", "zzz"), "zzz")
    assert "--new" not in line
    assert "--new" in assert_refused(enrolled_cli("log", "zzz", "60x5"))
    assert enrolled_cli("log", "squat", "175lbx5").exit_code == 0  # the README's example


# 27 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, field", [
    (["log", "back squat", "60x٥"], "reps"), (["log", "back squat", "٦٠x5"], "set"),
    (["log", "back squat", "60x5", "--rpe", "٨"], "rpe"), (["log", "plank", "--seconds", "٤٥"], "seconds"),
    (["log", "back squat", "0.0000001x5"], "weight"),
    (["wellness", "--sleep", "٧", "--sleep-quality", "3", "--soreness", "2", "--fatigue", "2", "--stress", "2",
      "--mood", "3", "--motivation", "3"], "sleep"),
    (["wellness", "--sleep", "7", "--sleep-quality", "٣", "--soreness", "2", "--fatigue", "2", "--stress", "2",
      "--mood", "3", "--motivation", "3"], "sleep-quality"),
    (["wellness", "--sleep", "7", "--sleep-quality", "3", "--soreness", "2", "--fatigue", "2", "--stress", "2",
      "--mood", "3", "--motivation", "3", "--resting-hr", "60.7"], "resting-hr"),
])
def test_one_set_of_rules_for_every_number(enrolled_cli, args, field):
    before = counts(enrolled_cli)
    assert_refused(enrolled_cli(*args), field)
    assert counts(enrolled_cli) == before


@pytest.mark.parametrize("rpe", ["9.25", "1", "11"])
def test_imports_take_rpe_as_the_command_line_does(enrolled_cli, tmp_path, rpe):
    text = (FORMATS / "hevy.csv").read_text().splitlines()
    header, row = text[0], text[2]
    path = tmp_path / "rpe.csv"
    path.write_text(f"{header}\n{row.rsplit(',', 1)[0]},{rpe}\n")
    assert_refused(enrolled_cli("import", str(path)), "line 2", "rpe")


@pytest.mark.parametrize("command", [
    ["wellness", "--sleep", "7", "--sleep-quality", "4", "--soreness", "2", "--fatigue", "2", "--stress", "2",
     "--mood", "4", "--motivation", "4"],
    ["run", "add", "--date", "2026-09-08", "--kind", "easy", "--minutes", "30"],
    ["assess", "pain", "0"],
    ["log", "back squat", "20x5"],
    ["today"],
])
def test_a_journal_truncated_to_nothing_is_refused_and_the_newest_backup_named(enrolled_cli, command):
    kept = enrolled_cli("backup")
    assert kept.exit_code == 0, kept.output
    enrolled_cli.db_path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        enrolled_cli.db_path.with_name(enrolled_cli.db_path.name + suffix).unlink(missing_ok=True)
    result = enrolled_cli(*command)
    assert result.exit_code == 1
    assert "empty file, not a journal" in result.stderr and "newest backup is" in result.stderr
    assert enrolled_cli.db_path.stat().st_size == 0


def test_importing_into_an_empty_file_refuses_it(cli, tmp_path):
    cli.db_path.write_bytes(b"")
    source = tmp_path / "sets.csv"
    source.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"
                      "2026-09-01 18:00:00,Gym,Squat,1,60,5,0,0\n")
    result = cli("import", str(source))
    assert result.exit_code == 1
    assert cli.db_path.stat().st_size == 0


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_program_file_that_is_a_fifo_or_a_device_is_refused_at_once(cli, tmp_path, kind):
    program = tmp_path / "p.toml"
    if kind == "fifo":
        os.mkfifo(program)
    else:
        program.symlink_to("/dev/zero")
    for command in (["check-program", str(program)], ["init", "--program", str(program)]):
        result = cli(*command)
        assert result.exit_code == 1
        assert "not a regular file" in result.stderr
    assert not cli.db_path.exists()


@pytest.mark.parametrize("command, field", [
    (["log", "back squat", "20x5", "--session", "S" * 81], "session"),
    (["log", "back squat", "20x5", "--note", "n" * 2001], "notes"),
    (["log", "x" * 81, "20x5", "--new"], "exercise"),
    (["run", "add", "--date", "2026-09-08", "--kind", "easy", "--title", "t" * 201], "title"),
    (["wellness", "--sleep", "7", "--sleep-quality", "4", "--soreness", "2", "--fatigue", "2", "--stress", "2",
      "--mood", "4", "--motivation", "4", "--notes", "n" * 2001], "notes"),
])
def test_names_and_notes_have_a_length_limit_named_in_the_message(enrolled_cli, command, field):
    result = enrolled_cli(*command)
    assert result.exit_code == 1, result.output
    assert "characters long; keep it to" in result.stderr and f"{field}: is" in result.stderr
    assert enrolled_cli.rows("sets") == 0 and enrolled_cli.rows("runs") == 0 and enrolled_cli.rows("wellness") == 0
    assert enrolled_cli.rows("sessions") == 0


def test_a_name_of_eighty_and_a_note_of_two_thousand_characters_are_kept_as_typed(enrolled_cli):
    result = enrolled_cli("log", "back squat", "20x5", "--session", "S" * 80, "--note", "ñ" * 2000)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select notes from sets").fetchone() == ("ñ" * 2000,)
