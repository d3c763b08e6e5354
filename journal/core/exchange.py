"""CSV in and out: the journal's own export, and imports from Strong and Hevy.

Reading is pure: a file's text becomes `ImportedSet` rows or an EntryError
naming the line and the column, before anything is written. Every imported set
gets an id made from where it came from (workout start, exercise, position), so
the same file imported twice adds nothing. Writing is export.py's.
"""

from __future__ import annotations

import csv
import functools
import itertools
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields, replace
from typing import TextIO, TypeVar

import pendulum

from .entry import EARLIEST, LATEST, parse_date, parse_rpe, parse_timezone, parse_weight, to_kg
from .errors import EntryError
from .imported import ImportedSet
from .model import ALIASES, SET_TYPES, Run, Wellness

T = TypeVar("T")

IMPORT_NAMESPACE = uuid.UUID("5f0c9f6a-7d1e-4e7b-8a6c-2b9e4d3f1a10")
FORMATS = ("strong", "hevy", "journal")

SET_COLUMNS = ("set_id", "date", "logged_at", "tz", "session_id", "session_start", "session", "session_kind",
               "block", "week",
               "exercise", "pillar", "set_index", "set_type", "side", "weight", "unit", "weight_kg",
               "reps", "seconds", "distance_m", "tempo", "rpe", "rest_s", "notes")
WELLNESS_COLUMNS = tuple(f.name for f in fields(Wellness))
RUN_COLUMNS = tuple(f.name for f in fields(Run))
# Columns an export from before sessions had ids lacks; it still imports.
SESSION_KEY_COLUMNS = ("session_id", "session_start")


# --- reading: shared parsing ------------------------------------------------------------------


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(IMPORT_NAMESPACE, "|".join(str(p) for p in parts)))


class Reader:
    """Rows of a CSV with their line numbers, and field parsers that name the line and column."""

    def __init__(self, lines: Iterable[str], delimiter: str, required: Sequence[str] = ()) -> None:
        self.rows = csv.reader(lines, delimiter=delimiter)
        self.header: list[str] = []
        self.required = required
        self.line = 1
        self.moment_seen: tuple[str, pendulum.DateTime] | None = None

    def __iter__(self) -> Iterator[dict[str, str]]:
        lines = iter(self.rows)
        try:
            self.header = [h.strip() for h in next(lines)]
        except StopIteration:
            raise EntryError("line 1", "the file is empty") from None
        except csv.Error as error:
            raise EntryError("line 1", f"not CSV ({error})") from None
        if missing := [c for c in self.required if c not in self.header]:
            raise EntryError("line 1", f"the header has no column {', '.join(missing)}")
        while True:
            self.line = self.rows.line_num + 1
            try:
                row = next(lines)
            except StopIteration:
                return
            except csv.Error as error:
                raise EntryError(f"line {self.line}", f"not valid CSV ({error})") from None
            if not any(v.strip() for v in row):
                continue
            if len(row) != len(self.header):
                raise EntryError(f"line {self.line}",
                                 f"has {len(row)} columns, the header has {len(self.header)}")
            yield dict(zip(self.header, row))

    def fail(self, column: str, problem: str) -> EntryError:
        return EntryError(f"line {self.line}: {column}", problem)

    def number(self, row: dict[str, str], column: str, low: float = 0, high: float = 1e6) -> float | None:
        raw = (row.get(column) or "").strip()
        if raw == "":
            return None
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(column, f"{raw!r} is not a number") from None
        if not (low <= value <= high):
            raise self.fail(column, f"{raw!r} is not between {low:g} and {high:g}")
        return round(value, 6)  # 14.000000000000002 -> 14.0

    def checked(self, row: dict[str, str], column: str, parse: Callable[..., T], *args: object) -> T | None:
        """A field through the same parser as typed entry (entry.py), its error naming the line."""
        raw = (row.get(column) or "").strip()
        if raw == "":
            return None
        try:
            return parse(raw, *args)
        except EntryError as error:
            raise self.fail(column, error.problem) from None

    def rpe(self, row: dict[str, str], column: str) -> float | None:
        return self.checked(row, column, parse_rpe)

    def weight(self, row: dict[str, str], column: str, unit: str) -> tuple[float | None, float | None]:
        """(as entered, in kg); an empty or zero weight is bodyweight."""
        value = self.checked(row, column, parse_weight, unit, column)
        return (value, to_kg(value, unit)) if value else (None, None)

    def whole(self, row: dict[str, str], column: str, high: float = 10_000) -> int | None:
        value = self.number(row, column, 0, high)
        if value is None:
            return None
        if value != int(value):
            raise self.fail(column, f"{row[column]!r} is not a whole number")
        return int(value)

    def moment(self, row: dict[str, str], column: str, formats: Sequence[str], tz: str) -> pendulum.DateTime:
        raw = (row.get(column) or "").strip()
        if self.moment_seen and self.moment_seen[0] == raw:  # every set of a workout repeats its start time
            return self.moment_seen[1]
        for fmt in formats:
            try:
                moment = pendulum.from_format(raw, fmt, tz=tz)
            except (ValueError, OverflowError):
                continue
            if not (EARLIEST <= moment.date() <= LATEST):
                raise self.fail(column, f"{raw!r} is not between {EARLIEST.year} and {LATEST.year}")
            self.moment_seen = (raw, moment)
            return moment
        raise self.fail(column, f"{raw!r} is not a date like {pendulum.datetime(2025, 3, 4, 7, 12, 40).format(formats[0])}")


def duration_seconds(text: str) -> int | None:
    """Strong's durations: `52m`, `1h 3m`, `45s`, or plain seconds."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    parts = re.findall(r"(\d+)\s*([hms])", text)
    if not parts or "".join(f"{n}{u}" for n, u in parts) != re.sub(r"\s", "", text):
        return None
    return sum(int(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)


@functools.lru_cache(maxsize=8)
def stamps(moment: pendulum.DateTime) -> tuple[str, str, str]:
    """(UTC, wall clock, date) of a workout's start, worked out once for all its sets."""
    return utc(moment), wall_clock(moment), moment.date().isoformat()


def utc(moment: pendulum.DateTime) -> str:
    return moment.in_timezone("UTC").isoformat()


def wall_clock(moment: pendulum.DateTime) -> str:
    """A workout's start as the file wrote it, without the offset of the importer's timezone:
    what a set's identity is made from, so the same file is the same sets on any machine."""
    return moment.format("YYYY-MM-DDTHH:mm:ss")


# --- formats -----------------------------------------------------------------------------------


def detect(header_line: str) -> str:
    line = header_line.lstrip("\ufeff").strip()
    if line.startswith("set_id,"):
        return "journal"
    if "exercise_title" in line and "start_time" in line:
        return "hevy"
    if "Exercise Name" in line and "Set Order" in line:
        return "strong"
    raise EntryError("line 1", "unknown format: not a Strong, Hevy or journal export header "
                               f"({line[:60]!r})")


STRONG_TIME = ("YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD HH:mm", "YYYY-MM-DD")
SET_ORDER_TYPES = {"W": "warmup", "D": "drop", "F": "failure"}


def read_strong(lines: Iterable[str], header_line: str, units: str, tz: str) -> Iterator[ImportedSet]:
    """Strong's rows, a workout at a time: its Rest Timer and Note rows join the set before them."""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = Reader(lines, delimiter, ("Date", "Exercise Name", "Set Order"))
    workout_sets: list[ImportedSet] = []  # the workout being read; Strong writes a workout's rows together
    # Sets so far of each (start, workout, exercise), by its hash: a workout split across the file
    # keeps numbering on, and a few bytes a key keep ten years of workouts small.
    positions: dict[int, int] = {}
    for row in reader:
        header = reader.header
        weight_col = next((h for h in header if h.startswith("Weight")), "Weight")
        unit = ("lb" if "lb" in weight_col else "kg") if "(" in weight_col else units
        started = reader.moment(row, "Date", STRONG_TIME, tz)
        workout, exercise = row.get("Workout Name", "").strip(), row.get("Exercise Name", "").strip()
        order = (row.get("Set Order") or "").strip()
        if not exercise:
            raise reader.fail("Exercise Name", "is empty")
        logged_at, clock_time, date = stamps(started)
        if workout_sets and (workout_sets[-1].logged_at, workout_sets[-1].session) != (logged_at, workout or None):
            yield from workout_sets
            workout_sets = []
        if order in ("Rest Timer", "Note"):  # not sets: they belong to the set before
            previous = next((n for n in range(len(workout_sets) - 1, -1, -1)
                             if workout_sets[n].exercise == exercise), None)
            if previous is None:
                raise reader.fail("Set Order", f"a {order} row with no set before it")
            if order == "Rest Timer":
                workout_sets[previous] = replace(workout_sets[previous], rest_s=reader.whole(row, "Seconds", 86_400))
            else:
                workout_sets[previous] = replace(workout_sets[previous], notes=(row.get("Notes") or "").strip() or None)
            continue
        if order not in SET_ORDER_TYPES and not order.isdigit():
            raise reader.fail("Set Order", f"{order!r} is not a set number, W, D, F, Rest Timer or Note")
        reps = reader.whole(row, "Reps") or None
        seconds = reader.number(row, "Seconds", 0, 86_400) or None
        distance_col = next((h for h in header if h.startswith("Distance")), "Distance")
        distance = reader.number(row, distance_col, 0, 1e6) or None
        if distance and "mile" in distance_col:
            distance = round(distance * 1609.344, 3)
        weight, kg = reader.weight(row, weight_col, unit)
        key = (clock_time, workout, exercise)
        position = positions[hash(key)] = positions.get(hash(key), 0) + 1
        duration = duration_seconds(row.get("Duration") or row.get("Duration (sec)") or "")
        workout_sets.append(ImportedSet(
            id=stable_id("strong", *key, position), line=reader.line, date=date,
            legacy_id=stable_id("strong", started.isoformat(), workout, exercise, position),
            logged_at=logged_at, tz=tz, exercise=exercise, set_index=position,
            set_type=SET_ORDER_TYPES.get(order, "working"), weight=weight, unit=unit, weight_kg=kg,
            reps=reps, seconds=seconds, distance_m=distance, rpe=reader.rpe(row, "RPE"),
            rest_s=None, notes=(row.get("Notes") or "").strip() or None,
            session_id=stable_id("strong", clock_time, workout), session=workout or None,
            session_notes=(row.get("Workout Notes") or "").strip() or None, duration_s=duration,
            source="strong"))
    yield from workout_sets


HEVY_TIME = ("D MMM YYYY, HH:mm", "DD MMM YYYY, HH:mm", "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DDTHH:mm:ss")
HEVY_TYPES = {"warmup": "warmup", "normal": "working", "failure": "failure", "dropset": "drop"}


def read_hevy(lines: Iterable[str], tz: str) -> Iterator[ImportedSet]:
    reader = Reader(lines, ",", ("title", "start_time", "exercise_title"))
    positions: dict[int, int] = {}  # as Strong's
    for row in reader:
        started = reader.moment(row, "start_time", HEVY_TIME, tz)
        ended = reader.moment(row, "end_time", HEVY_TIME, tz) if (row.get("end_time") or "").strip() else None
        workout, exercise = row["title"].strip(), row["exercise_title"].strip()
        if not exercise:
            raise reader.fail("exercise_title", "is empty")
        kind = (row.get("set_type") or "normal").strip()
        if kind not in HEVY_TYPES:
            raise reader.fail("set_type", f"{kind!r} is not warmup, normal, failure or dropset")
        reps = reader.whole(row, "reps") or None
        seconds = reader.number(row, "duration_seconds", 0, 86_400) or None
        km = reader.number(row, "distance_km", 0, 1000)
        weight, kg = reader.weight(row, "weight_kg", "kg")
        logged_at, clock_time, date = stamps(started)
        key = (clock_time, workout, exercise)
        position = positions[hash(key)] = positions.get(hash(key), 0) + 1
        # A workout that ends before it starts (clock changes, edited times) has no known length.
        duration = int((ended - started).total_seconds()) if ended else None
        yield ImportedSet(
            id=stable_id("hevy", *key, position), line=reader.line, date=date,
            legacy_id=stable_id("hevy", started.isoformat(), workout, exercise, position),
            logged_at=logged_at, tz=tz, exercise=exercise, set_index=position,
            set_type=HEVY_TYPES[kind], weight=weight, unit="kg", weight_kg=kg, reps=reps, seconds=seconds,
            distance_m=round(km * 1000, 3) if km else None, rpe=reader.rpe(row, "rpe"),
            rest_s=None, notes=(row.get("exercise_notes") or "").strip() or None,
            session_id=stable_id("hevy", clock_time, workout), session=workout or None,
            session_notes=(row.get("description") or "").strip() or None,
            duration_s=duration if duration is None or duration >= 0 else None, source="hevy")


def _journal_time(reader: Reader, row: dict[str, str], column: str, tz: str) -> pendulum.DateTime:
    try:  # a time without an offset is the row's own local time
        moment = pendulum.parse(row[column], tz=tz)
    except Exception:
        raise reader.fail(column, f"{row[column]!r} is not a time like 2026-09-07T18:00:00+01:00") from None
    if not isinstance(moment, pendulum.DateTime) or not (EARLIEST <= moment.date() <= LATEST):
        raise reader.fail(column, f"{row[column]!r} is not between {EARLIEST.year} and {LATEST.year}")
    return moment


def _session_key(reader: Reader, row: dict[str, str], tz: str) -> tuple[str | None, str | None]:
    """The session's id and UTC start, or (None, None) in an export from before sessions had ids."""
    if not (row.get("session_id") or "").strip():
        return None, None
    try:
        session_id = str(uuid.UUID(row["session_id"]))
    except ValueError:
        raise reader.fail("session_id", f"{row['session_id']!r} is not a UUID") from None
    started = _journal_time(reader, row, "session_start", tz) if (row.get("session_start") or "").strip() else None
    return session_id, utc(started) if started else None


def _one_date(reader: Reader, found: ImportedSet, session_dates: dict[str, tuple[str, int]]) -> None:
    """A session belongs to one date (a set id given twice is the store's to compare: it holds
    what came before)."""
    if not found.session_by_date:
        date, line = session_dates.setdefault(found.session_id, (found.date, found.line))
        if date != found.date:
            raise reader.fail("session_id", f"{found.session_id} is a session of {date} (line {line}), not of "
                                            f"{found.date}: a session belongs to one date")


def read_journal(lines: Iterable[str]) -> Iterator[ImportedSet]:
    reader = Reader(lines, ",", [c for c in SET_COLUMNS if c not in SESSION_KEY_COLUMNS])
    session_dates: dict[str, tuple[str, int]] = {}
    for row in reader:
        tz = reader.checked(row, "tz", parse_timezone, "tz")
        if tz is None:
            raise reader.fail("tz", "is empty")
        logged = _journal_time(reader, row, "logged_at", tz)
        session_id, session_start = _session_key(reader, row, tz)
        reader.checked(row, "date", parse_date, logged.date(), "date")
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", row["date"]):
            raise reader.fail("date", f"{row['date']!r} is not a date like 2026-09-07")
        try:
            set_id = str(uuid.UUID(row["set_id"]))
        except ValueError:
            raise reader.fail("set_id", f"{row['set_id']!r} is not a UUID") from None
        if row["set_type"] not in SET_TYPES:
            raise reader.fail("set_type", f"{row['set_type']!r} is not one of {', '.join(SET_TYPES)}")
        if row["unit"] not in ("kg", "lb"):
            raise reader.fail("unit", f"{row['unit']!r} is not kg or lb")
        if not row["exercise"].strip():
            raise reader.fail("exercise", "is empty")
        text_or_none = {c: (row[c] or None) for c in ("session", "session_kind", "block", "side",
                                                        "tempo", "notes")}
        weight = reader.checked(row, "weight", parse_weight, row["unit"], "weight")
        weight_kg = reader.checked(row, "weight_kg", parse_weight, "kg", "weight_kg")
        if weight is not None and weight_kg is not None and abs(to_kg(weight, row["unit"]) - weight_kg) > 0.01:
            raise reader.fail("weight_kg", f"{weight_kg:g} kg disagrees with weight {weight:g} {row['unit']} "
                                           f"({to_kg(weight, row['unit']):g} kg)")
        found = ImportedSet(
            id=set_id, line=reader.line, date=row["date"], logged_at=utc(logged), tz=tz,  # type: ignore[arg-type]
            exercise=row["exercise"], set_index=reader.whole(row, "set_index") or 1,
            set_type=row["set_type"], weight=weight, unit=row["unit"], weight_kg=weight_kg,
            reps=reader.whole(row, "reps"), seconds=reader.number(row, "seconds", 0, 86_400),
            distance_m=reader.number(row, "distance_m", 0, 1e6), rpe=reader.rpe(row, "rpe"),
            rest_s=reader.whole(row, "rest_s", 86_400), week=reader.whole(row, "week"),
            session_id=session_id or stable_id("journal", row["date"]), session_by_date=session_id is None,
            session_started_at=session_start, source="journal", pillar=row["pillar"] or None,
            **text_or_none)
        _one_date(reader, found, session_dates)
        yield found


def read_sets(source: str | TextIO, fmt: str = "auto", units: str = "kg",
              tz: str = "UTC") -> tuple[str, Iterator[ImportedSet]]:
    """The file's format, and its sets as they are read: an EntryError (line and column) is raised
    at the first bad row, when the reading reaches it."""
    stream = io.StringIO(source, newline="") if isinstance(source, str) else source
    header = stream.readline()
    detected = detect(header.lstrip("\ufeff"))
    if fmt != "auto" and fmt != detected:
        raise EntryError("format", f"the file looks like a {detected} export, not {fmt}")
    lines = itertools.chain([header.lstrip("\ufeff")], stream)
    if detected == "strong":
        return detected, read_strong(lines, header, units, tz)
    if detected == "hevy":
        return detected, read_hevy(lines, tz)
    return detected, read_journal(lines)


# --- exercise names ------------------------------------------------------------------------

def _plain(name: str) -> str:
    name = re.sub(r"\([^)]*\)", "", name).casefold().replace("-", " ")
    return re.sub(r"\s+", " ", name).strip()


def name_map(names: Iterable[str], known: Sequence[str]) -> dict[str, str]:
    """Imported names to the journal's where they clearly match (equipment in brackets aside)."""
    by_plain = {_plain(k): k for k in known}
    mapped = {}
    for name in names:
        plain = _plain(name)
        plain = ALIASES.get(plain, plain)
        mapped[name] = by_plain.get(plain, name)
    return mapped
