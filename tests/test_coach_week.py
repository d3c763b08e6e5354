"""The coach for a real runner's week: one test per rule, each of which fails without it.

Placement around runs across week edges, lightened sessions as evidence, readiness against
the lifter's own normal, plyometric safety every day, recovery after races, verdicts that
agree with the deloads they caused, ramps, double progression, ceilings and ladders.
"""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.context import Context
from journal.core.placement import place_week
from journal.core import engine
from journal.core.model import Assessment, Enrolment, LoggedSet, Prescription, Run, Slot, Wellness
from journal.core.program import ProgramError, load_shipped, parse_program, shipped_programs
from journal.core.progression import initial_target, judge, session_result

START = pendulum.date(2026, 9, 7)  # a Monday
BEGINNER = load_shipped("runner-beginner")
EXPERIENCED = load_shipped("runner-experienced")
RULES = BEGINNER.rules
TZ = "Europe/London"


def enrolment(program=BEGINNER, **kw) -> Enrolment:
    return Enrolment(program.name, START.isoformat(), **kw)


def plan(first, last, program=BEGINNER, runs=(), assessments=(), wellness=(), sets=(), **kw):
    history = engine.History(tuple(wellness), tuple(assessments), tuple(sets), tuple(runs), TZ)
    return engine.plan_days(program, enrolment(program, **kw), first, last, history)


def run(day, kind, time=None, priority=None, km=None, title=None) -> Run:
    return Run(f"{kind}{day}", day.isoformat(), kind, priority, None, km, None, title, time)


def weekly_runs(weeks: int, first=START) -> list[Run]:
    """Tuesday 07:00 intervals and a Saturday 08:00 long run, every week."""
    return [r for w in range(weeks) for r in (run(first.add(weeks=w, days=1), "quality", "07:00"),
                                               run(first.add(weeks=w, days=5), "long", "08:00", km=18))]


def heavy_days(days, full_only=False):
    return [d for d in days if any(p.heavy_lower and not (full_only and p.adjusted) for p in d.exercises)]


def passed_tests(on: str, **changes) -> tuple[Assessment, ...]:
    values = dict(knee_to_wall_cm=12, single_leg_balance_s=40, single_leg_calf_raises=25, single_leg_squat_quality=4)
    values.update(changes)
    return tuple(Assessment(f"{t}{s}{on}", on, t, v, s) for t, v in values.items() for s in ("L", "R"))


def plyometric(days) -> list[str]:
    return [p.name for d in days for p in d.exercises if p.pillar == "plyometric"]


# --- 1. placement around the runs, across week boundaries ----------------------------------


def test_a_tuesday_quality_and_saturday_long_week_keeps_one_full_heavy_day_and_pairs_the_other():
    days = plan(START, START.add(weeks=4, days=-1), runs=weekly_runs(5))
    for week in range(4):
        this = days[7 * week:7 * week + 7]
        full = heavy_days(this, full_only=True)
        assert [d.date for d in full] == [START.add(weeks=week, days=2).isoformat()]  # Wednesday
        light = [d for d in heavy_days(this) if d not in full]
        assert [d.date for d in light] == [START.add(weeks=week, days=5).isoformat()]  # with the long run
        assert all("paired with the long run" in p.adjusted for p in light[0].exercises if p.heavy_lower)
        assert any("moved here" in a for a in full[0].adjustments)


def test_heavy_sessions_stay_48_hours_apart_across_the_weekend():
    """A Sunday heavy session (kept last week) keeps Monday's off Monday."""
    ctx = Context.build(BEGINNER, enrolment(), engine.History(tz=TZ))
    week = engine.timeline(BEGINNER, enrolment(), engine.History(tz=TZ), START)[0]
    without = place_week(ctx, week)
    assert without.days[START].template.name.startswith("Lower A")
    after_sunday = place_week(ctx, replace(week, last_heavy=START.subtract(days=1)))
    assert after_sunday.days[START].template is None or not after_sunday.days[START].template.name.startswith("Lower A")
    moved = next(d for d, p in after_sunday.days.items() if p.template and p.template.name.startswith("Lower A"))
    assert (moved - START.subtract(days=1)).days >= 2
    assert any("within 48 h" in n for n in after_sunday.days[START].notes)


def test_not_the_day_after_a_long_run_where_another_day_keeps_every_rule():
    days = plan(START, START.add(days=6), runs=[run(START.subtract(days=1), "long", "08:00")])
    assert not heavy_days(days[:1])
    assert any("moved here" in a for a in heavy_days(days)[0].adjustments)


def test_when_no_day_keeps_every_rule_the_one_that_gave_way_is_named():
    runs = [run(START.add(days=n), "quality", "07:00") for n in range(14)]  # a key run every day
    days = plan(START, START.add(days=6), runs=runs)
    assert heavy_days(days)
    for day in heavy_days(days):
        assert any("gave way" in (p.adjusted or "") for p in day.exercises if p.heavy_lower)


# --- 2. lightened is still training ------------------------------------------------------------


def logged(day, name, kg, reps, rpe=8.0, side=None) -> LoggedSet:
    return LoggedSet(f"{name}{day}{side}{reps}{kg}", name, 1, "working", kg, kg, "kg", reps, None, side, None,
                     rpe, None, None, f"{day}T17:00:00+00:00", "UTC", day)


def do_plans(days) -> list[LoggedSet]:
    sets = []
    for d in days:
        for p in d.exercises:
            for n in range(engine.planned_set_count(p)):
                reps = p.target_reps or 1
                sets.append(replace(logged(d.date, p.name, p.weight_kg, reps, side=engine.next_set(p, n).side),
                                    id=f"{d.date}{p.name}{n}", seconds=p.seconds if p.target_reps is None else None))
    return sets


def live(weeks: int, program=BEGINNER, runs=(), wellness=(), assessments=()):
    """Plan each week from what was done before it, then do it exactly."""
    sets: list[LoggedSet] = []
    days = []
    for w in range(weeks):
        week = plan(START.add(weeks=w), START.add(weeks=w, days=6), program, runs, assessments, wellness, sets)
        days += week
        sets += do_plans(week)
    return days, sets


def test_the_lighter_session_rotates_so_each_main_lift_keeps_full_load_days():
    """One easy day a week keeps 48 h from the key runs: the other heavy session is the lighter
    variant on the long-run day. Which one takes that turn rotates, so both lifts progress on
    full-load days (#21 items 1 and 5: the deadlift was lighter every week, and still rose)."""
    runs = weekly_runs(10)
    days, sets = live(9, runs=runs)
    for lift in ("Back squat", "Trap bar deadlift"):
        prescribed = [(d, p) for d in days for p in d.exercises if p.name == lift and d.block.phase == "build"]
        full = [d.date for d, p in prescribed if p.full_load]
        assert 2 <= len(full) < len(prescribed), (lift, full)
    weeks = engine.timeline(BEGINNER, enrolment(), engine.History(sets=tuple(sets), runs=tuple(runs), tz=TZ),
                            START.add(weeks=9))
    for lift in ("Back squat", "Trap bar deadlift"):
        starts = [w.targets[lift].weight_kg for w in weeks[::4]]
        assert starts[0] < starts[1] < starts[2], (lift, starts)


def test_a_lift_done_only_as_the_lighter_variant_is_not_raised():
    """#21 item 1: every set done, but only ever at the lighter load, shows nothing about the full one."""
    slot = BEGINNER.exercises()["Back squat"]
    target = initial_target(slot, 50.0)
    lighter = Prescription("Back squat", "strength", 2, 5, 40.0, None, None, None, False, "", "kg", True,
                           "lighter variant: paired with the long run")
    results = [session_result(day, [logged(day, "Back squat", 40.0, 5) for _ in range(2)], lighter, 2, 9.0)
               for day in ("2026-09-12", "2026-09-19", "2026-09-26")]
    judged = judge(slot, target, results, [], [], "2026-09-07", "2026-09-27", RULES)
    assert judged.verdict.verdict == "hold" and judged.weight_kg == 50 and judged.misses == 0
    assert "none at full load" in judged.verdict.reasons[0]


def test_an_extra_session_on_a_training_day_is_not_judged_as_the_planned_one():
    """An AM/PM double: the planned session did every set; a short evening session of the same lift
    at RPE 10 is extra work, not a failed attempt at the day's prescription."""
    days, sets = live(4)
    squat_days = [d.date for d in days if any(p.name == "Back squat" for p in d.exercises)]
    evening = [replace(logged(day, "Back squat", 20.0, 2, rpe=10.0), id=f"pm{day}", session_id=f"pm{day}")
               for day in squat_days]
    for extra in ((), evening):
        weeks = engine.timeline(BEGINNER, enrolment(), engine.History(sets=tuple(sets) + tuple(extra), tz=TZ),
                                START.add(weeks=4))
        assert weeks[4].targets["Back squat"].verdict.verdict == "progress"


def test_a_lighter_session_is_judged_against_what_it_prescribed():
    slot = BEGINNER.exercises()["Back squat"]
    target = initial_target(slot, 50.0)
    lighter = Prescription("Back squat", "strength", 2, 5, 40.0, None, None, None, False, "", "kg", True,
                                  "lighter variant")
    sets = [logged("2026-09-12", "Back squat", 40.0, 5) for _ in range(2)]
    result = session_result("2026-09-12", sets, lighter, 2, 9.0)
    full = Prescription("Back squat", "strength", 3, 5, 50.0, None, None, None, False, "", "kg", True)
    done = session_result("2026-09-09", [logged("2026-09-09", "Back squat", 50.0, 5) for _ in range(3)], full, 3, 9.0)
    judged = judge(slot, target, [done, result], [], [], "2026-09-07", "2026-09-27", RULES)
    assert judged.verdict.verdict == "progress" and judged.weight_kg == 52.5
    # Only the lighter day: every set done, yet it is one session, and not at full load.
    alone = judge(slot, target, [result], [], [], "2026-09-07", "2026-09-27", RULES)
    assert alone.verdict.verdict == "hold" and "only 1 session to judge" in alone.verdict.reasons[0]


# --- 3. readiness against the lifter's own normal ----------------------------------------


def steady(score_kwargs: dict, days: int) -> list[Wellness]:
    return [Wellness(START.subtract(days=days - n).isoformat(), **score_kwargs) for n in range(days)]


STEADY_46 = dict(sleep_h=6, sleep_quality=3, soreness=3, fatigue=3, stress=3, mood=2, motivation=2)


def test_a_steady_low_normal_is_not_trimmed_but_a_drop_below_it_is():
    history = steady(STEADY_46, 28)
    score = engine.readiness_score(history[0])
    assert 45 <= score <= 47
    monday = plan(START, START, wellness=history + [Wellness(START.isoformat(), **STEADY_46)])[0]
    assert not any("readiness" in a for a in monday.adjustments)
    bad = dict(STEADY_46, sleep_h=4, sleep_quality=2, fatigue=4, soreness=4)
    dropped = plan(START, START, wellness=history + [Wellness(START.isoformat(), **bad)])[0]
    assert any("below your normal" in a for a in dropped.adjustments)
    awful = dict(sleep_h=3, sleep_quality=1, soreness=5, fatigue=5, stress=5, mood=1, motivation=1)
    swapped = plan(START, START, wellness=history + [Wellness(START.isoformat(), **awful)])[0]
    assert swapped.session[1] == "mobility"


def test_before_a_baseline_exists_the_absolute_cut_off_trims():
    monday = plan(START, START, wellness=[Wellness(START.isoformat(), **STEADY_46)])[0]
    assert any("readiness" in a and "low" in a for a in monday.adjustments)


def test_a_steady_low_baseline_never_pulls_a_deload_forward():
    wellness = steady(STEADY_46, 28) + [Wellness(START.add(days=n).isoformat(), **STEADY_46) for n in range(21)]
    weeks = engine.timeline(BEGINNER, enrolment(), engine.History(wellness=tuple(wellness)), START.add(weeks=3))
    assert not any(w.deload_reason for w in weeks)


# --- 4. plyometric safety, every day ---------------------------------------------------------


PLYO_WEEK = START.add(weeks=16)  # the plyometric block, when the tests pass before it


def test_pain_logged_inside_the_plyometric_block_takes_plyometrics_out_of_the_next_plan():
    tests = passed_tests("2026-12-01") + (Assessment("p0", "2026-12-01", "pain", 0, None),)
    before = plan(PLYO_WEEK, PLYO_WEEK.add(days=6), assessments=tests)
    assert before[0].block.kind == "plyometric" and plyometric(before)
    pain = tests + (Assessment("p7", PLYO_WEEK.add(days=1).isoformat(), "pain", 7, None),)
    after = plan(PLYO_WEEK, PLYO_WEEK.add(days=6), assessments=pain)
    assert plyometric(after[:1]) == plyometric(before[:1])  # the day before the pain was logged
    assert plyometric(after[1:]) == []
    assert any("pain 7" in a for d in after[1:] for a in d.adjustments)
    cleared = pain + (Assessment("p1", PLYO_WEEK.add(days=3).isoformat(), "pain", 1, None),)
    assert plyometric(plan(PLYO_WEEK.add(days=3), PLYO_WEEK.add(days=6), assessments=cleared))


def test_single_leg_squat_quality_is_a_gate():
    poor_squat = passed_tests("2026-12-01", single_leg_squat_quality=2)
    days = plan(PLYO_WEEK, PLYO_WEEK.add(days=6), assessments=poor_squat)
    assert plyometric(days) == []
    assert any("single_leg_squat_quality L 2" in a for d in days for a in d.adjustments)


def test_an_emphasis_adds_no_plyometric_work_before_the_gates_pass():
    days = plan(START, START.add(weeks=4), emphasis="overpronation")
    assert plyometric(days) == []


def test_no_plyometrics_on_race_day_or_within_48_hours_before_a_key_run():
    tests = passed_tests("2026-12-01")
    saturday = PLYO_WEEK.add(days=5)  # the plyometric session's day
    for runs in ([run(saturday, "race", "09:00", "C")], [run(saturday.add(days=1), "long", "08:00")]):
        day = plan(saturday, saturday, runs=runs, assessments=tests)[0]
        # Not on Saturday: the session moves to a day clear of the run (#21 item 4), or its jumping is left out.
        assert plyometric([day]) == [] and any("no plyometrics" in a or ("moved to" in a and "within 48 h" in a)
                                               or ("moved to" in a and "is that day" in a) for a in day.adjustments)


def test_plyometrics_start_within_four_weeks_of_the_gates_passing_and_the_note_shows_the_latest():
    locked_until = START.add(weeks=19)  # tests pass three weeks into the repeated power work
    early = passed_tests(START.isoformat(), knee_to_wall_cm=7)
    later = early + passed_tests(locked_until.isoformat())
    days = plan(START.add(weeks=16), START.add(weeks=26), assessments=later)
    first_plyo = next(d for d in days if d.block.kind == "plyometric")
    assert (pendulum.parse(first_plyo.date).date() - locked_until).days <= 28
    notes = [a for d in days if d.date < locked_until.isoformat() for a in d.adjustments if "locked" in a]
    assert notes and all("knee_to_wall_cm L 7" in n for n in notes)
    passed_note = [a for d in days if locked_until.isoformat() <= d.date < first_plyo.date for a in d.adjustments]
    assert any("tests passed" in a for a in passed_note)


# --- 5. recovery after races ---------------------------------------------------------------


@pytest.mark.parametrize("km, clear", [(21.1, 3), (42.2, 7)])
def test_after_an_a_race_no_heavy_legs_or_plyometrics_for_its_recovery_days(km, clear):
    race_day = PLYO_WEEK.add(days=6)  # a Sunday
    runs = [run(race_day, "race", "09:00", "A", km=km, title="Half")]
    days = plan(race_day.add(days=1), race_day.add(days=14), runs=runs, assessments=passed_tests("2026-12-01"))
    recovering = days[:clear]
    assert heavy_days(recovering) == [] and plyometric(recovering) == []
    first_back = heavy_days(days)[0]
    assert pendulum.parse(first_back.date).date() > race_day.add(days=clear)
    assert all(p.adjusted and "first heavy session after the A race" in p.adjusted
               for p in first_back.exercises if p.heavy_lower)


def test_after_a_b_race_two_days_without_heavy_legs():
    race_day = START.add(days=6)
    days = plan(race_day.add(days=1), race_day.add(days=7), runs=[run(race_day, "race", "09:00", "B")])
    assert heavy_days(days[:2]) == []
    assert heavy_days(days)


# --- 6. verdicts that agree with the deloads they caused -----------------------------------


def test_a_lift_whose_rpe_creep_pulled_the_deload_forward_keeps_its_load():
    flat = replace(BEGINNER, rules=replace(RULES, ramp=0.0))
    sets: list[LoggedSet] = []
    for w, rpe in enumerate((6.0, 8.0)):  # same load, RPE up by 2: the deload comes forward
        for d in plan(START.add(weeks=w), START.add(weeks=w, days=6), flat, sets=sets):
            for s in do_plans([d]):
                sets.append(replace(s, rpe=rpe if s.exercise == "Back squat" else 7.0))
    weeks = engine.timeline(flat, enrolment(flat), engine.History(sets=tuple(sets)), START.add(weeks=4))
    assert "RPE creeping up on Back squat" in weeks[2].deload_reason
    squat = weeks[3].targets["Back squat"]
    assert squat.verdict.verdict == "hold" and squat.weight_kg == 20 and "crept" in squat.verdict.reasons[0]
    assert weeks[3].targets["Trap bar deadlift"].verdict.verdict == "progress"


# --- 7. progression that moves and stops where it should -------------------------------------


def test_build_weeks_step_up_and_the_next_microcycle_starts_above_the_last():
    days, _ = live(8)
    squats = [p.weight_kg for d in days for p in d.exercises if p.name == "Back squat" and not p.adjusted]
    assert squats[:4] == [20, 22.5, 25, 22.5]  # three build weeks up an increment each; the deload 10% below the last
    assert squats[4:7] == [22.5, 25, 27.5]
    flat = replace(BEGINNER, rules=replace(RULES, ramp=0.0))
    flat_days, _ = live(3, flat)
    assert {p.weight_kg for d in flat_days for p in d.exercises if p.name == "Back squat"} == {20}


def slot(**kw) -> Slot:
    base = dict(exercise="Hamstring curl", pillar="strength", sets=3, reps=8, reps_max=12, load="kg", start_kg=20.0,
                progression="double")
    return Slot(**{**base, **kw})


def judged_after(s: Slot, target, reps_done: list[int], weight=None):
    sets = [logged("2026-09-07", s.exercise, weight if weight is not None else target.weight_kg, r, 8.0)
            for r in reps_done]
    p = Prescription(s.exercise, s.pillar, s.sets, target.reps, target.weight_kg, target.seconds, None, None,
                            False, "", s.load)
    result = session_result("2026-09-07", sets, p, s.sets, 9.0)  # both sessions of the microcycle went so
    return judge(s, target, [result, replace(result, date="2026-09-14")], [], [], "2026-09-07", "2026-09-27", RULES,
                 ladder=BEGINNER.ladder(s.exercise))


def test_double_progression_sets_the_next_reps_from_the_weakest_set_done():
    s = slot()
    t = initial_target(s, 20.0)
    assert judged_after(s, t, [11, 10, 10]).reps == 11  # weakest 10, + 1
    topped = judged_after(s, t, [12, 12, 12])  # every set at the top: load, reps back to the bottom
    assert topped.weight_kg == 22.5 and topped.reps == 8
    over = judged_after(s, replace(t, reps=11), [15, 15, 15])
    assert over.weight_kg == 22.5 and over.reps == 8


def test_power_work_does_not_pile_up_reps_and_moves_up_its_ladder():
    jump = BEGINNER.exercises()["Jump squat"]
    t = initial_target(jump, None)
    seen = []
    for _ in range(4):
        t = judged_after(jump, t, [t.reps] * jump.sets, weight=0)
        seen.append((t.variation or jump.exercise, t.reps))
    assert seen[0] == ("Jump squat", 6)  # its ceiling
    assert seen[1] == ("Split squat jump", 5)  # then a harder variation, from 5 again
    assert all(reps <= 6 for _, reps in seen)
    assert "ceiling" in t.verdict.reasons[1] or t.variation


def test_core_work_has_a_ceiling_and_the_glute_bridge_moves_on():
    bird = BEGINNER.exercises()["Bird-dog"]
    t = replace(initial_target(bird, None), reps=12)
    moved = judged_after(bird, t, [12] * bird.sets, weight=0)
    assert moved.variation == "Bird-dog with 3 s hold" and moved.reps == bird.reps
    bridge = BEGINNER.exercises()["Glute bridge"]
    at_top = replace(initial_target(bridge, None), reps=15)
    harder = judged_after(bridge, at_top, [15] * bridge.sets, weight=0)
    assert harder.variation == "Single-leg glute bridge" and "reached its ceiling" in harder.verdict.reasons[1]


def test_the_plan_prescribes_the_variation_under_its_own_name():
    ladder = BEGINNER.ladder("Plank")
    target = replace(initial_target(BEGINNER.exercises()["Plank"], None), variation=ladder[1])
    week = engine.timeline(BEGINNER, enrolment(), engine.History(), START)[0]
    p = engine.prescribe(BEGINNER.exercises()["Plank"], target, RULES, week)
    assert p.name == "Long-lever plank" and p.program_exercise == "Plank"


def test_check_program_validates_ladders():
    text = shipped_programs()["runner-beginner"]
    for bad, message in (('steps = ["Glute bridge", "Single-leg glute bridge", "Elevated single-leg glute bridge"]',
                          "not an exercise of the program"),
                         ('steps = ["Plank", "Long-lever plank", "Plank with alternating arm reach"]', "more than one")):
        broken = text.replace(bad, bad.replace("Glute bridge", "Glute brige").replace(
            "Plank with alternating arm reach", "Single-leg glute bridge"), 1)
        with pytest.raises(ProgramError) as error:
            parse_program(broken)
        assert any(message in p.message and p.line for p in error.value.problems), error.value.problems


def test_the_lighter_session_flag_is_used():
    """The experienced program's Lower C is its lighter session: never spaced or lightened again."""
    days = plan(START, START.add(days=6), EXPERIENCED, runs=[run(START.add(days=4), "quality", "07:00")])
    friday = days[4]
    assert friday.session[0].startswith("Lower C")
    assert not any("lighter variant" in (p.adjusted or "") for p in friday.exercises)


# --- properties over random run calendars --------------------------------------------------


calendars = st.lists(st.tuples(st.integers(0, 20), st.sampled_from(["quality", "long", "race", "easy"]),
                               st.sampled_from(["06:30", "08:00", "12:00", "19:00"]), st.sampled_from(["A", "B", "C"])),
                     max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendar=calendars, program=st.sampled_from([BEGINNER, EXPERIENCED]))
def test_heavy_days_keep_their_spacing_unless_the_plan_names_the_rule_that_gave_way(calendar, program):
    runs = sorted({run(START.add(days=n), kind, time, priority if kind == "race" else None)
                   for n, kind, time, priority in calendar}, key=lambda r: (r.date, r.id))
    days = plan(START, START.add(days=20), program, runs=runs)
    named = lambda d: any("gave way" in (p.adjusted or "") for p in d.exercises)  # noqa: E731
    # A lighter session does not hold the next week's full-load one off (#21 item 6), though never the same day.
    lighter = lambda d: not any(p.full_load for p in d.exercises if p.heavy_lower)  # noqa: E731
    heavy = heavy_days(days)
    for a, b in zip(heavy, heavy[1:]):
        gap = (pendulum.parse(b.date) - pendulum.parse(a.date)).days
        assert gap >= 2 or named(a) or named(b) or (gap == 1 and lighter(a)), (a.date, b.date)
    from journal.core import running
    for d in heavy_days(days, full_only=True):
        day = pendulum.parse(d.date).date()
        assert not running.key_run_on(day, runs) and not running.key_run_within(day, runs, program.rules, TZ), d.date
