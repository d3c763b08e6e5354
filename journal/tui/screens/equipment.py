"""The lifter's equipment: what every prescribed load is made from, in their unit."""

from __future__ import annotations

from functools import partial

from ...core.entry import parse_positive_weight, parse_weight_list
from ...core.model import Equipment
from ..validators import EntryValidator
from .form import Field, FormScreen


def _listed(values: list[float]) -> str:
    return ",".join(f"{v:g}" for v in values)


class EquipmentScreen(FormScreen):
    """Dismisses with the typed values (bar, plates, dumbbells, kettlebells, machine_step)."""

    def __init__(self, gear: Equipment, title: str = "", hint: str = "") -> None:
        shown, unit = gear.to_json(), gear.unit
        self.title_text = title or f"Your equipment ({unit}): every load is made from it"
        self.hint_text = hint or self.hint_text

        def weights(field: str):
            return EntryValidator(partial(parse_weight_list, unit=unit, field=field))

        super().__init__([
            Field("bar", f"Bar ({unit})", f"{shown['bar']:g}",
                  EntryValidator(partial(parse_positive_weight, unit=unit, field="bar"))),
            Field("plates", f"Plates, pairs ({unit})", _listed(shown["plates"]), weights("plates"),
                  "largest to smallest; add microplates"),
            Field("dumbbells", f"Dumbbells ({unit})", _listed(shown["dumbbells"]), weights("dumbbells")),
            Field("kettlebells", f"Kettlebells ({unit})", _listed(shown["kettlebells"]), weights("kettlebells")),
            Field("machine_step", f"Machine step ({unit})", f"{shown['machine_step']:g}",
                  EntryValidator(partial(parse_positive_weight, unit=unit, field="machine-step"))),
        ])
