"""One day's plan: the placed session prescribed, then the day's rules applied in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from pendulum import Date

from . import running
from .clock import iso_date
from .context import Context, ExcusedPlan, Placement
from .model import (
    LIFTING_KINDS,
    BlockPosition,
    LoggedSet,
    PlannedDay,
    Prescription,
    Rules,
    Run,
    SessionTemplate,
    Slot,
    WarmUp,
)
from .placement import placements_of
from .prescription import adjusted, cut_sets, prescribe
from .loads import cut_load, loadable
from .progression import initial_target
from .readiness import Readiness
from .units import plural
from .weeks import PLYOMETRICS_LOCKED, Week, active_slots, gates_missing

# --- one day ------------------------------------------------------------------------------


def mobility_instead(ctx: Context, week: Week, replaced: SessionTemplate) -> tuple[SessionTemplate, list[Prescription]]:
    """A bodyweight/mobility session in place of a lifting one."""
    mobility = next((s for s in ctx.program.sessions if s.kind == "mobility"), None)
    slots = (active_slots(mobility, week.block, ctx.enrolment) if mobility else
             [s for s in replaced.slots if s.pillar in ("mobility", "stability") and s.start_kg is None])
    name = f"{mobility.name if mobility else 'Mobility'} (in place of {replaced.name})"
    swapped = SessionTemplate(name, "mobility", replaced.day, tuple(slots))
    return swapped, [prescribe(s, initial_target(s, None), ctx.rules, week, ctx.enrolment.gear) for s in slots]


def plan_of(ctx: Context, week: Week, day: Date) -> ExcusedPlan:
    """A day's plan; each day is planned once per call (deload signals and verdicts reuse it)."""
    key = (week.monday, day)
    if key not in ctx.day_plans:
        ctx.day_plans[key] = plan_day_rules(ctx, week, day)
    return ctx.day_plans[key]


@dataclass
class DayDraft:
    """A day's session while the day's rules work on it, with what they found about the day."""

    template: SessionTemplate
    exercises: list[Prescription]
    readiness: Readiness | None
    taper_race: Run | None
    placement: Placement
    adjustments: list[str]
    excused: dict[str, str] = field(default_factory=dict)
    replaced: bool = False  # the whole session was swapped: no later rule applies

    @property
    def lifting(self) -> bool:
        return self.template.kind in LIFTING_KINDS

    def leave_out(self, which: Callable[[Prescription], bool], why: str) -> None:
        """Work the plan does not ask for today: excused from the verdict, with the reason shown."""
        dropped = [p for p in self.exercises if which(p)]
        if dropped:
            self.adjustments.append(f"{why}: {', '.join(p.name for p in dropped)} left out")
            self.excused.update({p.program_exercise: why for p in dropped})
            self.exercises = [p for p in self.exercises if not which(p)]


def _lightened(ctx: Context, p: Prescription, fraction: float) -> float | None:
    if not p.weight_kg:
        return p.weight_kg
    return cut_load(p.weight_kg, fraction, ctx.program.exercises()[p.program_exercise], ctx.rules, ctx.enrolment.gear)


def kit_cannot_make(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """A lift whose load the lifter's kit cannot come near is left out, saying what to add."""
    for why in dict.fromkeys(p.unmakeable for p in draft.exercises if p.unmakeable):
        draft.leave_out(lambda p, why=why: p.unmakeable == why, why)


def swap_for_mobility(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """A travel day, or very low readiness on a lifting day: a bodyweight mobility session instead."""
    travel = running.travel_on(day, ctx.history.runs)
    readiness = draft.readiness
    swap = ("travel" + (f" ({travel.title})" if travel and travel.title else "") if travel else
            f"{readiness.describe()} is very low" if draft.lifting and readiness and readiness.swaps(ctx.rules)
            else "")
    if swap and draft.template.kind != "mobility":
        draft.excused = {p.program_exercise: f"swapped for mobility: {swap}" for p in draft.exercises}
        draft.template, draft.exercises = mobility_instead(ctx, week, draft.template)
        draft.adjustments.append(f"{swap}: {draft.template.name} instead")
        draft.replaced = True


def bar_plyometrics(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    if any(p.jumps for p in draft.exercises) and (locked := plyometrics_barred(ctx, week, day)):
        draft.leave_out(lambda p: p.jumps, locked)


def spare_legs_after_a_race(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """In a race's recovery days: no heavy lower-body work (jumping is barred with the plyometrics),
    and what strength work stays is done at a deload's sets and loads: the legs are still repairing."""
    if not (recovering := running.recovering_from(day, ctx.history.runs, ctx.rules)):
        return
    rules, why = ctx.rules, f"recovery after the {running.describe(recovering)}"
    draft.leave_out(lambda p: p.heavy_lower, f"{why}: no heavy lower-body work")
    easy = f"{why}: deload sets and loads"
    eased = [p.name for p in draft.exercises if p.pillar in LIFTING_KINDS]
    draft.exercises = [adjusted(p, easy, ctx.enrolment.gear, sets=cut_sets(p.sets, rules.deload_set_cut),
                                weight_kg=_lightened(ctx, p, rules.deload_load_cut))
                       if p.pillar in LIFTING_KINDS else p for p in draft.exercises]
    if eased:
        draft.adjustments.append(f"{easy}: {', '.join(eased)}")


def taper(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """Before an A race: sets cut, loads kept, and no heavy legs in the last days."""
    race, rules = draft.taper_race, ctx.rules
    if not (race and draft.lifting):
        return
    cut = f"taper for the {running.describe(race)}: sets cut {rules.taper_set_cut:.0%}, loads kept"
    draft.exercises = [adjusted(p, cut, sets=cut_sets(p.sets, rules.taper_set_cut)) if p.pillar in LIFTING_KINDS
                       else p for p in draft.exercises]
    draft.adjustments.append(cut)
    if running.days_before(day, race) <= rules.taper_no_heavy_days:
        draft.leave_out(lambda p: p.heavy_lower,
                        f"no heavy lower-body work in the last {rules.taper_no_heavy_days} days before the race")


def back_after_a_break(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """The first seven days back after a week or more without gym work start below the loads
    lifted before the break (about a deload's cut), with a set fewer: tissue and skill come back
    before strength. Away is counted from the last day with sets, this week's included."""
    if not draft.lifting:
        return
    # The week's days before this one that have sets: looked up day by day (a fold over years
    # holds thousands of dates, and every day it plans asks).
    gym_days = [d for n in range((day - week.monday).days)
                if (d := week.monday.add(days=n).isoformat()) in ctx.sets_by_date]
    if not (behind := week.shown.break_before(day, gym_days)):
        return
    away, before = behind
    rules, gear = ctx.rules, ctx.enrolment.gear
    slots = ctx.program.exercises()
    why = f"back after {plural(away, 'day')} without gym work: below your last loads, one set fewer"
    changed = []
    for n, p in enumerate(draft.exercises):
        last = before.get(p.program_exercise)
        if not p.weight_kg or last is None:
            continue
        below = cut_load(min(p.weight_kg, last), rules.deload_load_cut, slots[p.program_exercise], rules, gear)
        draft.exercises[n] = adjusted(p, why, gear, sets=max(1, p.sets - 1), weight_kg=min(p.weight_kg, below))
        changed.append(p.name)
    if changed:
        draft.adjustments.append(why)


def lighter_variant(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    """On a hard-run day, before a B race, or where the placement said so: heavy legs lighter."""
    runs, rules = ctx.history.runs, ctx.rules
    hard_run = running.key_run_on(day, runs)
    b_race = running.b_race_ahead(day, runs, rules)
    lighter = draft.placement.lighter or (
        f"{running.describe(hard_run)}: a hard-run day (lift after the run)" if hard_run else
        f"{running.describe(b_race)} in {plural(running.days_before(day, b_race), 'day')}" if b_race else "")
    if lighter and any(p.heavy_lower for p in draft.exercises):
        why = f"lighter variant: {lighter}"
        draft.exercises = [adjusted(p, why, ctx.enrolment.gear, sets=cut_sets(p.sets, rules.light_set_cut),
                                    weight_kg=_lightened(ctx, p, rules.light_load_cut))
                           if p.heavy_lower else p for p in draft.exercises]
        draft.adjustments.append(f"{why}: heavy lower-body lifts {rules.light_load_cut:.0%} lighter, fewer sets")


def trim_for_low_readiness(ctx: Context, week: Week, day: Date, draft: DayDraft) -> None:
    readiness = draft.readiness
    if not (readiness and draft.lifting and readiness.trims(ctx.rules)):
        return
    why = "trimmed for low readiness"
    draft.exercises = [adjusted(p, why, ctx.enrolment.gear, sets=max(1, p.sets - 1),
                                weight_kg=_lightened(ctx, p, 0.10))
                       if p.pillar in LIFTING_KINDS else p for p in draft.exercises]
    below = "below your normal" if readiness.baseline is not None else "low"
    draft.adjustments.append(f"{readiness.describe()} is {below}: strength work one set fewer and about 10% lighter")


# Applied in this order to the session the week placed; each says why it changed anything.
DAY_RULES: tuple[Callable[[Context, Week, Date, DayDraft], None], ...] = (
    swap_for_mobility, kit_cannot_make, bar_plyometrics, spare_legs_after_a_race, taper, back_after_a_break, lighter_variant,
    trim_for_low_readiness)


# A warm-up ramp: the empty bar, then these parts of the working load, fewer reps as it rises.
WARM_UP_RAMP = ((0.5, 5), (0.7, 3), (0.85, 2))
EMPTY_BAR_REPS = 10


def warm_up_sets(working_kg: float, slot: Slot, ctx: Context) -> tuple[WarmUp, ...]:
    """The empty bar, then a ramp to the working load, each step made with the lifter's plates
    (rounded down) and lighter than the one after it; none for a load at the bar."""
    gear = ctx.enrolment.gear
    if working_kg <= gear.bar_kg + 1e-6:
        return ()
    steps = [WarmUp(gear.bar_kg, EMPTY_BAR_REPS)]
    for fraction, reps in WARM_UP_RAMP:
        kg = loadable(working_kg * fraction, slot, ctx.rules, gear, down=True)
        if steps[-1].weight_kg + 1e-6 < kg < working_kg - 1e-6:
            steps.append(WarmUp(kg, reps))
    return tuple(steps)


def add_warm_ups(ctx: Context, draft: DayDraft) -> None:
    """The session's first heavy barbell lift gets its warm-up sets (unless its slot says not)."""
    slots = ctx.program.exercises()
    for n, p in enumerate(draft.exercises):
        if p.implement == "barbell" and p.heavy_lower and p.weight_kg:
            slot = slots[p.program_exercise]
            if slot.warmup:
                draft.exercises[n] = replace(p, warmups=warm_up_sets(p.weight_kg, slot, ctx))
            return


def plan_day_rules(ctx: Context, week: Week, day: Date) -> ExcusedPlan:
    """The day's placed session, prescribed from the week's targets, with the day's rules applied.
    What stays in the plan is judged against what it asked for that day, lightened or not."""
    readiness = ctx.readiness.get(day.isoformat())
    phase = week.phase
    adjustments: list[str] = []
    if week.note == PLYOMETRICS_LOCKED:
        missing = gates_missing(ctx.program.gates, ctx.history.assessments, day)
        adjustments.append(f"{PLYOMETRICS_LOCKED}: {'; '.join(missing)}" if missing else
                           "readiness tests passed: plyometrics start at the next microcycle")
    if week.deload_reason and phase == "deload":
        adjustments.append(f"deload week brought forward: {week.deload_reason}")
    race = running.taper_race(day, ctx.history.runs, ctx.rules)
    if race:
        phase = "taper"

    def planned(session: SessionTemplate | None, exercises: Sequence[Prescription] = (),
                excused: dict[str, str] | None = None) -> ExcusedPlan:
        position = BlockPosition(week.block.name, week.block.kind, week.week, week.block.weeks, phase)
        return ExcusedPlan(PlannedDay(day.isoformat(), ctx.program.name, position,
                                      (session.name, session.kind) if session else None,
                                      readiness.score if readiness else None, tuple(exercises),
                                      tuple(adjustments)), excused or {})

    if day < ctx.start:
        adjustments.append(f"the program starts on {ctx.start.isoformat()}")
        return planned(None)
    placement = placements_of(ctx, week).days[day]
    adjustments += placement.notes
    if placement.template is None:
        return planned(None)
    draft = DayDraft(placement.template,
                     [prescribe(slot, week.targets[slot.exercise], ctx.rules, week, ctx.enrolment.gear)
                      for slot in active_slots(placement.template, week.block, ctx.enrolment)],
                     readiness, race, placement, adjustments)
    for rule in DAY_RULES:
        rule(ctx, week, day, draft)
        if draft.replaced:
            break
    add_warm_ups(ctx, draft)  # on the loads the rules left
    return planned(draft.template, draft.exercises, draft.excused)


def heavy_legs_too_close(slot: Slot | None, logged: LoggedSet, planned: PlannedDay, runs: Sequence[Run],
                         rules: Rules, tz: str) -> str:
    """A warning for a heavy lower-body set heavier than the day's plan asks (or not in it at all)
    on a key run's day or within the spacing before one; empty when there is nothing to say."""
    if slot is None or not slot.heavy_lower or not logged.weight_kg or logged.set_type in ("warmup", "skipped"):
        return ""
    asked = next((p.weight_kg for p in planned.exercises if p.program_exercise == slot.exercise), None)
    if asked and logged.weight_kg <= asked + 1e-6:
        return ""  # what the plan asks today (its lighter variant on a key-run day too)
    day = iso_date(logged.date)
    if run := running.key_run_on(day, runs):
        when = f"on the day of the {running.describe(run)}"
    elif run := running.key_run_within(day, runs, rules, tz):
        when = f"within {rules.heavy_spacing_h} h before the {running.describe(run)}"
    else:
        return ""
    return (f"heavy leg work {when}, heavier than the plan asks today: the coach keeps heavy legs "
            f"{rules.heavy_spacing_h} h clear of key runs; keep the rest of it light")


def plyometrics_barred(ctx: Context, week: Week, day: Date) -> str:
    """Why plyometric work is off today (empty when it is on): checked every day, since a pain
    result can lock it again, and never on a key-run day or close before one. Tests passed in
    the middle of a microcycle open jumping at the next one, as they open the plyometric block."""
    if missing := gates_missing(ctx.program.gates, ctx.history.assessments, day):
        return f"{PLYOMETRICS_LOCKED} until the readiness tests pass ({'; '.join(missing)})"
    cycle_start = week.monday.subtract(weeks=week.cycle_week)
    if gates_missing(ctx.program.gates, ctx.history.assessments, cycle_start):
        return "readiness tests passed: plyometrics start at the next microcycle"
    return running.landing_clash(day, ctx.history.runs, ctx.rules, ctx.history.tz)
