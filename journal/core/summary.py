"""The weekly summary and the trends behind the charts: pure functions over plain data.

Training load is session RPE x minutes for gym sessions and runs alike; the
acute (7-day) and chronic (42-day) loads are exponentially weighted averages of
the daily load, and their balance is shown as information only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from collections.abc import Sequence
from statistics import mean

from pendulum import Date

from .entry import tempo_seconds
from .units import load_text
from .model import LoggedSet, Rules, Run, Wellness
from .progression import COUNTED_SET_TYPES, epley_e1rm

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


def gym_load_by_day(sets: Sequence[LoggedSet], rules: Rules) -> dict[str, float]:
    """Session RPE x minutes per day; minutes from the first to the last set plus its rest."""
    by_day: dict[str, list[LoggedSet]] = defaultdict(list)
    for s in sets:
        if s.set_type != "skipped":
            by_day[s.date].append(s)
    loads = {}
    for day, done in by_day.items():
        times = sorted(datetime.fromisoformat(s.logged_at).timestamp() for s in done)
        minutes = max((times[-1] - times[0]) / 60 + 3, len(done) * 1.5)
        rpes = [s.rpe for s in done if s.rpe is not None]
        loads[day] = round((mean(rpes) if rpes else rules.session_rpe) * minutes, 1)
    return loads


def run_load_by_day(runs: Sequence[Run], until: str, rules: Rules) -> dict[str, float]:
    loads: dict[str, float] = defaultdict(float)
    for r in runs:
        if r.date <= until and r.minutes and r.kind != "travel":
            loads[r.date] += (r.rpe or rules.session_rpe) * r.minutes
    return dict(loads)


def ewma(daily: dict[str, float], last: Date, days: int, span: int) -> float:
    """Exponentially weighted daily load over `span` days ending on `last` (alpha = 2 / (days + 1))."""
    alpha = 2 / (days + 1)
    value = 0.0
    end = date(last.year, last.month, last.day)
    for n in range(span, -1, -1):
        value = alpha * daily.get((end - timedelta(days=n)).isoformat(), 0.0) + (1 - alpha) * value
    return round(value, 1)


def training_load(gym: dict[str, float], runs: dict[str, float], last: Date, rules: Rules) -> dict:
    daily: dict[str, float] = defaultdict(float)
    for source in (gym, runs):
        for day, load in source.items():
            daily[day] += load
    span = rules.chronic_days * 2
    acute = ewma(daily, last, rules.acute_days, span)
    chronic = ewma(daily, last, rules.chronic_days, span)
    first = last.subtract(days=6).isoformat()
    return {
        "gym_week": round(sum(v for d, v in gym.items() if first <= d <= last.isoformat()), 1),
        "runs_week": round(sum(v for d, v in runs.items() if first <= d <= last.isoformat()), 1),
        "acute": acute, "chronic": chronic,
        "balance": round(acute / chronic, 2) if chronic else None,
        "note": "acute:chronic balance is information, not an injury prediction",
    }


WELLNESS_FIELDS = ("sleep_h", "sleep_quality", "soreness", "fatigue", "stress", "mood", "motivation")


def wellness_averages(days: Sequence[Wellness], readiness: dict[str, float]) -> dict:
    averages: dict[str, float | None] = {
        f: round(mean(getattr(w, f) for w in days), 2) if days else None for f in WELLNESS_FIELDS}
    scores = [readiness[w.date] for w in days if w.date in readiness]
    averages["readiness"] = round(mean(scores), 1) if scores else None
    averages["check_ins"] = len(days)
    return averages


def wellness_summary(this: Sequence[Wellness], before: Sequence[Wellness], readiness: dict[str, float]) -> dict:
    now, then = wellness_averages(this, readiness), wellness_averages(before, readiness)
    trend = {f: round(now[f] - then[f], 2) if now[f] is not None and then[f] is not None else None
             for f in (*WELLNESS_FIELDS, "readiness")}
    return {"average": now, "previous_week": then, "change": trend}


def recovery_cues(wellness: dict, sleep_target_h: float, mobility_planned: int, mobility_done: int,
                  baseline: float | None = None, low_readiness: float = 50.0) -> list[str]:
    """The article's recovery cues that apply this week."""
    cues = []
    if baseline is not None and baseline < low_readiness:
        # Sessions are not trimmed for a steady low (it is this lifter's normal); it is raised here.
        cues.append(f"Your readiness has been steady around {baseline:.0f}, below {low_readiness:g}: sessions "
                    "are not trimmed for it, but sleep, total training load and life stress are worth a look.")
    sleep = wellness["average"]["sleep_h"]
    if sleep is not None and sleep < sleep_target_h:
        cues.append(f"Sleep averaged {sleep:.1f} h against your {sleep_target_h:g} h target: "
                    "sleep is where the adaptation happens; protect it before adding load.")
    soreness = wellness["change"]["soreness"]
    if soreness is not None and soreness >= 0.5:
        cues.append(f"Soreness is rising (+{soreness:.1f} on the 1-5 scale): keep easy runs easy and "
                    "take the lighter option on the next strength day.")
    if mobility_planned > mobility_done:
        cues.append(f"{mobility_planned - mobility_done} of {mobility_planned} mobility session(s) missed: "
                    "mobility is maintenance; ten minutes after a run keeps it.")
    return cues


def exercise_lines(sets: Sequence[LoggedSet], pillar_of: dict[str, str | None],
                   previous_best: dict[str, float], reps_before: dict[tuple[str, float], int],
                   e1rm_before: dict[str, float], unit: str = "kg") -> tuple[dict, dict, list[dict], dict]:
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
        if score > previous_best.get(name, 0):
            prs.append("e1RM")
        heaviest_reps = reps_before.get((name, s.weight_kg or 0))
        if heaviest_reps is not None and (s.reps or 0) > heaviest_reps:
            prs.append(f"reps at {load_text(s.weight_kg, unit)}")
        bests.append({"exercise": name, "weight_kg": s.weight_kg, "reps": s.reps, "rpe": s.rpe,
                      "e1rm": score, "prs": prs if name in previous_best else []})
        before = e1rm_before.get(name)
        e1rm[name] = {"e1rm": score, "previous_weeks": before,
                      "change": round(score - before, 1) if before else None}
    return ({k: round(v, 1) for k, v in sorted(volume.items()) if v},
            {k: round(v, 1) for k, v in sorted(by_pillar.items()) if v}, bests, e1rm)


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
