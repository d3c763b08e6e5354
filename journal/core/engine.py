"""The coach: pure functions from program, enrolment and history to a plan.

Nothing here reads the clock or the database; callers pass plain data in and
get plain data out, each number with a reason a person can read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from pendulum import Date

from .clock import iso_date
from .model import (
    WEEKDAYS,
    Assessment,
    Block,
    BlockPosition,
    Enrolment,
    Gates,
    LoggedSet,
    PlannedDay,
    Prescription,
    Program,
    Rules,
    SessionTemplate,
    Slot,
    Wellness,
)

GOOD_HIGH = ("sleep_quality", "mood", "motivation")  # 5 is good
GOOD_LOW = ("soreness", "fatigue", "stress")  # 1 is good


@dataclass(frozen=True)
class History:
    """The past the engine judges, as plain data (the caller picks the window)."""

    wellness: tuple[Wellness, ...] = ()  # the baseline window, up to and including the day
    assessments: tuple[Assessment, ...] = ()


# --- loads ---------------------------------------------------------------------------------


def round_to_step(kg: float, step: float, down: bool = False) -> float:
    """Round a load to what can be put on the bar; never below zero."""
    if step <= 0:
        return round(max(kg, 0.0), 3)
    steps = math.floor(kg / step + 1e-9) if down else math.floor(kg / step + 0.5)
    return round(max(steps * step, 0.0), 3)


def load_step(slot: Slot, rules: Rules) -> float:
    """The smallest change this exercise can make: plates for bars, its increment otherwise."""
    return min(rules.plate_step_kg, slot.increment_kg)


def start_load(slot: Slot, enrolment: Enrolment) -> float | None:
    """Day-one load: the lifter's own number, else the program's default."""
    if slot.load in ("bodyweight", "seconds") and slot.start_kg is None:
        return None
    if slot.exercise in enrolment.loads:
        return enrolment.loads[slot.exercise]
    return slot.start_kg


def starting_loads(program: Program, bodyweight_kg: float | None,
                   overrides: dict[str, float]) -> dict[str, float]:
    """Start loads for `init`: overrides first, then bodyweight x factor, never below the default."""
    loads: dict[str, float] = {}
    rules = program.rules
    for name, slot in program.exercises().items():
        if name in overrides:
            loads[name] = overrides[name]
        elif bodyweight_kg and slot.bodyweight_factor and slot.start_kg is not None:
            scaled = round_to_step(bodyweight_kg * slot.bodyweight_factor, load_step(slot, rules), down=True)
            loads[name] = max(scaled, slot.start_kg)
    return loads


def describe_load_rule(slot: Slot, weight_kg: float | None) -> str:
    if slot.load == "percent_e1rm":
        return f"{slot.percent:g}% of estimated 1RM"
    if slot.load == "rpe":
        return f"RPE {slot.rpe:g} at {slot.reps} reps"
    if slot.load == "seconds" and weight_kg is None:
        return f"hold {slot.seconds} s, +{slot.increment_s} s when every set is done"
    if slot.load == "bodyweight" and weight_kg is None:
        if slot.reps_max:
            return f"bodyweight, {slot.reps}-{slot.reps_max} reps then harder variation"
        return "bodyweight"
    return f"{weight_kg:g} kg start load, +{slot.increment_kg:g} kg per microcycle done well"


def epley_e1rm(weight_kg: float, reps: int, rpe: float | None = None) -> float:
    """Estimated 1RM; reps in reserve (10 - RPE) count as reps the lifter could have done."""
    reps_possible = reps + (10 - rpe if rpe is not None else 0)
    return weight_kg * (1 + reps_possible / 30)


def best_e1rm(sets: list[LoggedSet]) -> float | None:
    """The best estimated 1RM among loaded working (or failure) sets, to 0.1 kg."""
    scored = [epley_e1rm(s.weight_kg, s.reps, s.rpe) for s in sets
              if s.weight_kg and s.reps and s.set_type in ("working", "failure")]
    return round(max(scored), 1) if scored else None


# --- calendar: blocks, weeks, phases --------------------------------------------------------


def monday_of(day: Date) -> Date:
    return day.subtract(days=day.weekday())


def gates_missing(gates: Gates, assessments: tuple[Assessment, ...], until: Date) -> list[str]:
    """Which plyometric readiness tests are not yet passed by a date (latest result counts)."""
    latest: dict[tuple[str, str | None], float] = {}
    for a in sorted(assessments, key=lambda a: a.date):
        if a.date <= until.isoformat():
            latest[(a.test, a.side)] = a.value
    missing = []
    for test, minimum in (("knee_to_wall_cm", gates.knee_to_wall_cm),
                          ("single_leg_balance_s", gates.single_leg_balance_s),
                          ("single_leg_calf_raises", gates.single_leg_calf_raises)):
        for side in ("L", "R"):
            value = latest.get((test, side), latest.get((test, None)))
            if value is None:
                missing.append(f"{test} {side} not tested (need ≥ {minimum:g})")
            elif value < minimum:
                missing.append(f"{test} {side} {value:g} (need ≥ {minimum:g})")
    pain = [v for (test, _), v in latest.items() if test == "pain"]
    if pain and max(pain) > gates.pain_max:
        missing.append(f"pain {max(pain):g} (need ≤ {gates.pain_max:g})")
    return missing


@dataclass(frozen=True)
class Week:
    block: Block
    week: int  # 1-based within the block
    phase: str
    note: str = ""  # why this block, when it is not simply the next one


def week_of(program: Program, start: Date, day: Date,
            assessments: tuple[Assessment, ...] = ()) -> Week:
    """Which block and week a day falls in; the plyometric block waits for its gates."""
    weeks_in = max((monday_of(day) - monday_of(start)).days // 7, 0)
    blocks = list(program.blocks)
    index, week_in_block, repeat_note = 0, 0, ""
    week_monday = monday_of(start)
    for _ in range(weeks_in + 1):
        if week_in_block == blocks[index].weeks:  # block finished: move on
            following = min(index + 1, len(blocks) - 1)
            if blocks[following].kind == "plyometric" and following != index:
                missing = gates_missing(program.gates, assessments, week_monday)
                if missing:
                    repeat_note = "plyometrics locked: " + "; ".join(missing)
                    following = index
            index, week_in_block = following, 0
        week_in_block += 1
        week_monday = week_monday.add(weeks=1)
    block = blocks[index]
    cycle = block.build_weeks + block.deload_weeks
    position = (week_in_block - 1) % cycle
    phase = "deload" if position >= block.build_weeks else "build"
    return Week(block, week_in_block, phase, repeat_note)


def session_for(program: Program, block: Block, day: Date) -> SessionTemplate | None:
    weekday = WEEKDAYS[day.weekday()]
    for session in program.sessions:
        if session.day == weekday and (not session.blocks or block.kind in session.blocks):
            return session
    return None


# --- readiness ------------------------------------------------------------------------------


def readiness_score(w: Wellness, sleep_target_h: float = 8.0) -> float:
    """0-100 from one check-in: each answer scaled so that 1 is good, averaged."""
    parts = [min(w.sleep_h / sleep_target_h, 1.0)]
    parts += [(getattr(w, name) - 1) / 4 for name in GOOD_HIGH]
    parts += [(5 - getattr(w, name)) / 4 for name in GOOD_LOW]
    return round(100 * sum(parts) / len(parts), 1)


@dataclass(frozen=True)
class Readiness:
    score: float  # today's check-in alone, 0-100
    baseline: float | None  # the lifter's own recent average, when there is enough of it
    judged: float  # what the plan acts on: a day far below your normal counts as poor

    def describe(self) -> str:
        if self.baseline is None:
            return f"readiness {self.score:g}"
        return f"readiness {self.score:g} against your baseline {self.baseline:.0f}"


def readiness_on(day: Date, wellness: tuple[Wellness, ...], rules: Rules) -> Readiness | None:
    """Today's readiness, judged by absolute cut-offs and against the recent baseline."""
    today = next((w for w in wellness if w.date == day.isoformat()), None)
    if today is None:
        return None
    score = readiness_score(today, rules.sleep_target_h)
    earlier = [readiness_score(w, rules.sleep_target_h) for w in wellness if w.date < day.isoformat()]
    if len(earlier) < 7:
        return Readiness(score, None, score)
    baseline = round(sum(earlier) / len(earlier), 1)
    judged = min(score, rules.trim_readiness - 1) if score < baseline - 15 else score
    return Readiness(score, baseline, judged)


# --- the plan -------------------------------------------------------------------------------


def prescribe(slot: Slot, enrolment: Enrolment, rules: Rules, week: Week) -> Prescription:
    weight = start_load(slot, enrolment)
    sets = slot.sets
    where = f"week {week.week} of {week.block.name.lower()}, {week.phase} week"
    reason = describe_load_rule(slot, weight)
    if week.phase == "deload":
        sets = max(1, round(slot.sets * (1 - rules.deload_set_cut)))
        if weight:
            weight = round_to_step(weight * (1 - rules.deload_load_cut), load_step(slot, rules), down=True)
        reason = (f"deload: {sets} of {slot.sets} sets, {rules.deload_load_cut:.0%} lighter; "
                  + reason)
    return Prescription(
        name=slot.exercise, pillar=slot.pillar, sets=sets, reps=slot.reps_label,
        weight_kg=weight, seconds=slot.seconds, tempo=slot.tempo, rest_s=slot.rest_s,
        unilateral=slot.unilateral, why=f"{where}; {reason}", load=slot.load,
    )


def trim_for_readiness(exercises: list[Prescription], readiness: Readiness, rules: Rules,
                       kind: str) -> tuple[list[Prescription], list[str]]:
    """Low readiness: one set fewer and 10% lighter on strength work; never counted a failure."""
    if kind not in ("strength", "power", "plyometric") or readiness.judged >= rules.trim_readiness:
        return exercises, []
    trimmed = []
    for p in exercises:
        if p.pillar in ("strength", "power", "plyometric"):
            lighter = round(p.weight_kg * 0.9, 1) if p.weight_kg else p.weight_kg
            p = replace(p, sets=max(1, p.sets - 1), weight_kg=lighter,
                        why=p.why + "; trimmed for low readiness")
        trimmed.append(p)
    return trimmed, [f"{readiness.describe()} is low: strength work one set fewer and about 10% lighter"]


def plan_day(program: Program, enrolment: Enrolment, day: Date, history: History = History()) -> PlannedDay:
    start = iso_date(enrolment.start)
    week = week_of(program, start, day, history.assessments)
    position = BlockPosition(week.block.name, week.block.kind, week.week, week.block.weeks, week.phase)
    judged = readiness_on(day, history.wellness, program.rules)
    readiness = judged.score if judged else None
    adjustments: list[str] = [week.note] if week.note else []
    if day < start:
        adjustments.append(f"the program starts on {start.isoformat()}")
        return PlannedDay(day.isoformat(), program.name, position, None, readiness, (), tuple(adjustments))
    template = session_for(program, week.block, day)
    if template is None:
        return PlannedDay(day.isoformat(), program.name, position, None, readiness, (), tuple(adjustments))
    exercises = [
        prescribe(slot, enrolment, program.rules, week)
        for slot in template.slots
        if (not slot.blocks or week.block.kind in slot.blocks)
        and (slot.emphasis is None or slot.emphasis == enrolment.emphasis)
    ]
    if judged is not None:
        exercises, notes = trim_for_readiness(exercises, judged, program.rules, template.kind)
        adjustments += notes
    return PlannedDay(day.isoformat(), program.name, position, (template.name, template.kind),
                      readiness, tuple(exercises), tuple(adjustments))


def next_session(program: Program, enrolment: Enrolment, after: Date,
                 history: History = History(), horizon_days: int = 14) -> PlannedDay | None:
    """The first planned session after a day: what a rest day points to."""
    for offset in range(1, horizon_days + 1):
        planned = plan_day(program, enrolment, after.add(days=offset), history)
        if planned.session:
            return planned
    return None


# --- working through today's session ------------------------------------------------------


@dataclass(frozen=True)
class NextSet:
    number: int  # 1-based set number
    side: str | None  # L then R for unilateral work


def planned_set_count(p: Prescription) -> int:
    """Rows a finished exercise has: unilateral sets are logged once per side."""
    return p.sets * (2 if p.unilateral else 1)


def next_set(p: Prescription, done: int) -> NextSet | None:
    """The set after `done` logged (or skipped) rows; None when the exercise is finished."""
    if done >= planned_set_count(p):
        return None
    if p.unilateral:
        return NextSet(done // 2 + 1, "L" if done % 2 == 0 else "R")
    return NextSet(done + 1, None)
