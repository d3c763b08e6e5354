"""Training load: session RPE x minutes, gym and runs, per day, and the acute and chronic loads
that the weekly summary sets side by side (information, not an injury prediction)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from statistics import mean

from pendulum import Date

from .model import LoggedSet, Rules, Run
from .record import record


@record
class TrainingLoad:
    gym_week: float
    runs_week: float
    acute: float
    chronic: float
    balance: float | None
    runs_counted: str = ""  # how the week's runs were counted: "3 by heart rate (TRIMP), 1 by your RPE"
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


EASY_RUN_RPE = 3.0  # a run with neither an RPE nor heart rate counts as easy
RESTING_HR = 60  # when no check-in gives a resting heart rate


@record
class RunLoads:
    by_day: dict[str, float]
    how: dict[str, str]  # date -> how each day's runs were counted, for the week's note


def run_load_by_day(runs: Sequence[Run], until: str, resting_hr: Sequence[int] = ()) -> RunLoads:
    """Each run's load: session RPE x minutes when the runner gave an RPE; else Banister's
    heart-rate load (TRIMP: minutes x HRr x 0.64 e^(1.92 HRr), HRr the share of the heart-rate
    reserve) when it has an average heart rate and a max is known; else minutes at an easy RPE."""
    highest = max((r.max_hr for r in runs if r.max_hr), default=None)
    rest = sorted(resting_hr)[len(resting_hr) // 2] if resting_hr else RESTING_HR
    loads: dict[str, float] = defaultdict(float)
    how: dict[str, str] = {}
    for r in runs:
        if r.date > until or not r.minutes or r.kind == "travel" or r.source == "expected":
            continue
        if r.rpe:
            loads[r.date] += r.rpe * r.minutes
            how[r.date] = "your RPE"
        elif r.avg_hr and highest and highest > rest:
            reserve = min(1.0, max(0.0, (r.avg_hr - rest) / (highest - rest)))
            loads[r.date] += r.minutes * reserve * 0.64 * math.exp(1.92 * reserve)
            how[r.date] = "heart rate (TRIMP)"
        else:
            loads[r.date] += EASY_RUN_RPE * r.minutes
            how[r.date] = f"an easy RPE {EASY_RUN_RPE:g}"
    return RunLoads({day: round(load, 1) for day, load in loads.items()}, how)


def km_by_day(runs: Sequence[Run], until: str) -> dict[str, float]:
    """The distance run each day (runs the plan only expects are not run yet)."""
    km: dict[str, float] = defaultdict(float)
    for r in runs:
        if r.km and r.kind != "travel" and r.source != "expected" and r.date <= until:
            km[r.date] += r.km
    return dict(km)


def ewma(daily: dict[str, float], last: Date, days: int, span: int) -> float:
    """Exponentially weighted daily load over `span` days ending on `last` (alpha = 2 / (days + 1))."""
    alpha = 2 / (days + 1)
    value = 0.0
    end = date(last.year, last.month, last.day)
    for n in range(span, -1, -1):
        value = alpha * daily.get((end - timedelta(days=n)).isoformat(), 0.0) + (1 - alpha) * value
    return round(value, 1)


def training_load(gym: dict[str, float], run_loads: RunLoads, last: Date, rules: Rules) -> TrainingLoad:
    runs = run_loads.by_day
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
        acute=acute, chronic=chronic, balance=round(acute / chronic, 2) if chronic else None,
        runs_counted=_counted([how for d, how in run_loads.how.items() if first <= d <= last.isoformat()]))


def _counted(hows: list[str]) -> str:
    """`runs by heart rate (TRIMP) 3, your RPE 1`: how the week's runs were counted."""
    return ", ".join(f"{count} by {how}" for how, count in Counter(hows).most_common())
