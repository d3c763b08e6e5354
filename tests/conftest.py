"""Every test gets its own database and a fixed clock in a fixed timezone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pendulum
import pytest
from click.testing import CliRunner

from journal.commands import commands
from journal.core.clock import FixedClock
from journal.core.journal import Journal

TZ = "Europe/London"
START = pendulum.date(2026, 9, 7)  # a Monday


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.at_local("2026-09-08T18:00:00", TZ)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db_path: Path, clock: FixedClock):
    opened = Journal.open(db_path, clock)
    opened.enrol("runner-beginner", START)
    yield opened
    opened.close()


class Cli:
    """Runs `journal` in-process with the test's clock and database."""

    def __init__(self, db_path: Path, clock: FixedClock) -> None:
        self.db_path = db_path
        self.clock = clock
        self.runner = CliRunner()

    def __call__(self, *args: str, db: bool = True):
        argv = (["--db", str(self.db_path)] if db else []) + list(args)
        return self.runner.invoke(commands, argv, obj={"clock": self.clock}, catch_exceptions=False)

    def json(self, *args: str) -> dict:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def rows(self, table: str) -> int:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.fixture
def cli(db_path: Path, clock: FixedClock) -> Cli:
    return Cli(db_path, clock)


@pytest.fixture
def enrolled_cli(cli: Cli) -> Cli:
    result = cli("init", "--program", "runner-beginner", "--start", START.isoformat())
    assert result.exit_code == 0, result.output
    return cli
