"""A break is counted from the last day with sets, this week's included: a week of training
after its Monday is no break, and a break that ends mid-week is seen on the day it ends."""

from __future__ import annotations

import pendulum

from journal.core.entry import parse_set_input
from journal.core.weeks import Shown

from tests.conftest import START


def day(n: int) -> pendulum.Date:
    return START.add(days=n)  # START is a Monday: day(7) is the next Monday


def trained(journal, *days: int) -> None:
    for n in days:
        for lift in ("back squat", "trap bar deadlift"):
            journal.log_set(lift, day(n), parse_set_input("40x5", "kg"))


def cut_for_a_break(journal, n: int) -> list[str]:
    return [a for a in journal.plan(day(n)).adjustments if a.startswith("back after")]


def test_shown_counts_the_days_away_from_the_weeks_own_gym_days():
    shown = Shown(last_kg={"Back squat": 40.0}, last_gym=day(3).isoformat())  # a Thursday
    assert shown.break_before(day(12), []) == (8, {"Back squat": 40.0})  # Friday after: 8 days away
    assert shown.break_before(day(12), [day(7).isoformat(), day(10).isoformat()]) is None
    # A break that ends this week: the days after the return are still the first week back.
    shown = Shown(last_kg={"Back squat": 40.0}, last_gym=day(0).isoformat())
    assert shown.break_before(day(12), [day(10).isoformat()]) == (9, {"Back squat": 40.0})
    assert shown.break_before(day(17), [day(10).isoformat()]) is None  # seven days on: over
    assert Shown().break_before(day(12), [day(10).isoformat()]) is None  # first ever session: no break


def test_a_week_of_training_after_its_monday_is_no_break(journal):
    """The plan knew the sets up to its Monday and counted every later day as away, so the
    Thursday after Monday's session was cut "back after 8 days"."""
    trained(journal, 1, 7)  # a Tuesday, then the next Monday
    assert cut_for_a_break(journal, 10) == []  # Thursday: 8 days after Tuesday, 2 after Monday


def test_a_break_that_ends_mid_week_is_seen_on_the_day_and_the_week_after(journal):
    trained(journal, 0)  # Monday, then nine days away
    assert cut_for_a_break(journal, 10) == [  # Thursday, the day back
        "back after 9 days without gym work: below your last loads, one set fewer"]
    trained(journal, 10)
    assert cut_for_a_break(journal, 14) == [  # the next Monday, within seven days of the return
        "back after 9 days without gym work: below your last loads, one set fewer"]
    assert cut_for_a_break(journal, 17) == []  # seven days after the return: full loads again
