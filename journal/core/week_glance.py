"""The week around a day at a glance: its sessions and runs with the spacing the coach keeps
between heavy legs and key runs, and the day's readiness answer by answer."""

from __future__ import annotations

from collections.abc import Sequence

from .model import KEY_RUN_KINDS, PlannedDay, Rules, Run, Wellness
from .readiness import Readiness, readiness_parts
from .record import record


@record
class GlanceDay:
    date: str
    session: tuple[str, str] | None  # (name, kind)
    heavy_legs: bool
    runs: tuple[Run, ...]

    @property
    def key_run(self) -> bool:
        return any(r.kind in KEY_RUN_KINDS for r in self.runs)


@record
class ReadinessBreakdown:
    """One check-in's readiness and each answer's share of it (0 worst, 1 best)."""

    score: float
    baseline: float | None
    answers: Wellness
    shares: dict[str, float]


@record
class WeekAtAGlance:
    days: tuple[GlanceDay, ...]  # Monday to Sunday
    key_run_spacing_h: int  # heavy legs stay this far before a key run
    heavy_gap_h: int  # and this far from each other
    readiness: ReadinessBreakdown | None  # None: no check-in that day


def week_at_a_glance(days: Sequence[PlannedDay], runs: Sequence[Run], rules: Rules,
                     check_in: Wellness | None, readiness: Readiness | None) -> WeekAtAGlance:
    breakdown = None
    if check_in is not None and readiness is not None:
        breakdown = ReadinessBreakdown(readiness.score, readiness.baseline, check_in,
                                       readiness_parts(check_in, rules.sleep_target_h))
    return WeekAtAGlance(
        days=tuple(GlanceDay(d.date, d.session, any(p.heavy_lower for p in d.exercises),
                             tuple(r for r in runs if r.date == d.date)) for d in days),
        key_run_spacing_h=rules.heavy_spacing_h, heavy_gap_h=rules.heavy_gap_h, readiness=breakdown)
