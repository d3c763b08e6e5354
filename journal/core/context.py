"""What one planning call works in: the history as plain data, and the caches of that call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pendulum import Date

from .clock import iso_date
from .model import (
    Assessment,
    Enrolment,
    LoggedSet,
    PlannedDay,
    Program,
    Rules,
    Run,
    SessionTemplate,
    Wellness,
)
from .readiness import Readiness, readiness_by_day
from .record import record


@record
class History:
    """The past the engine judges, as plain data (the caller picks the window).

    `wellness` should reach `Rules.baseline_days` before the program's start so
    that readiness has a baseline; `sets` and `runs` cover the program so far
    (and runs the planned ones ahead).
    """

    wellness: tuple[Wellness, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    sets: tuple[LoggedSet, ...] = ()
    runs: tuple[Run, ...] = ()
    tz: str = "UTC"


# --- what the caches of a call hold: a week's placed sessions, a day's plan -----------------


@record
class Placement:
    """What a day of the week holds once its runs are placed: a session or none, and why it is the lighter variant."""
    template: SessionTemplate | None
    notes: tuple[str, ...] = ()
    lighter: str = ""  # why this session is the lighter variant


@record
class WeekPlacement:
    """A week's sessions placed around its runs, and its last full-load heavy lower-body day."""
    days: dict[Date, Placement]
    last_heavy: Date | None  # the week's last full-load heavy lower-body session, when it has one
    lighter: str = ""  # the session the runs made the lighter one this week, when one was


@record
class ExcusedPlan:
    """A day's plan, with the exercises whose version today does not count towards their verdict, and why."""
    day: PlannedDay
    excused: dict[str, str]  # exercise -> why today's version does not count for its verdict


# --- the context one planning call works in -----------------------------------------------


@dataclass
class Context:
    """What one planning call works in: the program, the history, readiness by day, and the weeks and days it has
    placed so far."""
    program: Program
    enrolment: Enrolment
    history: History
    readiness: dict[str, Readiness]
    sets_by_day: dict[tuple[str, str], list[LoggedSet]]  # (date, exercise)
    sets_by_date: dict[str, list[LoggedSet]]
    placements: dict[Date, WeekPlacement] = field(default_factory=dict)  # by Monday
    day_plans: dict[tuple[Date, Date], ExcusedPlan] = field(default_factory=dict)  # (monday, day)

    @classmethod
    def build(cls, program: Program, enrolment: Enrolment, history: History) -> "Context":
        by_day: dict[tuple[str, str], list[LoggedSet]] = {}
        by_date: dict[str, list[LoggedSet]] = {}
        for s in history.sets:
            by_day.setdefault((s.date, s.exercise), []).append(s)
            by_date.setdefault(s.date, []).append(s)
        history = replace(history, runs=tuple(sorted(history.runs, key=lambda r: r.date)))  # running.py bisects
        return cls(program, enrolment, history, readiness_by_day(history.wellness, program.rules), by_day, by_date)

    @property
    def rules(self) -> Rules:
        return self.program.rules

    @property
    def start(self) -> Date:
        return iso_date(self.enrolment.start)

    def sets_of(self, exercise: str, days: Sequence[Date]) -> list[LoggedSet]:
        return [s for d in days for s in self.sets_by_day.get((d.isoformat(), exercise), ())]
