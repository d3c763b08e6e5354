"""What a lifter types: sets, tempo, RPE, scales and dates."""

from __future__ import annotations

import math

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core.entry import (
    parse_date,
    parse_iso_week,
    parse_rpe,
    parse_scale,
    parse_set,
    parse_tempo,
    tempo_seconds,
)
from journal.core.errors import EntryError

TODAY = pendulum.date(2026, 9, 8)


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("80x5", "kg", (80.0, "kg", 80.0, 5)),
        ("80kgx5", "lb", (80.0, "kg", 80.0, 5)),
        ("175lbx5", "kg", (175.0, "lb", 79.378665, 5)),
        ("175 lbs x 5", "kg", (175.0, "lb", 79.378665, 5)),
        ("135x8", "lb", (135.0, "lb", 61.23497, 8)),
        ("0x8", "kg", (0.0, "kg", 0.0, 8)),
        ("BWx8", "kg", (None, "kg", None, 8)),
        ("bw x 12", "kg", (None, "kg", None, 12)),
        ("62.5×3", "kg", (62.5, "kg", 62.5, 3)),
    ],
)
def test_parse_set_accepts_what_lifters_write(text, unit, expected):
    entry = parse_set(text, unit)
    assert (entry.weight, entry.unit, entry.weight_kg, entry.reps) == expected


@pytest.mark.parametrize(
    "text, field",
    [
        ("-5x5", "weight"),
        ("nanx5", "weight"),
        ("infx5", "weight"),
        ("5000x5", "weight"),
        ("3000lbx1", "weight"),
        ("80x0", "reps"),
        ("80x-3", "reps"),
        ("80x2.5", "reps"),
        ("80x5000", "reps"),
        ("80", "set"),
        ("x5", "set"),
        ("eightyx5", "set"),
        ("", "set"),
    ],
)
def test_parse_set_refuses_bad_input_naming_the_field(text, field):
    with pytest.raises(EntryError) as raised:
        parse_set(text, "kg")
    assert raised.value.field == field


@given(
    weight=st.one_of(st.just(0.0), st.decimals(min_value="0.1", max_value=500, places=2).map(float)),
    reps=st.integers(min_value=1, max_value=100),
    unit=st.sampled_from(["kg", "lb"]),
)
def test_parse_set_round_trips_any_sane_set(weight, reps, unit):
    entry = parse_set(f"{weight}{unit}x{reps}", "kg")
    assert entry.reps == reps and entry.unit == unit and entry.weight == weight
    factor = 1 if unit == "kg" else 0.45359237
    assert math.isclose(entry.weight_kg, weight * factor, abs_tol=1e-6)


@given(st.text(max_size=20))
def test_parse_set_never_crashes_on_junk(text):
    try:
        entry = parse_set(text, "kg")
    except EntryError as error:
        assert error.field in {"set", "weight", "reps", "unit"}
    else:
        assert entry.reps >= 1
        assert entry.weight_kg is None or 0 <= entry.weight_kg <= 1000


@pytest.mark.parametrize("text, expected", [("3-1-X-0", "3-1-X-0"), ("31x0", "3-1-X-0"),
                                            ("2-0-1-0", "2-0-1-0"), ("", None), (None, None)])
def test_tempo(text, expected):
    assert parse_tempo(text) == expected


@pytest.mark.parametrize("text", ["3-1-X", "3-1-Y-0", "31-1-1-0", "fast", "3-1-X-0-1"])
def test_bad_tempo(text):
    with pytest.raises(EntryError, match="tempo"):
        parse_tempo(text)


def test_tempo_seconds_counts_x_as_one():
    assert tempo_seconds("3-1-X-0") == 5
    assert tempo_seconds(None) is None


@pytest.mark.parametrize("value", ["6", "7.5", "10", 8.5])
def test_rpe_in_half_steps(value):
    assert parse_rpe(value) == float(value)


@pytest.mark.parametrize("value", ["5.5", "10.5", "7.25", "eight", "nan"])
def test_rpe_refused(value):
    with pytest.raises(EntryError, match="rpe"):
        parse_rpe(value)


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "x"])
def test_scale_refused(value):
    with pytest.raises(EntryError, match="soreness"):
        parse_scale(value, "soreness")


def test_dates():
    assert parse_date(None, TODAY) == TODAY
    assert parse_date("yesterday", TODAY) == pendulum.date(2026, 9, 7)
    assert parse_date("2024-02-29", TODAY) == pendulum.date(2024, 2, 29)
    for bad in ("2026-02-30", "07/09/2026", "2026-9-7", "soon"):
        with pytest.raises(EntryError, match="date"):
            parse_date(bad, TODAY)


def test_iso_week():
    assert parse_iso_week("2026-W37") == pendulum.date(2026, 9, 7)
    with pytest.raises(EntryError, match="week"):
        parse_iso_week("2026-W60")
