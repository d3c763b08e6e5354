"""Personal records as they happen: a set that beats every earlier one of its exercise."""

from __future__ import annotations

from collections.abc import Sequence

from .model import LoggedSet
from .loads import COUNTED_SET_TYPES, epley_e1rm
from .record import record
from .units import in_unit, load_text


def _estimate(kg: float, unit: str) -> str:
    """An estimated 1RM to a tenth, in the lifter's unit (an estimate is no plate to load)."""
    return f"{round(in_unit(kg, unit), 1):g} {unit}"


@record
class Record:
    """A record a set set, best e1RM or most reps at a load, and what it beat."""
    exercise: str
    kind: str  # "e1RM" or "reps"
    value: float  # the e1RM in kg (unrounded: shown to a tenth in the lifter's unit), or the reps
    previous: float
    weight_kg: float  # the load the set was done at

    def text(self, unit: str) -> str:
        """`Back squat: best e1RM 46.7 kg (+2.3 kg)`, `Back squat: most reps at 40 kg, 8 (+2)`."""
        if self.kind == "e1RM":
            return (f"{self.exercise}: best e1RM {_estimate(self.value, unit)} "
                    f"(+{_estimate(self.value - self.previous, unit)})")
        return f"{self.exercise}: most reps at {load_text(self.weight_kg, unit)}, {self.value:g} (+{self.value - self.previous:g})"


def records_set_by(logged: LoggedSet, best_e1rm_before: float | None, most_reps_before: int | None,
                   earlier_today: Sequence[LoggedSet]) -> list[Record]:
    """The records `logged` sets, against the best of the days before it (from the store's record
    indexes) and the sets logged before it that day. A first set of an exercise sets none."""
    if logged.set_type not in COUNTED_SET_TYPES or not logged.weight_kg or not logged.reps:
        return []
    earlier = [s for s in earlier_today if s.exercise == logged.exercise and s.set_type in COUNTED_SET_TYPES
               and s.weight_kg and s.reps]
    found = []
    scores = [epley_e1rm(s.weight_kg, s.reps, s.rpe) for s in earlier] + (
        [best_e1rm_before] if best_e1rm_before else [])
    score = epley_e1rm(logged.weight_kg, logged.reps, logged.rpe)
    # A set that lifted no more than an earlier one (as heavy or heavier, as many reps or more)
    # is no record, whatever its RPE makes of the estimate.
    outdone = (most_reps_before is not None and most_reps_before >= logged.reps) or any(
        s.weight_kg >= logged.weight_kg - 0.01 and s.reps >= logged.reps for s in earlier)
    if scores and not outdone and round(score, 1) > round(max(scores), 1):
        found.append(Record(logged.exercise, "e1RM", score, max(scores), logged.weight_kg))
    reps = [s.reps for s in earlier if s.weight_kg >= logged.weight_kg - 0.01] + (
        [most_reps_before] if most_reps_before is not None else [])
    if reps and logged.reps > max(reps):
        found.append(Record(logged.exercise, "reps", logged.reps, max(reps), logged.weight_kg))
    return found
