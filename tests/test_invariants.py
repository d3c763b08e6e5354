"""Each of the coach's promises (journal/core/invariants.py) against the rule that keeps it: on a
calendar that needs the rule, the promise holds; with the rule taken out, the promise names the
day it broke. So neither the rule nor its check can quietly stop working."""

from __future__ import annotations

from dataclasses import replace

from journal.core import day_plan, invariants, placement, prescription
from journal.core.invariants import Coached, Violation

from tests.helpers.calendar_lifter import Calendar, live

TUESDAY_QUALITY_SATURDAY_LONG = Calendar(weeks=9)
MONDAY_LONG_THURSDAY_TEMPO = Calendar(program="runner-experienced", weeks=20, tests_pass_week=1,
                                      key_runs=((0, "long", "08:00"), (3, "quality", "08:00")))
MARATHON = Calendar(weeks=12, races=((40, "A", 42.2),))
GATES_NEVER_PASS = Calendar(weeks=12, tests_pass_week=None)
TWO_WEEKS_AWAY = Calendar(weeks=10, travel=((30, 14),))


def broken(calendar: Calendar, promise) -> list[Violation]:
    lived = live(calendar)
    return promise(Coached(lived.program, lived.enrolment, tuple(lived.days), lived.history()))


def kept_until_removed(calendar: Calendar, promise, remove_the_rule) -> list[Violation]:
    """The promise holds on the calendar; with its rule removed (`remove_the_rule()`), what it finds."""
    assert broken(calendar, promise) == []
    remove_the_rule()
    return broken(calendar, promise)


def without_rule(monkeypatch, rule):
    return lambda: monkeypatch.setattr(day_plan, "DAY_RULES", tuple(r for r in day_plan.DAY_RULES if r is not rule))


def test_loads_stay_within_what_the_lifter_has_shown(monkeypatch):
    # Week 1's trap bar day is the lighter one; week 2 would ramp to 45 kg over 32.5 kg lifted.
    found = kept_until_removed(TUESDAY_QUALITY_SATURDAY_LONG, invariants.loads_within_shown_strength,
                               lambda: monkeypatch.setattr(prescription, "shown_ceiling", lambda *args: None))
    assert found and "Trap bar deadlift" in found[0].what


def test_main_lifts_keep_full_load_days_by_turns(monkeypatch):
    place_week = placement.place_week
    found = kept_until_removed(TUESDAY_QUALITY_SATURDAY_LONG, invariants.main_lifts_keep_full_load_days,
                               lambda: monkeypatch.setattr(placement, "place_week", lambda ctx, week: replace(
                                   place_week(ctx, week), lighter="")))
    assert found and "made the lighter session again" in found[0].what


def test_legs_rest_after_a_marathon(monkeypatch):
    found = kept_until_removed(MARATHON, invariants.legs_rest_around_races_and_key_runs,
                               without_rule(monkeypatch, day_plan.spare_legs_after_a_race))
    assert found and all("recovery after the 42.2 km race" in v.what for v in found)


def test_no_jumping_before_the_readiness_tests_pass(monkeypatch):
    found = kept_until_removed(GATES_NEVER_PASS, invariants.no_jumping_while_barred,
                               without_rule(monkeypatch, day_plan.bar_plyometrics))
    assert found and "Jump squat" in found[0].what


def test_plyometric_sessions_move_or_say_why(monkeypatch):
    found = kept_until_removed(MONDAY_LONG_THURSDAY_TEMPO, invariants.plyometric_sessions_are_moved_not_emptied,
                               lambda: monkeypatch.setattr(placement, "_move_jumping_off_key_days", lambda *args: None))
    assert found and "Plyometrics and stability" in found[0].what


def test_the_first_week_back_starts_below_the_last_loads(monkeypatch):
    found = kept_until_removed(TWO_WEEKS_AWAY, invariants.re_entry_after_a_break,
                               without_rule(monkeypatch, day_plan.back_after_a_break))
    assert found and "after 14 days away" in found[0].what


def test_a_deload_says_the_cut_it_makes():
    lived = live(Calendar(weeks=5, key_runs=()))  # no runs: every build day at full load
    squat = [p for d in lived.days for p in d.exercises if p.name == "Back squat"]
    assert [p.weight_kg for p in squat[:4]] == [20, 22.5, 25, 22.5]  # three build weeks, then the deload
    assert "−10.0%: 25 → 22.5 kg" in squat[3].why
    assert invariants.deload_cuts_as_stated(
        Coached(lived.program, lived.enrolment, tuple(lived.days), lived.history())) == []
    # What the coach said before #21 (the cut from the microcycle's first-week target) no longer passes.
    told = [replace(d, exercises=tuple(replace(p, why=p.why.replace("−10.0%: 25 → 22.5 kg", "load kept"))
                                       for p in d.exercises)) for d in lived.days]
    found = invariants.deload_cuts_as_stated(Coached(lived.program, lived.enrolment, tuple(told), lived.history()))
    assert [v.what for v in found] == ["Back squat: says +0.0%, is -10.0% against 2026-09-21"]


def test_a_moved_session_says_so_on_both_days():
    lived = live(TUESDAY_QUALITY_SATURDAY_LONG)
    coached = Coached(lived.program, lived.enrolment, tuple(lived.days), lived.history())
    assert invariants.moved_sessions_say_so(coached) == []
    # Before #21, a session a heavy one displaced said so only where it went.
    unsaid = [replace(d, adjustments=tuple(a for a in d.adjustments if "to make room" not in a or "moved here" in a))
              for d in lived.days]
    found = invariants.moved_sessions_say_so(replace(coached, days=tuple(unsaid)))
    assert found and found[0].what.endswith("is not here and no note says why")
