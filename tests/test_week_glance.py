"""The week at a glance: heavy-leg days, key runs, the spacing rules, and readiness in parts."""

from __future__ import annotations

from journal.core.clock import FixedClock
from journal.core.entry import parse_check_in
from journal.core.journal import Journal
from journal.core.readiness import readiness_parts, readiness_score

from tests.conftest import START, TZ


def test_the_week_marks_heavy_legs_and_key_runs_and_breaks_readiness_into_its_answers(tmp_path):
    journal = Journal.open(tmp_path / "journal.db", FixedClock.at_local("2026-09-08T07:00:00", TZ))
    journal.enrol("runner-beginner", START)
    journal.add_run(START.add(days=2), "quality", minutes=50)
    journal.add_run(START.add(days=4), "easy", minutes=30)
    journal.check_in(parse_check_in(START.add(days=1), sleep_h=6, sleep_quality=3, soreness=4, fatigue=2, stress=2, mood=4,
                     motivation=4))
    week = journal.week_at_a_glance(START.add(days=1))
    assert [d.date for d in week.days] == [START.add(days=n).isoformat() for n in range(7)]
    plan = {d.date: d for d in journal.plan_days(START, START.add(days=6))}
    for day in week.days:
        assert day.heavy_legs == any(p.heavy_lower for p in plan[day.date].exercises)
        assert day.session == plan[day.date].session
    heavy = [d.date for d in week.days if d.heavy_legs]
    assert heavy and not {START.isoformat(), START.add(days=1).isoformat()} & set(heavy)  # not 48 h before Wednesday's
    assert week.days[2].key_run and not week.days[4].key_run  # quality is key, easy is not
    assert (week.key_run_spacing_h, week.heavy_gap_h) == (48, 48)
    readiness = week.readiness
    assert readiness is not None and readiness.answers.sleep_h == 6
    assert readiness.shares["sleep_h"] == 6 / 8 and readiness.shares["soreness"] == (5 - 4) / 4
    assert readiness.score == round(100 * sum(readiness.shares.values()) / 7, 1)
    assert journal.week_at_a_glance(START.add(days=2)).readiness is None  # no check-in that day
    journal.close()


def test_readiness_is_the_mean_of_its_parts():
    from journal.core.model import Wellness

    w = Wellness(date="2026-09-07", sleep_h=9, sleep_quality=5, soreness=1, fatigue=1, stress=1, mood=5,
                 motivation=5)
    assert set(readiness_parts(w).values()) == {1.0} and readiness_score(w) == 100
