"""Loads in the lifter's unit. Storage and the coach's arithmetic stay in exact kilograms; what
a lifter reads, and the plates they load, are in kilograms or pounds as they enrolled."""

from __future__ import annotations

from .model import KG_PER_LB


def in_unit(kg: float, unit: str) -> float:
    """A load in kg as the lifter's unit shows it: 61.235 kg is 135 lb."""
    return round(kg / KG_PER_LB, 2) if unit == "lb" else round(kg, 3)


def load_text(kg: float | None, unit: str) -> str:
    """`62.5 kg`, `135 lb`, or `bodyweight`."""
    return "bodyweight" if kg is None else f"{in_unit(kg, unit):g} {unit}"
