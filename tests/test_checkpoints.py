"""Plans resumed from stored checkpoints are the plans a full replay gives, and stay so after
writes in the past."""

from __future__ import annotations

import json

import pendulum
import pytest

from journal.core import engine
from journal.core.entry import parse_check_in, parse_set_input
from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.core.progression import Target
from journal.devtools.history import build_history

TZ = "Europe/London"
FIRST = pendulum.date(2026, 3, 2)
LAST = pendulum.date(2026, 6, 28)  # 17 weeks: four microcycles and a block change


@pytest.fixture(scope="module")
def lived(tmp_path_factory):
    """A journal 17 weeks in, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("lived") / "journal.db"
    journal = Journal.open(path, FixedClock.at_local("2026-03-02T07:00:00", TZ))
    build_history(journal, FIRST, LAST)
    journal.close()
    return path


@pytest.fixture
def journal(lived, tmp_path):
    copy = tmp_path / "journal.db"
    copy.write_bytes(lived.read_bytes())
    # Today is in the week of 20 Jul: checkpoints are stored up to this week's Monday only
    # (the plan expects the runner's usual runs from today on, and today moves).
    opened = Journal.open(copy, FixedClock.at_local("2026-07-21T18:00:00", TZ))
    yield opened
    opened.close()


def replayed(journal: Journal, first, last) -> engine.Fold:
    """The same plan from the program's start, with no checkpoint."""
    enrolled = journal.enrolled()
    return engine.fold(enrolled.program, enrolled.enrolment, first, last, journal.history_for(enrolled, last))


def stored_mondays(journal: Journal) -> list[str]:
    return [r[0] for r in journal.store.conn.execute("select monday from checkpoints order by monday")]


def test_a_resumed_plan_is_the_replayed_plan(journal):
    first, last = pendulum.date(2026, 6, 22), pendulum.date(2026, 7, 12)
    journal.store.conn.execute("delete from checkpoints")
    cold = journal.fold(first, last)
    assert len(stored_mondays(journal)) >= 4
    warm = journal.fold(first, last)
    assert warm.checkpoints == [] or warm.checkpoints[0].monday > first
    assert warm.days == cold.days == replayed(journal, first, last).days
    assert warm.targets == cold.targets


def test_a_set_logged_in_the_past_forgets_the_checkpoints_after_it(journal):
    journal.fold(LAST, LAST)
    before = stored_mondays(journal)
    day = pendulum.date(2026, 5, 25)
    journal.log_set("Back squat", day, parse_set_input("120x5", journal.units(), rpe="10"))
    kept = stored_mondays(journal)
    assert kept and all(m <= day.isoformat() for m in kept) and len(kept) < len(before)
    assert journal.fold(LAST, LAST.add(days=7)).days == replayed(journal, LAST, LAST.add(days=7)).days


def poor_days(journal: Journal, first, days: int = 3) -> None:
    for n in range(days):
        journal.check_in(parse_check_in(first.add(days=n), sleep_h=4, sleep_quality=1, soreness=5, fatigue=5, stress=5,
                         mood=1, motivation=1))


def first_set_of(journal: Journal, exercise: str, since) -> str:
    """The first set of a lift logged on or after a day: undoing it leaves that session short."""
    day = since
    while not (found := [s for s in journal.sets_on(day) if s.exercise == exercise]):
        day = day.add(days=1)
    return found[0].id


# Each write changes how a microcycle before 20 Jul was judged, so the checkpoint stored at
# 20 Jul must go (Power block from 27 Apr; plyometrics from 22 Jun when the tests pass).
PAST_WRITES = {
    "poor readiness pulls a deload forward": lambda j: poor_days(j, pendulum.date(2026, 5, 4)),
    "an A race and its recovery": lambda j: j.add_run(pendulum.date(2026, 7, 18), "race", priority="A", title="Marathon"),
    "pain locks plyometrics": lambda j: j.assess("pain", 6, pendulum.date(2026, 6, 22)),
    "an undone set": lambda j: j.remove_set(first_set_of(j, "Trap bar deadlift", pendulum.date(2026, 6, 22))),
    "a new emphasis": lambda j: j.set_emphasis("hip_drop"),
}


@pytest.mark.parametrize("write", PAST_WRITES)
def test_every_kind_of_past_write_keeps_the_plan_true(journal, write):
    first, last = pendulum.date(2026, 7, 20), pendulum.date(2026, 7, 26)
    before = journal.fold(first, last)
    assert stored_mondays(journal)[-1] == first.isoformat()
    PAST_WRITES[write](journal)
    after, truth = journal.fold(first, last), replayed(journal, first, last)
    assert (after.days, after.targets) == (truth.days, truth.targets)
    assert (after.days, after.targets) != (before.days, before.targets), "the write should change the plan"


def test_a_checkpoint_worked_out_before_a_write_is_not_stored(journal):
    journal.store.conn.execute("delete from checkpoints")
    generation = journal.store.plan_generation()
    journal.check_in(parse_check_in(pendulum.date(2026, 4, 1), sleep_h=8, sleep_quality=4, soreness=1, fatigue=1,
                     stress=1, mood=4, motivation=4))
    assert not journal.store.save_checkpoints(generation, [("2026-05-04", 16, "{}")])
    assert stored_mondays(journal) == []
    assert journal.store.save_checkpoints(journal.store.plan_generation(), [("2026-05-04", 16, "{}")])


def test_a_checkpoint_from_another_fold_version_is_ignored(journal):
    journal.fold(LAST, LAST)
    program = journal.enrolled().program
    (state,) = journal.store.conn.execute("select state from checkpoints where state like '%targets%' limit 1").fetchone()
    record = json.loads(state)
    assert engine.Checkpoint.from_record(record, program) is not None
    assert engine.Checkpoint.from_record(dict(record, version=engine.FOLD_VERSION + 1), program) is None
    journal.store.conn.execute("update checkpoints set state = ?",
                               [json.dumps(dict(record, version=0))])
    assert journal.fold(LAST, LAST).days == replayed(journal, LAST, LAST).days


def test_targets_survive_the_round_trip_through_json(journal):
    for name, target in journal.fold(LAST, LAST).targets.items():
        assert Target.from_record(json.loads(json.dumps(target.to_record()))) == target, name


def test_plan_cost_does_not_depend_on_the_weeks_before_the_checkpoint(journal):
    """Resumed, the fold reads only the microcycle so far and the lookback before it."""
    journal.fold(LAST, LAST.add(days=7))
    enrolled = journal.enrolled()
    resume = journal.checkpoint_before(enrolled.program, engine.monday_of(LAST))
    assert resume is not None and resume.monday == engine.monday_of(LAST)
    history = journal.history_for(enrolled, LAST.add(days=7), resume.cycle_start)
    earliest = resume.cycle_start.subtract(days=engine.lookback_days(enrolled.program.rules)).isoformat()
    assert history.sets and min(s.date for s in history.sets) >= earliest
    assert engine.fold(enrolled.program, enrolled.enrolment, LAST, LAST.add(days=7), history, resume).days == \
        replayed(journal, LAST, LAST.add(days=7)).days


@pytest.mark.parametrize("weeks_in", range(1, 17))
def test_every_week_resumes_to_the_replayed_plan(journal, weeks_in):
    """Checkpoints at every week, in the middle of a microcycle too, plan what a replay plans."""
    journal.fold(LAST, LAST)  # stores a checkpoint for every week
    monday = FIRST.add(weeks=weeks_in)
    resume = journal.checkpoint_before(journal.enrolled().program, monday)
    assert resume is not None and resume.monday == monday
    fold, truth = journal.fold(monday, monday.add(days=13)), replayed(journal, monday, monday.add(days=13))
    assert (fold.days, fold.targets) == (truth.days, truth.targets)


def test_a_plan_within_its_week_reads_only_that_weeks_sets(journal, monkeypatch):
    """It judges nothing, so years of sets stay on disk; the week's own are read, for the days
    away since the last gym day."""
    monday = engine.monday_of(LAST)
    journal.fold(LAST, LAST)
    expected = replayed(journal, monday, LAST).days
    read, sets_between = [], journal.store.sets_between

    def recorded(first, last):
        read.append((first, last))
        return sets_between(first, last)

    monkeypatch.setattr(journal.store, "sets_between", recorded)
    assert journal.plan_days(monday, LAST) == expected
    assert read == [(monday.isoformat(), LAST.isoformat())]


def test_a_run_reaches_back_over_the_days_it_can_change(journal):
    """A race on 30 Jul can change sessions up to reach_days before it, so it forgets the
    checkpoint of 20 Jul; one three weeks later does not."""
    store = journal.store
    reach = engine.reach_days(journal.enrolled().program.rules)
    assert 9 <= reach <= 21
    store.conn.execute("delete from checkpoints")
    assert store.save_checkpoints(store.plan_generation(), [("2026-07-20", reach, "{}")])
    journal.add_run(pendulum.date(2026, 8, 20), "race", priority="B")
    assert stored_mondays(journal) == ["2026-07-20"]
    journal.add_run(pendulum.date(2026, 7, 30), "race", priority="A")
    assert stored_mondays(journal) == []


@pytest.mark.parametrize("damage", ["{}", "[1, 2]", "not json", json.dumps({"version": engine.FOLD_VERSION, "targets": {}}),
                                    json.dumps({"version": engine.FOLD_VERSION, "cycle": 7})])
def test_a_damaged_checkpoint_is_replayed_past(journal, damage):
    journal.fold(LAST, LAST)
    journal.store.conn.execute("update checkpoints set state = ?", [damage])
    assert journal.fold(LAST, LAST).days == replayed(journal, LAST, LAST).days


def test_the_next_session_is_the_first_one_a_fortnights_plan_shows(journal):
    """next_session looks at the rest of the week before planning into the next one: the same
    answer as planning the fortnight in one go, on every day of the week, in the past and ahead."""
    for day in (pendulum.date(2026, 6, 22).add(days=n) for n in range(44)):
        fortnight = journal.plan_days(day.add(days=1), day.add(days=14))
        assert journal.next_session(day) == next((d for d in fortnight if d.session), None), day


@pytest.fixture
def own_checks(monkeypatch) -> list[str]:
    """The quick checks the journal's own connection makes."""
    from journal.core.store import Store

    made: list[str] = []
    damage = Store.damage
    monkeypatch.setattr(Store, "damage", lambda store, pragma="quick_check": made.append(pragma) or damage(store, pragma))
    return made


def test_checkpoints_wait_for_the_files_check_made_aside_rather_than_make_it_again(journal, own_checks):
    """The screen has the file checked on a connection of its own while it draws. Storing a
    checkpoint is a write, which needs that check: a plan read meanwhile (the morning's first)
    holds them rather than make the same check before the first frame, and they are stored as
    the check comes in, unless a write has made them stale by then."""
    monday = pendulum.date(2026, 7, 20)
    journal.store.conn.execute("delete from checkpoints")
    journal.store.conn.commit()  # a write inside this transaction would join it, unchecked
    journal.expect_file_check()
    planned = journal.plan(monday)
    assert own_checks == [] and stored_mondays(journal) == []
    journal.take_file_check([])
    assert own_checks == [] and "2026-07-20" in stored_mondays(journal)
    assert journal.plan(monday) == planned
    journal.store.conn.execute("delete from checkpoints")
    journal.store.conn.commit()
    again = Journal.open(journal.path, FixedClock.at_local("2026-07-21T18:00:00", TZ))
    again.expect_file_check()
    again.plan(monday)
    again.check_in(parse_check_in(pendulum.date(2026, 7, 14), sleep_h=7, sleep_quality=4, soreness=2,
                                  fatigue=2, stress=3, mood=4, motivation=4))  # changes last week's plan
    again.take_file_check([])
    assert stored_mondays(again) == []  # what was held had gone stale
    again.close()


def test_checkpoints_are_stored_after_the_journals_own_check_when_none_could_be_made_aside(journal, own_checks):
    journal.store.conn.execute("delete from checkpoints")
    journal.store.conn.commit()  # a write inside this transaction would join it, unchecked
    journal.expect_file_check()
    journal.take_file_check(None)  # the check's own connection could not be opened
    journal.plan(pendulum.date(2026, 7, 20))
    assert own_checks == ["quick_check"] and "2026-07-20" in stored_mondays(journal)
