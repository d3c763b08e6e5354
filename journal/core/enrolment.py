"""Enrolling on a program and the lifter's kit: what the journal is set up with, read back as a
program and an enrolment."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pendulum import Date

from . import engine
from .entry import parse_kit_weight, parse_weight_list, check_date, parse_bodyweight, parse_kg
from .errors import EntryError, NotEnrolled, UnknownExercise
from .model import ALIASES, Equipment, EMPHASES, Enrolment, Program, default_equipment
from .program import implements_from_shipped, parse_program, read_program_file, shipped_programs
from .record import record

@lru_cache(maxsize=8)
def parsed_program(program_toml: str) -> Program:
    program = parse_program(program_toml)
    # Stored before equipment existed: no slot says its implement. (Read, not rewritten: the
    # stored text stays what the lifter enrolled on.)
    return program if "implement" in program_toml else implements_from_shipped(program)


def normal_name(name: str) -> str:
    """An exercise name with its spacing made plain: `Sled   push ` is `Sled push`."""
    return " ".join(name.split())


def match_exercise(name: str, known: list[str]) -> str:
    """Case-insensitive exact name (or a common alias), else an unambiguous prefix; unknown names
    list the close ones."""
    wanted = normal_name(name).casefold()
    if not wanted:
        raise EntryError("exercise", "is empty")
    by_fold = {k.casefold(): k for k in known}
    if wanted in by_fold:
        return by_fold[wanted]
    if ALIASES.get(wanted) in by_fold:
        return by_fold[ALIASES[wanted]]
    prefixed = [k for k in known if k.casefold().startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise EntryError("exercise", f"{name!r} could be {', '.join(sorted(prefixed))}")
    import difflib

    words = [k for k in known if any(w.startswith(wanted[:3]) for w in k.casefold().split())]
    close = words + [by_fold[c] for c in difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.5)]
    close = list(dict.fromkeys(close))[:4]
    suggestion = f"; close: {', '.join(close)}" if close else ""
    raise UnknownExercise("exercise", f"{name!r} is not in your program{suggestion}")


def resolve_program(name_or_file: str) -> tuple[Program, str]:
    """A shipped program by name, or a program file by path; with its TOML text."""
    shipped = shipped_programs()
    if name_or_file in shipped:
        text = shipped[name_or_file]
        return parse_program(text, f"{name_or_file}.toml"), text
    path = Path(name_or_file)
    if path.suffix == ".toml" and path.exists():
        return read_program_file(path)
    raise EntryError("program", f"unknown program {name_or_file!r} (shipped: {', '.join(shipped)})")


@record
class Enrolled:
    """The lifter's enrolment with its program, read and checked."""
    program: Program
    enrolment: Enrolment


def equipment_with(gear: Equipment, *, bar: str | None = None, plates: str | None = None,
                   dumbbells: str | None = None, kettlebells: str | None = None,
                   machine_step: str | None = None) -> Equipment:
    """`gear` with the values given (in its unit; lists comma-separated) in place of its own."""
    unit = gear.unit
    return replace(
        gear,
        bar_kg=parse_kit_weight(bar, unit, "bar") if bar is not None else gear.bar_kg,
        plates_kg=(tuple(reversed(parse_weight_list(plates, unit, "plates"))) if plates is not None
                   else gear.plates_kg),
        dumbbells_kg=parse_weight_list(dumbbells, unit, "dumbbells") if dumbbells is not None else gear.dumbbells_kg,
        kettlebells_kg=(parse_weight_list(kettlebells, unit, "kettlebells") if kettlebells is not None
                        else gear.kettlebells_kg),
        machine_step_kg=(parse_kit_weight(machine_step, unit, "machine-step") if machine_step is not None
                         else gear.machine_step_kg))


def new_enrolment(program_name: str, start: Date, units: str = "kg", bodyweight_kg: object = None,
                  loads: dict[str, object] | None = None,
                  equipment: dict[str, str] | None = None) -> tuple[Enrolled, str]:
    """An enrolment checked whole before any file is touched, with its program's text.
    `equipment`: what the lifter owns where it differs from the unit's usual kit; the starting
    loads are then made from it."""
    program, text = resolve_program(program_name)
    if units not in ("kg", "lb"):
        raise EntryError("units", f"{units!r} is not kg or lb")
    check_date(start, "start")
    if bodyweight_kg is not None:
        bodyweight_kg = parse_bodyweight(bodyweight_kg, units)
    overrides = {}
    for name, kg in (loads or {}).items():
        exercise = match_exercise(name, list(program.exercises()))
        overrides[exercise] = parse_kg(kg, units, f"load {exercise}")
    gear = equipment_with(default_equipment(units), **equipment) if equipment else None
    enrolment = Enrolment(program.name, start.isoformat(), units, None, bodyweight_kg,
                          engine.starting_loads(program, bodyweight_kg, overrides, gear or units), gear)
    return Enrolled(program, enrolment), text


class Enrolments:
    """The Journal's enrolment, units, kit and emphasis."""

    def enrol(self, program_name: str, start: Date, units: str = "kg", bodyweight_kg: float | None = None,
              loads: dict[str, float] | None = None, equipment: dict[str, str] | None = None) -> Enrolled:
        enrolled, text = new_enrolment(program_name, start, units, bodyweight_kg, loads, equipment)
        self._save_enrolment(enrolled, text)
        return enrolled

    def _save_enrolment(self, enrolled: Enrolled, program_text: str) -> None:
        with self.store.write():  # the enrolment and the kit it was planned with, together
            self.store.enrol(enrolled.enrolment, program_text)
            if enrolled.enrolment.equipment is not None:
                self.store.set_equipment(enrolled.enrolment.equipment)

    def enrolled(self) -> Enrolled:
        found = self.store.enrolment()
        if found is None:
            raise NotEnrolled("program", "no program enrolled yet")
        enrolment, text = found
        return Enrolled(parsed_program(text), enrolment)

    def set_units(self, units: str) -> None:
        """Plan, round and show loads in another unit from now on; the lifter's own kit stays
        (shown in the new unit), the usual kit becomes the new unit's; logged sets stay as they were."""
        if units not in ("kg", "lb"):
            raise EntryError("units", f"{units!r} is not kg or lb")
        enrolment = self.enrolled().enrolment
        if units == enrolment.units:
            return
        own_kit = self.store.equipment()  # None: the usual kit, which is the new unit's usual kit
        with self.store.write():
            self.store.set_units(units)
            # The plates and bells the lifter owns stay theirs (kept in exact kg), now shown in the new unit.
            self.store.set_equipment(replace(own_kit, unit=units) if own_kit else None)

    def equipment(self) -> Equipment:
        return self.enrolled().enrolment.gear

    def set_equipment(self, *, bar: str | None = None, plates: str | None = None, dumbbells: str | None = None,
                      kettlebells: str | None = None, machine_step: str | None = None) -> Equipment:
        """Change what the lifter owns, given in their unit (lists comma-separated); the rest stays."""
        changed = equipment_with(self.equipment(), bar=bar, plates=plates, dumbbells=dumbbells,
                                 kettlebells=kettlebells, machine_step=machine_step)
        self.store.set_equipment(changed)
        return changed

    def set_emphasis(self, emphasis: str) -> None:
        if emphasis not in EMPHASES + ("none",):
            raise EntryError("emphasis", f"{emphasis!r} is not one of {', '.join(EMPHASES)}, none")
        self.enrolled()
        self.store.set_emphasis(None if emphasis == "none" else emphasis)
