"""Exports and backups never destroy a file they should not, and fail in one line.

Every case runs in the test's own folder: tests run as root, and the old export replaced
whatever path it was given, /dev/null included.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from journal.core.errors import StoreError
from tests.test_hostile import assert_refused


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def logged(enrolled_cli):
    assert enrolled_cli("log", "back squat", "60x5").exit_code == 0
    return enrolled_cli


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_journal_is_refused_even_with_force(logged, suffix):
    target = logged.db_path.with_name(logged.db_path.name + suffix)
    if not target.exists():
        target.write_bytes(b"")  # a -wal or -shm that is between checkpoints
    before = digest(logged.db_path)
    for extra in ([], ["--force"]):
        assert_refused(logged("export", "--out", str(target), *extra), "out:", "journal")
    assert digest(logged.db_path) == before
    assert logged.rows("sets") == 1


def test_export_onto_another_database_is_refused(logged, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    before = digest(other)
    assert_refused(logged("export", "--out", str(other), "--force"), "SQLite")
    assert digest(other) == before


def test_export_onto_a_symlink_to_the_journal_is_refused(logged, tmp_path):
    link = tmp_path / "sets.csv"
    link.symlink_to(logged.db_path)
    assert_refused(logged("export", "--out", str(link), "--force"), "journal")
    assert link.is_symlink()


def test_export_asks_for_force_before_replacing_a_file(logged, tmp_path):
    target = tmp_path / "sets.csv"
    target.write_text("keep me")
    assert_refused(logged("export", "--out", str(target)), "already exists", "--force")
    assert target.read_text() == "keep me"
    assert logged("export", "--out", str(target), "--force").exit_code == 0
    assert "back squat" in target.read_text().lower()


def test_export_through_a_symlink_keeps_the_link(logged, tmp_path):
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert logged("export", "--out", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("set_id,")


def test_export_to_a_fifo_writes_through_it(logged, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = logged("export", "--out", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo()
    assert received and received[0].startswith(b"set_id,")


def test_export_to_dash_is_standard_output(logged):
    result = logged("export", "--out", "-")
    assert result.exit_code == 0 and result.stdout.startswith("set_id,")
    assert not Path("-").exists()


def test_export_to_a_missing_folder_says_so(logged, tmp_path):
    assert_refused(logged("export", "--out", str(tmp_path / "nowhere" / "sets.csv")), "does not exist")


def test_export_to_a_full_disk_says_so(logged, tmp_path):
    # A "full" device node of the test's own (as /dev/full): written through, never replaced, and
    # every write fails with ENOSPC. Never the machine's /dev/full: the old export replaced it.
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    assert_refused(logged("export", "--out", str(full)), "disk is full")
    assert full.is_char_device()


def test_a_failed_export_leaves_no_partial_file_and_the_old_file(logged, tmp_path, monkeypatch):
    target = tmp_path / "sets.csv"
    target.write_text("old")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("journal.core.export.write_rows", full)
    assert_refused(logged("export", "--out", str(target), "--force"), "disk is full")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []


def test_spreadsheet_safe_export_neutralises_formulas_and_plain_export_is_lossless(logged):
    assert logged("log", "back squat", "60x5", "--note", "=HYPERLINK(\"x\")").exit_code == 0
    assert logged("log", "sled push", "40x10", "--new", "--note", "@SUM(1)").exit_code == 0
    plain = list(csv.DictReader(io.StringIO(logged("export").stdout)))
    safe = list(csv.DictReader(io.StringIO(logged("export", "--spreadsheet-safe").stdout)))
    assert [r["notes"] for r in plain][1:] == ['=HYPERLINK("x")', "@SUM(1)"]
    assert [r["notes"] for r in safe][1:] == ['\'=HYPERLINK("x")', "'@SUM(1)"]
    assert [r["weight"] for r in safe] == [r["weight"] for r in plain]


# --- backups -------------------------------------------------------------------------------


def test_backup_to_a_missing_folder_says_so(logged, tmp_path):
    assert_refused(logged("backup", str(tmp_path / "nowhere" / "b.db")), "does not exist")


def test_a_failed_backup_is_removed_so_a_retry_works(journal, tmp_path):
    target = tmp_path / "b.db"
    real = journal.store.conn
    journal.store.conn = _Failing(real)
    with pytest.raises(StoreError, match="disk is full"):
        journal.store.backup(target)
    assert not target.exists()
    journal.store.conn = real
    assert journal.store.backup(target) == target
    assert target.read_bytes().startswith(b"SQLite format 3\x00")


class _Failing:
    """A connection whose online backup fails as on a full disk, after the file was made."""

    def __init__(self, conn):
        self._conn = conn

    def backup(self, out):
        out.execute("create table half (x)")
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name):
        return getattr(self._conn, name)
