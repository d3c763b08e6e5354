"""The injected clock: every "now" and "today" in the journal comes from here.

Tests pass a FixedClock so nothing depends on the real date or the machine's
timezone; the app passes a SystemClock in the lifter's timezone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pendulum
from pendulum import Date, DateTime


class Clock(Protocol):
    tz: str

    def now(self) -> DateTime: ...


def timezone_warning(environ: Mapping[str, str] = os.environ) -> str | None:
    """What to say once when the system's TZ names no zone this machine knows (the clock then
    runs in UTC, and "today" can be the wrong day); None when it is fine or unset."""
    value = environ.get("TZ")
    if not value or environ.get("JOURNAL_TZ"):
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value.removeprefix(":"))
        return None
    except (ZoneInfoNotFoundError, ValueError):
        return (f"TZ={value!r} is not a timezone this machine knows, so the journal runs in UTC; "
                "set TZ or JOURNAL_TZ to a name like Europe/London")


def today(clock: Clock) -> Date:
    """The lifter's calendar date: 'today' is computed in their timezone."""
    return clock.now().in_timezone(clock.tz).date()


@dataclass
class SystemClock:
    """The machine's clock, in the lifter's time zone."""
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


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY_TOKENS = {
    "dddd": lambda day: _WEEKDAYS[day.weekday()],
    "ddd": lambda day: _WEEKDAYS[day.weekday()][:3],
    "D": lambda day: str(day.day),
    "MMM": lambda day: _MONTHS[day.month - 1],
    "YYYY": lambda day: str(day.year),
}


def day_text(day: Date, spec: str) -> str:
    """A day as the lifter reads it, in pendulum's tokens (`ddd D MMM` is `Mon 7 Sep`), as
    pendulum's English writes it: pendulum loads its locale files on the first `format` (about
    15 ms, on the way to the first screen), for names that are only ever English here."""
    return " ".join(_DAY_TOKENS[token](day) for token in spec.split(" "))
