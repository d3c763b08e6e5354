"""Journals the benchmarks share: ten years of one program, one year, and a new one three weeks in.

Both are built once per run through the core (about a minute for ten years) with the
same generator, the same program and the same fixed "now", checked in this morning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journal.core.clock import FixedClock
from journal.devtools.history import build_demo

TZ = "Europe/London"
NOW = "2026-11-26T18:00:00"  # a Thursday: a strength day in both journals


def clock() -> FixedClock:
    return FixedClock.at_local(NOW, TZ)


@pytest.fixture(scope="session")
def ten_years(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ten-years") / "journal.db"
    build_demo(path, clock(), weeks=522)
    return path


@pytest.fixture(scope="session")
def one_year(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("one-year") / "journal.db"
    build_demo(path, clock(), weeks=52)
    return path


@pytest.fixture(scope="session")
def three_weeks(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("three-weeks") / "journal.db"
    build_demo(path, clock(), weeks=3)
    return path


@pytest.fixture
def copy_of(tmp_path):
    """A private copy of a shared journal, for benchmarks that write."""

    def copy(path: Path) -> Path:
        target = tmp_path / path.parent.name / path.name
        target.parent.mkdir()
        shutil.copyfile(path, target)
        return target

    return copy
