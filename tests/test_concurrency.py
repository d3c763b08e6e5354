"""Two (here four) copies of the journal open on one database never lose or duplicate a row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPERS = Path(__file__).parent / "helpers"
COPIES, SETS = 4, 25


def log_at_once(db: Path, copies: int, sets: int) -> list[subprocess.CompletedProcess]:
    start = time.time() + 2.0  # every copy has opened the journal by then, and they start together
    processes = [subprocess.Popen([sys.executable, str(HELPERS / "log_many.py"), str(db), f"copy{n}",
                                   str(sets), str(start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env=os.environ)
                 for n in range(copies)]
    return [subprocess.CompletedProcess(p.args, p.wait(), *p.communicate()) for p in processes]


@pytest.mark.parametrize("copies", [2, COPIES])
def test_copies_logging_at_once_store_every_set_exactly_once(journal, db_path, copies):
    journal.close()
    finished = log_at_once(db_path, copies, SETS)
    assert [f.returncode for f in finished] == [0] * copies, [f.stderr[-800:] for f in finished]
    with sqlite3.connect(db_path) as conn:
        notes = [r[0] for r in conn.execute("select notes from sets")]
        numbers = sorted(r[0] for r in conn.execute("select set_index from sets"))
        sessions = conn.execute("select count(*) from sessions").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(notes) == sorted(f"copy{n}-{i}" for n in range(copies) for i in range(SETS))
    assert numbers == list(range(1, copies * SETS + 1)), "set numbers were shared or skipped"
    assert sessions == 1, "each copy made its own session for the day"
