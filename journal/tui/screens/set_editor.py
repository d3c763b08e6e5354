"""The set editor: the prescription prefilled, changed field by field, validated as typed."""

from __future__ import annotations

from ...core.engine import NextSet
from ...core.entry import (
    SetInput,
    parse_reps,
    parse_rpe,
    parse_seconds,
    parse_side,
    parse_tempo,
    parse_weight,
    set_from_fields,
)
from ...core.model import Prescription
from ..validators import EntryValidator
from .form import Field, FormScreen


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class SetEditor(FormScreen[SetInput]):
    """Dismisses with the set as typed: weight (in `unit`), reps, seconds, side, tempo, RPE."""

    def __init__(self, prescription: Prescription, next_set: NextSet | None, unit: str,
                 typed: str = "") -> None:
        self.title_text = f"{prescription.name}: set {next_set.number if next_set else '+'}"
        weight = prescription.weight  # in the lifter's unit: what they load
        reps = prescription.target_reps
        timed = reps is None  # a hold or carry: a typed number is its seconds
        bodyweight = not timed and not prescription.weight_kg  # a typed number is its reps
        typed_into = "seconds" if timed else "reps" if bodyweight else "weight"
        self.opened_by_typing = bool(typed)  # `e` opens with the value selected: typing replaces it
        seconds = _number(prescription.seconds) if timed else ""
        fields = [
            Field("weight", f"Weight ({unit})", typed if typed_into == "weight" and typed else _number(weight),
                  EntryValidator(lambda v: parse_weight(v, unit), optional=True), "blank for bodyweight"),
            Field("reps", "Reps", typed if typed_into == "reps" and typed else "" if reps is None else str(reps),
                  EntryValidator(parse_reps, optional=True)),
            Field("seconds", "Seconds", typed or seconds if timed else "",
                  EntryValidator(parse_seconds, optional=True), "for holds and carries"),
            Field("side", "Side (L/R)", (next_set.side if next_set and next_set.side else ""),
                  EntryValidator(parse_side, optional=True)),
            Field("tempo", "Tempo", prescription.tempo or "", EntryValidator(parse_tempo, optional=True),
                  "3-1-X-0"),
            Field("rpe", "RPE (6-10)", "", EntryValidator(parse_rpe, optional=True), "how hard: 10 = nothing left"),
        ]
        self.unit = unit
        super().__init__(fields, focus=typed_into)

    def result(self, values: dict[str, str]) -> SetInput:
        return set_from_fields(self.unit, **values)
