"""The card at a session's end: how long it took, the sets done and skipped, the volume, and
what comes next."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .model import LoggedSet, PlannedDay
from .record import record
from .summary import volume_kg


@record
class SessionReport:
    """One finished session at a glance: what the card at its end shows."""

    name: str | None
    minutes: int  # from the first set to the last
    sets: int  # done, warm-ups apart
    skipped: int
    volume_kg: float
    readiness: float | None
    next_session: PlannedDay | None


def session_report(sets: Sequence[LoggedSet], name: str | None, readiness: float | None,
                   next_session: PlannedDay | None) -> SessionReport:
    done = [s for s in sets if s.set_type not in ("skipped", "warmup")]
    times = sorted(datetime.fromisoformat(s.logged_at).timestamp() for s in sets if s.set_type != "skipped")
    return SessionReport(name, round((times[-1] - times[0]) / 60) if times else 0, len(done),
                         sum(s.set_type == "skipped" for s in sets), round(sum(volume_kg(s) for s in done), 1),
                         readiness, next_session)
