"""Hostile input at every entry point: one clear line naming the problem, no traceback,
nothing written, the file untouched. (Hand-picked field cases are in test_cli.py.)"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.core.store import store as store_module  # the module that opens the file

TABLES = ("sets", "sessions", "wellness", "assessments", "runs", "enrolments")
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def fingerprint(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def assert_refused(result, *words: str) -> str:
    """Exit 1, one line on stderr starting `journal: ` that says what is wrong, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("journal: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def counts(cli) -> dict[str, int]:
    return {t: cli.rows(t) for t in TABLES}


# --- --db paths that are not journals -------------------------------------------------------


def test_a_directory_is_refused(cli, tmp_path):
    assert_refused(cli("--db", str(tmp_path), "today", db=False), "is a directory")


def test_a_path_under_a_file_is_refused(cli, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for args in (["init", "--program", "runner-beginner"], ["today"]):
        assert_refused(cli("--db", str(blocker / "journal.db"), *args, db=False), "--db")
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("content", [b"", b"squat 80x5\n", b"SQLite format 3\x00" + b"\xff" * 200])
def test_an_empty_or_foreign_file_is_refused_untouched(cli, content):
    cli.db_path.write_bytes(content)
    for args in (["today"], ["log", "Back squat", "80x5"], ["export"], ["summary"]):
        assert_refused(cli(*args), "--db")
        assert cli.db_path.read_bytes() == content


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_an_unwritable_journal_is_refused_and_unchanged(enrolled_cli):
    before = counts(enrolled_cli)
    enrolled_cli.db_path.chmod(0o444)
    try:
        assert_refused(enrolled_cli("log", "Back squat", "80x5"), "--db")
    finally:
        enrolled_cli.db_path.chmod(0o644)
    assert counts(enrolled_cli) == before


def test_a_journal_locked_for_long_is_refused_and_nothing_written(enrolled_cli, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.3)
    before = counts(enrolled_cli)
    holder = sqlite3.connect(enrolled_cli.db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (["log", "Back squat", "80x5"],
                     ["wellness", "--sleep", "8", "--sleep-quality", "4", "--soreness", "1", "--fatigue", "1",
                      "--stress", "1", "--mood", "4", "--motivation", "4"]):
            assert_refused(enrolled_cli(*args), "another program")
    finally:
        holder.rollback()
        holder.close()
    assert counts(enrolled_cli) == before
    assert enrolled_cli("log", "Back squat", "80x5").exit_code == 0  # and once it is free, it works


# --- typed values -------------------------------------------------------------------------


def run_hostile(cli, args: list[str]) -> None:
    """Accepted (exit 0), or refused with one line (1) or click's usage message (2), nothing written."""
    before = counts(cli)
    result = cli(*args)
    if result.exit_code == 0:
        return
    if result.exit_code == 2:
        assert "Error:" in result.stderr and "Traceback" not in result.output
    else:
        assert_refused(result)
    assert counts(cli) == before


@settings(HOSTILE)
@given(set_text=ANY_TEXT, tempo=ANY_TEXT, rpe=ANY_TEXT, date=ANY_TEXT)
@example(set_text="80x5'); drop table sets;--", tempo="3-1-X-0", rpe="8", date="today")
@example(set_text="８０x５", tempo="\x00", rpe="NaN", date="2026-13-01")
def test_log_takes_any_text_without_a_traceback(enrolled_cli, set_text, tempo, rpe, date):
    run_hostile(enrolled_cli, ["log", f"--tempo={tempo}", f"--rpe={rpe}", f"--date={date}",
                               "Back squat", "--", set_text])


@settings(HOSTILE)
@given(values=st.lists(st.one_of(ANY_TEXT, st.integers(-5, 30).map(str), st.floats().map(str)),
                       min_size=7, max_size=7))
def test_wellness_takes_any_values_without_a_traceback(enrolled_cli, values):
    names = ("--sleep", "--sleep-quality", "--soreness", "--fatigue", "--stress", "--mood", "--motivation")
    run_hostile(enrolled_cli, ["wellness"] + [f"{name}={value}" for name, value in zip(names, values)])


@settings(HOSTILE)
@given(kind=ANY_TEXT, minutes=ANY_TEXT, date=ANY_TEXT, time=ANY_TEXT)
def test_run_add_takes_any_values_without_a_traceback(enrolled_cli, kind, minutes, date, time):
    run_hostile(enrolled_cli, ["run", "add", f"--kind={kind}", f"--minutes={minutes}", f"--date={date}",
                               f"--time={time}"])


@settings(HOSTILE)
@given(week=ANY_TEXT, exercise=ANY_TEXT)
def test_read_commands_take_any_text_without_a_traceback(enrolled_cli, week, exercise):
    run_hostile(enrolled_cli, ["summary", f"--week={week}"])
    run_hostile(enrolled_cli, ["why", "--", exercise] if exercise.strip() else ["why", "x"])


@settings(HOSTILE)
@given(text=st.text(max_size=400))
@example(text="[rules]\nplate_step_kg = -1\n")
@example(text='name = "x"\n[[blocks]]\nweeks = "many"\n')
def test_check_program_takes_any_file_without_a_traceback(cli, tmp_path, text):
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("check-program", str(path), db=False)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    if result.exit_code == 1:
        assert all(line.startswith(f"{path}:") for line in result.stderr.strip().splitlines())


@settings(HOSTILE)
@given(text=st.text(max_size=300), fmt=st.sampled_from(["auto", "strong", "hevy", "journal"]))
@example(text="Date,Exercise Name,Set Order,Weight,Reps\n2026-01-01 10:00:00,Squat,1,80,5\n"
              "2026-01-02 10:00:00,Squat,1,heavy,5\n", fmt="strong")
def test_import_takes_any_file_all_or_nothing(enrolled_cli, tmp_path, text, fmt):
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8")
    before = counts(enrolled_cli)
    result = enrolled_cli("import", str(path), "--format", fmt)
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert_refused(result)
        assert counts(enrolled_cli) == before


# --- stored and exported verbatim ------------------------------------------------------------

VERBATIM = [
    ("Robert'); DROP TABLE sets;--", 'a "quoted", comma; semi'),
    ("Ünïcødé squat 🏋️", "日本語のメモ\nsecond line"),
    ("%_ LIKE wildcards \\", "tab\there, NUL-free, trailing space "),
]


@pytest.mark.parametrize("exercise, note", VERBATIM)
def test_names_and_notes_are_stored_and_exported_verbatim(enrolled_cli, exercise, note):
    assert enrolled_cli("log", "--new", exercise, "60x5", "--note", note).exit_code == 0
    with sqlite3.connect(enrolled_cli.db_path) as conn:
        assert conn.execute("select exercise, notes from sets").fetchall() == [(exercise, note)]
    exported = enrolled_cli("export")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["exercise"], r["notes"]) for r in rows] == [(exercise, note)]
    assert enrolled_cli.rows("enrolments") == 1
