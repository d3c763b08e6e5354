"""Working through an exercise's sets: which set (and side) comes next, and how each is numbered."""

from __future__ import annotations

from collections.abc import Sequence

from .model import LoggedSet, Prescription, WarmUp
from .record import record


@record
class NextSet:
    """The set to log next: its number and, in unilateral work, its side."""
    number: int  # 1-based set number
    side: str | None  # L then R for unilateral work


def planned_set_count(p: Prescription) -> int:
    """Rows a finished exercise has: unilateral sets are logged once per side."""
    return p.sets * (2 if p.unilateral else 1)


def side_of(row: int) -> str:
    """One-sided work goes left, then right: the side of a set's `row`-th logged row."""
    return "L" if row % 2 == 0 else "R"


def set_position(p: Prescription, row: int) -> NextSet:
    """Which set (and side) the `row`-th logged row of an exercise is, counting from 0."""
    return NextSet(row // 2 + 1, side_of(row)) if p.unilateral else NextSet(row + 1, None)


def set_label(logged: LoggedSet, earlier: Sequence[LoggedSet]) -> str:
    """How a logged row is numbered everywhere (the set list, the undo dialog, `journal log`):
    warm-ups W1, W2...; working sets 1, 2..., with their side (1L, 1R); counted among `earlier`,
    the rows logged before it that day (other exercises and sessions are passed over)."""
    same = [s for s in earlier if s.exercise == logged.exercise and s.session_id == logged.session_id]
    if logged.set_type == "warmup":
        return f"W{sum(s.set_type == 'warmup' for s in same) + 1}"
    rows = sum(s.set_type != "warmup" for s in same)
    return f"{rows // 2 + 1}{logged.side}" if logged.side else str(rows + 1)


def whole_sets_done(p: Prescription, rows: int) -> int:
    """Sets finished after `rows` logged rows: a one-sided set needs both sides."""
    return rows // 2 if p.unilateral else rows


def working_sets(logged: Sequence[LoggedSet]) -> list[LoggedSet]:
    """The rows that count towards an exercise's sets: everything but its warm-ups."""
    return [s for s in logged if s.set_type != "warmup"]


def warm_ups_left(p: Prescription, logged: Sequence[LoggedSet]) -> tuple[WarmUp, ...]:
    """The warm-ups of `p` still to do, given its sets logged so far: none once a working set is in."""
    if working_sets(logged):
        return ()
    return p.warmups[sum(s.set_type == "warmup" for s in logged):]


def next_set(p: Prescription, done: int) -> NextSet | None:
    """The set after `done` logged (or skipped) rows; None when the exercise is finished."""
    return None if done >= planned_set_count(p) else set_position(p, done)
