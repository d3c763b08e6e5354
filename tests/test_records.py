"""Personal records as they are set: best e1RM, most reps at a load."""

from __future__ import annotations

from journal.core.entry import parse_set_input
from journal.core.journal import Journal

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


def test_fewer_reps_at_the_same_load_is_no_record_whatever_its_rpe(journal):
    log(journal, "40x5", START)
    assert log(journal, "40x3", NEXT_MONDAY, rpe="6") == []  # RIR inflates the estimate, not the lift
    assert log(journal, "40x5", NEXT_MONDAY, rpe="8") == []  # the same set again, with an RPE added
    assert log(journal, "37.5x5", NEXT_MONDAY, rpe="6") == []  # lighter, same reps


async def test_a_record_keeps_its_star_when_the_day_is_opened_again(db_path, clock):
    from journal.tui.app import make_app
    from tests.tui.conftest import open_on

    journal = Journal.open(db_path, clock)
    journal.enrol("runner-beginner", START)
    journal.log_set("back squat", START, parse_set_input("40x5", "kg"))
    journal.log_set("back squat", NEXT_MONDAY, parse_set_input("45x5", "kg"))
    journal.log_set("back squat", NEXT_MONDAY, parse_set_input("42.5x5", "kg"))
    heavier = {s.id for s in journal.sets_on(NEXT_MONDAY) if s.weight_kg == 45.0}
    assert journal.training_day(NEXT_MONDAY).record_sets == heavier  # 42.5 x 5 after it is none
    journal.close()
    app = make_app(db_path, clock, day=NEXT_MONDAY, check_in=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_on(app, pilot, "Back squat")
        text = screen.query_one("#sets").text
        assert "★ record" in text
        assert sum("★" in line for line in text.splitlines()) == 1
