"""Benchmarks on a ten-year journal, each a ratio against a baseline measured in the same run.

    pytest -m bench -s tests/bench

- startup: `journal` to its first painted Today screen, against a bare Textual app
  with a header, a 20-row table and a footer (goal ≤ 1.3x);
- memory: peak RSS of the same two processes (goal ≤ 1.5x);
- today, plan and summary on ten years against a journal three weeks old (goal ≤ 1.25x),
  and against one year;
- export of every set against a plain sqlite3 + csv dump of the sets table (goal ≤ 2x).

Logging speed on the same journal is in test_logging_speed.py.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from journal.core.journal import Journal

from .conftest import NOW, TZ, clock

pytestmark = pytest.mark.bench
PROBE = Path(__file__).with_name("first_paint.py")
ROUNDS = 15


def spawn(*args: str) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one fresh process running the first-paint probe."""
    with tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak"
        env = dict(os.environ, JOURNAL_NOW=NOW, JOURNAL_TZ=TZ, FIRST_PAINT_RSS=str(peak))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # start as an installed journal does: from .pyc files
        started = time.perf_counter()
        finished = subprocess.run([sys.executable, str(PROBE), *args], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - started
        assert finished.returncode == 0, finished.stderr.decode()[-2000:]
        return elapsed, int(peak.read_text())


def median_of(measure: Callable[[], float], rounds: int = ROUNDS) -> float:
    return statistics.median(measure() for _ in range(rounds))


def report(name: str, value: float, baseline: float, goal: float, unit: str = "ms") -> None:
    scale = 1000 if unit == "ms" else 1 / 1024
    shown = "MiB" if unit == "KiB" else unit
    ratio = value / baseline
    print(f"\n{name}: {value * scale:.1f} {shown} against {baseline * scale:.1f} {shown}: "
          f"{ratio:.2f}x (goal ≤ {goal}x{'' if ratio <= goal else ', NOT MET'})")


def test_startup_and_memory_against_a_bare_textual_app(ten_years):
    spawn("bare"), spawn("journal", "--db", str(ten_years))  # warm the file cache and .pyc files
    journal_runs, bare_runs = [], []
    for _ in range(ROUNDS):  # interleaved, so a noisy moment hits both
        journal_runs.append(spawn("journal", "--db", str(ten_years)))
        bare_runs.append(spawn("bare"))
    report("startup to the first painted Today screen (ten years)",
           statistics.median(t for t, _ in journal_runs), statistics.median(t for t, _ in bare_runs), 1.3)
    report("peak memory (RSS)", statistics.median(m for _, m in journal_runs),
           statistics.median(m for _, m in bare_runs), 1.5, unit="KiB")


YARDSTICK = Path(__file__).resolve().parents[3] / "shared" / "bench"  # ../shared/bench beside the repo
MORNING = "2026-11-27"  # the day after the journals' last check-in: the check-in opens by itself


def first_frame(*args: str) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one process run by the shared first-frame harness."""
    env = dict(os.environ, JOURNAL_NOW=f"{MORNING}T07:00:00", JOURNAL_TZ=TZ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = ["/usr/bin/time", "-f", "%M", sys.executable, str(YARDSTICK / "first_frame.py"), *args]
    started = time.perf_counter()
    finished = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    assert finished.returncode == 0, finished.stderr[-2000:]
    return elapsed, int(finished.stderr.strip().splitlines()[-1])


@pytest.mark.skipif(not (YARDSTICK / "first_frame.py").exists() or not Path("/usr/bin/time").exists(),
                    reason="needs ../shared/bench and /usr/bin/time")
def test_first_frame_on_the_morning_path_against_bare_textual(ten_years, copy_of):
    """`journal` as the console script starts it, on a ten-year journal with no check-in yet
    today (so the check-in opens), against the shared bare app: paired, interleaved rounds."""
    db = copy_of(ten_years)
    journal = ("--call", "journal.cli:main", "--db", str(db), "--date", MORNING)
    bare = (str(YARDSTICK / "bare_app.py"),)
    first_frame(*journal), first_frame(*bare)  # warm the file cache and .pyc files
    journal_runs, bare_runs = [], []
    for _ in range(ROUNDS):
        journal_runs.append(first_frame(*journal))
        bare_runs.append(first_frame(*bare))
    report("first frame, morning path (ten years, check-in open)", statistics.median(t for t, _ in journal_runs),
           statistics.median(t for t, _ in bare_runs), 1.3)
    report("peak memory (RSS) of that start", statistics.median(m for _, m in journal_runs),
           statistics.median(m for _, m in bare_runs), 1.5, unit="KiB")


def timed_call(path: Path, work: Callable[[Journal], object]) -> float:
    """One call as a command makes it: open the journal, work, close."""
    started = time.perf_counter()
    journal = Journal.open(path, clock(), create=False)
    try:
        work(journal)
    finally:
        journal.close()
    return time.perf_counter() - started


CALLS = {
    "today": lambda j: j.plan(j.today()),
    "plan (this week)": lambda j: j.planned_sessions(pendulum.date(2026, 11, 23), pendulum.date(2026, 11, 29)),
    "summary (last week)": lambda j: j.summary(pendulum.date(2026, 11, 16)),
}


COMMANDS = {"today": ["today"], "plan (this week)": ["plan"], "summary (last week)": ["summary", "--week", "2026-W47"]}


def timed_command(path: Path, args: list[str]) -> float:
    """One `journal` command as a lifter runs it: a fresh process, imports and all."""
    env = dict(os.environ, JOURNAL_NOW=NOW, JOURNAL_TZ=TZ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "journal.cli", "--db", str(path), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


@pytest.mark.parametrize("call", CALLS)
def test_today_plan_and_summary_do_not_grow_with_history(ten_years, one_year, three_weeks, call):
    """The core call (open, work, close) and the whole command, on ten years against three weeks
    (the goal's baseline) and one year. A plan reads its microcycle's targets and the four weeks
    before it, a summary its twelve charted weeks: a journal younger than that has less to read,
    and from then on the cost should stay flat."""
    journals = {"ten years": ten_years, "one year": one_year, "three weeks": three_weeks}
    work, args = CALLS[call], COMMANDS[call]
    core, command = {}, {}
    for name, path in journals.items():
        timed_call(path, work), timed_command(path, args)  # warm up (and write .pyc files)
        core[name] = median_of(lambda: timed_call(path, work), 25)
        command[name] = median_of(lambda: timed_command(path, args), 9)
    for baseline in ("three weeks", "one year"):
        report(f"{call}, core call, ten years against {baseline}", core["ten years"], core[baseline], 1.25)
        report(f"{call}, whole command, ten years against {baseline}", command["ten years"], command[baseline], 1.25)


def test_export_against_a_plain_dump(ten_years, tmp_path):
    def journal_export() -> float:
        return timed_call(ten_years, lambda j: j.export_to(tmp_path / "sets.csv"))

    def plain_dump() -> float:
        started = time.perf_counter()
        with sqlite3.connect(ten_years) as conn, open(tmp_path / "plain.csv", "w", newline="") as out:
            cursor = conn.execute("select * from sets order by date, logged_at, rowid")
            writer = csv.writer(out)
            writer.writerow([c[0] for c in cursor.description])
            writer.writerows(cursor)
        return time.perf_counter() - started

    journal_export(), plain_dump()
    exported, plain = median_of(journal_export, 5), median_of(plain_dump, 5)
    rows = sum(1 for _ in open(tmp_path / "sets.csv", encoding="utf-8")) - 1
    report(f"export of {rows} sets against sqlite3 + csv", exported, plain, 2.0)
