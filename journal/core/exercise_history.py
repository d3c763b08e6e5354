"""One exercise's history as the lifter reads it: session by session, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from .model import LoggedSet
from .loads import best_e1rm
from .record import record
from .units import in_unit


@record
class ExerciseSession:
    """The sets of one exercise in one session, in the order they were done."""

    date: str
    session_id: str | None
    sets: tuple[LoggedSet, ...]
    best_e1rm_kg: float | None

    @property
    def done(self) -> tuple[LoggedSet, ...]:
        return tuple(s for s in self.sets if s.set_type != "skipped")


@record
class ExerciseHistory:
    """One exercise's sessions, newest first, each with its sets and best e1RM."""
    exercise: str
    unit: str
    sessions: tuple[ExerciseSession, ...]  # newest first

    @property
    def best_e1rm_kg(self) -> float | None:
        return max((s.best_e1rm_kg for s in self.sessions if s.best_e1rm_kg), default=None)

    def to_json(self) -> dict:
        def amount(kg: float | None) -> float | None:
            return in_unit(kg, self.unit) if kg is not None else None

        return {
            "exercise": self.exercise, "unit": self.unit, "best_e1rm": amount(self.best_e1rm_kg),
            "sessions": [{"date": s.date, "best_e1rm": amount(s.best_e1rm_kg),
                          "sets": [{"set_index": x.set_index, "set_type": x.set_type,
                                    "weight": amount(x.weight_kg), "reps": x.reps, "seconds": x.seconds,
                                    "side": x.side, "rpe": x.rpe, "notes": x.notes} for x in s.sets]}
                         for s in self.sessions]}


def exercise_history(exercise: str, newest_first: Sequence[LoggedSet], unit: str) -> ExerciseHistory:
    """Sets of one exercise (newest first) grouped by the session they belong to."""
    grouped: dict[tuple[str, str | None], list[LoggedSet]] = {}
    for logged in newest_first:
        grouped.setdefault((logged.date, logged.session_id), []).append(logged)
    return ExerciseHistory(exercise, unit, tuple(
        ExerciseSession(date, session_id, tuple(reversed(sets)), best_e1rm(sets))
        for (date, session_id), sets in grouped.items()))
