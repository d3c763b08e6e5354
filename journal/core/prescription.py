"""What a slot of the program asks for: its start load, this week's prescription from the
microcycle's target (the ramp, the ceiling of what the lifter has shown, the deload), and how a
day's rules adjust one."""

from __future__ import annotations

from dataclasses import replace

from .model import (
    Enrolment,
    Equipment,
    Prescription,
    Program,
    Rules,
    Slot,
)
from .loads import cut_load, cut_text, epley_e1rm, fixed_weights, gear_of, kit_gap, loadable, next_size, plates_per_side
from .progression import Target, target_rpe
from .units import amount_text, load_text, rough_load_text
from .weeks import SHOWN_DAYS, Shown, Week


def ramp_kg(slot: Slot, rules: Rules, cycle_week: int) -> float:
    """What the ramp adds in a microcycle's later build weeks: linear loads step up inside it."""
    ramp = slot.ramp if slot.ramp is not None else rules.ramp
    if not (ramp and cycle_week and slot.load == "kg" and slot.progression == "linear"):
        return 0.0
    return ramp * cycle_week * slot.increment_kg


def shown_ceiling(slot: Slot, reps: int | None, rules: Rules, units: str | Equipment, shown: Shown) -> float | None:
    """The heaviest load to ask for: one increment above what the lifter's best estimated max
    of the last weeks gives at these reps and the target RPE (None when nothing was lifted)."""
    best = shown.best_e1rm.get(slot.exercise)
    if best is None or reps is None:
        return None
    # 0.1 kg of slack: the best e1RM is kept to 0.1 kg, and must not cost a whole step when divided back.
    return loadable(best / epley_e1rm(1.0, reps, target_rpe(slot, rules)) + slot.increment_kg + 0.1, slot, rules,
                    units, down=True)


def _built_up(weight: float, slot: Slot, reps: int | None, rules: Rules, units: str | Equipment,
              cycle_week: int, shown: Shown) -> tuple[float, str]:
    """A build week's load: the target stepped up by the microcycle's ramp, and never more than
    one increment above what the lifter has shown (a start load never lifted, a lift done only
    lighter); with what changed it, for the reason."""
    notes = ""
    if step := ramp_kg(slot, rules, cycle_week):
        ramped = loadable(weight + step, slot, rules, units, down=True)
        if fixed_weights(slot):  # a bell or dumbbell at a time: the ramp never skips a size owned
            ramped = min(ramped, next_size(weight, slot, units) or weight)
        if ramped > weight:
            notes += (f"; build week {cycle_week + 1} of the microcycle: "
                      f"{amount_text(weight, units)} → {load_text(ramped, units)}")
            weight = ramped
    ceiling = shown_ceiling(slot, reps, rules, units, shown)
    if ceiling is not None and weight > ceiling + 1e-6:
        notes += (f"; up to what you have shown: best estimated max {load_text(shown.best_e1rm[slot.exercise], units)}"
                  f" in the last {SHOWN_DAYS // 7} weeks, so {load_text(ceiling, units)} (one step above it)")
        weight = ceiling
    return weight, notes


def prescribe(slot: Slot, target: Target, rules: Rules, week: Week, units: str | Equipment = "kg") -> Prescription:
    """What the microcycle's target asks for this week (a deload week asks for less)."""
    reps = target.reps
    # A load the lifter can set up in their unit now (a target from before a change of units too).
    weight = loadable(target.weight_kg, slot, rules, units) if target.weight_kg else target.weight_kg
    unmakeable = kit_gap(target.weight_kg, weight, slot, units) if target.weight_kg else ""
    label = f"{reps}-{slot.reps_max}" if slot.reps_max and reps is not None and reps < slot.reps_max else reps
    sets = slot.sets
    where = f"week {week.week} of {week.block.name.lower()}, {week.phase} week"
    reason = target.verdict.summary() if target.verdict else describe_load_rule(slot, weight, units)
    if weight and week.phase == "build":
        weight, notes = _built_up(weight, slot, reps, rules, units, week.cycle_week, week.shown)
        reason += notes
    if week.phase == "deload":
        sets = max(1, round(slot.sets * (1 - rules.deload_set_cut)))
        lighter = ""
        if weight:
            # The cut is from the load of the week before (the microcycle's last build week), as
            # the lifter felt it, not from the microcycle's first-week target.
            weight, _ = _built_up(weight, slot, reps, rules, units, week.cycle_week - 1, week.shown_before)
            cut = cut_load(weight, rules.deload_load_cut, slot, rules, units)
            if (ceiling := shown_ceiling(slot, reps, rules, units, week.shown)) is not None and cut > ceiling:
                cut = ceiling  # and never above what the lifter has shown by this week
            lighter = f", {cut_text(weight, cut, units)}" if cut < weight else ", load kept (no lighter step is near enough)"
            weight = cut
        trigger = f" ({week.deload_reason})" if week.deload_reason else ""
        reason = f"deload{trigger}: {sets} of {slot.sets} sets{lighter}; " + reason
    return Prescription(
        name=target.variation or slot.exercise, pillar=slot.pillar, sets=sets, reps=label, weight_kg=weight,
        seconds=target.seconds if reps is None else None, tempo=slot.tempo, rest_s=slot.rest_s,
        unilateral=slot.unilateral, why=f"{where}; {reason}", load=slot.load,
        heavy_lower=slot.heavy_lower, variation_of=slot.exercise if target.variation else None,
        unit=gear_of(units).unit, implement=slot.implement,
        plates=plates_per_side(weight, units) if weight and slot.implement == "barbell" else None,
        unmakeable=unmakeable or None,
    )


def adjusted(p: Prescription, why: str, gear: Equipment | None = None, **changes) -> Prescription:
    adjusted = replace(p, why=f"{p.why}; {why}", adjusted=why, **changes)
    if gear is not None and p.plates is not None and adjusted.weight_kg != p.weight_kg:
        adjusted = replace(adjusted, plates=plates_per_side(adjusted.weight_kg, gear))  # the bar changed too
    return adjusted


def cut_sets(sets: int, fraction: float) -> int:
    return max(1, round(sets * (1 - fraction)))


# --- loads ---------------------------------------------------------------------------------


def start_load(slot: Slot, enrolment: Enrolment) -> float | None:
    """Day-one load: the lifter's own number, else the program's default."""
    if slot.load in ("bodyweight", "seconds") and slot.start_kg is None:
        return None
    if slot.exercise in enrolment.loads:
        return enrolment.loads[slot.exercise]
    return slot.start_kg


def main_lifts(program: Program) -> list[str]:
    """The lifts whose first load matters most: the barbell lifts and heavy leg work, in program order."""
    return [name for name, slot in program.exercises().items()
            if slot.start_kg is not None and (slot.implement == "barbell" or slot.heavy_lower)]


def starting_loads(program: Program, bodyweight_kg: float | None,
                   overrides: dict[str, float], units: str | Equipment = "kg") -> dict[str, float]:
    """Start loads for `init`: overrides first, then bodyweight x factor, never below the default;
    each a load the lifter can set up with their equipment (the program's 20 kg bar is 45 lb)."""
    loads: dict[str, float] = {}
    rules = program.rules

    def made(kg: float, slot: Slot, down: bool = False) -> float:
        # Kept as meant where the kit makes nothing near it: the plan then says what to add.
        nearest = loadable(kg, slot, rules, units)
        if kit_gap(kg, nearest, slot, units):
            return kg
        return loadable(kg, slot, rules, units, down=True) if down else nearest

    for name, slot in program.exercises().items():
        if name in overrides:
            loads[name] = made(overrides[name], slot)
        elif slot.start_kg is not None:
            default = made(slot.start_kg, slot)
            scaled = (made(bodyweight_kg * slot.bodyweight_factor, slot, down=True)
                      if bodyweight_kg and slot.bodyweight_factor else 0.0)
            loads[name] = max(scaled, default)
    return loads


def describe_load_rule(slot: Slot, weight_kg: float | None, units: str | Equipment = "kg") -> str:
    if slot.load == "percent_e1rm":
        return f"{slot.percent:g}% of estimated 1RM"
    if slot.load == "rpe":
        return f"RPE {slot.rpe:g} at {slot.reps} reps"
    if slot.load == "seconds" and weight_kg is None:
        return f"hold {slot.seconds} s, +{slot.increment_s} s when every set is done"
    if slot.load == "bodyweight" and weight_kg is None:
        if slot.reps_max:
            return f"bodyweight, {slot.reps}-{slot.reps_max} reps then harder variation"
        return "bodyweight"
    if weight_kg is None:
        return "bodyweight"
    step = rough_load_text(slot.increment_kg, units, sign="+")
    return f"{load_text(weight_kg, units)} start load, {step} per microcycle done well"
