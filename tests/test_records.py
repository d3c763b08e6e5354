"""Personal records as they are set: best e1RM, most reps at a load."""

from __future__ import annotations

from journal.core.entry import parse_set_input

from tests.conftest import START

MONDAY, NEXT_MONDAY = START, START.add(weeks=1)


def log(journal, text, day=MONDAY, **fields):
    logged = journal.log_set("Back squat", day, parse_set_input(text, journal.units(), **fields))
    return journal.records_of(logged)


def test_a_first_set_sets_no_record_and_a_heavier_one_beats_the_best_e1rm(journal):
    assert log(journal, "40x5") == []
    [record] = log(journal, "45x5", NEXT_MONDAY)
    assert record.kind == "e1RM" and record.value == 52.5 and round(record.previous, 1) == 46.7
    assert record.text("kg") == "Back squat: best e1RM 52.5 kg (+5.8 kg)"


def test_more_reps_at_a_load_is_a_record_and_earlier_sets_that_day_count(journal):
    log(journal, "40x5")
    found = log(journal, "40x6", NEXT_MONDAY)
    assert {r.kind for r in found} == {"e1RM", "reps"}
    assert log(journal, "40x6", NEXT_MONDAY) == []  # the same again that day is no record
    assert [r.kind for r in log(journal, "40x7", NEXT_MONDAY)] == ["e1RM", "reps"]


def test_warm_ups_skips_and_lighter_sets_set_no_record(journal):
    log(journal, "40x5")
    assert log(journal, "60x5", NEXT_MONDAY, set_type="warmup") == []
    assert log(journal, "30x5", NEXT_MONDAY) == []


def test_the_command_line_names_the_record(enrolled_cli):
    enrolled_cli("log", "squat", "40x5", "--date", "2026-09-07")
    result = enrolled_cli("log", "squat", "42.5x5", "--date", "2026-09-14")
    assert "New record: Back squat: best e1RM 49.6 kg (+2.9 kg)" in result.output


def test_in_pounds_the_record_is_told_in_pounds(tmp_path, clock):
    from journal.core.journal import Journal

    journal = Journal.open(tmp_path / "lb.db", clock)
    journal.enrol("runner-beginner", START, units="lb")
    log(journal, "135x5")
    [record] = log(journal, "145x5", NEXT_MONDAY)
    assert record.text("lb") == "Back squat: best e1RM 169.2 lb (+11.7 lb)"
    journal.close()
