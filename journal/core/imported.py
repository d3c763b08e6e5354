"""A set as an import brings it: the store's input for an import, whatever file it came from.
Its own module, so that opening the journal does not build a class only imports use."""

from __future__ import annotations

from .model import LoggedSet, Pillar, SetType
from .record import record


@record
class ImportedSet:
    """A set read from another app or a journal export, normalised, with the workout (session)
    it belongs to: what the store stores for an import."""

    id: str
    line: int
    date: str
    logged_at: str  # UTC ISO 8601
    tz: str
    exercise: str
    set_index: int
    set_type: SetType
    weight: float | None
    unit: str
    weight_kg: float | None
    reps: int | None
    seconds: float | None
    distance_m: float | None
    rpe: float | None
    rest_s: int | None
    notes: str | None
    side: str | None = None
    tempo: str | None = None
    session_id: str = ""
    session: str | None = None
    session_kind: str | None = None
    block: str | None = None
    week: int | None = None
    session_notes: str | None = None
    duration_s: int | None = None
    source: str = "import"
    pillar: Pillar | None = None
    legacy_id: str | None = None  # the id an older journal gave it (with the importer's offset)
    session_started_at: str | None = None  # UTC; default: the set's own time
    session_by_date: bool = False  # an export from before sessions had ids: its day's session


def the_same_set(a: ImportedSet | LoggedSet, b: ImportedSet | LoggedSet) -> bool:
    """Two records of one set id that say the same: a file imported again, not a clash."""
    def close(x: float | None, y: float | None) -> bool:
        return (x is None) == (y is None) and (x is None or abs(x - y) < 1e-6)  # type: ignore[operator]

    return (a.date, a.exercise, a.set_type, a.reps, a.side) == (b.date, b.exercise, b.set_type, b.reps, b.side) \
        and close(a.weight_kg, b.weight_kg) and close(a.seconds, b.seconds)
