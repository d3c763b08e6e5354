"""The coach: pure functions from program, enrolment and history to a plan.

Nothing here reads the clock or the database; callers pass plain data in and
get plain data out, each number with a reason a person can read.

The plan for any day comes from one fold over the weeks since the program
started (`fold`): each week knows its block, its phase (build or deload, and
what triggered a deload) and the targets its microcycle judged; each day then
takes the weekly placement of sessions around key runs, and the day's own rules
(travel, readiness, taper, lighter variants).

At the start of every week the fold leaves a `Checkpoint`: everything it carries
into that week. Resuming from the latest one means a plan costs the same after
ten years as after ten weeks; the caller stores them and forgets those that a
later write makes stale (`reach_days`).
"""

from __future__ import annotations

from pendulum import Date

from .context import Context, History
from .day_plan import heavy_legs_too_close, plan_of
from .prescription import describe_load_rule, main_lifts, prescribe, ramp_kg, start_load, starting_loads
from .record import record
from .set_order import (
    NextSet,
    next_set,
    planned_set_count,
    set_label,
    set_position,
    side_of,
    warm_ups_left,
    whole_sets_done,
    working_sets,
)
from .model import Enrolment, PlannedDay, Program
from .progression import Target
from .readiness import Readiness, readiness_by_day, readiness_score
from .timeline import FOLD_VERSION, Checkpoint, lookback_days, reach_days, run_timeline, timeline
from .weeks import Week, active_slots, coming_monday, gates_missing, is_heavy, monday_of, session_for

# The coach's public face: the rest of the journal imports these from here, whichever module
# of the engine holds them.
__all__ = [
    "FOLD_VERSION", "Checkpoint", "Fold", "History", "NextSet", "Readiness", "Week", "active_slots", "coming_monday",
    "describe_load_rule", "fold", "gates_missing", "heavy_legs_too_close", "is_heavy", "judges_sets", "lookback_days", "main_lifts", "monday_of",
    "next_set", "plan_day", "plan_days", "planned_set_count", "prescribe", "ramp_kg", "reach_days", "set_label",
    "readiness_by_day", "readiness_score", "session_for", "set_position", "side_of", "start_load",
    "starting_loads", "targets_on", "timeline", "warm_ups_left", "whole_sets_done", "working_sets",
]


# --- what callers ask for ---------------------------------------------------------------


@record
class Fold:
    """The engine's pass over a range of days: each day's plan, the targets as last judged, and the checkpoints
    passed."""
    days: list[PlannedDay]  # every day asked for
    targets: dict[str, Target]  # as the week of the last day judged them
    checkpoints: list[Checkpoint]  # microcycle ends passed on the way (after `resume`)


def fold(program: Program, enrolment: Enrolment, first: Date, last: Date, history: History = History(),
         resume: Checkpoint | None = None) -> Fold:
    """Every day from `first` to `last` from one pass over the history, starting at `resume`
    when given (its monday must not be after `first`'s week)."""
    ctx = Context.build(program, enrolment, history)
    if resume is not None and resume.monday > monday_of(first):
        raise ValueError(f"resume from {resume.monday} cannot plan {first}")
    found, checkpoints = run_timeline(ctx, max(last, ctx.start), resume)
    weeks = {w.monday: w for w in found}
    opening = found[0]
    days = [first.add(days=n) for n in range((last - first).days + 1)]
    return Fold([plan_of(ctx, weeks.get(monday_of(d), opening), d).day for d in days],
                found[-1].targets, checkpoints)


def judges_sets(resume: Checkpoint | None, last: Date) -> bool:
    """Whether a fold needs the lifter's sets: one that stays in its resume week only plans days,
    while passing a week's end weighs deload signals and, at a microcycle's end, verdicts."""
    return resume is None or monday_of(last) > resume.monday


def plan_days(program: Program, enrolment: Enrolment, first: Date, last: Date,
              history: History = History()) -> list[PlannedDay]:
    return fold(program, enrolment, first, last, history).days


def plan_day(program: Program, enrolment: Enrolment, day: Date, history: History = History()) -> PlannedDay:
    return plan_days(program, enrolment, day, day, history)[0]


def targets_on(program: Program, enrolment: Enrolment, day: Date, history: History) -> dict[str, Target]:
    """Each exercise's current target and the verdict behind it, as of a day."""
    return fold(program, enrolment, day, day, history).targets
