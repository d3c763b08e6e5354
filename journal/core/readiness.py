"""Readiness: a daily score from the check-in, judged against the lifter's own recent normal."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .clock import iso_date
from .model import (
    Rules,
    Wellness,
)
from .record import record

GOOD_HIGH = ("sleep_quality", "mood", "motivation")  # 5 is good
GOOD_LOW = ("soreness", "fatigue", "stress")  # 1 is good


# --- readiness ------------------------------------------------------------------------------


def readiness_parts(w: Wellness, sleep_target_h: float = 8.0) -> dict[str, float]:
    """Each answer of a check-in scaled from 0 (worst) to 1 (best): what readiness is made of."""
    parts = {"sleep_h": min(w.sleep_h / sleep_target_h, 1.0)}
    parts.update({name: (getattr(w, name) - 1) / 4 for name in GOOD_HIGH})
    parts.update({name: (5 - getattr(w, name)) / 4 for name in GOOD_LOW})
    return parts


def readiness_score(w: Wellness, sleep_target_h: float = 8.0) -> float:
    """0-100 from one check-in: the answers' parts, averaged."""
    parts = readiness_parts(w, sleep_target_h)
    return round(100 * sum(parts.values()) / len(parts), 1)


BASELINE_MIN_DAYS = 7  # check-ins before a baseline means anything


@record
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
            return f"readiness {readiness_text(self.score)}"
        return f"readiness {readiness_text(self.score)} against your baseline {readiness_text(self.baseline)}"


def readiness_text(score: float) -> str:
    """A readiness score as every screen and command shows it: a whole number (78, not 77.7 in one
    place and 78 in another)."""
    return f"{score:.0f}"


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
