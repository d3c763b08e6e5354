"""Loads in the lifter's unit. Storage and the coach's arithmetic stay in exact kilograms; what
a lifter reads, and the plates they load, are in kilograms or pounds as they enrolled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import KG_PER_LB

if TYPE_CHECKING:
    from .model import Equipment


def in_unit(kg: float, unit: str) -> float:
    """A load in kg as the lifter's unit shows it: 61.235 kg is 135 lb."""
    return round(kg / KG_PER_LB, 2) if unit == "lb" else round(kg, 3)


def to_kg(amount: float, unit: str) -> float:
    """An amount in the lifter's unit as exact kg (cleaned of float noise no scale reaches)."""
    return round(amount * KG_PER_LB, 6) if unit == "lb" else round(amount, 6)


def load_text(kg: float | None, unit: "str | Equipment") -> str:
    """`62.5 kg`, `135 lb`, or `bodyweight` (in a unit, or in the unit of the lifter's equipment)."""
    unit = unit if isinstance(unit, str) else unit.unit
    return "bodyweight" if kg is None else f"{in_unit(kg, unit):g} {unit}"
