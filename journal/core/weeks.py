"""The calendar of a program: blocks, weeks and their phases, and the sessions a week holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from functools import cached_property

from pendulum import Date

from .clock import iso_date
from .model import (
    WEEKDAYS,
    Assessment,
    Block,
    Enrolment,
    Gates,
    Program,
    SessionTemplate,
    Slot,
)
from .progression import Target
from .record import record

PLYOMETRICS_LOCKED = "plyometrics locked"


# --- calendar: blocks, weeks, phases --------------------------------------------------------


def monday_of(day: Date) -> Date:
    return day.subtract(days=day.weekday())


def coming_monday(day: Date) -> Date:
    """A program's default first day: `day` if it is a Monday, else the next one, so that
    week 1 is a whole week."""
    return day if day.weekday() == 0 else monday_of(day).add(weeks=1)


def gates_missing(gates: Gates, assessments: Sequence[Assessment], until: Date) -> list[str]:
    """Which plyometric readiness tests are not yet passed by a date (latest result counts)."""
    latest: dict[tuple[str, str | None], float] = {}
    for a in sorted(assessments, key=lambda a: a.date):
        if a.date <= until.isoformat():
            latest[(a.test, a.side)] = a.value
    missing = []
    for test, minimum in (("knee_to_wall_cm", gates.knee_to_wall_cm),
                          ("single_leg_balance_s", gates.single_leg_balance_s),
                          ("single_leg_calf_raises", gates.single_leg_calf_raises),
                          ("single_leg_squat_quality", gates.single_leg_squat_quality)):
        for side in ("L", "R"):
            value = latest.get((test, side), latest.get((test, None)))
            if value is None:
                missing.append(f"{test} {side} not tested (need ≥ {minimum:g})")
            elif value < minimum:
                missing.append(f"{test} {side} {value:g} (need ≥ {minimum:g})")
    pain = [v for (test, _), v in latest.items() if test == "pain"]
    if pain and max(pain) > gates.pain_max:
        missing.append(f"pain {max(pain):g} (need ≤ {gates.pain_max:g})")
    return missing


SHOWN_DAYS = 56  # what a lifter has shown: their best over the last eight weeks
BREAK_DAYS = 7  # this many days without gym work, and the first week back starts lighter


@record
class Shown:
    """What the lifter had lifted by a week's Monday: the ceiling a load must stay near, and the
    point a return after a break starts below. Fixed for the week, as its targets are."""

    best_e1rm: dict[str, float] = field(default_factory=dict)  # program exercise -> over SHOWN_DAYS
    last_kg: dict[str, float] = field(default_factory=dict)  # program exercise -> its last working load
    last_gym: str | None = None  # ISO date of the last set logged
    returned: str | None = None  # the first gym day after a break, when it was in the week before
    break_days: int = 0  # ... the days away before it
    before_break_kg: dict[str, float] = field(default_factory=dict)  # ... and the loads lifted before it

    def to_record(self) -> dict:
        return {"best_e1rm": self.best_e1rm, "last_kg": self.last_kg, "last_gym": self.last_gym,
                "returned": self.returned, "break_days": self.break_days, "before_break_kg": self.before_break_kg}

    @classmethod
    def from_record(cls, record: dict) -> "Shown":
        return cls(dict(record["best_e1rm"]), dict(record["last_kg"]), record["last_gym"], record["returned"],
                   record["break_days"], dict(record["before_break_kg"]))

    def break_before(self, day: Date, gym_days: Sequence[str]) -> tuple[int, dict[str, float]] | None:
        """The break `day` comes back from, if it is in the first week back: the days away and the
        loads lifted before them. `gym_days` are the week's days with sets before `day`, known
        since its Monday (a break can end or begin mid-week)."""
        days = [self.last_gym, *sorted(gym_days)] if self.last_gym else sorted(gym_days)
        if not days:
            return None
        if (away := (day - iso_date(days[-1])).days - 1) >= BREAK_DAYS:
            return away, self.last_kg
        for before, back in zip(days, days[1:]):
            if (away := (iso_date(back) - iso_date(before)).days - 1) >= BREAK_DAYS and \
                    (day - iso_date(back)).days < BREAK_DAYS:
                return away, self.last_kg
        if self.returned and (day - iso_date(self.returned)).days < BREAK_DAYS:
            return self.break_days, self.before_break_kg
        return None


@record
class Week:
    """A week of the program: its block, week and phase, why it is there, and the targets its microcycle carries."""
    monday: Date
    block: Block
    week: int  # 1-based within the block
    phase: str  # build | deload
    note: str = ""  # why this block, when it is not simply the next one
    deload_reason: str = ""  # what pulled this deload forward; empty when scheduled
    targets: dict[str, Target] = field(default_factory=dict)  # as the microcycle judged them
    cycle_week: int = 0  # build weeks of this microcycle before this one (the ramp's step)
    last_heavy: Date | None = None  # the last full-load heavy lower-body session planned before this week
    last_lighter: str = ""  # the session the runs last made the lighter one, in a build week: it rotates
    shown: Shown = field(default_factory=Shown)  # as of this Monday
    shown_before: Shown = field(default_factory=Shown)  # as of the Monday before (a deload cuts from that week)

    @cached_property
    def _days(self) -> tuple[Date, ...]:
        return tuple(self.monday.add(days=n) for n in range(7))

    def days(self) -> list[Date]:
        return list(self._days)


def session_for(program: Program, block: Block, day: Date) -> SessionTemplate | None:
    weekday = WEEKDAYS[day.weekday()]
    for session in program.sessions:
        if session.day == weekday and (not session.blocks or block.kind in session.blocks):
            return session
    return None


def active_slots(template: SessionTemplate, block: Block, enrolment: Enrolment) -> list[Slot]:
    return [slot for slot in template.slots
            if (not slot.blocks or block.kind in slot.blocks)
            and (slot.emphasis is None or slot.emphasis == enrolment.emphasis)]


def is_heavy(template: SessionTemplate, block: Block, enrolment: Enrolment) -> bool:
    return any(slot.heavy_lower for slot in active_slots(template, block, enrolment))
