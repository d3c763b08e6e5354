"""The kind a recorded run suggests (race, long, quality, easy), judged against the runner's own
runs, with the reason shown beside it. The runner's word is final: a kind they set is never
suggested over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from .model import Run
from .run_files import TITLE_KINDS
from .units import duration_text, plural

LONG_LOOKBACK_DAYS = 28  # "your longest in 4 weeks"
HR_LOOKBACK_DAYS = 84  # the runner's own max heart rate, from the last 12 weeks
LONG_AT_LEAST_MIN = 60  # nothing shorter is a long run, however short the others
LONG_ANYWAY_MIN = 100  # and this long is long for anyone
HARD_SHARE_OF_MAX = 0.85  # an average heart rate this close to the max is quality work
HARD_AT_LEAST_MIN = 15


def suggest(run: Run, before: Sequence[Run], intervals: bool = False, max_hr: int | None = None) -> tuple[str, str]:
    """(kind, why) for a recorded run, from its title, its laps, its heart rate against the
    runner's max (given, else the highest of their last 12 weeks) and its length against their
    last four weeks. `before` are the runner's runs before it, any order."""
    title = run.title or ""
    for pattern, kind in TITLE_KINDS:
        if kind != "travel" and (word := pattern.search(title)):
            return kind, f"{kind}: {word[0]!r} in the title"
    if intervals:
        return "quality", "quality: its laps alternate work and rest"
    day = date.fromisoformat(run.date)
    minutes = run.minutes or 0

    def within(days: int) -> list[Run]:
        first = (day - timedelta(days=days)).isoformat()
        return [r for r in before if first <= r.date < run.date and r.kind != "travel"]

    ceiling, whose = (max_hr, "the max you gave") if max_hr else (None, "")
    if ceiling is None:
        seen = [r.max_hr for r in within(HR_LOOKBACK_DAYS) if r.max_hr] + ([run.max_hr] if run.max_hr else [])
        if len(seen) >= 3:
            ceiling, whose = max(seen), "your max of the last 12 weeks"
    if run.avg_hr and ceiling and minutes >= HARD_AT_LEAST_MIN and run.avg_hr >= HARD_SHARE_OF_MAX * ceiling:
        return "quality", (f"quality: average heart rate {run.avg_hr}, {run.avg_hr / ceiling:.0%} of {whose} "
                           f"({ceiling})")
    recent = [r.minutes for r in within(LONG_LOOKBACK_DAYS) if r.minutes]
    if minutes >= LONG_ANYWAY_MIN:
        return "long", f"long: {duration_text(minutes)}, {LONG_ANYWAY_MIN} minutes or more"
    if minutes >= LONG_AT_LEAST_MIN and len(recent) >= 3 and minutes > max(recent):
        return "long", f"long: {duration_text(minutes)}, your longest in 4 weeks"
    if not minutes:
        return "easy", "easy: no time recorded, nothing marks it as hard"
    return "easy", f"easy: {duration_text(minutes)}, nothing marks it as hard ({plural(len(recent), 'run')} in 4 weeks)"


def with_suggested_kinds(new: Sequence[tuple[Run, bool]], known: Sequence[Run],
                         max_hr: int | None = None) -> list[Run]:
    """The new runs (each with whether its laps alternate work and rest), oldest first, each
    given its suggested kind: judged against the known runs and the new ones before it."""
    ordered = sorted(new, key=lambda pair: (pair[0].start_utc or pair[0].date))
    history = list(known)
    kinded = []
    for run, intervals in ordered:
        kind, why = suggest(run, history, intervals, max_hr)
        # A race the title names is a C race until the runner says it was an A or a B.
        run = replace(run, kind=kind, kind_reason=why, priority="C" if kind == "race" else None)
        kinded.append(run)
        history.append(run)
    return kinded
