"""Writing CSV: the journal's own export. RFC 4180, one row per set, times with the offset of the
timezone they were logged in; exporting an import of an export gives the same bytes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from zoneinfo import ZoneInfo

from .exchange import SET_COLUMNS
from .model import LoggedSet



@lru_cache(maxsize=4096)  # an export repeats the same loads and RPEs thousands of times
def number_text(value: float | int | None) -> str:
    """Shortest exact text for a stored number: 60.0 -> 60, 62.5 -> 62.5, None -> empty."""
    if value is None:
        return ""
    text = repr(round(float(value), 6))
    return text[:-2] if text.endswith(".0") else text


def cell(value: object) -> str:
    kind = type(value)
    if kind is str:  # most cells: checked first, an export has a million of them
        return value  # type: ignore[return-value]
    if value is None:
        return ""
    if kind is bool:
        return "1" if value else "0"
    if kind is int or kind is float:
        return number_text(value)  # type: ignore[arg-type]
    return str(value)


def local_time(utc_iso: str, tz: str) -> str:
    """A stored UTC instant as ISO 8601 in the timezone it was logged in, offset included.
    A row an older journal let in with a zone it cannot name, or at a moment its offset
    overflows, is written in UTC rather than stopping the export half-way."""
    moment = datetime.fromisoformat(utc_iso)
    try:
        return moment.astimezone(_zone(tz)).isoformat()
    except (KeyError, ValueError, OverflowError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return moment.isoformat()


@lru_cache(maxsize=64)
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: formula-like text gets a leading `'`."""
    text = cell(value)
    return "'" + text if type(value) is str and text.startswith(FORMULA_STARTS) else text


def write_rows(out: io.TextIOBase, header: Sequence[str], rows: Iterable[Sequence[object]],
               spreadsheet_safe: bool = False) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    as_cell = spreadsheet_cell if spreadsheet_safe else cell
    count = 0
    for row in rows:
        writer.writerow(map(as_cell, row))
        count += 1
    return count


# Where each export column sits in a row from `Store.export_sets`.
_STORED_ROW = [f.name for f in fields(LoggedSet)] + ["session", "session_kind", "block", "week",
                                                     "session_start", "session_tz"]
_IN_EXPORT_ORDER = itemgetter(*(_STORED_ROW.index("id" if c == "set_id" else c) for c in SET_COLUMNS))
_LOGGED_AT, _TZ = SET_COLUMNS.index("logged_at"), SET_COLUMNS.index("tz")
_SESSION_START, _SESSION_TZ = SET_COLUMNS.index("session_start"), _STORED_ROW.index("session_tz")


def set_row(stored: Sequence) -> list:
    """One export row from a stored one, the UTC instants shown in the lifter's own time."""
    row = list(_IN_EXPORT_ORDER(stored))
    row[_LOGGED_AT] = local_time(row[_LOGGED_AT], row[_TZ])
    if row[_SESSION_START]:
        row[_SESSION_START] = local_time(row[_SESSION_START], stored[_SESSION_TZ] or row[_TZ])
    return row
