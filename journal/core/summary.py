"""The weekly summary and the trends behind the charts: pure functions over plain data.

Training load is session RPE x minutes for gym sessions and runs alike; the
acute (7-day) and chronic (42-day) loads are exponentially weighted averages of
the daily load, and their balance is shown as information only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import fields, is_dataclass
from datetime import date
from collections.abc import Sequence
from statistics import mean

from pendulum import Date

from .entry import tempo_seconds
from .record import record
from .units import load_text, plural
from .clock import day_text, iso_date, iso_week
from .model import BlockPosition, LoggedSet, PlannedDay, Program, Rules, Run, Wellness
from .running import recovery_days, run_name
from .training_load import TrainingLoad, gym_load_by_day, km_by_day, run_load_by_day, training_load
from .loads import COUNTED_SET_TYPES, epley_e1rm
from .progression import Target

WELLNESS_FIELDS = ("sleep_h", "sleep_quality", "soreness", "fatigue", "stress", "mood", "motivation")


def _json(value: object) -> object:
    """A summary value as JSON: dataclasses become objects (a trailing _ dropped from a field's
    name, which only dodges a Python keyword), tuples lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): _json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value


@record
class SessionCounts:
    """Sessions by kind: planned over the whole week, done, and still to come (days after today)."""

    planned: dict[str, int]
    done: dict[str, int]
    to_come: dict[str, int]

    def missed(self, kind: str) -> int:
        return max(0, self.planned.get(kind, 0) - self.to_come.get(kind, 0) - self.done.get(kind, 0))


@record
class SetCounts:
    total: int
    working: int
    warmup: int
    skipped: int
    hard: int


@record
class Volume:
    total_kg: float
    by_exercise: dict[str, float]
    by_pillar: dict[str, float]


@record
class TimeUnderTension:
    total: int
    by_exercise: dict[str, int]


@record
class BestSet:
    exercise: str
    weight_kg: float | None
    reps: int | None
    rpe: float | None
    e1rm: float
    prs: tuple[str, ...]


@record
class E1rmChange:
    e1rm: float
    previous_weeks: float | None  # best e1RM over the four weeks before
    change: float | None


@record
class WellnessScores:
    sleep_h: float | None
    sleep_quality: float | None
    soreness: float | None
    fatigue: float | None
    stress: float | None
    mood: float | None
    motivation: float | None
    readiness: float | None


@record
class WellnessAverages(WellnessScores):
    check_ins: int = 0


@record
class WellnessWeek:
    average: WellnessAverages
    previous_week: WellnessAverages
    change: WellnessScores
    sleep_target_h: float


@record
class VerdictLine:
    exercise: str
    verdict: str
    reason: str
    next: str
    next_weight_kg: float | None
    judged_to: str


@record
class Raise:
    exercise: str
    from_kg: float
    to_kg: float


@record
class SessionAhead:
    date: str
    name: str
    kind: str


@record
class NextWeek:
    from_: str
    block: BlockPosition
    phases: tuple[str, ...]
    sessions: tuple[SessionAhead, ...]
    raised: tuple[Raise, ...]
    adjustments: tuple[str, ...]


@record
class Charts:
    """Twelve weeks to the summary's week, one value per week, oldest first."""

    mondays: tuple[str, ...]
    volume_kg: tuple[float, ...]
    e1rm: dict[str, list[float | None]]
    readiness: tuple[float | None, ...]
    gym_load: tuple[float, ...]
    run_load: tuple[float, ...]
    run_km: tuple[float, ...]  # the week's running distance, beside the gym's volume


@record
class WeeklySummary:
    """One ISO week as the Sunday review shows it."""

    week: str
    from_: str
    to: str
    program: str
    unit: str
    block: BlockPosition
    sessions: SessionCounts
    sets: SetCounts
    volume: Volume
    time_under_tension_s: TimeUnderTension
    best_sets: tuple[BestSet, ...]
    e1rm: dict[str, E1rmChange]
    wellness: WellnessWeek
    load: TrainingLoad
    verdicts: tuple[VerdictLine, ...]
    next_week: NextWeek
    cues: tuple[str, ...]
    charts: Charts

    def to_json(self) -> dict:
        return _json(self)  # type: ignore[return-value]


LIFTED = COUNTED_SET_TYPES + ("drop",)  # sets whose work counts towards volume
HARD_RPE = 8.0


def volume_kg(s: LoggedSet) -> float:
    return (s.weight_kg or 0) * (s.reps or 0) if s.set_type in LIFTED else 0.0


def set_e1rm(s: LoggedSet) -> float | None:
    if s.set_type not in COUNTED_SET_TYPES or not s.weight_kg or not s.reps:
        return None
    return epley_e1rm(s.weight_kg, s.reps, s.rpe)


def is_hard(s: LoggedSet) -> bool:
    return s.set_type == "failure" or (s.rpe is not None and s.rpe >= HARD_RPE)


def time_under_tension(s: LoggedSet) -> int:
    per_rep = tempo_seconds(s.tempo)
    return per_rep * s.reps if per_rep and s.reps and s.set_type in LIFTED else 0


def wellness_averages(days: Sequence[Wellness], readiness: dict[str, float]) -> WellnessAverages:
    scores = [readiness[w.date] for w in days if w.date in readiness]
    return WellnessAverages(
        **{f: round(mean(getattr(w, f) for w in days), 2) if days else None for f in WELLNESS_FIELDS},
        readiness=round(mean(scores), 1) if scores else None, check_ins=len(days))


def wellness_week(this: Sequence[Wellness], before: Sequence[Wellness], readiness: dict[str, float],
                  sleep_target_h: float) -> WellnessWeek:
    now, then = wellness_averages(this, readiness), wellness_averages(before, readiness)
    change = {f: round(getattr(now, f) - getattr(then, f), 2)
              if getattr(now, f) is not None and getattr(then, f) is not None else None
              for f in (*WELLNESS_FIELDS, "readiness")}
    return WellnessWeek(now, then, WellnessScores(**change), sleep_target_h)


def race_cues(runs: Sequence[Run], monday: Date, rules: Rules) -> list[str]:
    """A race this week: what its recovery asks of the gym, and until when."""
    cues = []
    for race in runs:
        if race.kind == "race" and monday.isoformat() <= race.date <= monday.add(days=6).isoformat() \
                and (days := recovery_days(race, rules)):
            until = iso_date(race.date).add(days=days)
            cues.append(f"Recovery after the {run_name(race)}: no heavy legs or jumping and easier strength work "
                        f"until {day_text(until, 'ddd D MMM')}; easy runs only until the legs feel fresh.")
    return cues


def recovery_cues(wellness: WellnessWeek, mobility_due: int, mobility_done: int,
                  baseline: float | None = None, low_readiness: float = 50.0) -> list[str]:
    """The article's recovery cues that apply this week (`mobility_due`: planned so far)."""
    cues = []
    if baseline is not None and baseline < low_readiness:
        # Sessions are not trimmed for a steady low (it is this lifter's normal); it is raised here.
        cues.append(f"Your readiness has been steady around {baseline:.0f}, below {low_readiness:g}: sessions "
                    "are not trimmed for it, but sleep, total training load and life stress are worth a look.")
    sleep, target = wellness.average.sleep_h, wellness.sleep_target_h
    if sleep is not None and sleep < target:
        cues.append(f"Sleep averaged {sleep:.1f} h against your {target:g} h target: "
                    "sleep is where the adaptation happens; protect it before adding load.")
    soreness = wellness.change.soreness
    if soreness is not None and soreness >= 0.5:
        cues.append(f"Soreness is rising (+{soreness:.1f} on the 1-5 scale): keep easy runs easy and "
                    "take the lighter option on the next strength day.")
    if mobility_due > mobility_done:
        cues.append(f"{mobility_due - mobility_done} of {plural(mobility_due, 'mobility session')} missed so far: "
                    "mobility is maintenance; ten minutes after a run keeps it.")
    return cues


def exercise_lines(sets: Sequence[LoggedSet], pillar_of: dict[str, str | None],
                   previous_best: dict[str, float], reps_before: dict[tuple[str, float], int],
                   e1rm_before: dict[str, float], unit: str = "kg"
                   ) -> tuple[Volume, tuple[BestSet, ...], dict[str, E1rmChange]]:
    """Volume per exercise and pillar, best sets and PRs, and e1RM change per lift."""
    volume: dict[str, float] = defaultdict(float)
    by_pillar: dict[str, float] = defaultdict(float)
    best: dict[str, LoggedSet] = {}
    for s in sets:
        volume[s.exercise] += volume_kg(s)
        by_pillar[s.pillar or pillar_of.get(s.exercise) or "other"] += volume_kg(s)
        score = set_e1rm(s)
        if score and (s.exercise not in best or score > (set_e1rm(best[s.exercise]) or 0)):
            best[s.exercise] = s
    bests, e1rm = [], {}
    for name, s in sorted(best.items()):
        score = round(set_e1rm(s) or 0, 1)
        prs = []
        if score > round(previous_best.get(name, 0), 1):
            prs.append("e1RM")
        heaviest_reps = reps_before.get((name, s.weight_kg or 0))
        if heaviest_reps is not None and (s.reps or 0) > heaviest_reps:
            prs.append(f"reps at {load_text(s.weight_kg, unit)}")
        bests.append(BestSet(name, s.weight_kg, s.reps, s.rpe, score, tuple(prs) if name in previous_best else ()))
        before = e1rm_before.get(name)
        e1rm[name] = E1rmChange(score, before, round(score - before, 1) if before else None)
    total = round(sum(volume.values()), 1)
    return (Volume(total, {k: round(v, 1) for k, v in sorted(volume.items()) if v},
                   {k: round(v, 1) for k, v in sorted(by_pillar.items()) if v}), tuple(bests), e1rm)


def week_index(day: str, first_monday: Date) -> int:
    """Which week after `first_monday` a stored date falls in (plain dates: called thousands of times)."""
    return (date.fromisoformat(day) - date(first_monday.year, first_monday.month, first_monday.day)).days // 7


def by_week(daily: dict[str, float], first_monday: Date, weeks: int) -> list[list[float]]:
    """Daily values gathered into `weeks` weeks from `first_monday`, oldest first."""
    buckets: list[list[float]] = [[] for _ in range(weeks)]
    for day, value in daily.items():
        if 0 <= (n := week_index(day, first_monday)) < weeks:
            buckets[n].append(value)
    return buckets


def weekly_series(sets: Sequence[LoggedSet], first_monday: Date, weeks: int, lifts: Sequence[str]) -> dict:
    """Per week: volume, and best e1RM per lift (None in weeks without it), oldest first."""
    volume = [0.0] * weeks
    e1rm: dict[str, list[float | None]] = {lift: [None] * weeks for lift in lifts}
    for s in sets:
        n = week_index(s.date, first_monday)
        if not 0 <= n < weeks:
            continue
        volume[n] += volume_kg(s)
        score = set_e1rm(s)
        if s.exercise in e1rm and score:
            e1rm[s.exercise][n] = round(max(score, e1rm[s.exercise][n] or 0), 1)
    return {"volume": [round(v, 1) for v in volume], "e1rm": e1rm}


def summary_span_start(monday: Date, chart_weeks: int, rules: Rules) -> Date:
    """The first day whose sets and runs the week's summary reads: its charts, the four weeks its
    e1RM changes compare with, and the chronic load's reach."""
    sunday = monday.add(days=6)
    return min(monday.subtract(weeks=chart_weeks - 1), monday.subtract(weeks=4),
               sunday.subtract(days=rules.chronic_days * 2))


def lifted_in(sets: Sequence[LoggedSet]) -> list[tuple[str, float]]:
    """(exercise, load) of each set that estimates a 1RM, in order, once each: the loads whose
    earlier records a PR is measured against."""
    return list(dict.fromkeys((s.exercise, s.weight_kg or 0.0) for s in sets if set_e1rm(s)))


def _sessions_done(week_sets: Sequence[LoggedSet], this_week: Sequence[PlannedDay], today: Date) -> SessionCounts:
    """A day's first session done counts as the kind the plan gave that day (`unplanned` on a
    rest day); further sessions that day (a double, a second workout) as `extra`."""
    # A plyometric session whose jumping was all left out was not a plyometric session.
    kinds = {d.date: "stability" if d.session[1] == "plyometric" and not any(p.jumps for p in d.exercises)
             else d.session[1] for d in this_week if d.session}
    sessions_by_day: dict[str, set[str | None]] = defaultdict(set)
    for s in week_sets:
        if s.set_type != "skipped":
            sessions_by_day[s.date].add(s.session_id)
    done: dict[str, int] = defaultdict(int)
    for day, found in sessions_by_day.items():
        done[kinds.get(day, "unplanned")] += 1
        if len(found) > 1:
            done["extra"] += len(found) - 1
    planned = Counter(d.session[1] for d in this_week if d.session)
    to_come = Counter(d.session[1] for d in this_week
                      if d.session and d.date > today.isoformat() and d.date not in sessions_by_day)
    return SessionCounts(dict(planned), dict(done), dict(to_come))


def weekly_summary(program: Program, unit: str, monday: Date, today: Date, this_week: Sequence[PlannedDay],
                   next_week: Sequence[PlannedDay], targets: dict[str, Target], sets: Sequence[LoggedSet],
                   best_before: dict[str, float], reps_before: dict[tuple[str, float], int],
                   wellness: Sequence[Wellness], runs: Sequence[Run], chart_weeks: int = 12) -> WeeklySummary:
    """The Sunday review of the week from `monday`, from the sets, check-ins and runs since
    `summary_span_start` and the plans of this week and the next."""
    from .engine import readiness_by_day

    rules = program.rules
    sunday, next_monday = monday.add(days=6), monday.add(days=7)
    first_chart = monday.subtract(weeks=chart_weeks - 1)
    week_sets = [s for s in sets if monday.isoformat() <= s.date <= sunday.isoformat()]
    slots = program.exercises()
    sessions = _sessions_done(week_sets, this_week, today)

    four_weeks_before = monday.subtract(weeks=4).isoformat()
    e1rm_before: dict[str, float] = {}
    for s in sets:
        if four_weeks_before <= s.date < monday.isoformat() and (score := set_e1rm(s)):
            e1rm_before[s.exercise] = max(e1rm_before.get(s.exercise, 0), round(score, 1))
    volume, best_sets, e1rm = exercise_lines(week_sets, {n: slot.pillar for n, slot in slots.items()},
                                             best_before, reps_before, e1rm_before, unit)
    tut: dict[str, int] = Counter()
    for s in week_sets:
        tut[s.exercise] += time_under_tension(s)

    judged = readiness_by_day(wellness, rules)
    readiness = {d: r.score for d, r in judged.items()}
    baseline = next((r.baseline for d, r in sorted(judged.items(), reverse=True)
                     if d <= sunday.isoformat() and r.baseline is not None), None)
    feel = wellness_week([w for w in wellness if monday.isoformat() <= w.date <= sunday.isoformat()],
                         [w for w in wellness if monday.subtract(days=7).isoformat() <= w.date < monday.isoformat()],
                         readiness, rules.sleep_target_h)

    gym = gym_load_by_day(sets, rules)
    run_loads = run_load_by_day(runs, sunday.isoformat(), [w.resting_hr for w in wellness if w.resting_hr])

    verdicts = tuple(VerdictLine(name, t.verdict.verdict, t.verdict.reasons[0], t.verdict.reasons[1], t.weight_kg,
                                 t.verdict.last) for name, t in targets.items() if t.verdict)
    # Like with like: this week's full loads against next week's (a lighter or recovery day is no baseline).
    loads_now = {p.name: p.weight_kg for d in this_week for p in d.exercises
                 if p.weight_kg and d.block.phase == "build" and p.full_load}
    raised = sorted({(p.name, loads_now[p.name], p.weight_kg) for d in next_week for p in d.exercises
                     if p.weight_kg and p.name in loads_now and p.weight_kg > loads_now[p.name]
                     and d.block.phase == "build" and p.full_load})
    chart_sets = [s for s in sets if first_chart.isoformat() <= s.date <= sunday.isoformat()]
    main_lifts = [name for name, _ in Counter(
        s.exercise for s in chart_sets if set_e1rm(s) and slots.get(s.exercise)
        and slots[s.exercise].heavy_lower).most_common(3)]
    series = weekly_series(chart_sets, first_chart, chart_weeks, main_lifts)
    mobility_due = sessions.planned.get("mobility", 0) - sessions.to_come.get("mobility", 0)

    return WeeklySummary(
        week=iso_week(monday), from_=monday.isoformat(), to=sunday.isoformat(), program=program.name, unit=unit,
        block=this_week[0].block, sessions=sessions,
        sets=SetCounts(total=len(week_sets),
                       working=sum(s.set_type in ("working", "failure", "drop") for s in week_sets),
                       warmup=sum(s.set_type == "warmup" for s in week_sets),
                       skipped=sum(s.set_type == "skipped" for s in week_sets),
                       hard=sum(is_hard(s) for s in week_sets)),
        volume=volume, time_under_tension_s=TimeUnderTension(sum(tut.values()), {k: v for k, v in tut.items() if v}),
        best_sets=best_sets, e1rm=e1rm, wellness=feel, load=training_load(gym, run_loads, sunday, rules),
        verdicts=verdicts,
        next_week=NextWeek(
            from_=next_monday.isoformat(), block=next_week[0].block,
            phases=tuple(sorted({d.block.phase for d in next_week})),
            sessions=tuple(SessionAhead(d.date, *d.session) for d in next_week if d.session),
            raised=tuple(Raise(n, a, b) for n, a, b in raised),
            adjustments=tuple(dict.fromkeys(a for d in next_week for a in d.adjustments))),
        cues=tuple(race_cues(runs, monday, rules) + recovery_cues(feel, mobility_due, sessions.done.get("mobility", 0),
                                                                  baseline, rules.trim_readiness)),
        charts=Charts(
            mondays=tuple(first_chart.add(weeks=n).isoformat() for n in range(chart_weeks)),
            volume_kg=tuple(series["volume"]), e1rm=series["e1rm"],
            readiness=tuple(round(mean(found), 1) if found else None
                            for found in by_week(readiness, first_chart, chart_weeks)),
            gym_load=tuple(round(sum(found), 1) for found in by_week(gym, first_chart, chart_weeks)),
            run_load=tuple(round(sum(found), 1) for found in by_week(run_loads.by_day, first_chart, chart_weeks)),
            run_km=tuple(round(sum(found), 1) for found in by_week(km_by_day(runs, sunday.isoformat()), first_chart, chart_weeks))))
