"""Plate math is a search: the fewest plates that make a load exactly, for any kit, in kg and lb."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.core.model import Equipment, Slot, default_equipment
from journal.core.plates import fewest_plates
from journal.core.loads import loadable, plates_per_side
from journal.core.units import in_unit, to_kg

KG_SIZES = [50.0, 40.0, 25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 2.0, 1.25, 1.0, 0.5]
LB_SIZES = [55.0, 45.0, 35.0, 25.0, 15.0, 10.0, 5.0, 2.5, 1.25]


@st.composite
def kit_and_load(draw):
    """A kit in kg or lb, and a load made from it: bar + 2 x some of its plates."""
    unit = draw(st.sampled_from(["kg", "lb"]))
    sizes = draw(st.lists(st.sampled_from(KG_SIZES if unit == "kg" else LB_SIZES), min_size=1, max_size=6,
                          unique=True))
    bar = draw(st.sampled_from([20.0, 15.0, 10.0] if unit == "kg" else [45.0, 35.0, 33.0]))
    used = draw(st.lists(st.sampled_from(sizes), max_size=8))
    gear = Equipment(unit, to_kg(bar, unit), tuple(to_kg(s, unit) for s in sorted(sizes, reverse=True)))
    return gear, bar, sizes, used


def per_side_of(text: str) -> list[float]:
    found = re.fullmatch(r"per side: ([0-9.+ ]+) (kg|lb)", text)
    assert found, text
    return [float(p) for p in found[1].split(" + ")]


@settings(max_examples=300, deadline=None)
@given(kit_and_load())
def test_plate_math_makes_the_load_exactly_with_the_fewest_plates(case):
    gear, bar, sizes, used = case
    load = bar + 2 * sum(used)
    text = plates_per_side(to_kg(load, gear.unit), gear)
    if not used:
        assert text == "empty bar"
        return
    plates = per_side_of(text)
    assert abs(bar + 2 * sum(plates) - load) < 1e-6
    assert len(plates) <= len(used)
    assert set(plates) <= set(sizes)


@settings(max_examples=200, deadline=None)
@given(kit_and_load(), st.floats(0, 150))
def test_a_barbell_load_rounded_to_the_kit_is_one_plate_math_can_make(case, wanted):
    gear, *_ = case
    slot = Slot("Back squat", "strength", 3, 5, implement="barbell")
    for down in (True, False):
        made = loadable(to_kg(wanted, gear.unit), slot, None, gear, down=down)
        text = plates_per_side(made, gear)
        assert text == "empty bar" or "cannot" not in text, (made, text)
        if down:
            # Amounts are whole hundredths of the unit: within one of them is "not above".
            assert in_unit(made, gear.unit) <= max(wanted, in_unit(gear.bar_kg, gear.unit)) + 0.01


def test_the_loads_that_greedy_plate_math_got_wrong():
    lb = default_equipment("lb")
    assert plates_per_side(to_kg(90, "lb"), lb) == "per side: 10 + 10 + 2.5 lb"
    assert plates_per_side(to_kg(225, "lb"), lb) == "per side: 45 + 45 lb"
    odd = Equipment(plates_kg=(25.0, 15.0))
    assert plates_per_side(80.0, odd) == "per side: 15 + 15 kg"
    assert fewest_plates(30.0, (25.0, 15.0)) == (15.0, 15.0)
    assert fewest_plates(10.0, (25.0, 15.0)) is None
