"""Loads in the lifter's unit. Storage and the coach's arithmetic stay in exact kilograms; what
a lifter reads, and the plates they load, are in kilograms or pounds as they enrolled."""

from __future__ import annotations

from typing import Protocol


class HasUnit(Protocol):
    """What carries the lifter's unit (the equipment does): units.py needs nothing else of it."""

    unit: str

KG_PER_LB = 0.45359237


def in_unit(kg: float, unit: str) -> float:
    """A load in kg as the lifter's unit shows it: 61.235 kg is 135 lb."""
    return round(kg / KG_PER_LB, 2) if unit == "lb" else round(kg, 3)


def to_kg(amount: float, unit: str) -> float:
    """An amount in the lifter's unit as exact kg (cleaned of float noise no scale reaches)."""
    return round(amount * KG_PER_LB, 6) if unit == "lb" else round(amount, 6)


def _unit(unit: "str | HasUnit") -> str:
    return unit if isinstance(unit, str) else unit.unit


def amount_text(kg: float, unit: "str | HasUnit") -> str:
    """`62.5`, `135`: the number a lifter reads, without its unit (`35 → 32.5 kg`)."""
    return f"{in_unit(kg, _unit(unit)):g}"


def load_text(kg: float | None, unit: "str | HasUnit") -> str:
    """`62.5 kg`, `135 lb`, or `bodyweight` (in a unit, or in the unit of the lifter's equipment)."""
    return "bodyweight" if kg is None else f"{amount_text(kg, unit)} {_unit(unit)}"


def rough_load_text(kg: float, unit: "str | HasUnit", step_lb: float = 0.5, sign: str = "") -> str:
    """An amount that is no plate to load (an increment, a week's volume) as the lifter reads it:
    in lb to `step_lb` (said "about" when the kilograms it came from make it uneven), never a
    kilogram conversion like 5.51 lb; in kg as `load_text`."""
    if _unit(unit) != "lb":
        return f"{sign}{load_text(kg, unit)}"
    exact = kg / KG_PER_LB
    shown = round(exact / step_lb) * step_lb
    about = "about " if step_lb < 1 and abs(shown - exact) > 0.01 else ""
    return f"{about}{sign}{shown:g} lb"


def duration_text(minutes: float) -> str:
    """`42 min`, `1 h 52`."""
    hours, rest = divmod(round(minutes), 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"


def plural(count: int, noun: str) -> str:
    """`1 set`, `3 sets`, `2 mobility sessions`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
