"""The injected clock: every "now" and "today" in the journal comes from here.

Tests pass a FixedClock so nothing depends on the real date or the machine's
timezone; the app passes a SystemClock in the lifter's timezone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import pendulum
from pendulum import Date, DateTime


class Clock(Protocol):
    tz: str

    def now(self) -> DateTime: ...


def today(clock: Clock) -> Date:
    """The lifter's calendar date: 'today' is computed in their timezone."""
    return clock.now().in_timezone(clock.tz).date()


@dataclass
class SystemClock:
    tz: str = field(default_factory=lambda: pendulum.local_timezone().name)

    def now(self) -> DateTime:
        return pendulum.now(self.tz)


@dataclass
class FixedClock:
    """A clock that only moves when told to: for tests, demos and screenshots."""

    at: DateTime
    tz: str = "UTC"

    @classmethod
    def at_local(cls, iso: str, tz: str = "Europe/London") -> "FixedClock":
        return cls(pendulum.parse(iso, tz=tz), tz)

    def now(self) -> DateTime:
        return self.at.in_timezone(self.tz)

    def advance(self, seconds: float) -> None:
        self.at = self.at.add(microseconds=int(seconds * 1_000_000))


def iso_date(text: str) -> Date:
    """A stored YYYY-MM-DD as a pendulum Date."""
    parsed = Date.fromisoformat(text)
    return pendulum.date(parsed.year, parsed.month, parsed.day)


def iso_week(day: Date) -> str:
    """`2026-W48`: the ISO week a day falls in."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
