"""The runner's week learned from their runs, and the plan made around the runs it expects on
days no run is entered for: 48 hours clear of the expected long run, and a run that arrives
replaces its expectation."""

from __future__ import annotations

import pendulum
import pytest

from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.core.model import Run
from journal.core.run_pattern import ExpectedRun, expected_runs, learn
from journal.core.running import hours_between, starts_at

START = pendulum.date(2026, 9, 7)  # a Monday
TODAY = "2026-11-18T07:00:00"  # Wednesday of week 11; ten weeks of runs lie behind it
TZ = "Europe/London"


def typed(day: pendulum.Date, kind: str, time: str, n: int = 0) -> Run:
    return Run(f"{day}-{kind}-{n}", day.isoformat(), kind, time=time, minutes=60)


def usual_weeks(weeks: int = 10) -> list[Run]:
    """A long run on Saturdays around eight and intervals on Tuesday evenings, every week."""
    runs = []
    for w in range(weeks):
        monday = START.add(weeks=w)
        runs += [typed(monday.add(days=5), "long", ("07:50", "08:00", "08:10")[w % 3]),
                 typed(monday.add(days=1), "quality", "18:30"), typed(monday.add(days=3), "easy", "07:00")]
    return runs


def test_the_recurring_key_runs_are_learned_with_their_usual_hour():
    assert learn(usual_weeks(), START.add(weeks=10)) == [
        ExpectedRun(1, "quality", "18:30", 10, 10), ExpectedRun(5, "long", "08:00", 10, 10)]
    assert learn(usual_weeks(), START.add(weeks=10))[1].describe() == \
        "long run on Saturdays around 08:00 (10 of your last 10 weeks)"


def test_a_week_of_travel_or_a_race_is_not_learned_and_a_few_weeks_are_no_pattern():
    runs = usual_weeks(6)
    # Weeks 2 and 3: a trip with a long run on Wednesday; a race on Sunday instead of the long run.
    runs = [r for r in runs if not (START.add(weeks=2).isoformat() <= r.date < START.add(weeks=4).isoformat())]
    runs += [typed(START.add(weeks=2, days=2), "long", "12:00"), typed(START.add(weeks=2, days=4), "travel", "")]
    runs += [Run("race", START.add(weeks=3, days=6).isoformat(), "race", "B", time="09:00")]
    assert [(e.weekday, e.kind, e.weeks) for e in learn(runs, START.add(weeks=6))] == [(1, "quality", 4), (5, "long", 4)]
    assert learn(usual_weeks(3), START.add(weeks=3)) == []  # three weeks are not yet a pattern
    # A long run on Saturday in half the weeks and Sunday in the rest: neither recurs.
    shifted = [r if int(r.date[-2:]) % 2 or r.kind != "long" else
               typed(pendulum.parse(r.date).date().add(days=1), "long", "08:00") for r in usual_weeks()]
    assert [e.kind for e in learn(shifted, START.add(weeks=10))] == ["quality"]


def test_an_entered_key_run_near_it_or_a_race_that_week_replaces_the_expectation():
    pattern = learn(usual_weeks(), START.add(weeks=10))
    week = START.add(weeks=10)
    assert [(r.date, r.kind) for r in expected_runs(pattern, [], week, week.add(days=6))] == [
        ("2026-11-17", "quality"), ("2026-11-21", "long")]
    sunday_long = [typed(week.add(days=6), "long", "09:00")]
    assert [r.kind for r in expected_runs(pattern, sunday_long, week, week.add(days=6))] == ["quality"]
    race = [Run("r", week.add(days=3).isoformat(), "race", "C")]
    assert expected_runs(pattern, race, week, week.add(days=6)) == []
    easy = [typed(week.add(days=5), "easy", "08:00")]  # an easy run is no key run: the long one is still expected
    assert [r.kind for r in expected_runs(pattern, easy, week, week.add(days=6))] == ["quality", "long"]


@pytest.fixture
def runner(tmp_path):
    journal = Journal.open(tmp_path / "journal.db", FixedClock.at_local(TODAY, TZ))
    journal.enrol("runner-beginner", START)
    for run in usual_weeks():
        journal.add_run(pendulum.parse(run.date).date(), run.kind, minutes=run.minutes, time=run.time)
    yield journal
    journal.close()


def heavy_days(journal, first, last) -> list[pendulum.Date]:
    return [pendulum.parse(d.date).date() for d in journal.plan_range(first, last)
            if any(p.heavy_lower for p in d.exercises)]


def test_next_weeks_heavy_legs_stay_48_hours_clear_of_the_expected_long_run(runner):
    """No run entered for next week: the plan keeps its heavy lower sessions 48 h before the
    long run the last ten weeks lead it to expect on Saturday at 08:00, and says so."""
    monday = START.add(weeks=11)
    long_run = starts_at(monday.add(days=5), "08:00", 8, TZ)
    for day in heavy_days(runner, monday, monday.add(days=6)):
        # A gym session's hour is the program's; after the run is fine, 48 h before it is not.
        session = starts_at(day, None, runner.enrolled().program.rules.gym_hour, TZ)
        assert not 0 < hours_between(session, long_run) < 48, day
    reasons = [a for d in runner.plan_range(monday, monday.add(days=6)) for a in d.adjustments]
    assert any("expected long run (from your last 10 weeks) on Sat 28 Nov" in a for a in reasons), reasons
    glance = runner.week_at_a_glance(monday.add(days=2))
    assert [(d.date, [r.source for r in d.runs]) for d in glance.days if d.runs] == [
        ("2026-11-24", ["expected"]), ("2026-11-28", ["expected"])]


def test_the_real_run_replaces_the_expected_one(runner):
    monday = START.add(weeks=11)
    runner.add_run(monday.add(days=6), "long", minutes=110, time="09:00")  # this week, Sunday instead
    days = runner.plan_range(monday, monday.add(days=6))
    reasons = [a for d in days for a in d.adjustments]
    assert not any("expected long run" in a for a in reasons), reasons
    sunday = starts_at(monday.add(days=6), "09:00", 8, TZ)
    for day in heavy_days(runner, monday, monday.add(days=6)):
        session = starts_at(day, None, runner.enrolled().program.rules.gym_hour, TZ)
        assert not 0 < hours_between(session, sunday) < 48, day


def test_the_past_is_what_was_entered_and_the_pattern_can_be_turned_off(runner):
    this_week = START.add(weeks=10)
    glance = runner.week_at_a_glance(this_week.add(days=2))
    # Tuesday 17 Nov is behind today: no run entered, none expected; Saturday 21 Nov is ahead.
    assert [(d.date, [r.source for r in d.runs]) for d in glance.days if d.runs] == [("2026-11-21", ["expected"])]
    before = heavy_days(runner, this_week.add(weeks=1), this_week.add(weeks=1, days=6))
    runner.set_run_pattern(False)
    assert all(not d.runs for d in runner.week_at_a_glance(this_week.add(days=2)).days)
    assert heavy_days(runner, this_week.add(weeks=1), this_week.add(weeks=1, days=6)) != before
    runner.set_run_pattern(True)
    assert heavy_days(runner, this_week.add(weeks=1), this_week.add(weeks=1, days=6)) == before


def test_no_plan_state_is_kept_past_this_week(runner):
    """Expected runs are planned from today on, and today moves: a checkpoint made with them
    would outlive them, so none past this week's Monday is stored."""
    runner.plan_range(START.add(weeks=10), START.add(weeks=16))
    stored = [row[0] for row in runner.store.conn.execute("select monday from checkpoints order by monday")]
    assert stored and max(stored) <= START.add(weeks=10).isoformat()
