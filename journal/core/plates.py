"""Plate math: which plates make a barbell load, counted in the lifter's own unit.

Amounts are whole hundredths of the unit (45 lb is 4500), so pounds never pick up kilogram
rounding noise, and the search is exact: the fewest plates per side that make the amount,
from the sizes owned (pairs of each, as many as needed). Greedy largest-first is not enough
once the sizes do not divide each other: with 25 and 15 kg plates, 30 kg a side is 15 + 15.
"""

from __future__ import annotations

from functools import lru_cache
from math import gcd

CENTS = 100


def _cents(amount: float) -> int:
    return round(amount * CENTS)


def _common_step(sizes: tuple[int, ...]) -> int:
    step = 0
    for size in sizes:
        step = gcd(step, size)
    return step


@lru_cache(maxsize=64)
def _table(sizes: tuple[int, ...], steps: int) -> tuple[list[int], list[int]]:
    """For every amount up to `steps` common steps of `sizes`: the fewest plates making it (-1:
    none can) and the heaviest plate on one such way. One table serves every load of a kit."""
    units = sorted({s // _common_step(sizes) for s in sizes}, reverse=True)
    count = [0] + [-1] * steps
    last = [0] * (steps + 1)
    for amount in range(1, steps + 1):
        for size in units:
            if size <= amount and count[amount - size] >= 0 and (
                    count[amount] < 0 or count[amount - size] + 1 < count[amount]):
                count[amount], last[amount] = count[amount - size] + 1, size
    return count, last


def _lookup(sizes: tuple[int, ...], steps: int) -> tuple[list[int], list[int]]:
    # Tables grow by doubling, so a plan's loads share a handful of them.
    size = 64
    while size < steps:
        size *= 2
    return _table(sizes, size)


def _fewest(target: int, sizes: tuple[int, ...]) -> tuple[int, ...] | None:
    """The fewest of `sizes` (heaviest first on a tie) summing to `target`, or None."""
    if target == 0:
        return ()
    if not sizes or target % _common_step(sizes):
        return None
    step = _common_step(sizes)
    n = target // step
    count, last = _lookup(sizes, n)
    if count[n] < 0:
        return None
    plates = []
    while n:
        plates.append(last[n] * step)
        n -= last[n]
    return tuple(sorted(plates, reverse=True))


def _cents_of(sizes: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(sorted({_cents(s) for s in sizes if s > 0}, reverse=True))


def fewest_plates(per_side: float, sizes: tuple[float, ...]) -> tuple[float, ...] | None:
    """The plates for one side that make `per_side` exactly, fewest first then heaviest;
    None when no combination of the sizes does."""
    found = _fewest(_cents(per_side), _cents_of(sizes))
    return None if found is None else tuple(p / CENTS for p in found)


def makeable_per_side(near: float, sizes: tuple[float, ...], down: bool) -> float:
    """The amount per side nearest `near` that the sizes make exactly (the heaviest not above it
    when `down`); 0 (the empty bar) when nothing lighter can be made."""
    cents = _cents_of(sizes)
    if not cents:
        return 0.0
    step = _common_step(cents)
    wanted = max(_cents(near), 0) // step  # in common steps: only their multiples can be made
    count, _ = _lookup(cents, wanted + max(cents) // step)
    exact = max(_cents(near), 0) / step
    below = next((a for a in range(wanted, -1, -1) if count[a] >= 0), 0)
    if down or below == exact:
        return below * step / CENTS
    above = next(a for a in range(wanted + 1, len(count)) if count[a] >= 0)
    return (below if exact - below <= above - exact else above) * step / CENTS  # a tie: the lighter
