"""The brief of a session's sets that the Last column shows, in kg and lb; a day as the lifter reads it."""

from __future__ import annotations

import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core.model import LoggedSet
from journal.render import sets_in_brief


def logged(n: int, weight: float | None, reps: int | None = 5, unit: str = "kg", *, seconds: float | None = None,
           side: str | None = None, set_type: str = "working") -> LoggedSet:
    kg = weight * (0.45359237 if unit == "lb" else 1) if weight else None
    return LoggedSet(id=f"{n}{side}", exercise="Back squat", set_index=n, set_type=set_type, weight_kg=kg,
                     weight=weight, unit=unit, reps=reps, seconds=seconds, side=side, tempo=None, rpe=None,
                     rest_s=None, notes=None, logged_at="2026-09-07T17:00:00+00:00", tz="UTC", date="2026-09-07")


@pytest.mark.parametrize("sets, brief", [
    ([logged(n, 40) for n in (1, 2, 3)], "3×5 @ 40 kg"),
    ([logged(1, 40), logged(2, 40), logged(3, 40, 6)], "40 kg × 5,5,6"),
    ([logged(1, 40), logged(2, 45), logged(3, 45, 3)], "40/45 kg × 5,5,3"),
    ([logged(n, 135, unit="lb") for n in (1, 2)], "2×5 @ 135 lb"),
    ([logged(1, 135, unit="lb"), logged(2, 145, 3, unit="lb")], "135/145 lb × 5,3"),
    ([logged(n, None, None, seconds=45) for n in (1, 2)], "2×45 s"),
    ([logged(1, None, None, seconds=45), logged(2, None, None, seconds=30)], "45,30 s"),
    # One-sided work is stored a row per side, each with its own number: counted on its first side.
    ([logged(n, 12, 8, side="LR"[(n - 1) % 2]) for n in (1, 2, 3, 4)], "2×8 @ 12 kg"),
    ([logged(1, 12, 8, side="L"), logged(2, 12, 8, side="R"), logged(3, 12, 6, side="L")], "12 kg × 8,6"),
    ([logged(1, 20, 10, set_type="warmup"), logged(2, 40)], "1×5 @ 40 kg"),  # warm-ups are not the work
    ([logged(1, 40, None, set_type="skipped")], "skipped"),
    ([logged(n, None, 10) for n in (1, 2)], "2×10"),
])
def test_a_session_in_brief(sets, brief):
    assert sets_in_brief(sets) == brief


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)),
       st.sampled_from(["ddd D MMM", "ddd D MMM YYYY", "dddd D MMM", "ddd", "ddd D", "D MMM YYYY", "D MMM"]))
def test_a_day_reads_as_pendulum_writes_it_in_english(day, spec):
    """day_text, written out rather than pendulum's format, which loads locale files on its first
    call: every form the journal shows a day in, on any day."""
    from journal.core.clock import day_text

    date = pendulum.date(day.year, day.month, day.day)
    assert day_text(date, spec) == date.format(spec, locale="en")
