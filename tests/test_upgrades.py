"""Journals written by older versions, opened by this one: every past verdict stays as it was.
The one from before equipment (schema 5: its stored program names no implements) keeps dumbbell
work dumbbell work (#22 item 4); the one from before runs from files (schema 7) keeps its runs.
Each file was made by the old code: tests/fixtures/make_pre_equipment.py says how."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.core.program import load_shipped
from journal.core.store import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"
TZ = "Europe/London"


# Journals written by older versions of the journal, each by its own code (see
# tests/fixtures/make_pre_equipment.py, run on the commit named), with the verdicts it gave.
OLDER = {"pre-equipment-v5": 5,  # 9702262^: before equipment
         "before-runs-from-files-v7": 7}  # 340dab4: before runs from Strava, Garmin and watch files


def old_file(folder: Path, name: str) -> Path:
    path = folder / "journal.db"
    path.write_bytes(gzip.decompress((FIXTURES / f"{name}.db.gz").read_bytes()))
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == OLDER[name]
    return path


def opened(path: Path) -> Journal:
    return Journal.open(path, FixedClock.at_local("2026-06-22T07:00:00", TZ))


@pytest.fixture
def upgraded(tmp_path):
    path = old_file(tmp_path, "pre-equipment-v5")
    with sqlite3.connect(path) as conn:
        assert "implement" not in conn.execute("select program_toml from enrolments").fetchone()[0]
    journal = opened(path)
    yield journal
    journal.close()


@pytest.mark.parametrize("name", OLDER)
def test_every_past_verdict_is_the_one_the_old_journal_gave(tmp_path, name):
    upgraded = opened(old_file(tmp_path, name))
    assert upgraded.schema_version() == SCHEMA_VERSION
    before = json.loads((FIXTURES / f"{name}-verdicts.json").read_text())
    after = {}
    for key in before:
        day, name = key.split(" ", 1)
        why = upgraded.why(name, pendulum.parse(day).date()).to_json()
        after[key] = [why["verdict"], why["reasons"][0] if why["reasons"] else None]
    assert after == before
    assert sum(v[0] == "progress" for v in before.values()) > 20  # verdicts worth comparing
    upgraded.close()


def test_every_slot_keeps_its_implement_and_dumbbell_work_is_not_put_on_a_bar(upgraded):
    shipped = load_shipped("runner-beginner").exercises()
    program = upgraded.enrolled().program
    assert {n: s.implement for n, s in program.exercises().items()} == {n: shipped[n].implement for n in shipped}
    week = upgraded.plan_days(pendulum.date(2026, 6, 22), pendulum.date(2026, 6, 28))
    for day in week:
        for p in day.exercises:
            assert p.implement == shipped[p.program_exercise].implement, (day.date, p.name)
            if p.implement == "dumbbell" and p.weight_kg:
                assert p.plates is None and p.weight_kg in upgraded.equipment().dumbbells_kg, (day.date, p.name)
    assert any(p.name == "Reverse lunge" and p.implement == "dumbbell" for d in week for p in d.exercises)


def test_the_runs_of_a_schema_7_journal_come_through_as_typed_runs(tmp_path):
    path = old_file(tmp_path, "before-runs-from-files-v7")
    with sqlite3.connect(path) as conn:
        before = conn.execute("select id, date, kind, priority, minutes, km, rpe, title, time from runs "
                              "order by id").fetchall()
    journal = opened(path)
    after = journal.store.conn.execute("select id, date, kind, priority, minutes, km, rpe, title, time, source, "
                                       "kind_by_runner from runs order by id").fetchall()
    journal.close()
    assert len(before) > 50 and [tuple(r[:9]) for r in after] == before
    assert {(r[9], r[10]) for r in after} == {(None, 0)}  # typed: no source, no kind suggested over them
