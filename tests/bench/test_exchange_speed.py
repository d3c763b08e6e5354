"""Benchmark: a ten-year Strong export imports in seconds.

    pytest -m bench -s tests/bench/test_exchange_speed.py

Prints the import (parse, map, one transaction) against a plain `csv` parse of
the same file, measured in the same run.
"""

from __future__ import annotations

import csv
import io
import random
import time

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal

pytestmark = pytest.mark.bench
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
LIFTS = ["Squat (Barbell)", "Deadlift (Barbell)", "Standing Calf Raise (Machine)", "Plank",
         "Bulgarian Split Squat (Dumbbell)", "Hip Thrust (Barbell)"]


def ten_years(sets_wanted: int = 50_000) -> str:
    rng = random.Random(3)
    out = io.StringIO()
    out.write(HEADER)
    day, written = pendulum.datetime(2013, 1, 7, 18, 0), 0  # ends by mid-2026
    while written < sets_wanted:
        for lift in LIFTS:
            for order in range(1, 5):
                out.write(f"{day.format('YYYY-MM-DD HH:mm:ss')},Lower,55m,\"{lift}\",{order},"
                          f"{20 + rng.randint(0, 40) * 2.5},{rng.randint(3, 10)},0,0,,,{rng.choice(['', '8', '8.5'])}\n")
                written += 1
        day = day.add(days=rng.choice([2, 2, 3]))
    return out.getvalue()


def test_import_speed(tmp_path):
    text = ten_years()
    path = tmp_path / "strong.csv"
    path.write_text(text, encoding="utf-8")
    clock = FixedClock.at_local("2026-11-26T18:00:00", "Europe/London")

    started = time.perf_counter()
    rows = sum(1 for _ in csv.reader(io.StringIO(text)))
    plain = time.perf_counter() - started

    big = Journal.open(tmp_path / "big.db", clock)
    started = time.perf_counter()
    report = big.import_sets(path)
    imported = time.perf_counter() - started
    assert report.new == rows - 1

    print(f"\nimport of {report.new} sets: {imported:.2f} s, {imported / plain:.1f}x a plain csv parse ({plain:.2f} s)")


def test_import_memory_stays_flat(tmp_path):
    """#22 item 19: a 500,000-row Strong export imports with peak memory under 100 MB more than
    the journal's own (measured in a fresh process: the journal opened, then the file imported)."""
    import subprocess
    import sys

    path = tmp_path / "strong.csv"
    path.write_text(ten_years(500_000), encoding="utf-8")
    # The high-water mark is read from /proc and reset first: a child's getrusage keeps the
    # peak of the process it was forked from (here, pytest holding the 35 MB file's text).
    code = (
        "import pendulum\n"
        "from journal.core.clock import FixedClock\n"
        "from journal.core.journal import Journal\n"
        "def peak_kb():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "open('/proc/self/clear_refs', 'w').write('5')\n"
        f"journal = Journal.open({str(tmp_path / 'big.db')!r}, FixedClock.at_local('2026-11-26T18:00:00', 'UTC'))\n"
        "journal.enrol('runner-beginner', pendulum.date(2026, 9, 7))\n"
        "base = peak_kb()\n"
        f"report = journal.import_sets({str(path)!r})\n"
        "print(report.new, (peak_kb() - base) / 1024, base / 1024)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    new, over, base = done.stdout.split()
    print(f"\n500k-row import ({path.stat().st_size / 1e6:.0f} MB): {new} sets, peak {float(over):.0f} MB over the "
          f"journal's own {float(base):.0f} MB")
    assert int(new) >= 500_000 and float(over) < 100
