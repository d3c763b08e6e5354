"""Training load: session RPE x minutes, gym and runs, per day, and the acute and chronic loads
that the weekly summary sets side by side (information, not an injury prediction)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean

from pendulum import Date

from .model import LoggedSet, Rules, Run


@dataclass(frozen=True)
class TrainingLoad:
    gym_week: float
    runs_week: float
    acute: float
    chronic: float
    balance: float | None
    note: str = "acute:chronic balance is information, not an injury prediction"



def gym_load_by_day(sets: Sequence[LoggedSet], rules: Rules) -> dict[str, float]:
    """Session RPE x minutes, summed per day over its sessions; a session's minutes run from its
    first to its last set plus a rest."""
    by_session: dict[tuple[str, str | None], list[LoggedSet]] = defaultdict(list)
    for s in sets:
        if s.set_type != "skipped":
            by_session[(s.date, s.session_id)].append(s)
    loads: dict[str, float] = defaultdict(float)
    for (day, _), done in by_session.items():
        times = sorted(datetime.fromisoformat(s.logged_at).timestamp() for s in done)
        minutes = max((times[-1] - times[0]) / 60 + 3, len(done) * 1.5)
        rpes = [s.rpe for s in done if s.rpe is not None]
        loads[day] += (mean(rpes) if rpes else rules.session_rpe) * minutes
    return {day: round(load, 1) for day, load in loads.items()}


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


def training_load(gym: dict[str, float], runs: dict[str, float], last: Date, rules: Rules) -> TrainingLoad:
    daily: dict[str, float] = defaultdict(float)
    for source in (gym, runs):
        for day, load in source.items():
            daily[day] += load
    span = rules.chronic_days * 2
    acute = ewma(daily, last, rules.acute_days, span)
    chronic = ewma(daily, last, rules.chronic_days, span)
    first = last.subtract(days=6).isoformat()
    return TrainingLoad(
        gym_week=round(sum(v for d, v in gym.items() if first <= d <= last.isoformat()), 1),
        runs_week=round(sum(v for d, v in runs.items() if first <= d <= last.isoformat()), 1),
        acute=acute, chronic=chronic, balance=round(acute / chronic, 2) if chronic else None)
