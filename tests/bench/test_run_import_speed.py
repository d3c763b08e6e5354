"""Benchmark: a Strava export of 1,000 activities, and a folder of 1,000 FIT files.

    pytest -m bench -s tests/bench/test_run_import_speed.py

Goals (#23): the summaries in under 10 s, the FIT files in under 3 minutes, memory under 150 MB
for either. Each is printed beside a baseline measured in the same run: a plain `csv` parse of
the same activities.csv, and fitdecode reading the same files with nothing done with them.
"""

from __future__ import annotations

import csv
import io
import resource
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal

pytestmark = pytest.mark.bench
SAMPLES = Path(__file__).parent.parent / "formats" / "runs"
COUNT = 1000


def strava_export(folder: Path) -> Path:
    """The sample's rows repeated, each a day apart with its own id."""
    rows = list(csv.reader(io.StringIO((SAMPLES / "strava-activities-sportiva.csv").read_text(encoding="utf-8"),
                                       newline="")))
    header, body = rows[0], rows[1:]
    start = datetime(2023, 1, 2, 7, tzinfo=timezone.utc)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for n in range(COUNT):
        row = list(body[n % len(body)])
        row[0] = str(10_000_000 + n)
        row[1] = (start + timedelta(days=n, minutes=n % 90)).strftime("%b %-d, %Y, %-I:%M:%S %p")
        writer.writerow(row)
    folder.mkdir()
    (folder / "activities.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def fit_folder(folder: Path) -> Path:
    """The FIT sample 1,000 times: matching drops the copies, but every file is read."""
    folder.mkdir()
    content = (SAMPLES / "garmin-fenix-5-run.fit").read_bytes()
    for n in range(COUNT):
        (folder / f"run-{n:04d}.fit").write_bytes(content)
    return folder


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_strava_summaries_import_in_seconds(tmp_path):
    export = strava_export(tmp_path / "export")
    started = time.perf_counter()
    runs = sum(row[3] == "Run" for row in csv.reader((export / "activities.csv").open(encoding="utf-8")))
    plain = time.perf_counter() - started
    journal = Journal.open(tmp_path / "journal.db", FixedClock.at_local("2026-11-26T18:00:00", "Europe/London"))
    started = time.perf_counter()
    report = journal.import_runs([export])
    took = time.perf_counter() - started
    assert len(report.matched.added) == runs and sum(report.others.values()) == COUNT - runs
    print(f"\n{COUNT} Strava activities ({len(report.matched.added)} runs): {took:.2f} s, "
          f"{took / plain:.0f}x a plain csv parse ({plain * 1000:.0f} ms); peak memory {peak_mb():.0f} MB")


def test_a_folder_of_fit_files_imports_in_minutes(tmp_path):
    import fitdecode

    folder = fit_folder(tmp_path / "fit")
    started = time.perf_counter()
    for file in sorted(folder.iterdir()):
        with fitdecode.FitReader(str(file)) as fit:
            for _ in fit:
                pass
    plain = time.perf_counter() - started
    journal = Journal.open(tmp_path / "journal.db", FixedClock.at_local("2026-11-26T18:00:00", "Europe/London"))
    started = time.perf_counter()
    report = journal.import_runs([folder])
    took = time.perf_counter() - started
    assert len(report.matched.added) == 1 and len(report.matched.already) == COUNT - 1
    print(f"\n{COUNT} FIT files: {took:.2f} s, {took / plain:.1f}x fitdecode reading them alone ({plain:.2f} s); "
          f"peak memory {peak_mb():.0f} MB")
