"""Loads: what the lifter's kit can make (the bar and plate pairs, a dumbbell or kettlebell of
their set, a machine's step), cuts that stay loadable, and the estimated max of a set."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .model import Equipment, LoggedSet, Rules, Slot, default_equipment
from .plates import fewest_plates, makeable_per_side
from .units import amount_text, in_unit, load_text, to_kg

# %1RM at RPE 10 for 1-10 reps (RTS chart); one RPE point lower = one more rep.
RTS_PERCENT = (100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9)
COUNTED_SET_TYPES = ("working", "failure")



def round_to_step(kg: float, step: float, down: bool = False) -> float:
    """Round a load to a multiple of `step`; never below zero."""
    if step <= 0:
        return round(max(kg, 0.0), 3)
    steps = math.floor(kg / step + 1e-9) if down else math.floor(kg / step + 0.5)
    return round(max(steps * step, 0.0), 3)


def gear_of(units: str | Equipment) -> Equipment:
    return units if isinstance(units, Equipment) else default_equipment(units)


def _pick(kg: float, owned: Sequence[float], down: bool) -> float:
    """The nearest weight owned (the heaviest not above `kg` when rounding down)."""
    if down:
        return max((w for w in owned if w <= kg + 1e-6), default=min(owned))
    return min(owned, key=lambda w: (abs(w - kg), w))


def loadable(kg: float, slot: Slot, rules: Rules, units: str | Equipment = "kg", down: bool = False) -> float:
    """A load the lifter can set up with what they own, in exact kg: the bar and pairs of
    plates, a dumbbell or kettlebell of their set, a machine's step, or a plate held."""
    gear = gear_of(units)
    if slot.implement == "dumbbell":
        return _pick(kg, gear.dumbbells_kg, down)
    if slot.implement == "kettlebell":
        return _pick(kg, gear.kettlebells_kg, down)
    # Steps are counted in the lifter's own unit (5 lb, not 2.267962 kg), so pounds stay whole.
    unit = gear.unit
    amount, smallest = in_unit(kg, unit), in_unit(min(gear.plates_kg), unit)
    if slot.implement == "barbell":
        bar = in_unit(gear.bar_kg, unit)
        plates = tuple(in_unit(p, unit) for p in gear.plates_kg)
        made = bar if amount <= bar + 1e-6 else bar + 2 * makeable_per_side((amount - bar) / 2, plates, down)
    else:
        made = round_to_step(amount, in_unit(gear.machine_step_kg, unit) if slot.implement == "machine" else smallest, down)
    return to_kg(made, unit)


KIT_WORDS = {"dumbbell": "dumbbells", "kettlebell": "kettlebells", "machine": "machine's steps"}


def kit_gap(meant: float, made: float, slot: Slot, units: str | Equipment) -> str:
    """Why the lifter's kit makes no load near `meant` (empty when it does), given `made`, the
    nearest load it makes (`loadable`): that is further off than the lift's own increment or a
    tenth of the load, whichever is more. Such a load is not prescribed rounded: 70 kg is no 100 kg
    deadlift, nor 12 kg a 50 kg dumbbell."""
    if abs(made - meant) <= max(slot.increment_kg, meant / 10) + 1e-6:
        return ""
    kit = KIT_WORDS.get(slot.implement, "plates")
    return (f"no load near {load_text(meant, units)} with your {kit} (the nearest is {load_text(made, units)}): "
            f"add sizes nearer it to your equipment")


def fixed_weights(slot: Slot) -> bool:
    """Dumbbells and kettlebells come in sizes: between them, progress is made with reps."""
    return slot.implement in ("dumbbell", "kettlebell")


def next_size(kg: float, slot: Slot, units: str | Equipment) -> float | None:
    """The next dumbbell or kettlebell up from `kg` that the lifter owns (None at the biggest)."""
    gear = gear_of(units)
    owned = gear.kettlebells_kg if slot.implement == "kettlebell" else gear.dumbbells_kg
    return min((size for size in owned if size > kg + 1e-6), default=None)


def plates_per_side(kg: float, units: str | Equipment) -> str:
    """`per side: 15 + 2.5` for a barbell load, from the plates owned (largest first)."""
    gear = gear_of(units)
    unit = gear.unit
    per_side = (in_unit(kg, unit) - in_unit(gear.bar_kg, unit)) / 2
    if per_side < 0.005:
        return "empty bar"
    plates = fewest_plates(per_side, tuple(in_unit(p, unit) for p in gear.plates_kg))
    if plates is None:
        return f"per side: {per_side:g} {unit}, which your plates cannot make exactly"
    return f"per side: {' + '.join(f'{p:g}' for p in plates)} {unit}"


def cut_load(kg: float, fraction: float, slot: Slot, rules: Rules, units: str | Equipment = "kg") -> float:
    """A load about `fraction` lighter that the lifter can set up: the loadable step nearest the
    intended cut. Never a cut of more than twice the one meant: where the nearest lighter step is
    further than that (light loads, big plates), the load stays and the sets carry the cut."""
    wanted = kg * (1 - fraction)
    steps = {loadable(wanted, slot, rules, units, down=True), loadable(wanted, slot, rules, units, down=False),
             loadable(kg - 1e-6, slot, rules, units, down=True)}
    fair = [s for s in steps if 0 <= s < kg - 1e-9 and kg - s <= 2 * (kg - wanted) + 1e-9]
    return min(fair, key=lambda s: (abs(s - wanted), -s)) if fair else kg


def cut_text(before: float, after: float, units: str | Equipment) -> str:
    """`−7.1%: 35 → 32.5 kg`: the cut as it really is."""
    change = (after - before) / before * 100 if before else 0.0
    return f"{change:+.1f}%: {amount_text(before, units)} → {load_text(after, units)}".replace("-", "−", 1)


def epley_e1rm(weight_kg: float, reps: int, rpe: float | None = None) -> float:
    """Estimated 1RM; reps in reserve (10 - RPE) count as reps the lifter could have done."""
    reps_possible = reps + (10 - rpe if rpe is not None else 0)
    return weight_kg * (1 + reps_possible / 30)


def best_e1rm(sets: Sequence[LoggedSet], assumed_rpe: float | None = None) -> float | None:
    """The best estimated 1RM among loaded working (or failure) sets, to 0.1 kg; a set logged
    without an RPE counts at `assumed_rpe` when given (as an all-out set otherwise)."""
    scored = [epley_e1rm(s.weight_kg, s.reps, s.rpe if s.rpe is not None else assumed_rpe) for s in sets
              if s.weight_kg and s.reps and s.set_type in COUNTED_SET_TYPES]
    return round(max(scored), 1) if scored else None


def rts_percent(reps: int, rpe: float) -> float:
    """%1RM that `reps` at `rpe` asks for, from the RTS chart (Epley past 10 reps)."""

    def at(n: int) -> float:
        if n <= 1:
            return RTS_PERCENT[0]
        if n <= len(RTS_PERCENT):
            return RTS_PERCENT[n - 1]
        return RTS_PERCENT[-1] * (1 + 10 / 30) / (1 + n / 30)

    equivalent = reps + (10 - rpe)
    low = math.floor(equivalent)
    return at(low) + (at(low + 1) - at(low)) * (equivalent - low)
