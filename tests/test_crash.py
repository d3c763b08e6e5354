"""Killing the journal at any moment loses nothing it said was logged.

`journal log` and the Today screen (Pilot pressing Enter in a subprocess) are killed
with SIGKILL at random moments. Every set the command printed, or the screen showed,
must be in the database afterwards; the file must pass `PRAGMA integrity_check`; no
row may be half written or stored twice. A handful of kills run by default, sixty
under `-m slow`.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPERS = Path(__file__).parent / "helpers"
TZ = "Europe/London"
DAY = "2026-09-07"  # the first Monday of the journal fixture's program: a strength session
ENV = dict(os.environ, JOURNAL_NOW=f"{DAY}T18:00:00", JOURNAL_TZ=TZ)


@pytest.fixture
def enrolled_db(journal, db_path) -> Path:
    journal.close()
    return db_path


def check_file(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        twice = conn.execute("select date, exercise, set_index, count(*) from sets "
                             "group by 1, 2, 3 having count(*) > 1").fetchall()
        assert twice == [], f"set numbers stored twice: {twice}"


def stored(db: Path, column: str) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {row[0]: row[1:] for row in conn.execute(
            f"select {column}, exercise, weight_kg, reps, logged_at from sets")}


def kill_log_commands(db: Path, kills: int, rng: random.Random) -> int:
    """Run `journal log` `kills` times, each killed at a random moment; returns how many had
    reported success before the kill."""
    command = [sys.executable, "-m", "journal.cli", "--db", str(db), "log", "Back squat", "80x5"]
    runs = []
    for n in range(3):  # the median full run: kills land before, during and after the commit
        started = time.perf_counter()
        subprocess.run(command + ["--note", f"timing-{n}"], env=ENV, check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    whole = sorted(runs)[1]
    reported = 0
    for n in range(kills):
        note = f"kill-{n}"
        process = subprocess.Popen(command + ["--note", note], env=ENV, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.5) * whole)
        process.send_signal(signal.SIGKILL)
        output = process.communicate()[0].decode()
        check_file(db)
        sets = stored(db, "notes")
        if "Logged Back squat" in output:
            reported += 1
            assert note in sets, f"{note} was reported logged but is not in the database"
        if note in sets:
            assert sets[note][:3] == ("Back squat", 80.0, 5), f"{note} is half written: {sets[note]}"
    return reported


def kill_today_screens(template: Path, tmp_path: Path, kills: int, rng: random.Random) -> int:
    """Log through the Today screen, killed at random moments once it is up; returns the sets shown."""
    shown = 0
    for n in range(kills):
        db = tmp_path / f"tui-{n}.db"
        shutil.copyfile(template, db)
        process = subprocess.Popen([sys.executable, str(HELPERS / "tui_logger.py"), str(db), DAY],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.8))
        process.send_signal(signal.SIGKILL)
        lines = process.communicate()[0].split()
        check_file(db)
        ids = [line for line in lines if line != "done"]
        sets = stored(db, "id")
        missing = [i for i in ids if i not in sets]
        assert not missing, f"the screen showed {len(missing)} set(s) the database does not have"
        shown += len(ids)
    return shown


def test_killed_log_commands_lose_nothing(enrolled_db):
    kill_log_commands(enrolled_db, 4, random.Random(1))


def test_killed_today_screens_lose_nothing(enrolled_db, tmp_path):
    assert kill_today_screens(enrolled_db, tmp_path, 2, random.Random(2)) > 0


@pytest.mark.slow
def test_sixty_kills_lose_nothing(enrolled_db, tmp_path):
    rng = random.Random(60)
    template = tmp_path / "template.db"
    shutil.copyfile(enrolled_db, template)
    reported = kill_log_commands(enrolled_db, 40, rng)
    shown = kill_today_screens(template, tmp_path, 20, rng)
    print(f"\n40 log commands killed ({reported} had reported success); "
          f"20 Today screens killed after showing {shown} sets")
    assert 0 < reported < 40, "the kills should land both before and after the commit"
