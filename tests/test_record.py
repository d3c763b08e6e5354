"""`record` makes the journal's frozen dataclasses with equality, hashing and repr written once:
they must behave exactly as `@dataclass(frozen=True)` would."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import FrozenInstanceError, dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core.model import LoggedSet, Prescription
from journal.core.record import record


@record
class Lift:
    name: str
    kg: float | None = None
    sides: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list, hash=False)
    seen: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class LiftAsDataclass:
    name: str
    kg: float | None = None
    sides: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list, hash=False)
    seen: int = field(default=0, compare=False, repr=False)


@record
class HeavyLift(Lift):
    rpe: float = 8.0


@record
class Nothing:
    pass


@record
class One:
    kg: float


values = st.tuples(st.text(max_size=5), st.none() | st.floats(allow_nan=True), st.tuples(st.sampled_from("LR")))


@given(values, values)
def test_equality_and_hash_are_the_dataclass_ones(a, b):
    ours, theirs = (Lift(*a), Lift(*b)), (LiftAsDataclass(*a), LiftAsDataclass(*b))
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert (ours[0] != ours[1]) == (theirs[0] != theirs[1])
    assert ours[0] == ours[0]  # the same object, NaN and all, as a tuple compares it
    assert hash(ours[0]) == hash(theirs[0])
    assert repr(ours[0]) == repr(theirs[0]).replace("LiftAsDataclass", "Lift")


def test_a_record_is_frozen_and_works_with_the_dataclass_functions():
    lift = Lift("Back squat", 60.0, ("L",), ["deep"])
    with pytest.raises(FrozenInstanceError):
        lift.kg = 62.5  # type: ignore[misc]
    assert dataclasses.replace(lift, kg=62.5) == Lift("Back squat", 62.5, ("L",), ["deep"])
    assert dataclasses.asdict(lift) == {"name": "Back squat", "kg": 60.0, "sides": ("L",), "notes": ["deep"], "seen": 0}
    assert [f.name for f in dataclasses.fields(lift)] == ["name", "kg", "sides", "notes", "seen"]
    assert Lift("a", seen=1) == Lift("a", seen=2) and hash(Lift("a", notes=["x"])) == hash(LiftAsDataclass("a"))
    assert Lift("a") != LiftAsDataclass("a") and Lift("a") != ("a", None, (), [])
    assert HeavyLift("a") != Lift("a") and HeavyLift("a", rpe=9) == HeavyLift("a", rpe=9.0)
    assert repr(HeavyLift("a")) == "HeavyLift(name='a', kg=None, sides=(), notes=[], rpe=8.0)"
    assert Nothing() == Nothing() and hash(Nothing()) == hash(()) and repr(Nothing()) == "Nothing()"
    assert One(1.0) == One(1.0) and hash(One(2.0)) == hash((2.0,)) and One(math.nan) == One(math.nan) and One(float('nan')) != One(float('nan'))
    assert len({One(1.0), One(1.0), One(2.0)}) == 2


def test_the_models_are_records():
    assert LoggedSet.__eq__ is Lift.__eq__ and Prescription.__hash__ is Lift.__hash__
    assert LoggedSet.__dataclass_params__.frozen  # type: ignore[attr-defined]
