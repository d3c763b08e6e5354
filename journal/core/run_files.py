"""Runs from files: a CSV log of runs, or an iCalendar file of planned workouts.

Every run read from a file gets an id made from what it is (date, time, kind,
title), so importing the same file twice adds nothing the second time. A file
with one bad row raises an EntryError naming the line, and nothing is read.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pendulum

from .clock import iso_date
from .entry import MAX_TITLE, check_date, parse_number, parse_text
from .files import read_text
from .errors import EntryError
from .model import RACE_PRIORITIES, RUN_KINDS, Run

RUN_NAMESPACE = uuid.UUID("8b0f8f6e-4a1c-4a53-9a43-1f5d3c9e2b71")
CSV_COLUMNS = ("date", "kind", "minutes", "km", "rpe", "priority")
# Checked in order: a "race pace intervals" title is quality work, not a race.
TITLE_KINDS = (
    (re.compile(r"interval|tempo|threshold|fartlek|repeats|track|vo2", re.I), "quality"),
    (re.compile(r"\blong\b", re.I), "long"),
    (re.compile(r"race|parkrun|marathon|ekiden|wettkampf|compétition|\b\d+\s?k\b|half", re.I), "race"),
    (re.compile(r"travel|flight|trip", re.I), "travel"),
)


def run_id(date: str, time: str | None, kind: str, title: str | None) -> str:
    return str(uuid.uuid5(RUN_NAMESPACE, f"{date}|{time or ''}|{kind}|{title or ''}"))


def kind_from_title(title: str) -> str:
    return next((kind for pattern, kind in TITLE_KINDS if pattern.search(title)), "easy")


def check_run(date: str, kind: str, priority: str | None = None, minutes: object = None,
              km: object = None, rpe: object = None, title: str | None = None,
              time: str | None = None, where: str = "") -> Run:
    """A validated Run; `where` (e.g. 'line 4: ') prefixes every message."""

    def fail(name: str, problem: str) -> EntryError:
        return EntryError(f"{where}{name}", problem)

    if kind not in RUN_KINDS:
        raise fail("kind", f"{kind!r} is not one of {', '.join(RUN_KINDS)}")
    priority = (priority or "").strip().upper() or None
    if priority is not None and priority not in RACE_PRIORITIES:
        raise fail("priority", f"{priority!r} is not one of A, B, C")
    if kind == "race" and priority is None:
        priority = "C"

    def number(value: object, name: str, low: float, high: float) -> float | None:
        if value in (None, ""):
            return None
        try:
            return parse_number(value, name, low, high)
        except EntryError as error:
            raise fail(name, error.problem) from None

    try:
        title = parse_text(title, "title", MAX_TITLE)
    except EntryError as error:
        raise fail("title", error.problem) from None
    if time is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", time):
        raise fail("time", f"{time!r} is not HH:MM")
    return Run(run_id(date, time, kind, title), date, kind, priority,
               number(minutes, "minutes", 1, 24 * 60), number(km, "km", 0.1, 500),
               number(rpe, "rpe", 1, 10), title or None, time)


def _date(text: str, where: str) -> str:
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
            return check_date(iso_date(text.strip()), f"{where}date").isoformat()
    except ValueError:
        pass
    raise EntryError(f"{where}date", f"{text!r} is not a date like 2026-09-07")


def read_csv(text: str) -> list[Run]:
    rows = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in rows.fieldnames or ()]
    if "date" not in header or "kind" not in header:
        raise EntryError("line 1", f"a runs CSV needs the columns {', '.join(CSV_COLUMNS)} (title, time optional)")
    runs = []
    for row in rows:
        where = f"line {rows.line_num}: "
        if None in row:  # DictReader files the fields past the header under None
            raise EntryError(where.rstrip(": "), f"has more fields than the header's {len(header)}")
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        runs.append(check_run(_date(row["date"], where), row["kind"].lower(), row.get("priority"),
                              row.get("minutes"), row.get("km"), row.get("rpe"), row.get("title"),
                              row.get("time") or None, where))
    return runs


def _unfolded(text: str) -> list[tuple[int, str]]:
    """iCalendar lines with continuation lines joined, each with its first line number."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def _ics_start(value: str, params: str, where: str) -> tuple[str, str | None]:
    """DTSTART as a local date and HH:MM (UTC times are turned into the given TZID's, else kept)."""
    tzid = re.search(r"TZID=([^;:]+)", params)
    all_day = len(value) == 8
    try:
        moment = (pendulum.from_format(value, "YYYYMMDD") if all_day else
                  pendulum.from_format(value.rstrip("Z"), "YYYYMMDDTHHmmss", tz=tzid[1] if tzid else "UTC"))
    except Exception:
        raise EntryError(f"{where}DTSTART", f"{value!r} is not an iCalendar date or time") from None
    check_date(moment.date(), f"{where}DTSTART")
    return moment.date().isoformat(), None if all_day else moment.format("HH:mm")


def read_ics(text: str) -> list[Run]:
    runs: list[Run] = []
    event: dict[str, tuple[str, str, int]] | None = None
    for number, line in _unfolded(text):
        name, _, value = line.partition(":")
        key, _, params = name.partition(";")
        key = key.upper()
        if key == "BEGIN" and value.strip().upper() == "VEVENT":
            event = {}
        elif key == "END" and value.strip().upper() == "VEVENT" and event is not None:
            runs.append(_event_run(event, number))
            event = None
        elif event is not None:
            event[key] = (value.strip(), params, number)
    if not runs and "BEGIN:VCALENDAR" not in text.upper():
        raise EntryError("line 1", "not an iCalendar file (no BEGIN:VCALENDAR)")
    return runs


def _event_run(event: dict[str, tuple[str, str, int]], end_line: int) -> Run:
    if "DTSTART" not in event:
        raise EntryError(f"line {end_line}: DTSTART", "the event has no start")
    value, params, number = event["DTSTART"]
    date, time = _ics_start(value, params, f"line {number}: ")
    title = event.get("SUMMARY", ("", "", 0))[0].replace("\\,", ",").replace("\\;", ";")
    kind = kind_from_title(title)
    minutes = None
    if "DTEND" in event:
        end_date, end_time = _ics_start(*event["DTEND"][:2], f"line {event['DTEND'][2]}: ")
        if time and end_time:
            start = pendulum.parse(f"{date}T{time}")
            minutes = (pendulum.parse(f"{end_date}T{end_time}") - start).in_minutes() or None
    priority = re.search(r"\b([ABC])[- ]?race\b|\(([ABC])\)", title)
    return check_run(date, kind, (priority[1] or priority[2]) if priority else None, minutes,
                     title=title or None, time=time, where=f"line {number}: ")


def is_run_log(path: Path) -> bool:
    """Whether a file is a typed log of runs (a CSV with date and kind columns) or an .ics
    calendar, rather than a platform's export."""
    return path.suffix.lower() in (".ics", ".ical") or {"date", "kind"} <= csv_header(path)


def csv_header(path: Path) -> set[str]:
    """A CSV file's column names, lower case (none for a path that is not a regular .csv file)."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return set()
    with path.open(encoding="utf-8-sig", errors="replace") as file:
        return {h.strip().lower() for h in next(csv.reader([file.readline()]), [])}


def read_runs(path: Path) -> list[Run]:
    """Runs from a .csv or .ics file."""
    text = read_text(path, encoding="utf-8-sig")
    if path.suffix.lower() in (".ics", ".ical") or text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return read_ics(text)
    return read_csv(text)
