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
