"""Parsing and validating what a lifter types: sets, tempo, RPE, dates, scales.

Every parser returns a clean value or raises EntryError naming the field, so
the CLI, the TUI's validators and the importers refuse bad input the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pendulum
from pendulum import Date

from .clock import iso_date
from .errors import EntryError
from .model import KG_PER_LB

MAX_WEIGHT_KG = 1000.0  # above any human lift: a typo, not a PR
MAX_REPS = 1000
MAX_SECONDS = 24 * 3600
UNITS = ("kg", "lb")

_SET = re.compile(
    r"""^\s*(?:(?P<bw>bw)|(?P<w>[+-]?[0-9]*\.?[0-9]+(?:e[+-]?\d+)?|nan|inf|infinity)\s*(?P<unit>kg|kgs|lb|lbs)?)
        \s*[x×*]\s*(?P<reps>\S+)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEMPO = re.compile(r"^([0-9X])-?([0-9X])-?([0-9X])-?([0-9X])$", re.IGNORECASE)


@dataclass(frozen=True)
class SetEntry:
    weight: float | None  # as typed, in `unit`; None for bodyweight
    unit: str
    weight_kg: float | None
    reps: int


def to_kg(weight: float, unit: str) -> float:
    """Exact conversion, cleaned of float noise at a precision no scale reaches."""
    kg = weight * KG_PER_LB if unit == "lb" else weight
    return round(kg, 6)


def parse_weight(text: str | float, unit: str, field: str = "weight") -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise EntryError(field, f"{text!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise EntryError(field, f"{text!r} is not a real weight")
    if value < 0:
        raise EntryError(field, f"{text!r} is negative")
    if to_kg(value, unit) > MAX_WEIGHT_KG:
        raise EntryError(field, f"{text} {unit} is more than anyone lifts ({MAX_WEIGHT_KG:g} kg)")
    return value


def parse_reps(text: str | int, field: str = "reps") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"\d+", raw):
        raise EntryError(field, f"{text!r} is not a positive whole number")
    value = int(raw)
    if value < 1:
        raise EntryError(field, f"{text!r} is not a positive whole number")
    if value > MAX_REPS:
        raise EntryError(field, f"{value} is more reps than a set can have ({MAX_REPS})")
    return value


def parse_seconds(text: str | float, field: str = "seconds") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"\d+", raw) or int(raw) < 1:
        raise EntryError(field, f"{text!r} is not a positive whole number of seconds")
    value = int(raw)
    if value > MAX_SECONDS:
        raise EntryError(field, f"{value} s is longer than a day")
    return value


def parse_unit(text: str, field: str = "unit") -> str:
    unit = text.strip().lower().rstrip("s")
    if unit not in UNITS:
        raise EntryError(field, f"{text!r} is not kg or lb")
    return unit


def parse_set(text: str, default_unit: str = "kg") -> SetEntry:
    """`80x5`, `80kgx5`, `175lbx5`, `0x8`, `BWx8` -> a SetEntry in kg."""
    match = _SET.match(text or "")
    if not match:
        raise EntryError("set", f"{text!r} is not WEIGHTxREPS (for example 80x5, 175lbx5 or BWx8)")
    reps = parse_reps(match["reps"])
    if match["bw"]:
        return SetEntry(None, default_unit, None, reps)
    unit = parse_unit(match["unit"]) if match["unit"] else default_unit
    weight = parse_weight(match["w"], unit)
    return SetEntry(weight, unit, to_kg(weight, unit), reps)


def parse_tempo(text: str | None) -> str | None:
    """`3-1-X-0` or `31X0` -> `3-1-X-0`; eccentric, pause, concentric, pause."""
    if text is None or str(text).strip() == "":
        return None
    match = _TEMPO.match(str(text).strip())
    if not match:
        raise EntryError(
            "tempo", f"{text!r} is not four phases like 3-1-X-0 (digits, X for explosive)"
        )
    return "-".join(part.upper() for part in match.groups())


def tempo_seconds(tempo: str | None) -> int | None:
    """Seconds per rep of a tempo, X counting as 1 s."""
    if not tempo:
        return None
    return sum(1 if p == "X" else int(p) for p in tempo.split("-"))


def parse_rpe(text: str | float | None, low: float = 6.0) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise EntryError("rpe", f"{text!r} is not a number") from None
    if not (low <= value <= 10) or (value * 2) != int(value * 2):
        raise EntryError("rpe", f"{text!r} is not between {low:g} and 10 in half steps")
    return value


def parse_side(text: str | None) -> str | None:
    if text is None or str(text).strip() == "":
        return None
    side = str(text).strip().upper()
    if side not in ("L", "R"):
        raise EntryError("side", f"{text!r} is not L or R")
    return side


def parse_scale(text: str | int, field: str, low: int = 1, high: int = 5) -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"-?\d+", raw) or not (low <= int(raw) <= high):
        raise EntryError(field, f"{text!r} is not a whole number from {low} to {high}")
    return int(raw)


def parse_number(text: str | float, field: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise EntryError(field, f"{text!r} is not a number") from None
    if math.isnan(value) or not (low <= value <= high):
        raise EntryError(field, f"{text!r} is not between {low:g} and {high:g}")
    return value


def parse_date(text: str | None, today: Date, field: str = "date") -> Date:
    """An ISO date, or `today` / `yesterday` / `tomorrow` relative to the lifter's today."""
    if text is None:
        return today
    raw = str(text).strip().lower()
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if raw in relative:
        return today.add(days=relative[raw])
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise EntryError(field, f"{text!r} is not a date like 2026-09-07")
    try:
        return iso_date(raw)
    except ValueError:
        raise EntryError(field, f"{text!r} is not a real calendar date") from None


def parse_iso_week(text: str) -> Date:
    """`2026-W37` -> the Monday of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{2})", text.strip(), re.IGNORECASE)
    if not match:
        raise EntryError("week", f"{text!r} is not an ISO week like 2026-W37")
    year, week = int(match[1]), int(match[2])
    try:
        monday = pendulum.Date.fromisocalendar(year, week, 1)
    except ValueError:
        raise EntryError("week", f"{text!r} has no week {week}") from None
    return pendulum.date(monday.year, monday.month, monday.day)
