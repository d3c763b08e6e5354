"""The fold over the weeks: blocks, phases, deload signals and the verdicts each microcycle judges,
with the checkpoints that let a plan resume instead of replaying every week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
import math
from statistics import mean

from pendulum import Date

from .clock import iso_date
from .context import Context, ExcusedPlan, History
from .day_plan import plan_of
from .prescription import prescribe, start_load
from .record import record
from .set_order import planned_set_count
from .model import (
    Enrolment,
    LoggedSet,
    Program,
    Rules,
)
from .placement import placements_of
from .loads import COUNTED_SET_TYPES, best_e1rm
from .progression import (
    SessionResult,
    Target,
    initial_target,
    judge,
    progresses,
    rpe_creep,
    session_result,
    target_rpe,
)
from .units import plural
from .weeks import BREAK_DAYS, PLYOMETRICS_LOCKED, SHOWN_DAYS, Shown, Week, gates_missing, monday_of

# --- the timeline: blocks, phases and judged targets, week by week ---------------------

FOLD_VERSION = 8  # bump when a change to the rules would judge the same history differently
RPE_TREND_DAYS = 28


def _day_or_none(text: str | None) -> Date | None:
    return iso_date(text) if text else None


@record
class CycleWeek:
    """A week already done in the microcycle a checkpoint is in the middle of."""

    monday: Date
    week_in_block: int
    phase: str
    deload_reason: str
    last_heavy: Date | None = None
    last_lighter: str = ""
    shown: Shown = Shown()


@record
class Checkpoint:
    """What the fold carries into the week starting `monday`."""

    monday: Date
    block_index: int
    week_in_block: int  # weeks of the block already done
    note: str  # why the block is what it is (locked plyometrics)
    targets: dict[str, Target]  # as the microcycle's start judged them
    pending: str = ""  # what, in the week before, pulls the deload forward
    cycle: tuple[CycleWeek, ...] = ()  # the microcycle's weeks so far; empty at its start
    last_heavy: Date | None = None  # the last heavy lower-body session planned before `monday`
    creeping: dict[str, float] = field(default_factory=dict)  # lift -> RPE before it crept up
    last_lighter: str = ""  # the session last made the lighter one in a build week
    shown: Shown = field(default_factory=Shown)  # what the lifter had lifted by `monday`

    @property
    def cycle_start(self) -> Date:
        """The Monday whose checkpoint holds this microcycle's targets."""
        return self.cycle[0].monday if self.cycle else self.monday

    def to_record(self) -> dict:
        """JSON-ready; targets only at a microcycle's start (they stay the same until its end)."""
        record = {"version": FOLD_VERSION, "monday": self.monday.isoformat(), "block_index": self.block_index,
                  "week_in_block": self.week_in_block, "note": self.note, "pending": self.pending,
                  "cycle": [[w.monday.isoformat(), w.week_in_block, w.phase, w.deload_reason,
                             w.last_heavy.isoformat() if w.last_heavy else None, w.last_lighter,
                             w.shown.to_record()] for w in self.cycle],
                  "cycle_start": self.cycle_start.isoformat(),
                  "last_heavy": self.last_heavy.isoformat() if self.last_heavy else None,
                  "creeping": self.creeping, "last_lighter": self.last_lighter, "shown": self.shown.to_record()}
        if not self.cycle:
            record["targets"] = {name: t.to_record() for name, t in self.targets.items()}
        return record

    @classmethod
    def from_record(cls, record: dict, program: Program, targets: dict | None = None) -> "Checkpoint | None":
        """The checkpoint, given the microcycle start's targets when the record has none; None when
        a newer fold or another program wrote it, or it is not whole.

        One an older fold wrote stands: what it judged stays judged (the lifter trained on those
        targets), and this fold's rules apply from there on; what an older fold did not carry
        starts empty (what the lifter has shown is found again at the next Monday)."""
        targets = record.get("targets", targets) or {}
        version = record.get("version")
        if not isinstance(version, int) or version > FOLD_VERSION or set(targets) != set(program.exercises()):
            return None
        try:
            cycle = tuple(CycleWeek(iso_date(w[0]), w[1], w[2], w[3], _day_or_none(w[4] if len(w) > 4 else None),
                                    w[5] if len(w) > 5 else "", Shown.from_record(w[6]) if len(w) > 6 else Shown())
                          for w in record["cycle"])
            shown = record.get("shown")
            checkpoint = cls(iso_date(record["monday"]), record["block_index"], record["week_in_block"],
                             record["note"], {name: Target.from_record(t) for name, t in targets.items()},
                             record.get("pending", ""), cycle, _day_or_none(record.get("last_heavy")),
                             dict(record.get("creeping", {})), record.get("last_lighter", ""),
                             Shown.from_record(shown) if shown else Shown())
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        return checkpoint if 0 <= checkpoint.block_index < len(program.blocks) else None


def reach_days(rules: Rules) -> int:
    """How many days before its date a fact can change a plan: a race or key run reaches back
    through its taper, lighter days and spacing, and a moved session stays in its week."""
    return max(rules.taper_days, rules.b_race_light_days, math.ceil(rules.heavy_spacing_h / 24)) + 7


def lookback_days(rules: Rules) -> int:
    """History the fold reads before the week it starts from: the readiness baseline, the four
    weeks of sets an RPE trend compares with, and the races whose recovery reaches this far."""
    return max(rules.baseline_days, RPE_TREND_DAYS, rules.long_race_recovery_days + 7, SHOWN_DAYS)


def shown_by(ctx: Context, monday: Date, before: Shown) -> Shown:
    """What the lifter has shown by `monday`: each lift's best e1RM over the SHOWN_DAYS before it
    (under any name on its ladder), its last working load and the last gym day, carried from
    `before` where nothing newer is logged; and a return from a break in the week before."""
    of = {name: name for name in ctx.program.exercises()} | ctx.program.variations()
    counted: dict[str, list[LoggedSet]] = {}
    last_kg, last_gym = dict(before.last_kg), before.last_gym
    returned, break_days, before_break = None, 0, {}
    week_before = monday.subtract(days=7).isoformat()
    for n in range(SHOWN_DAYS, 0, -1):  # oldest first: the latest load is the one kept
        date = monday.subtract(days=n).isoformat()
        if date >= week_before and date in ctx.sets_by_date and last_gym and \
                (away := (iso_date(date) - iso_date(last_gym)).days - 1) >= BREAK_DAYS:
            returned, break_days, before_break = date, away, dict(last_kg)
        for s in ctx.sets_by_date.get(date, ()):
            last_gym = max(last_gym or date, date)
            if (name := of.get(s.exercise)) is None or s.set_type not in COUNTED_SET_TYPES:
                continue
            counted.setdefault(name, []).append(s)
            if s.weight_kg:
                last_kg[name] = s.weight_kg
    # A set logged without an RPE, its reps done, was as hard as the plan meant it: at the target RPE.
    slots, rules = ctx.program.exercises(), ctx.rules
    best = {name: e1rm for name, sets in counted.items()
            if (e1rm := best_e1rm(sets, target_rpe(slots[name], rules))) is not None}
    return Shown(best, last_kg, last_gym, returned, break_days, before_break)


def _opening(ctx: Context) -> Checkpoint:
    targets = {name: initial_target(slot, start_load(slot, ctx.enrolment))
               for name, slot in ctx.program.exercises().items()}
    monday = monday_of(ctx.start)
    return Checkpoint(monday, 0, 0, "", targets, shown=shown_by(ctx, monday, Shown()))


def timeline(program: Program, enrolment: Enrolment, history: History, until: Date) -> list[Week]:
    """Every week from the program's start to the week of `until`."""
    return run_timeline(Context.build(program, enrolment, history), until)[0]


def run_timeline(ctx: Context, until: Date, resume: Checkpoint | None = None) -> tuple[list[Week], list[Checkpoint]]:
    """The weeks from `resume` (default: the program's start) to the week of `until`, and a
    checkpoint at the start of each week on the way (the opening one included)."""
    blocks = ctx.program.blocks
    checkpoints: list[Checkpoint] = [] if resume else [_opening(ctx)]
    resume = resume or checkpoints[0]
    index, week_in_block, note, targets, monday, pending = (
        resume.block_index, resume.week_in_block, resume.note, resume.targets, resume.monday, resume.pending)
    last_heavy, creeping, last_lighter, shown = (resume.last_heavy, dict(resume.creeping), resume.last_lighter,
                                                 resume.shown)
    cycle: list[Week] = []
    for w in resume.cycle:
        builds_before = sum(c.phase == "build" for c in cycle)
        cycle.append(Week(w.monday, blocks[index], w.week_in_block, w.phase, note, w.deload_reason, targets,
                          builds_before, w.last_heavy, w.last_lighter, w.shown,
                          cycle[-1].shown if cycle else w.shown))
    weeks: list[Week] = []
    last = monday_of(until)
    while True:
        if week_in_block == blocks[index].weeks:  # block finished: move on
            following, note = min(index + 1, len(blocks) - 1), ""
            if blocks[following].kind == "plyometric" and following != index:
                if gates_missing(ctx.program.gates, ctx.history.assessments, monday):
                    # Stay one more microcycle, then look again: plyometrics start at the first
                    # microcycle boundary after every test passes.
                    note, following = PLYOMETRICS_LOCKED, index
            index = following
            week_in_block = 0 if not note else blocks[index].weeks - (
                blocks[index].build_weeks + blocks[index].deload_weeks)
        block = blocks[index]
        week_in_block += 1
        scheduled = len(cycle) >= block.build_weeks
        phase = "deload" if pending or scheduled else "build"
        week = Week(monday, block, week_in_block, phase, note, pending, targets,
                    sum(w.phase == "build" for w in cycle), last_heavy, last_lighter, shown,
                    cycle[-1].shown if cycle else shown)
        weeks.append(week)
        placed = placements_of(ctx, week)
        last_heavy = placed.last_heavy or last_heavy
        if phase == "build":  # a deload week's lighter session does not take a turn: the turns move on
            last_lighter = placed.lighter or last_lighter
        if monday >= last:
            return weeks, checkpoints
        cycle.append(week)
        builds = [w for w in cycle if w.phase == "build"]
        block_over = week_in_block == block.weeks
        if phase == "build" and not block_over and len(cycle) < block.build_weeks:
            pending, crept = _deload_signal(ctx, week, builds)
            creeping.update({name: before for name, before in crept.items() if name not in creeping})
        if block_over or (phase == "deload" and (week.deload_reason or len(cycle) >= block.build_weeks + block.deload_weeks)):
            targets = _judge_cycle(ctx, builds, targets, creeping, [w for w in cycle if w.phase == "deload"])
            cycle, pending, creeping = [], "", {}
        monday = monday.add(weeks=1)
        shown = shown_by(ctx, monday, shown)
        checkpoints.append(Checkpoint(monday, index, week_in_block, note, targets, pending, tuple(
            CycleWeek(w.monday, w.week, w.phase, w.deload_reason, w.last_heavy, w.last_lighter, w.shown)
            for w in cycle), last_heavy, dict(creeping), last_lighter, shown))


def day_plans_of(ctx: Context, weeks: Sequence[Week]) -> dict[Date, "ExcusedPlan"]:
    return {day: plan_of(ctx, week, day) for week in weeks for day in week.days()}


def _logged_name(week: Week, exercise: str) -> str:
    """The name an exercise's sets are logged under this week: its current variation's."""
    target = week.targets.get(exercise)
    return (target.variation if target else None) or exercise


def _results(ctx: Context, exercise: str, weeks: Sequence[Week],
             plans: dict[Date, "ExcusedPlan"]) -> tuple[list[SessionResult], list[str], list[str]]:
    """Each day's sets of one exercise against what that day prescribed (a lighter, trimmed or
    tapered day is judged against its own lighter prescription); plus the days whose work was
    not done because the plan left it out, and the planned days with nothing logged."""
    slot = ctx.program.exercises()[exercise]
    results, excused = [], []
    missed = 0
    for week in weeks:
        logged = _logged_name(week, exercise)
        by_day: dict[str, dict[str | None, list[LoggedSet]]] = {}
        for s in ctx.sets_of(logged, week.days()):
            by_day.setdefault(s.date, {}).setdefault(s.session_id, []).append(s)
        for day in week.days():
            plan = plans[day]
            prescribed = next((p for p in plan.day.exercises if p.program_exercise == exercise), None)
            if exercise in plan.excused:
                excused.append(f"{day.isoformat()}: {plan.excused[exercise]}")
                continue
            if day.isoformat() not in by_day:
                missed += prescribed is not None
                continue
            reference = prescribed or prescribe(slot, week.targets[exercise], ctx.rules, week, ctx.enrolment.gear)
            # The session that did most of the day's sets of it did the prescription; another that
            # day (an AM/PM double) is extra work, not a second attempt at it.
            done = max(by_day[day.isoformat()].values(), key=len)
            results.append(session_result(day.isoformat(), done, reference,
                                          planned_set_count(reference), target_rpe(slot, ctx.rules)))
    return results, excused, [f"{plural(missed, 'planned session')} with nothing logged"] if missed > 0 else []


def _failed_in(ctx: Context, exercise: str, weeks: Sequence[Week]) -> list[str]:
    """The days a set of the exercise failed in these weeks."""
    return sorted({s.date for w in weeks for s in ctx.sets_of(_logged_name(w, exercise), w.days())
                   if s.set_type == "failure"})


def _judge_cycle(ctx: Context, builds: Sequence[Week], targets: dict[str, Target],
                 creeping: dict[str, float], deloads: Sequence[Week] = ()) -> dict[str, Target]:
    if not builds:
        return targets
    plans = day_plans_of(ctx, builds)
    days = sorted(plans)
    scores = [r.score for d in days if (r := ctx.readiness.get(d.isoformat()))]
    readiness = round(mean(scores), 1) if scores else None
    judged = dict(targets)
    for name, slot in ctx.program.exercises().items():
        if not progresses(slot):
            continue
        results, excused, missed = _results(ctx, name, builds, plans)
        if not (results or excused or missed):
            continue  # not in this microcycle's sessions (another block or emphasis): nothing to say
        judged[name] = judge(slot, targets[name], results, excused, missed, days[0].isoformat(),
                             days[-1].isoformat(), ctx.rules, ctx.enrolment.gear, readiness,
                             creeping.get(name), ctx.program.ladder(name), _failed_in(ctx, name, deloads))
    return judged


def _deload_signal(ctx: Context, week: Week, builds: Sequence[Week]) -> tuple[str, dict[str, float]]:
    """What, in the week just ended, pulls the deload forward (empty when nothing does), and the
    lifts whose RPE crept up, with the RPE they had before."""
    rules = ctx.rules
    poor = sum(1 for d in week.days() if (r := ctx.readiness.get(d.isoformat())) and r.poor(rules))
    signals = []
    crept: dict[str, float] = {}
    if poor >= rules.poor_readiness_days:
        signals.append(f"poor readiness on {poor} of the last 7 days")
    plans = day_plans_of(ctx, [week])
    earlier_days = [week.monday.subtract(days=n) for n in range(1, RPE_TREND_DAYS + 1)]
    for name, slot in ctx.program.exercises().items():
        if not progresses(slot):
            continue
        logged = _logged_name(week, name)
        if creep := rpe_creep(logged, ctx.sets_of(logged, week.days()), ctx.sets_of(logged, earlier_days),
                              rules.rpe_creep, ctx.enrolment.gear):
            signals.append(creep.reason)
            crept[name] = creep.before
        results, _, _ = _results(ctx, name, [week], plans)
        if week.targets[name].misses + 1 >= rules.stall_microcycles and any(not r.complete for r in results):
            signals.append(f"stall on {name}: short again after a microcycle without progress")
    return "; ".join(signals), crept
