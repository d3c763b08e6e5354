"""The weekly summary: typed, counted so far, and worded for a person."""

from __future__ import annotations

import pendulum

from journal.core.entry import parse_check_in, parse_set_input
from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.render import summary_tables, summary_text

from tests.conftest import START, TZ


def tables_of(week):
    return {table.title.split(":")[0]: table for table in summary_tables(week)}


def journal_on(tmp_path, when: str) -> Journal:
    journal = Journal.open(tmp_path / "journal.db", FixedClock.at_local(when, TZ))
    journal.enrol("runner-beginner", START)
    return journal


def test_mid_week_the_days_ahead_are_to_come_not_missed(tmp_path):
    journal = journal_on(tmp_path, "2026-09-09T20:00:00")  # Wednesday of week 1
    journal.log_set("Back squat", START, parse_set_input("20x5", journal.units()))
    week = journal.summary(START)
    assert week.sessions.done == {"strength": 1}
    planned_later = {d.session[1] for d in journal.planned_sessions(START.add(days=3), START.add(days=6)) if d.session}
    assert set(week.sessions.to_come) == planned_later and sum(week.sessions.to_come.values()) >= 2
    assert all(week.sessions.missed(kind) == 0 for kind in ("strength", "stability"))
    assert "mobility" in week.sessions.planned and week.sessions.missed("mobility") == 1  # Wednesday's, not done
    sessions = {row[0]: row[1:] for row in tables_of(week)["Sessions so far"].rows}
    assert sessions["strength"] == ("1", str(week.sessions.planned["strength"]),
                                    str(week.sessions.to_come["strength"]), "—")
    assert sessions["mobility"][3] == "1"  # Done, Planned, To come, Missed
    text = summary_text(week)
    assert "To come" in text and "(s)" not in text
    assert "1 of 1 mobility session missed so far" in text  # the cue counts what was due
    journal.close()


def test_on_sunday_nothing_is_to_come_and_the_json_is_the_same_document(tmp_path):
    journal = journal_on(tmp_path, "2026-09-13T20:00:00")
    week = journal.summary(START)
    assert week.sessions.to_come == {}
    document = week.to_json()
    assert document["from"] == "2026-09-07" and document["next_week"]["from"] == "2026-09-14"
    assert document["block"]["name"] == "Base strength" and document["block"]["week"] == 1
    assert [s["name"] for s in document["next_week"]["sessions"]][:1] == [
        journal.plan(pendulum.date(2026, 9, 14)).session[0]]
    assert set(document["wellness"]["average"]) >= {"sleep_h", "readiness", "check_ins"}
    journal.close()


def test_wellness_reads_in_words_with_units(tmp_path):
    journal = journal_on(tmp_path, "2026-09-13T20:00:00")
    for n in range(3):
        journal.check_in(parse_check_in(START.add(days=n), sleep_h=6.5, sleep_quality=3, soreness=2, fatigue=2, stress=3,
                         mood=4, motivation=4))
    week = journal.summary(START)
    wellness = {row[0]: row[1:] for row in tables_of(week)["Wellness"].rows}
    assert wellness["Sleep"] == ("6.5 h a night", "—", "target 8 h")
    assert wellness["Soreness"] == ("2.0/5", "—", "lower is better")
    assert wellness["Check-ins"][0] == "3 of 7"
    assert "sleep_h" not in summary_text(week)
    journal.close()


def test_next_week_names_its_sessions_and_a_travel_day_in_the_future(tmp_path):
    journal = journal_on(tmp_path, "2026-09-13T20:00:00")
    journal.add_run(pendulum.date(2026, 9, 14), "travel", title="Lisbon")
    ahead = tables_of(journal.summary(START))["Next week"]
    assert ahead.rows[0][0] == "Mon 14 Sep" and ahead.rows[0][1] == journal.plan(pendulum.date(2026, 9, 14)).session[0]
    assert any("travel (Lisbon):" in note for note in ahead.notes)
    assert not any("today is" in note for note in ahead.notes)
    journal.close()
