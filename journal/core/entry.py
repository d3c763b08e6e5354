"""Parsing and validating what a lifter types: sets, tempo, RPE, dates, scales.

Every parser returns a clean value or raises EntryError naming the field, so
the CLI, the TUI's validators and the importers refuse bad input the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date

from .clock import iso_date
from .errors import EntryError
from .record import record
from .units import in_unit, to_kg

if TYPE_CHECKING:
    from .model import Prescription, Wellness

MAX_WEIGHT_KG = 1000.0  # above any human lift: a typo, not a PR
MIN_WEIGHT = 0.1  # lighter than any plate: a typo (0 or BW is bodyweight)
MAX_REPS = 1000
MAX_SECONDS = 24 * 3600
UNITS = ("kg", "lb")
# Dates a training journal can mean; outside them a date is a typo, and far ones overflow
# the offset arithmetic of some timezones.
EARLIEST = pendulum.date(1900, 1, 1)
LATEST = pendulum.date(2200, 12, 31)

_SET = re.compile(
    r"""^\s*(?:(?P<bw>bw)|(?P<w>[+-]?[0-9]*\.?[0-9]+(?:e[+-]?\d+)?|nan|inf|infinity)\s*(?P<unit>kg|kgs|lb|lbs)?)
        \s*[x×*]\s*(?P<reps>\S+)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEMPO = re.compile(r"^([0-9X])-?([0-9X])-?([0-9X])-?([0-9X])$", re.IGNORECASE)


@record
class SetInput:
    """One set as the lifter gave it, every value parsed and checked: what the journal logs.
    Built at the edge: from the command line's text, from the screen's fields, or from a
    prescription logged as it stands."""

    weight: float | None  # as loaded, in `unit`; None for bodyweight
    unit: str
    weight_kg: float | None
    reps: int | None = None
    seconds: int | None = None  # a hold, or a carry's time (`18x30s`)
    side: str | None = None  # None: the next side in order, for one-sided work
    tempo: str | None = None
    rpe: float | None = None
    notes: str | None = None
    set_type: str = "working"

    @classmethod
    def at_load(cls, weight_kg: float | None, unit: str, **details: object) -> "SetInput":
        """A set at a load the coach gave in kg, shown as the lifter loads it."""
        return cls(in_unit(weight_kg, unit) if weight_kg else None, unit, weight_kg, **details)  # type: ignore[arg-type]

    @classmethod
    def prescribed(cls, p: Prescription, side: str | None = None) -> "SetInput":
        """The set exactly as prescribed: what one key logs."""
        reps = p.target_reps
        return cls.at_load(p.weight_kg, p.unit, reps=reps, seconds=p.seconds if reps is None else None,
                           tempo=p.tempo, side=side)


def _float(text: str | float, field: str) -> float:
    """A number written with ASCII digits (float() alone also takes other scripts' digits)."""
    if isinstance(text, str) and not text.isascii():
        raise EntryError(field, f"{text!r} is not a number (use the digits 0-9)")
    try:
        return float(text)
    except (TypeError, ValueError):
        raise EntryError(field, f"{text!r} is not a number") from None


def parse_weight(text: str | float, unit: str, field: str = "weight") -> float:
    value = _float(text, field)
    if math.isnan(value) or math.isinf(value):
        raise EntryError(field, f"{text!r} is not a real weight")
    if value < 0:
        raise EntryError(field, f"{text!r} is negative")
    if 0 < value < MIN_WEIGHT:
        raise EntryError(field, f"{text!r} is lighter than any plate (use BW or 0 for bodyweight)")
    if to_kg(value, unit) > MAX_WEIGHT_KG:
        raise EntryError(field, f"{text} {unit} is more than anyone lifts ({MAX_WEIGHT_KG:g} kg)")
    return value


def parse_reps(text: str | int, field: str = "reps") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"[0-9]+", raw):
        raise EntryError(field, f"{text!r} is not a positive whole number")
    value = int(raw)
    if value < 1:
        raise EntryError(field, f"{text!r} is not a positive whole number")
    if value > MAX_REPS:
        raise EntryError(field, f"{value} is more reps than a set can have ({MAX_REPS})")
    return value


def parse_seconds(text: str | float, field: str = "seconds") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) < 1:
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


def parse_set(text: str, default_unit: str = "kg") -> SetInput:
    """`80x5`, `80kgx5`, `175lbx5`, `0x8`, `BWx8`, or `18x30s` for a carry -> a SetEntry in kg."""
    match = _SET.match(text or "")
    if not match:
        raise EntryError("set", f"{text!r} is not WEIGHTxREPS or WEIGHTxSECONDSs "
                                "(for example 80x5, 175lbx5, BWx8 or 18x30s)")
    count = match["reps"]
    timed = count.lower().endswith("s") and count[:-1].isascii() and count[:-1].isdigit()
    reps, seconds = (None, parse_seconds(count[:-1])) if timed else (parse_reps(count), None)
    if match["bw"]:
        return SetInput(None, default_unit, None, reps, seconds)
    unit = parse_unit(match["unit"]) if match["unit"] else default_unit
    weight = parse_weight(match["w"], unit)
    return SetInput(weight, unit, to_kg(weight, unit), reps, seconds)


_WEIGHT_WITH_UNIT = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(kg|kgs|lb|lbs)?\s*", re.IGNORECASE)


def _weight_with_unit(text: object, default_unit: str) -> tuple[str, str] | None:
    """`40lb` -> ('40', 'lb'); a bare number takes `default_unit`; None when it is no weight."""
    match = _WEIGHT_WITH_UNIT.fullmatch(str(text))
    return (match[1], parse_unit(match[2]) if match[2] else default_unit) if match else None


def parse_load(text: str, default_unit: str = "kg") -> SetInput:
    """A load alone (`18`, `40lb`, `BW`), for a hold or carry timed with --seconds."""
    if (text or "").strip().lower() == "bw":
        return SetInput(None, default_unit, None, None)
    found = _weight_with_unit(text or "", default_unit)
    if found is None:
        raise EntryError("set", f"{text!r} is not a load like 18 or 40lb (the time goes in seconds)")
    weight = parse_weight(found[0], found[1])
    return SetInput(weight, found[1], to_kg(weight, found[1]), None)


MAX_NAME = 80  # a session or exercise name: it must fit a line of the screen
MAX_TITLE = 200  # a run's title, as running apps let them grow
MAX_NOTE = 2000  # a note on a set, a check-in or a session


def parse_text(text: str | None, field: str, limit: int) -> str | None:
    """Free text from the lifter, kept as typed, up to `limit` characters (None when empty)."""
    if text is None or text == "":
        return None
    if len(text) > limit:
        raise EntryError(field, f"is {len(text):,} characters long; keep it to {limit:,}")
    return text


def _given(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def parse_set_input(text: str | None, unit: str, *, seconds: str | int | None = None, tempo: str | None = None,
                    rpe: str | float | None = None, side: str | None = None, notes: str | None = None,
                    set_type: str = "working") -> SetInput:
    """A set typed as text, as the command line takes it: `80x5`, `175lbx5`, `BWx8`, `18x30s`, or a
    load with `seconds` for a hold or carry, or `seconds` alone for a hold."""
    entry = SetInput(None, unit, None, None)
    if text is not None:
        timed_load = not re.search(r"[x×*]", text, re.IGNORECASE) and _given(seconds)
        entry = parse_load(text, unit) if timed_load else parse_set(text, unit)
    if _given(seconds):
        if entry.seconds is not None:
            raise EntryError("seconds", "give the time once: in the set (18x30s) or as seconds, not both")
        entry = replace(entry, seconds=parse_seconds(seconds))  # type: ignore[arg-type]
    if entry.reps is None and entry.seconds is None:
        raise EntryError("set", "give WEIGHTxREPS (80x5, BWx8), WEIGHTxSECONDSs (18x30s), or seconds for a hold")
    return replace(entry, side=parse_side(side), tempo=parse_tempo(tempo), rpe=parse_rpe(rpe),
                   notes=parse_text(notes, "notes", MAX_NOTE), set_type=set_type)


def set_from_fields(unit: str, *, weight: str = "", reps: str = "", seconds: str = "", side: str = "",
                    tempo: str = "", rpe: str = "") -> SetInput:
    """A set from a form's fields, each typed on its own: the weight in `unit` (blank: bodyweight)."""
    kg = to_kg(parse_weight(weight, unit), unit) if _given(weight) else None
    entry = SetInput(parse_weight(weight, unit) if kg else None, unit, kg,
                     parse_reps(reps) if _given(reps) else None,
                     parse_seconds(seconds) if _given(seconds) else None,
                     parse_side(side), parse_tempo(tempo), parse_rpe(rpe))
    if entry.reps is None and entry.seconds is None:
        raise EntryError("reps", "give the reps done, or the seconds for a hold or carry")
    return entry


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
    value = _float(text, "rpe")
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
    if not re.fullmatch(r"-?[0-9]+", raw) or not (low <= int(raw) <= high):
        raise EntryError(field, f"{text!r} is not a whole number from {low} to {high}")
    return int(raw)


def parse_number(text: str | float, field: str, low: float, high: float, whole: bool = False) -> float:
    value = _float(text, field)
    if math.isnan(value) or not (low <= value <= high):
        raise EntryError(field, f"{text!r} is not between {low:g} and {high:g}")
    if whole and value != int(value):
        raise EntryError(field, f"{text!r} is not a whole number")
    return value


# What real kit weighs, in kg: a bar, one plate, a dumbbell or kettlebell, a machine's step.
KIT_RANGES_KG = {"bar": (5.0, 50.0), "plates": (0.25, 50.0), "dumbbells": (0.5, 100.0),
                 "kettlebells": (2.0, 100.0), "machine-step": (0.25, 25.0)}
KIT_NAMES = {"bar": "bars", "machine-step": "machine steps"}


def parse_kit_weight(text: str, unit: str, field: str) -> float:
    """One weight of a piece of kit (`field` names it, as KIT_RANGES_KG does), in kg."""
    kg = parse_positive_weight(text, unit, field)
    low, high = KIT_RANGES_KG[field]
    if not low <= kg <= high:
        shown = f"{in_unit(low, unit):g}-{in_unit(high, unit):g} {unit}"
        raise EntryError(field, f"{text!r} is outside the weights {KIT_NAMES.get(field, field)} come in ({shown})")
    return kg


def parse_weight_list(text: str, unit: str, field: str) -> tuple[float, ...]:
    """`8,12,16` in the lifter's unit -> the weights in kg, lightest first, each one real kit."""
    values = tuple(sorted({parse_kit_weight(part.strip(), unit, field)
                           for part in str(text).split(",") if part.strip()}))
    if not values:
        raise EntryError(field, f"{text!r} is not a list of weights like 8,12,16")
    return values


def parse_kg(text: str | float, default_unit: str, field: str) -> float:
    """A weight with its unit (`60kg`, `135lb`), or a bare number in `default_unit`, in kg: the one
    reading of a typed weight for starting loads and equipment."""
    found = _weight_with_unit(str(text).strip(), default_unit)
    if found is None:
        raise EntryError(field, f"{text!r} is not a weight like 60kg or 135lb")
    return to_kg(parse_weight(found[0], found[1], field), found[1])


def parse_positive_weight(text: str, unit: str, field: str) -> float:
    kg = parse_kg(text, unit, field)
    if kg <= 0:
        raise EntryError(field, f"{text!r} must be more than 0")
    return kg


def parse_bodyweight(text: str | float, units: str) -> float:
    """`75kg`, `165lb`, or a bare number in the enrolled unit -> kg (a runner's, 25-300 kg)."""
    found = _weight_with_unit(text, units)
    if found is None:
        raise EntryError("bodyweight", f"{text!r} is not a weight like 75kg or 165lb")
    kg = to_kg(float(found[0]), found[1])
    if not 25 <= kg <= 300:
        raise EntryError("bodyweight", f"{text!r} ({kg:.1f} kg) is not between 25 and 300 kg")
    return round(kg, 3)


def check_date(day: Date, field: str = "date") -> Date:
    if not (EARLIEST <= day <= LATEST):
        raise EntryError(field, f"{day.isoformat()} is not between {EARLIEST.year} and {LATEST.year}")
    return day


def parse_timezone(name: str, field: str = "tz") -> str:
    """A timezone name as the tz database spells it (Europe/London, UTC): other spellings that
    some libraries accept (utc, Europe/london, +05:00) are refused, since exports need the real name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise EntryError(field, f"{name!r} is not a timezone name like Europe/London or UTC") from None
    return name


def parse_date(text: str | None, today: Date, field: str = "date") -> Date:
    """An ISO date, or `today` / `yesterday` / `tomorrow` relative to the lifter's today."""
    if text is None:
        return today
    raw = str(text).strip().lower()
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if raw in relative:
        return today.add(days=relative[raw])
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        raise EntryError(field, f"{text!r} is not a date like 2026-09-07")
    try:
        day = iso_date(raw)
    except ValueError:
        raise EntryError(field, f"{text!r} is not a real calendar date") from None
    return check_date(day, field)


def parse_iso_week(text: str) -> Date:
    """`2026-W37` -> the Monday of that ISO week."""
    match = re.fullmatch(r"([0-9]{4})-?W([0-9]{2})", text.strip(), re.IGNORECASE)
    if not match:
        raise EntryError("week", f"{text!r} is not an ISO week like 2026-W37")
    year, week = int(match[1]), int(match[2])
    try:
        monday = pendulum.Date.fromisocalendar(year, week, 1)
    except ValueError:
        raise EntryError("week", f"{text!r} has no week {week}") from None
    return check_date(pendulum.date(monday.year, monday.month, monday.day), "week")


def parse_check_in(day: Date, *, sleep_h: str | float, sleep_quality: str | int, soreness: str | int,
                   fatigue: str | int, stress: str | int, mood: str | int, motivation: str | int,
                   resting_hr: str | int | None = None, notes: str | None = None) -> Wellness:
    """A day's check-in from what the lifter gave (the form's fields, the command's options), every
    value checked; an EntryError names the field that is wrong."""
    from .model import Wellness

    scales = dict(sleep_quality=sleep_quality, soreness=soreness, fatigue=fatigue,
                  stress=stress, mood=mood, motivation=motivation)
    return Wellness(
        date=day.isoformat(),
        sleep_h=parse_number(sleep_h, "sleep", 0, 24),
        **{name: parse_scale(value, name.replace("_", "-")) for name, value in scales.items()},
        resting_hr=(int(parse_number(resting_hr, "resting-hr", 25, 220, whole=True))
                    if resting_hr not in (None, "") else None),
        notes=parse_text(notes, "notes", MAX_NOTE),
    )
