"""A journal written by the journal as it was before equipment (schema 5: its stored program
names no implements), opened by this one: every past verdict stays as it was, and dumbbell work
stays dumbbell work (#22 item 4). The file was made by the old code: tests/fixtures/
make_pre_equipment.py says how."""

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


@pytest.fixture
def upgraded(tmp_path):
    path = tmp_path / "journal.db"
    path.write_bytes(gzip.decompress((FIXTURES / "pre-equipment-v5.db.gz").read_bytes()))
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == 5
        assert "implement" not in conn.execute("select program_toml from enrolments").fetchone()[0]
    journal = Journal.open(path, FixedClock.at_local("2026-06-22T07:00:00", TZ))
    yield journal
    journal.close()


def test_every_past_verdict_is_the_one_the_old_journal_gave(upgraded):
    assert upgraded.schema_version() == SCHEMA_VERSION
    before = json.loads((FIXTURES / "pre-equipment-v5-verdicts.json").read_text())
    after = {}
    for key in before:
        day, name = key.split(" ", 1)
        why = upgraded.why(name, pendulum.parse(day).date()).to_json()
        after[key] = [why["verdict"], why["reasons"][0] if why["reasons"] else None]
    assert after == before
    assert sum(v[0] == "progress" for v in before.values()) > 20  # verdicts worth comparing


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
