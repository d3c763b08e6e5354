"""`record`: the journal's frozen dataclasses, lighter to make.

A frozen dataclass is built from six functions that `dataclasses` writes and compiles as each
class is made; on Python 3.11 that is about a millisecond a class, and the fifty-odd on the way
to the first screen cost as much as the rest of the journal's imports. Equality, hashing and
repr read the same for every record, so they are written once here, over the fields each class
declares; `dataclasses` still writes `__init__` and the guards that keep a record frozen.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, fields
from operator import attrgetter
from typing import Any, Callable, TypeVar, dataclass_transform

T = TypeVar("T")

_READERS: dict[tuple[type, str], Callable[[Any], tuple]] = {}


def _values(item: Any, purpose: str) -> tuple:
    """The values of the fields a dataclass would compare, hash or show, in order."""
    key = (type(item), purpose)
    if (read := _READERS.get(key)) is None:
        names = [f.name for f in fields(item) if _counts(f, purpose)]
        get = attrgetter(*names) if names else (lambda _: ())
        read = _READERS[key] = get if len(names) != 1 else (lambda record: (get(record),))
    return read(item)


def _counts(f: Field, purpose: str) -> bool:
    if purpose == "hash":
        return f.compare if f.hash is None else f.hash
    return f.compare if purpose == "compare" else f.repr


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self, "compare") == _values(other, "compare")


def _hash(self: Any) -> int:
    return hash(_values(self, "hash"))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, with the same equality, hash and repr, made without compiling
    them for each class."""
    made = dataclass(frozen=True, eq=False, repr=False)(cls)
    made.__eq__, made.__hash__, made.__repr__ = _eq, _hash, _repr  # type: ignore[method-assign]
    return made
