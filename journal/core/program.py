"""Program files: TOML templates of blocks, weekly sessions and exercise slots.

`load_program` parses and validates; every problem found is reported at once
with the line it is on and the field it names, so a coach editing a file sees
the whole list, not one error per run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from .entry import parse_tempo
from .errors import EntryError, JournalError
from .key_lines import Path_, dotted, key_lines, line_of
from .model import (
    IMPLEMENTS,
    BLOCK_KINDS,
    EMPHASES,
    LOAD_KINDS,
    PILLARS,
    PROGRESSION_MODELS,
    SESSION_KINDS,
    WEEKDAYS,
    Block,
    Gates,
    Program,
    Rules,
    SessionTemplate,
    Slot,
)
from .record import record

@record
class Problem:
    """A problem found in a program file: its line, the field, and what is wrong."""
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.field}: {self.message}"


class ProgramError(JournalError):
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(source, f"{first}{more}")


# --- field checks ---------------------------------------------------------------------

Check = Callable[[Any], str | None]


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) and v == v


def positive_int(v: Any) -> str | None:
    return None if _is_int(v) and v > 0 else f"{v!r} is not a positive whole number"


def non_negative_number(v: Any) -> str | None:
    return None if _is_number(v) and v >= 0 else f"{v!r} is not a number of zero or more"


def positive_number(v: Any) -> str | None:
    return None if _is_number(v) and v > 0 else f"{v!r} is not a positive number"


def fraction(v: Any) -> str | None:
    return None if _is_number(v) and 0 <= v < 1 else f"{v!r} is not a fraction from 0 to below 1"


def text(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else f"{v!r} is not a non-empty string"


def boolean(v: Any) -> str | None:
    return None if isinstance(v, bool) else f"{v!r} is not true or false"


def one_of(choices: tuple[str, ...], what: str) -> Check:
    def check(v: Any) -> str | None:
        if v in choices:
            return None
        return f"{v!r} is not a known {what} ({', '.join(choices)})"

    return check


def list_of(check: Check) -> Check:
    def check_list(v: Any) -> str | None:
        if not isinstance(v, list):
            return f"{v!r} is not a list"
        for item in v:
            if problem := check(item):
                return problem
        return None

    return check_list


def tempo(v: Any) -> str | None:
    if not isinstance(v, str):
        return f"{v!r} is not a tempo string like 3-1-X-0"
    try:
        parse_tempo(v)
    except EntryError as error:
        return error.problem
    return None


def reps(v: Any) -> str | None:
    if _is_int(v) and v > 0:
        return None
    if isinstance(v, str) and (m := re.fullmatch(r"(\d+)\s*-\s*(\d+)", v)):
        if 0 < int(m[1]) < int(m[2]):
            return None
    return f"{v!r} is not a rep count or a range like \"8-12\""


def rpe_target(v: Any) -> str | None:
    ok = _is_number(v) and 6 <= v <= 10 and v * 2 == int(v * 2)
    return None if ok else f"{v!r} is not an RPE from 6 to 10 in half steps"


TOP_FIELDS: dict[str, Check] = {
    "name": text,
    "title": text,
    "summary": text,
    "units": one_of(("kg", "lb"), "unit"),
}
BLOCK_FIELDS: dict[str, Check] = {
    "name": text,
    "kind": one_of(BLOCK_KINDS, "block kind"),
    "weeks": positive_int,
    "build_weeks": positive_int,
    "deload_weeks": lambda v: None if _is_int(v) and v >= 0 else f"{v!r} is not a whole number of weeks",
}
SESSION_FIELDS: dict[str, Check] = {
    "name": text,
    "kind": one_of(SESSION_KINDS, "session kind"),
    "day": one_of(WEEKDAYS, "weekday"),
    "lighter": boolean,
    "blocks": list_of(one_of(BLOCK_KINDS, "block kind")),
    "exercises": lambda v: None,  # checked element by element
}
SLOT_FIELDS: dict[str, Check] = {
    "exercise": text,
    "pillar": one_of(PILLARS, "pillar"),
    "sets": positive_int,
    "reps": reps,
    "seconds": positive_int,
    "tempo": tempo,
    "rest_s": lambda v: None if _is_int(v) and v >= 0 else f"{v!r} is not a whole number of seconds",
    "load": one_of(LOAD_KINDS, "load rule"),
    "start_kg": non_negative_number,
    "bodyweight_factor": positive_number,
    "percent": lambda v: None if _is_number(v) and 0 < v <= 100 else f"{v!r} is not a percentage",
    "rpe": rpe_target,
    "increment_kg": positive_number,
    "increment_reps": positive_int,
    "increment_s": positive_int,
    "progression": one_of(PROGRESSION_MODELS, "progression model"),
    "unilateral": boolean,
    "heavy_lower": boolean,
    "emphasis": one_of(EMPHASES, "emphasis"),
    "blocks": list_of(one_of(BLOCK_KINDS, "block kind")),
    "ceiling": positive_int,
    "ramp": non_negative_number,
    "implement": one_of(IMPLEMENTS, "implement"),
    "warmup": boolean,
}
LADDER_FIELDS: dict[str, Check] = {"steps": list_of(text)}


def _numeric_fields(cls: type) -> dict[str, Check]:
    checks: dict[str, Check] = {}
    for f in fields(cls):
        default = f.default
        if isinstance(default, int):
            checks[f.name] = positive_int if not f.name.endswith("_days") else (
                lambda v: None if _is_int(v) and v >= 0 else f"{v!r} is not a whole number of days"
            )
        if isinstance(default, float):
            checks[f.name] = fraction if f.name.endswith(("_cut", "_fraction")) else non_negative_number
    return checks


RULE_FIELDS = _numeric_fields(Rules)
GATE_FIELDS = _numeric_fields(Gates)


# --- validation -------------------------------------------------------------------------


class _Checker:
    def __init__(self, lines: dict[Path_, int]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(line_of(self.lines, path), dotted(path), message))

    def table(
        self, value: Any, path: Path_, spec: dict[str, Check], required: tuple[str, ...] = ()
    ) -> dict:
        if not isinstance(value, dict):
            self.problem(path, "is not a table")
            return {}
        clean = {}
        for key, item in value.items():
            if key not in spec:
                self.problem(path + (key,), f"unknown key (known: {', '.join(sorted(spec))})")
            elif problem := spec[key](item):
                self.problem(path + (key,), problem)
            else:
                clean[key] = item
        for key in required:
            if key not in value:
                self.problem(path, f"missing required key '{key}'")
        return clean

    def array(self, value: Any, path: Path_) -> list:
        if value is None:
            self.problem(path, "is missing")
            return []
        if not isinstance(value, list) or not value:
            self.problem(path, "must be a non-empty array of tables")
            return []
        return value


def _slot(raw: dict, path: Path_, check: _Checker) -> Slot | None:
    before = len(check.problems)
    clean = check.table(raw, path, SLOT_FIELDS, required=("exercise", "pillar", "sets"))
    if not isinstance(raw, dict):
        return None
    if "reps" not in raw and "seconds" not in raw:
        check.problem(path, "needs 'reps' or 'seconds'")
    default_load = "kg" if "start_kg" in raw else ("seconds" if "seconds" in raw else "bodyweight")
    load = clean.get("load", default_load)
    needs = {"kg": ("start_kg",), "percent_e1rm": ("percent", "start_kg"), "rpe": ("rpe", "start_kg"),
             "seconds": ("seconds",), "bodyweight": ()}
    for key in needs.get(load, ()):
        if key not in raw:
            check.problem(path + ("load",), f"load '{load}' needs '{key}'")
    if len(check.problems) > before:
        return None
    reps_raw = clean.get("reps")
    reps_min, reps_max = (reps_raw, None) if not isinstance(reps_raw, str) else map(int, reps_raw.split("-"))
    default_model = "double" if reps_max else ("rpe" if load == "rpe" else "linear")
    return Slot(
        exercise=clean["exercise"].strip(),
        pillar=clean["pillar"],
        sets=clean["sets"],
        reps=reps_min,
        reps_max=reps_max,
        seconds=clean.get("seconds"),
        tempo=parse_tempo(clean.get("tempo")),
        rest_s=clean.get("rest_s"),
        load=load,
        start_kg=float(clean["start_kg"]) if "start_kg" in clean else None,
        bodyweight_factor=clean.get("bodyweight_factor"),
        percent=clean.get("percent"),
        rpe=clean.get("rpe"),
        increment_kg=float(clean.get("increment_kg", 2.5)),
        increment_reps=clean.get("increment_reps", 1),
        increment_s=clean.get("increment_s", 5),
        progression=clean.get("progression", default_model),
        unilateral=clean.get("unilateral", False),
        heavy_lower=clean.get("heavy_lower", False),
        emphasis=clean.get("emphasis"),
        blocks=tuple(clean.get("blocks", ())),
        ceiling=clean.get("ceiling"),
        implement=clean.get("implement", "barbell"),
        ramp=float(clean["ramp"]) if "ramp" in clean else None,
        warmup=clean.get("warmup", True),
    )


def _ladders(raw: Any, check: _Checker, exercises: set[str]) -> tuple[tuple[str, ...], ...]:
    """`[[ladders]] steps = [...]`: each from an exercise of the program to harder variations."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.problem(("ladders",), "must be an array of tables")
        return ()
    ladders: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        path: Path_ = ("ladders", i)
        clean = check.table(item, path, LADDER_FIELDS, required=("steps",))
        steps = tuple(" ".join(step.split()) for step in clean.get("steps", ()))
        if "steps" not in clean:
            continue
        if len(steps) < 2:
            check.problem(path + ("steps",), "a ladder needs an exercise and at least one harder variation")
        elif steps[0] not in exercises:
            check.problem(path + ("steps",), f"starts at {steps[0]!r}, which is not an exercise of the program")
        elif clash := next((step for step in steps[1:] if step in exercises), None):
            check.problem(path + ("steps",), f"{clash!r} is an exercise of its own, not a variation")
        elif clash := next((step for step in steps if step in seen or steps.count(step) > 1), None):
            check.problem(path + ("steps",), f"{clash!r} is on more than one ladder or twice on this one")
        else:
            seen.update((step, i) for step in steps)
            ladders.append(steps)
    return tuple(ladders)


def parse_program(source_text: str, source: str = "<program>") -> Program:
    """Parse and validate a program; raise ProgramError listing every problem."""
    try:
        raw = tomllib.loads(source_text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match[1]) if match else None
        raise ProgramError(source, [Problem(line, "(syntax)", str(error))]) from None
    check = _Checker(key_lines(source_text))
    top_spec = dict(TOP_FIELDS, rules=lambda v: None, gates=lambda v: None,
                    blocks=lambda v: None, sessions=lambda v: None, ladders=lambda v: None)
    top = check.table(raw, (), top_spec, required=("name", "title", "units"))
    rules = check.table(raw.get("rules", {}), ("rules",), RULE_FIELDS)
    gates = check.table(raw.get("gates", {}), ("gates",), GATE_FIELDS)

    blocks: list[Block] = []
    for i, item in enumerate(check.array(raw.get("blocks"), ("blocks",))):
        path: Path_ = ("blocks", i)
        clean = check.table(item, path, BLOCK_FIELDS, required=("name", "kind", "weeks"))
        if {"name", "kind", "weeks"} <= clean.keys():
            blocks.append(Block(clean["name"], clean["kind"], clean["weeks"],
                                clean.get("build_weeks", 3), clean.get("deload_weeks", 1)))

    sessions: list[SessionTemplate] = []
    for i, item in enumerate(check.array(raw.get("sessions"), ("sessions",))):
        path = ("sessions", i)
        clean = check.table(item, path, SESSION_FIELDS, required=("name", "kind", "day"))
        slots = []
        kind = clean.get("kind")
        slot_items = item.get("exercises", []) if isinstance(item, dict) else []
        if kind != "rest" and not slot_items:
            check.problem(path, "a session that is not a rest day needs [[sessions.exercises]]")
        for j, slot_raw in enumerate(slot_items if isinstance(slot_items, list) else []):
            if (slot := _slot(slot_raw, path + ("exercises", j), check)) is not None:
                slots.append(slot)
        if {"name", "kind", "day"} <= clean.keys():
            sessions.append(SessionTemplate(clean["name"], kind, clean["day"], tuple(slots),
                                            clean.get("lighter", False), tuple(clean.get("blocks", ()))))

    for kind in BLOCK_KINDS:  # one session a day in any block
        days: dict[str, str] = {}
        for i, session in enumerate(sessions):
            if session.blocks and kind not in session.blocks:
                continue
            if session.day in days:
                check.problem(("sessions", i, "day"),
                              f"'{session.day}' already has '{days[session.day]}' in {kind} blocks")
            days[session.day] = session.name

    ladders = _ladders(raw.get("ladders"), check, {slot.exercise for s in sessions for slot in s.slots})
    if check.problems:
        raise ProgramError(source, check.problems)
    return Program(
        name=top["name"],
        title=top["title"],
        summary=top.get("summary", ""),
        units=top["units"],
        blocks=tuple(blocks),
        sessions=tuple(sessions),
        rules=Rules(**{k: type(getattr(Rules(), k))(v) for k, v in rules.items()}),
        gates=Gates(**{k: float(v) for k, v in gates.items()}),
        ladders=ladders,
    )


MAX_PROGRAM_BYTES = 1024 * 1024  # a year of sessions is a few tens of kB


def read_program_file(path: str | Path) -> tuple[Program, str]:
    """A program file and its text: a regular file of bounded size (a FIFO or a link to a device
    is refused at once, never waited on or read without end)."""
    from .files import read_text

    source_text = read_text(Path(path), "program", limit=MAX_PROGRAM_BYTES)
    return parse_program(source_text, str(path)), source_text


def load_program_file(path: str | Path) -> Program:
    return read_program_file(path)[0]


def shipped_programs() -> dict[str, str]:
    """Name -> TOML text of every program that ships with the journal."""
    folder = resources.files("journal") / "programs"
    return {
        entry.name.removesuffix(".toml"): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def implements_from_shipped(program: Program) -> Program:
    """A program stored before equipment existed (no slot names its implement, so each reads as
    a barbell) with every slot's implement taken from the shipped program of its name: dumbbell
    lunges stay dumbbell lunges after an upgrade. A program that is not shipped is returned as is."""
    if program.name not in shipped_programs():
        return program
    shipped = load_shipped(program.name).exercises()

    def kept(slot: Slot) -> Slot:
        return replace(slot, implement=shipped[slot.exercise].implement) if slot.exercise in shipped else slot

    return replace(program, sessions=tuple(replace(s, slots=tuple(kept(slot) for slot in s.slots))
                                           for s in program.sessions))


def load_shipped(name: str) -> Program:
    programs = shipped_programs()
    if name not in programs:
        raise JournalError("program", f"unknown program {name!r} (shipped: {', '.join(programs)})")
    return parse_program(programs[name], f"{name}.toml")
