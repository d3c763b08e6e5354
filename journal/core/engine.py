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

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from statistics import mean

from pendulum import Date

from . import running
from .clock import iso_date
from .model import (
    LIFTING_KINDS,
    WEEKDAYS,
    Assessment,
    Block,
    BlockPosition,
    Enrolment,
    Equipment,
    Gates,
    LoggedSet,
    PlannedDay,
    Prescription,
    Program,
    Rules,
    Run,
    SessionTemplate,
    Slot,
    Wellness,
)
from .units import amount_text, load_text, plural
from .progression import (
    SessionResult,
    gear_of,
    plates_per_side,
    cut_load,
    cut_text,
    Target,
    initial_target,
    judge,
    loadable,
    progresses,
    rpe_creep,
    session_result,
    target_rpe,
)

GOOD_HIGH = ("sleep_quality", "mood", "motivation")  # 5 is good
GOOD_LOW = ("soreness", "fatigue", "stress")  # 1 is good


@dataclass(frozen=True)
class History:
    """The past the engine judges, as plain data (the caller picks the window).

    `wellness` should reach `Rules.baseline_days` before the program's start so
    that readiness has a baseline; `sets` and `runs` cover the program so far
    (and runs the planned ones ahead).
    """

    wellness: tuple[Wellness, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    sets: tuple[LoggedSet, ...] = ()
    runs: tuple[Run, ...] = ()
    tz: str = "UTC"


# --- loads ---------------------------------------------------------------------------------


def start_load(slot: Slot, enrolment: Enrolment) -> float | None:
    """Day-one load: the lifter's own number, else the program's default."""
    if slot.load in ("bodyweight", "seconds") and slot.start_kg is None:
        return None
    if slot.exercise in enrolment.loads:
        return enrolment.loads[slot.exercise]
    return slot.start_kg


def starting_loads(program: Program, bodyweight_kg: float | None,
                   overrides: dict[str, float], units: str | Equipment = "kg") -> dict[str, float]:
    """Start loads for `init`: overrides first, then bodyweight x factor, never below the default;
    each a load the lifter can set up with their equipment (the program's 20 kg bar is 45 lb)."""
    loads: dict[str, float] = {}
    rules = program.rules
    for name, slot in program.exercises().items():
        if name in overrides:
            loads[name] = loadable(overrides[name], slot, rules, units)
        elif slot.start_kg is not None:
            default = loadable(slot.start_kg, slot, rules, units)
            scaled = (loadable(bodyweight_kg * slot.bodyweight_factor, slot, rules, units, down=True)
                      if bodyweight_kg and slot.bodyweight_factor else 0.0)
            loads[name] = max(scaled, default)
    return loads


def describe_load_rule(slot: Slot, weight_kg: float | None, units: str | Equipment = "kg") -> str:
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
    if weight_kg is None:
        return "bodyweight"
    return f"{load_text(weight_kg, units)} start load, +{load_text(slot.increment_kg, units)} per microcycle done well"


# --- calendar: blocks, weeks, phases --------------------------------------------------------


def monday_of(day: Date) -> Date:
    return day.subtract(days=day.weekday())


def gates_missing(gates: Gates, assessments: Sequence[Assessment], until: Date) -> list[str]:
    """Which plyometric readiness tests are not yet passed by a date (latest result counts)."""
    latest: dict[tuple[str, str | None], float] = {}
    for a in sorted(assessments, key=lambda a: a.date):
        if a.date <= until.isoformat():
            latest[(a.test, a.side)] = a.value
    missing = []
    for test, minimum in (("knee_to_wall_cm", gates.knee_to_wall_cm),
                          ("single_leg_balance_s", gates.single_leg_balance_s),
                          ("single_leg_calf_raises", gates.single_leg_calf_raises),
                          ("single_leg_squat_quality", gates.single_leg_squat_quality)):
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
    monday: Date
    block: Block
    week: int  # 1-based within the block
    phase: str  # build | deload
    note: str = ""  # why this block, when it is not simply the next one
    deload_reason: str = ""  # what pulled this deload forward; empty when scheduled
    targets: dict[str, Target] = field(default_factory=dict)  # as the microcycle judged them
    cycle_week: int = 0  # build weeks of this microcycle before this one (the ramp's step)
    last_heavy: Date | None = None  # the last heavy lower-body session planned before this week

    @cached_property
    def _days(self) -> tuple[Date, ...]:
        return tuple(self.monday.add(days=n) for n in range(7))

    def days(self) -> list[Date]:
        return list(self._days)


def session_for(program: Program, block: Block, day: Date) -> SessionTemplate | None:
    weekday = WEEKDAYS[day.weekday()]
    for session in program.sessions:
        if session.day == weekday and (not session.blocks or block.kind in session.blocks):
            return session
    return None


def active_slots(template: SessionTemplate, block: Block, enrolment: Enrolment) -> list[Slot]:
    return [slot for slot in template.slots
            if (not slot.blocks or block.kind in slot.blocks)
            and (slot.emphasis is None or slot.emphasis == enrolment.emphasis)]


def is_heavy(template: SessionTemplate, block: Block, enrolment: Enrolment) -> bool:
    return any(slot.heavy_lower for slot in active_slots(template, block, enrolment))


# --- readiness ------------------------------------------------------------------------------


def readiness_score(w: Wellness, sleep_target_h: float = 8.0) -> float:
    """0-100 from one check-in: each answer scaled so that 1 is good, averaged."""
    parts = [min(w.sleep_h / sleep_target_h, 1.0)]
    parts += [(getattr(w, name) - 1) / 4 for name in GOOD_HIGH]
    parts += [(5 - getattr(w, name)) / 4 for name in GOOD_LOW]
    return round(100 * sum(parts) / len(parts), 1)


BASELINE_MIN_DAYS = 7  # check-ins before a baseline means anything


@dataclass(frozen=True)
class Readiness:
    """One day's readiness, judged against the lifter's own recent normal once there is one:
    a steady 46 is that lifter's normal, not a bad day every day."""

    score: float  # today's check-in alone, 0-100
    baseline: float | None  # the lifter's own recent average, when there is enough of it

    def swaps(self, rules: Rules) -> bool:
        """Far below normal, or under the absolute floor: a mobility day instead of lifting."""
        return self.score < rules.swap_readiness or (
            self.baseline is not None and self.score < self.baseline - rules.swap_drop)

    def trims(self, rules: Rules) -> bool:
        """Clearly below normal (before a baseline exists: under the absolute cut-off)."""
        if self.baseline is None:
            return self.score < rules.trim_readiness
        return self.swaps(rules) or self.score < self.baseline - rules.trim_drop

    def poor(self, rules: Rules) -> bool:
        """A poor day, of the kind that pulls a deload forward when it keeps happening."""
        if self.baseline is None:
            return self.score < rules.poor_readiness
        return self.trims(rules)

    def describe(self) -> str:
        if self.baseline is None:
            return f"readiness {self.score:g}"
        return f"readiness {self.score:g} against your baseline {self.baseline:.0f}"


def readiness_by_day(wellness: Sequence[Wellness], rules: Rules) -> dict[str, Readiness]:
    """Each check-in's readiness, with the lifter's baseline from the days before it."""
    ordered = sorted(wellness, key=lambda w: w.date)
    dates = [w.date for w in ordered]
    scores = [readiness_score(w, rules.sleep_target_h) for w in ordered]
    judged: dict[str, Readiness] = {}
    for i, w in enumerate(ordered):
        since = iso_date(w.date).subtract(days=rules.baseline_days).isoformat()
        earlier = scores[bisect.bisect_left(dates, since):i]
        baseline = round(sum(earlier) / len(earlier), 1) if len(earlier) >= BASELINE_MIN_DAYS else None
        judged[w.date] = Readiness(scores[i], baseline)
    return judged


# --- the context one planning call works in -----------------------------------------------


@dataclass
class _Context:
    program: Program
    enrolment: Enrolment
    history: History
    readiness: dict[str, Readiness]
    sets_by_day: dict[tuple[str, str], list[LoggedSet]]  # (date, exercise)
    placements: dict[Date, dict[Date, "_Placement"]] = field(default_factory=dict)
    day_plans: dict[tuple[Date, Date], "_DayPlan"] = field(default_factory=dict)  # (monday, day)

    @classmethod
    def build(cls, program: Program, enrolment: Enrolment, history: History) -> "_Context":
        by_day: dict[tuple[str, str], list[LoggedSet]] = {}
        for s in history.sets:
            by_day.setdefault((s.date, s.exercise), []).append(s)
        history = replace(history, runs=tuple(sorted(history.runs, key=lambda r: r.date)))  # running.py bisects
        return cls(program, enrolment, history, readiness_by_day(history.wellness, program.rules), by_day)

    @property
    def rules(self) -> Rules:
        return self.program.rules

    @property
    def start(self) -> Date:
        return iso_date(self.enrolment.start)

    def sets_of(self, exercise: str, days: Sequence[Date]) -> list[LoggedSet]:
        return [s for d in days for s in self.sets_by_day.get((d.isoformat(), exercise), ())]


# --- the timeline: blocks, phases and judged targets, week by week ---------------------

FOLD_VERSION = 5  # bump when a change to the rules would judge the same history differently
RPE_TREND_DAYS = 28


def _day_or_none(text: str | None) -> Date | None:
    return iso_date(text) if text else None


@dataclass(frozen=True)
class CycleWeek:
    """A week already done in the microcycle a checkpoint is in the middle of."""

    monday: Date
    week_in_block: int
    phase: str
    deload_reason: str
    last_heavy: Date | None = None


@dataclass(frozen=True)
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

    @property
    def cycle_start(self) -> Date:
        """The Monday whose checkpoint holds this microcycle's targets."""
        return self.cycle[0].monday if self.cycle else self.monday

    def to_record(self) -> dict:
        """JSON-ready; targets only at a microcycle's start (they stay the same until its end)."""
        record = {"version": FOLD_VERSION, "monday": self.monday.isoformat(), "block_index": self.block_index,
                  "week_in_block": self.week_in_block, "note": self.note, "pending": self.pending,
                  "cycle": [[w.monday.isoformat(), w.week_in_block, w.phase, w.deload_reason,
                             w.last_heavy.isoformat() if w.last_heavy else None] for w in self.cycle],
                  "cycle_start": self.cycle_start.isoformat(),
                  "last_heavy": self.last_heavy.isoformat() if self.last_heavy else None,
                  "creeping": self.creeping}
        if not self.cycle:
            record["targets"] = {name: t.to_record() for name, t in self.targets.items()}
        return record

    @classmethod
    def from_record(cls, record: dict, program: Program, targets: dict | None = None) -> "Checkpoint | None":
        """The checkpoint, given the microcycle start's targets when the record has none; None when
        an older fold or another program wrote it, or it is not whole (it is only a cache)."""
        targets = record.get("targets", targets) or {}
        if record.get("version") != FOLD_VERSION or set(targets) != set(program.exercises()):
            return None
        try:
            cycle = tuple(CycleWeek(iso_date(m), w, phase, reason, _day_or_none(heavy))
                          for m, w, phase, reason, heavy in record["cycle"])
            checkpoint = cls(iso_date(record["monday"]), record["block_index"], record["week_in_block"],
                             record["note"], {name: Target.from_record(t) for name, t in targets.items()},
                             record["pending"], cycle, _day_or_none(record["last_heavy"]),
                             dict(record["creeping"]))
        except (KeyError, TypeError, ValueError):
            return None
        return checkpoint if 0 <= checkpoint.block_index < len(program.blocks) else None


def reach_days(rules: Rules) -> int:
    """How many days before its date a fact can change a plan: a race or key run reaches back
    through its taper, lighter days and spacing, and a moved session stays in its week."""
    return max(rules.taper_days, rules.b_race_light_days, math.ceil(rules.heavy_spacing_h / 24)) + 7


def lookback_days(rules: Rules) -> int:
    """History the fold reads before the week it starts from: the readiness baseline, the four
    weeks of sets an RPE trend compares with, and the races whose recovery reaches this far."""
    return max(rules.baseline_days, RPE_TREND_DAYS, rules.long_race_recovery_days + 7)


def _opening(ctx: _Context) -> Checkpoint:
    targets = {name: initial_target(slot, start_load(slot, ctx.enrolment))
               for name, slot in ctx.program.exercises().items()}
    return Checkpoint(monday_of(ctx.start), 0, 0, "", targets)


def timeline(program: Program, enrolment: Enrolment, history: History, until: Date) -> list[Week]:
    """Every week from the program's start to the week of `until`."""
    return _timeline(_Context.build(program, enrolment, history), until)[0]


PLYOMETRICS_LOCKED = "plyometrics locked"


def _timeline(ctx: _Context, until: Date, resume: Checkpoint | None = None) -> tuple[list[Week], list[Checkpoint]]:
    """The weeks from `resume` (default: the program's start) to the week of `until`, and a
    checkpoint at the start of each week on the way (the opening one included)."""
    blocks = ctx.program.blocks
    checkpoints: list[Checkpoint] = [] if resume else [_opening(ctx)]
    resume = resume or checkpoints[0]
    index, week_in_block, note, targets, monday, pending = (
        resume.block_index, resume.week_in_block, resume.note, resume.targets, resume.monday, resume.pending)
    last_heavy, creeping = resume.last_heavy, dict(resume.creeping)
    cycle: list[Week] = []
    for w in resume.cycle:
        builds_before = sum(c.phase == "build" for c in cycle)
        cycle.append(Week(w.monday, blocks[index], w.week_in_block, w.phase, note, w.deload_reason, targets,
                          builds_before, w.last_heavy))
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
                    sum(w.phase == "build" for w in cycle), last_heavy)
        weeks.append(week)
        last_heavy = _placements(ctx, week).last_heavy or last_heavy
        if monday >= last:
            return weeks, checkpoints
        cycle.append(week)
        builds = [w for w in cycle if w.phase == "build"]
        block_over = week_in_block == block.weeks
        if phase == "build" and not block_over and len(cycle) < block.build_weeks:
            pending, crept = _deload_signal(ctx, week, builds)
            creeping.update({name: before for name, before in crept.items() if name not in creeping})
        if block_over or (phase == "deload" and (week.deload_reason or len(cycle) >= block.build_weeks + block.deload_weeks)):
            targets = _judge_cycle(ctx, builds, targets, creeping)
            cycle, pending, creeping = [], "", {}
        monday = monday.add(weeks=1)
        checkpoints.append(Checkpoint(monday, index, week_in_block, note, targets, pending, tuple(
            CycleWeek(w.monday, w.week, w.phase, w.deload_reason, w.last_heavy) for w in cycle),
            last_heavy, dict(creeping)))


def _day_plans(ctx: _Context, weeks: Sequence[Week]) -> dict[Date, "_DayPlan"]:
    return {day: _plan(ctx, week, day) for week in weeks for day in week.days()}


def _logged_name(week: Week, exercise: str) -> str:
    """The name an exercise's sets are logged under this week: its current variation's."""
    target = week.targets.get(exercise)
    return (target.variation if target else None) or exercise


def _results(ctx: _Context, exercise: str, weeks: Sequence[Week],
             plans: dict[Date, "_DayPlan"]) -> tuple[list[SessionResult], list[str], list[str]]:
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


def _judge_cycle(ctx: _Context, builds: Sequence[Week], targets: dict[str, Target],
                 creeping: dict[str, float]) -> dict[str, Target]:
    if not builds:
        return targets
    plans = _day_plans(ctx, builds)
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
                             creeping.get(name), ctx.program.ladder(name))
    return judged


def _deload_signal(ctx: _Context, week: Week, builds: Sequence[Week]) -> tuple[str, dict[str, float]]:
    """What, in the week just ended, pulls the deload forward (empty when nothing does), and the
    lifts whose RPE crept up, with the RPE they had before."""
    rules = ctx.rules
    poor = sum(1 for d in week.days() if (r := ctx.readiness.get(d.isoformat())) and r.poor(rules))
    signals = []
    crept: dict[str, float] = {}
    if poor >= rules.poor_readiness_days:
        signals.append(f"poor readiness on {poor} of the last 7 days")
    plans = _day_plans(ctx, [week])
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


# --- placing the week's sessions around the runs -------------------------------------------


@dataclass(frozen=True)
class _Placement:
    template: SessionTemplate | None
    notes: tuple[str, ...] = ()
    lighter: str = ""  # why this session is the lighter variant


@dataclass(frozen=True)
class _WeekPlacement:
    days: dict[Date, _Placement]
    last_heavy: Date | None  # the week's last heavy lower-body session, when it has one


def _heavy_template(ctx: _Context, week: Week, template: SessionTemplate | None) -> bool:
    """A session with heavy lower-body work at full load (a program's lighter session is not)."""
    return bool(template) and not template.lighter and is_heavy(template, week.block, ctx.enrolment)


def _placements(ctx: _Context, week: Week) -> _WeekPlacement:
    if week.monday not in ctx.placements:
        ctx.placements[week.monday] = _place_week(ctx, week)
    return ctx.placements[week.monday]


def _place_week(ctx: _Context, week: Week) -> _WeekPlacement:
    """The week's sessions by day, placed around every run known, across the week's edges.

    A heavy lower-body session goes on an easy day that keeps `heavy_spacing_h` before key
    runs and races, `heavy_gap_h` from the other heavy sessions (last week's included) and
    clear of race recovery, preferring a day that is not the day after a long run or race.
    Where no day does, it becomes the lighter variant on a hard-run day (after the run, as the
    article pairs light gym work with hard runs), and failing that stays where it is, lighter,
    naming the rules that gave way. The week's heavy sessions are placed together, to keep as
    many at full load as the runs allow; sessions they displace move to the nearest free day."""
    rules, runs, tz = ctx.rules, ctx.history.runs, ctx.history.tz
    days = week.days()
    templates = {d: session_for(ctx.program, week.block, d) for d in days}
    heavy = [d for d in days if _heavy_template(ctx, week, templates[d]) and not running.travel_on(d, runs)]
    notes: dict[Date, list[str]] = {d: [] for d in days}

    def day_conflicts(d: Date) -> list[str]:
        """The rules a heavy session on `d` would break whatever else is placed."""
        found = []
        if run := running.key_run_on(d, runs):
            found.append(f"{running.describe(run)} is that day")
        if run := running.key_run_within(d, runs, rules, tz):
            found.append(f"{running.describe(run)} is within {rules.heavy_spacing_h} h")
        if race := running.recovering_from(d, runs, rules):
            found.append(f"recovery after the {running.describe(race)}")
        if d < ctx.start:
            found.append("the program has not started")
        return found

    static = {d: day_conflicts(d) for d in days}
    hard_ok = {d: (run := running.key_run_on(d, runs)) is not None and run.kind != "race"
               and static[d] == [f"{running.describe(run)} is that day"] for d in days}
    after_effort = {d: running.long_effort_before(d, runs) is not None for d in days}
    open_days = [d for d in days if not running.travel_on(d, runs) and d >= ctx.start
                 and (d in heavy or not _heavy_template(ctx, week, templates[d]))]

    def gap_conflicts(d: Date, others: Sequence[Date]) -> list[str]:
        near = [o for o in others if abs((d - o).days) * 24 < rules.heavy_gap_h]
        return [f"another heavy session on {near[0].format('ddd D MMM')} is within {rules.heavy_gap_h} h"] if near else []

    before = [week.last_heavy] if week.last_heavy else []

    def cost(assignment: Sequence[Date]) -> tuple:
        broken = lighter = tired = moved_onto = distance = 0
        for n, d in enumerate(assignment):
            others = before + [a for m, a in enumerate(assignment) if m != n]
            gap = gap_conflicts(d, others)
            if not static[d] and not gap:
                pass
            elif hard_ok[d] and not gap:
                lighter += 1
            else:
                broken += 1
            tired += after_effort[d]
            moved_onto += d != heavy[n] and templates[d] is not None
            distance += abs((d - heavy[n]).days)
        return broken, lighter, tired, moved_onto, distance, tuple(assignment)

    candidates = [open_days] * len(heavy) if len(heavy) <= 4 else [[d] for d in heavy]
    best = min((a for a in itertools.product(*candidates) if len(set(a)) == len(a)), key=cost,
               default=tuple(heavy))
    taken: dict[Date, SessionTemplate] = {}
    lighter: dict[Date, str] = {}
    heavy_here: list[Date] = []  # this week's heavy days, in order
    for origin, to in sorted(zip(heavy, best), key=lambda pair: pair[1]):
        template = templates[origin]
        others = before + [d for d in best if d != to]
        gap = gap_conflicts(to, others)
        taken[to] = template
        if running.recovering_from(to, runs, rules):
            continue  # its heavy work is left out that day (the day's own rules), so it is no heavy day
        if not static[to] and not gap:
            latest = (before + heavy_here)[-1] if before or heavy_here else None
            if race := running.a_race_between(latest, to, runs, 14):
                lighter[to] = f"first heavy session after the {running.describe(race)}"
        elif hard_ok[to] and not gap:
            lighter[to] = (f"paired with the {running.describe(running.key_run_on(to, runs))}, after it: no easy "
                           f"day this week keeps {rules.heavy_spacing_h} h before the key runs and "
                           f"{rules.heavy_gap_h} h from the other heavy sessions")
        else:
            lighter[to] = "no day this week keeps every rule; gave way: " + "; ".join(static[to] + gap)
        heavy_here.append(to)
        if to != origin:
            effort = running.long_effort_before(origin, runs)
            why = "; ".join(static[origin] + gap_conflicts(origin, others)) or (
                f"the day after the {running.describe(effort)}" if effort else "a better day for the spacing")
            notes[origin].append(f"{template.name} moved to {to.format('ddd D MMM')}: {why}")
            notes[to].append(f"{template.name} moved here from {origin.format('ddd D MMM')}: {why}")
    for d in days:  # heavy sessions on travel days stay: the day's own rules swap them
        if _heavy_template(ctx, week, templates[d]) and d not in heavy:
            taken.setdefault(d, templates[d])

    placed: dict[Date, SessionTemplate | None] = dict(taken)
    light_sessions = [(d, t) for d, t in templates.items() if t and not _heavy_template(ctx, week, t)]
    placed.update((d, t) for d, t in light_sessions if d not in taken)
    displaced = [(d, t) for d, t in light_sessions if d in taken]
    for d, t in displaced:
        free = [f for f in days if placed.get(f) is None]
        if not free:
            notes[d].append(f"{t.name} left out: no free day this week")
            continue
        to = min(free, key=lambda f: (running.key_run_on(f, runs) is not None, abs((f - d).days), f))
        placed[to] = t
        notes[to].append(f"{t.name} moved here from {d.format('ddd D MMM')} to make room")
    return _WeekPlacement({d: _Placement(placed.get(d), tuple(notes[d]), lighter.get(d, "")) for d in days},
                          heavy_here[-1] if heavy_here else None)


# --- one day ------------------------------------------------------------------------------


def ramp_kg(slot: Slot, rules: Rules, cycle_week: int) -> float:
    """What the ramp adds in a microcycle's later build weeks: linear loads step up inside it."""
    ramp = slot.ramp if slot.ramp is not None else rules.ramp
    if not (ramp and cycle_week and slot.load == "kg" and slot.progression == "linear"):
        return 0.0
    return ramp * cycle_week * slot.increment_kg


def prescribe(slot: Slot, target: Target, rules: Rules, week: Week, units: str | Equipment = "kg") -> Prescription:
    """What the microcycle's target asks for this week (a deload week asks for less)."""
    reps = target.reps
    # A load the lifter can set up in their unit now (a target from before a change of units too).
    weight = loadable(target.weight_kg, slot, rules, units) if target.weight_kg else target.weight_kg
    label = f"{reps}-{slot.reps_max}" if slot.reps_max and reps is not None and reps < slot.reps_max else reps
    sets = slot.sets
    where = f"week {week.week} of {week.block.name.lower()}, {week.phase} week"
    reason = target.verdict.summary() if target.verdict else describe_load_rule(slot, weight, units)
    if weight and week.phase == "build" and (step := ramp_kg(slot, rules, week.cycle_week)):
        ramped = loadable(weight + step, slot, rules, units, down=True)
        if ramped > weight:
            reason += (f"; build week {week.cycle_week + 1} of the microcycle: "
                       f"{amount_text(weight, units)} → {load_text(ramped, units)}")
            weight = ramped
    if week.phase == "deload":
        sets = max(1, round(slot.sets * (1 - rules.deload_set_cut)))
        lighter = ""
        if weight:
            cut = cut_load(weight, rules.deload_load_cut, slot, rules, units)
            lighter = f", {cut_text(weight, cut, units)}" if cut < weight else ", load kept (no lighter step is near enough)"
            weight = cut
        trigger = f" ({week.deload_reason})" if week.deload_reason else ""
        reason = f"deload{trigger}: {sets} of {slot.sets} sets{lighter}; " + reason
    return Prescription(
        name=target.variation or slot.exercise, pillar=slot.pillar, sets=sets, reps=label, weight_kg=weight,
        seconds=target.seconds if reps is None else None, tempo=slot.tempo, rest_s=slot.rest_s,
        unilateral=slot.unilateral, why=f"{where}; {reason}", load=slot.load,
        heavy_lower=slot.heavy_lower, variation_of=slot.exercise if target.variation else None,
        unit=gear_of(units).unit, implement=slot.implement,
        plates=plates_per_side(weight, units) if weight and slot.implement == "barbell" else None,
    )


def _adjust(p: Prescription, why: str, gear: Equipment | None = None, **changes) -> Prescription:
    adjusted = replace(p, why=f"{p.why}; {why}", adjusted=why, **changes)
    if gear is not None and p.plates is not None and adjusted.weight_kg != p.weight_kg:
        adjusted = replace(adjusted, plates=plates_per_side(adjusted.weight_kg, gear))  # the bar changed too
    return adjusted


def _cut(sets: int, fraction: float) -> int:
    return max(1, round(sets * (1 - fraction)))


@dataclass(frozen=True)
class _DayPlan:
    day: PlannedDay
    excused: dict[str, str]  # exercise -> why today's version does not count for its verdict


def _mobility_instead(ctx: _Context, week: Week, replaced: SessionTemplate) -> tuple[SessionTemplate, list[Prescription]]:
    """A bodyweight/mobility session in place of a lifting one."""
    mobility = next((s for s in ctx.program.sessions if s.kind == "mobility"), None)
    slots = (active_slots(mobility, week.block, ctx.enrolment) if mobility else
             [s for s in replaced.slots if s.pillar in ("mobility", "stability") and s.start_kg is None])
    name = f"{mobility.name if mobility else 'Mobility'} (in place of {replaced.name})"
    swapped = SessionTemplate(name, "mobility", replaced.day, tuple(slots))
    return swapped, [prescribe(s, initial_target(s, None), ctx.rules, week, ctx.enrolment.gear) for s in slots]


def _plan(ctx: _Context, week: Week, day: Date) -> _DayPlan:
    """A day's plan; each day is planned once per call (deload signals and verdicts reuse it)."""
    key = (week.monday, day)
    if key not in ctx.day_plans:
        ctx.day_plans[key] = _plan_day(ctx, week, day)
    return ctx.day_plans[key]


def _plan_day(ctx: _Context, week: Week, day: Date) -> _DayPlan:
    rules, runs = ctx.rules, ctx.history.runs
    readiness = ctx.readiness.get(day.isoformat())
    phase = week.phase
    adjustments: list[str] = []
    if week.note == PLYOMETRICS_LOCKED:
        missing = gates_missing(ctx.program.gates, ctx.history.assessments, day)
        adjustments.append(f"{PLYOMETRICS_LOCKED}: {'; '.join(missing)}" if missing else
                           "readiness tests passed: plyometrics start at the next microcycle")
    if week.deload_reason and phase == "deload":
        adjustments.append(f"deload week brought forward: {week.deload_reason}")

    def planned(session: SessionTemplate | None, exercises: Sequence[Prescription] = (),
                excused: dict[str, str] | None = None) -> _DayPlan:
        position = BlockPosition(week.block.name, week.block.kind, week.week, week.block.weeks, phase)
        return _DayPlan(PlannedDay(day.isoformat(), ctx.program.name, position,
                                   (session.name, session.kind) if session else None,
                                   readiness.score if readiness else None, tuple(exercises),
                                   tuple(adjustments)), excused or {})

    race = running.taper_race(day, runs, rules)
    if race:
        phase = "taper"
    if day < ctx.start:
        adjustments.append(f"the program starts on {ctx.start.isoformat()}")
        return planned(None)
    placement = _placements(ctx, week).days[day]
    adjustments += placement.notes
    template = placement.template
    if template is None:
        return planned(None)
    exercises = [prescribe(slot, week.targets[slot.exercise], rules, week, ctx.enrolment.gear)
                 for slot in active_slots(template, week.block, ctx.enrolment)]
    excused: dict[str, str] = {}
    lifting = template.kind in LIFTING_KINDS
    slots = ctx.program.exercises()

    def lightened(p: Prescription, fraction: float) -> float | None:
        if not p.weight_kg:
            return p.weight_kg
        return cut_load(p.weight_kg, fraction, slots[p.program_exercise], rules, ctx.enrolment.gear)

    def leave_out(which: Callable[[Prescription], bool], why: str) -> None:
        """Work the plan does not ask for today: excused from the verdict, with the reason shown."""
        nonlocal exercises
        dropped = [p for p in exercises if which(p)]
        if dropped:
            adjustments.append(f"{why}: {', '.join(p.name for p in dropped)} left out")
            excused.update({p.program_exercise: why for p in dropped})
            exercises = [p for p in exercises if not which(p)]

    travel = running.travel_on(day, runs)
    swap = ("travel" + (f" ({travel.title})" if travel and travel.title else "") if travel else
            f"{readiness.describe()} is very low" if lifting and readiness and readiness.swaps(rules) else "")
    if swap and template.kind != "mobility":
        excused = {p.program_exercise: f"swapped for mobility: {swap}" for p in exercises}
        template, exercises = _mobility_instead(ctx, week, template)
        adjustments.append(f"{swap}: {template.name} instead")
        return planned(template, exercises, excused)

    if any(p.pillar == "plyometric" for p in exercises) and (locked := _plyometrics_barred(ctx, day)):
        leave_out(lambda p: p.pillar == "plyometric", locked)
    if recovering := running.recovering_from(day, runs, rules):
        leave_out(lambda p: p.heavy_lower, f"recovery after the {running.describe(recovering)}: "
                                           "no heavy lower-body work")

    if race and lifting:
        days_left = running.days_before(day, race)
        cut = f"taper for the {running.describe(race)}: sets cut {rules.taper_set_cut:.0%}, loads kept"
        exercises = [_adjust(p, cut, sets=_cut(p.sets, rules.taper_set_cut)) if p.pillar in LIFTING_KINDS
                     else p for p in exercises]
        adjustments.append(cut)
        if days_left <= rules.taper_no_heavy_days:
            leave_out(lambda p: p.heavy_lower,
                      f"no heavy lower-body work in the last {rules.taper_no_heavy_days} days before the race")

    hard_run = running.key_run_on(day, runs)
    b_race = running.b_race_ahead(day, runs, rules)
    lighter = placement.lighter or (
        f"{running.describe(hard_run)}: a hard-run day (lift after the run)" if hard_run else
        f"{running.describe(b_race)} in {plural(running.days_before(day, b_race), 'day')}" if b_race else "")
    if lighter and any(p.heavy_lower for p in exercises):
        why = f"lighter variant: {lighter}"
        exercises = [_adjust(p, why, ctx.enrolment.gear, sets=_cut(p.sets, rules.light_set_cut),
                             weight_kg=lightened(p, rules.light_load_cut))
                     if p.heavy_lower else p for p in exercises]
        adjustments.append(f"{why}: heavy lower-body lifts {rules.light_load_cut:.0%} lighter, fewer sets")

    if readiness and lifting and readiness.trims(rules):
        why = "trimmed for low readiness"
        exercises = [_adjust(p, why, ctx.enrolment.gear, sets=max(1, p.sets - 1), weight_kg=lightened(p, 0.10))
                     if p.pillar in LIFTING_KINDS else p for p in exercises]
        below = "below your normal" if readiness.baseline is not None else "low"
        adjustments.append(f"{readiness.describe()} is {below}: strength work one set fewer and about 10% lighter")
    # What is still in the plan is judged against what it asked for today, lightened or not.
    return planned(template, exercises, excused)


def _plyometrics_barred(ctx: _Context, day: Date) -> str:
    """Why plyometric work is off today (empty when it is on): checked every day, since a pain
    result can lock it again, and never on a key-run day or close before one."""
    runs, rules = ctx.history.runs, ctx.rules
    if missing := gates_missing(ctx.program.gates, ctx.history.assessments, day):
        return f"{PLYOMETRICS_LOCKED} until the readiness tests pass ({'; '.join(missing)})"
    if run := running.key_run_on(day, runs):
        return f"no plyometrics on the day of the {running.describe(run)}"
    if run := running.key_run_within(day, runs, rules, ctx.history.tz):
        return f"no plyometrics within {rules.heavy_spacing_h} h before the {running.describe(run)}"
    if race := running.recovering_from(day, runs, rules):
        return f"no plyometrics in the recovery after the {running.describe(race)}"
    return ""


# --- what callers ask for ---------------------------------------------------------------


@dataclass(frozen=True)
class Fold:
    days: list[PlannedDay]  # every day asked for
    targets: dict[str, Target]  # as the week of the last day judged them
    checkpoints: list[Checkpoint]  # microcycle ends passed on the way (after `resume`)


def fold(program: Program, enrolment: Enrolment, first: Date, last: Date, history: History = History(),
         resume: Checkpoint | None = None) -> Fold:
    """Every day from `first` to `last` from one pass over the history, starting at `resume`
    when given (its monday must not be after `first`'s week)."""
    ctx = _Context.build(program, enrolment, history)
    if resume is not None and resume.monday > monday_of(first):
        raise ValueError(f"resume from {resume.monday} cannot plan {first}")
    found, checkpoints = _timeline(ctx, max(last, ctx.start), resume)
    weeks = {w.monday: w for w in found}
    opening = found[0]
    days = [first.add(days=n) for n in range((last - first).days + 1)]
    return Fold([_plan(ctx, weeks.get(monday_of(d), opening), d).day for d in days],
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


# --- working through today's session ------------------------------------------------------


@dataclass(frozen=True)
class NextSet:
    number: int  # 1-based set number
    side: str | None  # L then R for unilateral work


def planned_set_count(p: Prescription) -> int:
    """Rows a finished exercise has: unilateral sets are logged once per side."""
    return p.sets * (2 if p.unilateral else 1)


def side_of(row: int) -> str:
    """One-sided work goes left, then right: the side of a set's `row`-th logged row."""
    return "L" if row % 2 == 0 else "R"


def set_position(p: Prescription, row: int) -> NextSet:
    """Which set (and side) the `row`-th logged row of an exercise is, counting from 0."""
    return NextSet(row // 2 + 1, side_of(row)) if p.unilateral else NextSet(row + 1, None)


def whole_sets_done(p: Prescription, rows: int) -> int:
    """Sets finished after `rows` logged rows: a one-sided set needs both sides."""
    return rows // 2 if p.unilateral else rows


def next_set(p: Prescription, done: int) -> NextSet | None:
    """The set after `done` logged (or skipped) rows; None when the exercise is finished."""
    return None if done >= planned_set_count(p) else set_position(p, done)