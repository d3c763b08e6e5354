"""What a lifter does with the journal, as one set of functions for the CLI and the TUI.

`Journal` ties the store, the clock and the enrolled program together; the
rules themselves live in the engine, the SQL in the store.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pendulum import Date

from . import engine
from .clock import Clock, iso_date, today
from .entry import (
    SetInput,
    parse_kit_weight,
    parse_weight_list,
    check_date,
    parse_bodyweight,
    MAX_NAME,
    MAX_NOTE,
    parse_kg,
    parse_text,
    parse_date,
    parse_number,
    parse_scale,
    parse_side,
)
from .errors import EntryError, JournalExists, NotEnrolled, StoreError, UnknownExercise
from .model import (
    ALIASES,
    Equipment,
    ASSESSMENT_TESTS,
    EMPHASES,
    Assessment,
    Enrolment,
    LoggedSet,
    PlannedDay,
    Prescription,
    Program,
    Run,
    Session,
    Slot,
    Wellness,
    default_equipment,
)
from .progression import Target, Verdict
from .program import implements_from_shipped, parse_program, read_program_file, shipped_programs
from .store import Store, new_id
from .units import in_unit

if TYPE_CHECKING:
    from .exercise_history import ExerciseHistory, ExerciseSession
    from .records import Record
    from .session_report import SessionReport
    from .summary import WeeklySummary
    from .week_glance import WeekAtAGlance

MAX_TRAVEL_DAYS = 366
ROLLING_BACKUPS = 7  # days of copies kept beside the journal, one made after each session


@lru_cache(maxsize=8)
def _parse_cached(program_toml: str) -> Program:
    program = parse_program(program_toml)
    # Stored before equipment existed: no slot says its implement. (Read, not rewritten: the
    # stored text stays what the lifter enrolled on.)
    return program if "implement" in program_toml else implements_from_shipped(program)


PLANNABLE_YEARS = 20  # past this a date is a typo, and the coach would replay every week to it
WHY_AHEAD_DAYS = 13  # `why` names the next load the plan asks for within two weeks


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


def _check_set_shape(name: str, slot: Slot, reps: int | None, seconds: int | None,
                     weight_kg: float | None) -> None:
    """A set must have the shape its exercise is counted in: reps, or seconds (a hold or carry)."""
    if slot.reps is None and reps is not None:
        loaded = " and its load (18x30s)" if slot.start_kg is not None else ""
        raise EntryError("set", f"{name} is timed: give its seconds{loaded}, not reps")
    if slot.reps is not None and reps is None:
        raise EntryError("set", f"{name} is counted in reps: log it as WEIGHTxREPS (80x5, BWx8)")
    if slot.load == "seconds" and slot.start_kg is None and weight_kg:
        raise EntryError("set", f"{name} is a hold with no load: give its seconds")


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


@dataclass(frozen=True)
class Enrolled:
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


def start_journal(path: str | Path, clock: Clock, program_name: str, start: Date, units: str = "kg",
                  bodyweight: object = None, loads: dict[str, object] | None = None,
                  equipment: dict[str, str] | None = None, again: bool = False) -> tuple[Journal, Enrolled]:
    """A journal at `path` enrolled in a program: every value is checked before a file is made.
    `journal init` and the first-run screen both start a journal this way. A journal already
    enrolled there is refused, unless `again`: then it is backed up beside itself first (its
    sets stay; the new enrolment's program, units, kit and loads take over)."""
    enrolled, text = new_enrolment(program_name, start, units, bodyweight, loads, equipment)
    journal = Journal.open(path, clock, create=True, start=True)
    try:
        found = journal.store.enrolment()
        if found is not None:
            if not again:
                raise JournalExists("force", f"{journal.path} is already a journal ({found[0].program} from "
                                             f"{found[0].start}); nothing was changed")
            journal.backup()
        journal._save_enrolment(enrolled, text)
        return journal, enrolled
    except BaseException:
        journal.close()
        raise


@dataclass(frozen=True)
class ImportReport:
    format: str
    sets: int  # set rows read
    new: int  # of them stored now (0 on a dry run, or when all were there already)
    by_exercise: dict[str, int]
    first: str | None
    last: str | None
    renamed: dict[str, str]  # file name -> journal name, where they clearly match


@dataclass(frozen=True)
class Why:
    """An exercise's current target and the verdict that set it."""

    exercise: str
    slot: Slot
    target: Target
    unit: str = "kg"
    planned: Prescription | None = None  # the lift in the next session that has it: what the plan asks
    planned_on: str | None = None

    @property
    def next_weight_kg(self) -> float | None:
        """The next load, as the plan names it (a build week's ramp, a lighter day), else the target's."""
        return self.planned.weight_kg if self.planned else self.target.weight_kg

    @property
    def verdict(self) -> Verdict | None:
        return self.target.verdict

    def first_target_reason(self) -> str:
        """Before any verdict: where the first target came from."""
        return "no microcycle judged yet: " + engine.describe_load_rule(self.slot, self.target.weight_kg, self.unit)

    def to_json(self) -> dict:
        t = self.target
        if self.verdict is None:
            reasons = [self.first_target_reason()]
            document = {"exercise": self.exercise, "verdict": None, "reasons": reasons,
                        "next_weight_kg": t.weight_kg, "next_reps": t.reps, "next_seconds": t.seconds,
                        "evidence": [], "rpe_trend": [], "readiness": None}
        else:
            document = self.verdict.to_json()
        document["target_weight_kg"] = t.weight_kg  # the microcycle's; the plan's next load is next_weight_kg
        document["next_weight_kg"] = self.next_weight_kg
        document["next_date"] = self.planned_on
        document["next_why"] = self.planned.why if self.planned else None
        document["carried_kg"] = t.carry_kg
        document["microcycles_without_progress"] = t.misses
        document["unit"] = self.unit
        weight = self.next_weight_kg
        document["next_weight"] = in_unit(weight, self.unit) if weight is not None else None
        return document


@dataclass(frozen=True)
class TrainingDay:
    """One day at the bench: its plan, the sets logged on it, and on a rest day the next session."""

    program_title: str
    units: str
    planned: PlannedDay
    sets: tuple[LoggedSet, ...]  # every session's, in the order logged
    upcoming: PlannedDay | None
    checked_in: bool
    sessions: tuple[Session, ...] = ()  # in the order they started
    planned_session: str | None = None  # the id of the session the plan named, once one set is in it
    last_time: dict[str, ExerciseSession] = field(default_factory=dict)  # each exercise's previous session
    record_sets: frozenset[str] = frozenset()  # the ids of the day's sets that set a record


class WrongThread(RuntimeError):
    """A journal used from a thread that did not open it: a bug in the caller, never the lifter's."""


class Journal:
    """The one way into a journal file: each method is one thing a lifter or a script does.
    A journal belongs to the thread that opened it (its SQLite connection cannot be shared)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self.clock = clock
        self._owner = threading.get_ident()
        self.last_backup: Path | None = None  # the copy this journal made last, to name in messages

    @property
    def store(self) -> Store:
        if threading.get_ident() != self._owner:
            raise WrongThread(f"the journal at {self._store.path} was opened by another thread")
        return self._store

    @classmethod
    def open(cls, path: str | Path, clock: Clock, create: bool = True, start: bool = False) -> "Journal":
        return cls(Store.open(path, clock, create=create, start=start), clock)

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> Path:
        """The journal file (a name, not a way in: reading it needs no connection)."""
        return self._store.path

    def schema_version(self) -> int:
        return self.store.schema_version()

    def backup(self, target: Path | None = None, replace: bool = False) -> Path:
        """A safe copy while the journal may be in use; by default beside it, stamped with the time."""
        path = self.path
        stamp = self.clock.now().format("YYYYMMDD-HHmmss")
        self.last_backup = self.store.backup(target or path.with_name(f"{path.stem}-{stamp}.db"), replace=replace)
        return self.last_backup

    def checkpoint(self) -> None:
        """Sets logged so far copied from the WAL into the journal file itself."""
        self.store.checkpoint_wal()

    def keep_safe(self) -> Path | None:
        """After a session: its sets copied into the journal file, and today's copy of the journal
        made in the rolling backups beside it (the newest ROLLING_BACKUPS days are kept), so one lost
        file is never the whole journal. Returns the copy (None for a read-only journal)."""
        from .files import rolling_backups

        self.checkpoint()
        if self.store.read_only:
            return None
        folder = rolling_backups(self.path)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise StoreError("backup", f"cannot make {folder} ({error.strerror or error})") from None
        made = self.backup(folder / f"{self.path.stem}-{self.today().isoformat()}.db", replace=True)
        for old in sorted(folder.glob(f"{self.path.stem}-????-??-??.db"))[:-ROLLING_BACKUPS]:
            old.unlink(missing_ok=True)
        return made

    def check(self) -> tuple[list[str], list[str]]:
        """(what is wrong with the file, the derived objects made again on opening it)."""
        return self.store.check(), list(self.store.repaired)

    def today(self) -> Date:
        return today(self.clock)

    def date(self, text: str | None, field: str = "date") -> Date:
        return parse_date(text, self.today(), field)

    # --- enrolment ----------------------------------------------------------------------

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
        return Enrolled(_parse_cached(text), enrolment)

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

    # --- the plan -----------------------------------------------------------------------

    def history_for(self, enrolled: Enrolled, last: Date, since: Date | None = None,
                    sets: bool = True) -> engine.History:
        """What the engine judges from `since` (default: the program's start) to `last`, the
        weeks before it that readiness and RPE trends look back on, and runs ahead. Without
        `sets`, the sets are left out (a plan within one week does not judge them)."""
        rules = enrolled.program.rules
        since = min(since or iso_date(enrolled.enrolment.start), last)
        first = since.subtract(days=engine.lookback_days(rules)).isoformat()
        ahead = last.add(days=engine.reach_days(rules)).isoformat()
        return engine.History(
            wellness=tuple(self.store.wellness_between(first, last.isoformat())),
            assessments=tuple(self.store.assessments_since(first)),
            sets=tuple(self.store.sets_between(first, last.isoformat())) if sets else (),
            runs=tuple(self.store.runs_between(first, ahead)),
            tz=self.clock.tz,
        )

    def checkpoint_before(self, program: Program, monday: Date) -> engine.Checkpoint | None:
        """The latest stored checkpoint on or before a Monday, with its microcycle's targets."""
        stored = self.store.checkpoint(monday.isoformat())
        if stored is None:
            return None
        try:  # a damaged row is only a lost cache: the fold replays from further back
            record = json.loads(stored)
            # Mid-microcycle, the targets live with the microcycle's first week.
            start = None if "targets" in record else self.store.checkpoint(str(record["cycle_start"]), exact=True)
            targets = json.loads(start)["targets"] if start else None
            return engine.Checkpoint.from_record(record, program, targets)
        except (ValueError, KeyError, TypeError):
            return None

    def fold(self, first: Date, last: Date) -> engine.Fold:
        """The engine's pass over the weeks up to `last`, resumed from the latest stored
        checkpoint before `first`, and the checkpoints it passed stored for next time.

        When the last week has a checkpoint of its own, the weeks before it and the last one
        are planned apart: neither pass then judges anything (a summary plans this week and
        the next, and the next week's checkpoint is usually there already)."""
        last_monday = engine.monday_of(last)
        if engine.monday_of(first) < last_monday and self.store.checkpoint(last_monday.isoformat(), exact=True):
            before, final = self._fold(first, last_monday.subtract(days=1)), self._fold(last_monday, last)
            return engine.Fold(before.days + final.days, final.targets, before.checkpoints + final.checkpoints)
        return self._fold(first, last)

    def _fold(self, first: Date, last: Date) -> engine.Fold:
        enrolled = self.enrolled()
        self.check_plannable(last, enrolled)
        program, rules = enrolled.program, enrolled.program.rules
        generation = self.store.plan_generation()  # before the history: see save_checkpoints
        resume = self.checkpoint_before(program, engine.monday_of(first))
        history = self.history_for(enrolled, last, resume.cycle_start if resume else None,
                                   sets=engine.judges_sets(resume, last))
        fold = engine.fold(program, enrolled.enrolment, first, last, history, resume)
        if fold.checkpoints:
            reach = engine.reach_days(rules)
            self.store.save_checkpoints(generation, [
                (c.monday.isoformat(), reach, json.dumps(c.to_record(), separators=(",", ":")))
                for c in fold.checkpoints])
        return fold

    def check_plannable(self, day: Date, enrolled: Enrolled | None = None) -> None:
        """Refuse a day so far past the program's start that it must be a typo: planning it would
        replay (and cache) every week in between."""
        start = iso_date((enrolled or self.enrolled()).enrolment.start)
        if day > start.add(years=PLANNABLE_YEARS):
            raise EntryError("date", f"{day.isoformat()} is more than {PLANNABLE_YEARS} years after your "
                                     f"program started ({start.isoformat()}); check the date")

    # The plan, by one set of names: a day, every day of a range, the days with a session, the next one.
    def plan_days(self, first: Date, last: Date) -> list[PlannedDay]:
        return self.fold(first, last).days

    def self_check(self, days: Sequence[PlannedDay]) -> list[str]:
        """The coach's promises checked over plans it has just made (days in order): a broken one
        is a bug in the coach or a program, said plainly rather than hidden."""
        from .invariants import Coached, broken_promises

        if not days:
            return []
        enrolled = self.enrolled()
        first, last = iso_date(days[0].date), iso_date(days[-1].date)
        history = self.history_for(enrolled, last, since=first)
        return [str(v) for v in broken_promises(Coached(enrolled.program, enrolled.enrolment, tuple(days), history))]

    def plan(self, day: Date) -> PlannedDay:
        return self.plan_days(day, day)[0]

    def planned_sessions(self, first: Date, last: Date) -> list[PlannedDay]:
        """The days from `first` to `last` that have a session (`plan_days`: every day)."""
        if last < first:
            raise EntryError("to", f"{last.isoformat()} is before the first day, {first.isoformat()}")
        if (last - first).days > 400:
            raise EntryError("to", "a plan covers at most 400 days")
        return [d for d in self.plan_days(first, last) if d.session]

    def next_session(self, day: Date, horizon_days: int = 14) -> PlannedDay | None:
        days = self.plan_days(day.add(days=1), day.add(days=horizon_days))
        return next((d for d in days if d.session), None)

    def why(self, exercise: str, day: Date) -> Why:
        """The verdict behind an exercise's next load, with the evidence it judged."""
        enrolled = self.enrolled()
        program = enrolled.program
        name = match_exercise(exercise, list(program.exercises()) + list(program.variations()))
        name = program.variations().get(name, name)
        slot = program.exercises()[name]
        target = self.fold(day, day).targets[name]
        planned = next(((d.date, p) for d in self.plan_days(day, day.add(days=WHY_AHEAD_DAYS))
                        for p in d.exercises if p.program_exercise == name), (None, None))
        return Why(name, slot, target, enrolled.enrolment.units, planned[1], planned[0])

    # --- logging ------------------------------------------------------------------------

    def known_exercises(self) -> list[str]:
        program = self.enrolled().program
        names = list(program.exercises()) + list(program.variations())
        return names + [n for n in self.store.exercise_names() if n not in names]

    def units(self) -> str:
        """The unit the lifter loads in: what a bare number in a set means."""
        return self.enrolled().enrolment.units

    def _exercise_to_log(self, exercise: str, enrolled: Enrolled, new: bool) -> str:
        name = normal_name(exercise)
        if not name:
            raise EntryError("exercise", "is empty")
        parse_text(name, "exercise", MAX_NAME)
        if name in enrolled.program.exercises():
            return name
        known = self.known_exercises()
        # A new exercise is never a second one of a name already known under other case or spacing.
        same = {k.casefold(): k for k in known}.get(name.casefold())
        return same or (name if new else match_exercise(name, known))

    def log_set(self, exercise: str, day: Date, entry: SetInput, *, new: bool = False, rest_s: int | None = None,
                session_id: str | None = None) -> LoggedSet:
        """Check the set against its exercise, then store it; nothing is written on bad input.
        `new` logs an exercise outside the program; without `session_id` the set goes in the
        day's planned session."""
        enrolled = self.enrolled()
        name = self._exercise_to_log(exercise, enrolled, new)
        program = enrolled.program
        slot = program.exercises().get(name) or program.exercises().get(program.variations().get(name, ""))
        if slot is not None:
            _check_set_shape(name, slot, entry.reps, entry.seconds, entry.weight_kg)
        side = entry.side
        if side is None and slot is not None and slot.unilateral and entry.set_type != "warmup":
            done = [s for s in self.store.sets_on(day.isoformat()) if s.exercise == name and s.set_type != "warmup"
                    and (session_id is None or s.session_id == session_id)]
            side = engine.side_of(len(done))  # the next side in order
        record = dict(
            date=day.isoformat(), exercise=name, pillar=slot.pillar if slot else None, set_type=entry.set_type,
            weight=entry.weight, unit=entry.unit, weight_kg=entry.weight_kg, reps=entry.reps, seconds=entry.seconds,
            side=side, tempo=entry.tempo, rpe=entry.rpe, rest_s=rest_s, notes=entry.notes)
        return self._store_set(record, day, session_id)

    def _store_set(self, record: dict, day: Date, session_id: str | None) -> LoggedSet:
        """Store the set in the session named, else in the day's planned session (made, with the
        plan's name, at its first set: the plan is reckoned only then)."""
        planned = None
        if session_id is None and self.store.planned_session(day.isoformat()) is None:
            plan = self.plan(day)
            name, kind = plan.session if plan.session else (None, None)
            planned = (name, kind, plan.block.name, plan.block.week)
        return self.store.log_set(record, session_id, planned)

    def log_prescribed(self, prescription: Prescription, day: Date, side: str | None = None,
                       session_id: str | None = None) -> LoggedSet:
        """The one-key log: the set exactly as prescribed."""
        return self.log_set(prescription.name, day, SetInput.prescribed(prescription, side),
                            rest_s=prescription.rest_s, session_id=session_id)

    def log_next(self, prescription: Prescription, day: Date, session_id: str | None = None, *,
                 seconds: int | None = None, skip: bool = False) -> tuple[LoggedSet, tuple[LoggedSet, ...]]:
        """Log the exercise's next set (its next warm-up, else its next working set, as prescribed;
        `seconds`: a hold's time held; `skip`: recorded as skipped), worked out from the file inside
        the write: two screens open on one journal each log what comes next, never the same set
        twice. Returns the set and the exercise's sets in its session as they now stand."""
        p = prescription
        with self.store.write():
            done = self._sets_in_session(p.name, day, session_id)
            upcoming = engine.next_set(p, len(engine.working_sets(done)))
            if upcoming is None:
                raise EntryError("set", f"every set of {p.name} is already logged")
            left = () if skip else engine.warm_ups_left(p, done)  # a skip skips the warm-ups too
            if skip:
                logged = self.skip_set(p, day, side=upcoming.side, session_id=session_id)
            elif left:
                warm_up = SetInput.at_load(left[0].weight_kg, p.unit, reps=left[0].reps, set_type="warmup")
                logged = self.log_set(p.name, day, warm_up, rest_s=p.rest_s, session_id=session_id)
            elif seconds is not None:
                held = SetInput.at_load(p.weight_kg, p.unit, seconds=seconds, tempo=p.tempo, side=upcoming.side)
                logged = self.log_set(p.name, day, held, rest_s=p.rest_s, session_id=session_id)
            else:
                logged = self.log_prescribed(p, day, upcoming.side, session_id)
            return logged, (*done, logged)

    def _sets_in_session(self, exercise: str, day: Date, session_id: str | None) -> list[LoggedSet]:
        """An exercise's sets in one session of a day (None: the planned one), in the order logged."""
        session_id = session_id or self.store.planned_session(day.isoformat())
        if session_id is None:
            return []
        return [s for s in self.store.sets_on(day.isoformat()) if s.exercise == exercise and s.session_id == session_id]

    def skip_set(self, prescription: Prescription, day: Date, side: str | None = None,
                 session_id: str | None = None) -> LoggedSet:
        """A set the lifter chose not to do: recorded, so the session moves on and it counts as missed."""
        enrolled = self.enrolled()
        record = dict(date=day.isoformat(), exercise=prescription.name, pillar=prescription.pillar,
                      set_type="skipped",
                      unit=enrolled.enrolment.units, side=parse_side(side), rest_s=prescription.rest_s)
        return self._store_set(record, day, session_id)

    def records_of(self, logged: LoggedSet, day_sets: list[LoggedSet] | None = None) -> list[Record]:
        """The personal records a stored set sets: best e1RM, most reps at its load (`day_sets`:
        its day's sets, when the caller has read them already)."""
        from .records import records_set_by

        if not logged.weight_kg or not logged.reps:
            return []
        day_sets = self.store.sets_on(logged.date) if day_sets is None else day_sets
        earlier = day_sets[:next((n for n, s in enumerate(day_sets) if s.id == logged.id), len(day_sets))]
        return records_set_by(logged, self.store.best_before([logged.exercise], logged.date).get(logged.exercise),
                              self.store.most_reps_at(logged.exercise, logged.weight_kg, logged.date), earlier)

    def set_label(self, logged: LoggedSet) -> str:
        """The set's number as the Today screen shows it (W1, 2, 3L), from its day's rows."""
        day_sets = self.store.sets_on(logged.date)
        return engine.set_label(logged, day_sets[:next((n for n, s in enumerate(day_sets) if s.id == logged.id),
                                                        len(day_sets))])

    def spacing_warning(self, logged: LoggedSet) -> str:
        """What to tell a lifter who logs heavy leg work the plan did not ask for close to a key
        run (empty when nothing)."""
        enrolled = self.enrolled()
        program, rules = enrolled.program, enrolled.program.rules
        slot = program.exercises().get(program.variations().get(logged.exercise, logged.exercise))
        if slot is None or not slot.heavy_lower:
            return ""
        day = iso_date(logged.date)
        runs = self.store.runs_between(logged.date, day.add(days=engine.reach_days(rules)).isoformat())
        return engine.heavy_legs_too_close(slot, logged, self.plan(day), runs, rules, self.clock.tz)

    def record_sets(self, day_sets: list[LoggedSet]) -> frozenset[str]:
        """The ids of a day's sets that set a record when they were logged: worked out from the
        history, so a ★ shown once is shown again whenever the day is opened."""
        return frozenset(s.id for s in day_sets if self.records_of(s, day_sets))

    def sessions_on(self, day: Date) -> list[Session]:
        """The day's sessions in the order they started."""
        return self.store.sessions_on(day.isoformat())

    def session_named(self, day: Date, name: str) -> Session | None:
        """The day's session of this name, started now if the day has none; None for the session
        the plan names that day (it is made at its first set). Names compare in any case and
        spacing, so the planned session's own name never starts a second one."""
        wanted = normal_name(name)
        if not wanted:
            raise EntryError("session", "is empty")
        parse_text(wanted, "session", MAX_NAME)
        key = wanted.casefold()
        planned = self.store.planned_session(day.isoformat())
        found = [s for s in self.sessions_on(day) if normal_name(s.name or "").casefold() == key]
        if found:
            return None if found[0].id == planned else found[0]
        plan = self.plan(day)
        if plan.session and normal_name(plan.session[0]).casefold() == key:
            return None
        return self.add_session(day, wanted)

    def add_session(self, day: Date, name: str | None = None) -> Session:
        """Start another session on a day (an AM/PM double, an extra workout): sets logged with
        its id go there; sets logged without one still go in the planned session."""
        name = parse_text(normal_name(name or ""), "session", MAX_NAME) or \
            f"Extra session {self.clock.now().format('HH:mm')}"
        return self.store.add_session(day.isoformat(), name, "extra")

    def sets_on(self, day: Date) -> list[LoggedSet]:
        return self.store.sets_on(day.isoformat())

    def last_set(self, day: Date) -> LoggedSet | None:
        """The set logged last on a day: what undo offers to remove."""
        return self.store.last_set(day.isoformat())

    def remove_set(self, set_id: str) -> bool:
        return self.store.delete_set(set_id)

    def note_set(self, set_id: str, note: str) -> None:
        self.store.note_set(set_id, parse_text(note, "note", MAX_NOTE))

    def undo_last(self, day: Date, expected: str | None = None) -> LoggedSet | None:
        """Remove the set logged last on a day and return it. With `expected` (the id of the set
        the lifter was asked about), nothing is removed if another set has been logged since."""
        last = self.last_set(day)
        if last is None or (expected is not None and last.id != expected):
            return None
        self.remove_set(last.id)
        return last

    def exercise_history(self, exercise: str, day: Date, limit: int = 200) -> ExerciseHistory:
        """The latest sets of one exercise up to a day, session by session, newest first."""
        from .exercise_history import exercise_history

        name = match_exercise(exercise, self.known_exercises())
        recent = self.store.sets_of(name, before=day.add(days=1).isoformat(), limit=limit)
        return exercise_history(name, recent, self.enrolled().enrolment.units)

    def session_report(self, day: Date, session_id: str | None) -> SessionReport:
        """A finished session at a glance (`session_id` None: the day's planned session)."""
        from .session_report import session_report

        session_id = session_id or self.store.planned_session(day.isoformat())
        sets = [s for s in self.sets_on(day) if s.session_id == session_id]
        names = {s.id: s.name for s in self.sessions_on(day)}
        return session_report(sets, names.get(session_id), self.plan(day).readiness, self.next_session(day))

    def training_day(self, day: Date) -> TrainingDay:
        """The day as the Today screen shows it, read in one go."""
        enrolled = self.enrolled()
        planned = self.plan(day)
        day_sets = self.sets_on(day)
        return TrainingDay(
            program_title=enrolled.program.title, units=enrolled.enrolment.units, planned=planned,
            sets=tuple(day_sets), record_sets=self.record_sets(day_sets), upcoming=self.next_session(day) if planned.session is None else None,
            checked_in=self.wellness_on(day) is not None, sessions=tuple(self.sessions_on(day)),
            planned_session=self.store.planned_session(day.isoformat()),
            last_time=self.last_time([p.name for p in planned.exercises], day))

    def last_time(self, exercises: list[str], day: Date) -> dict[str, ExerciseSession]:
        """What the lifter did last time: each exercise's latest session before `day`."""
        from .exercise_history import exercise_history

        units = self.enrolled().enrolment.units
        found = {}
        for name in exercises:
            # Newest first: the latest session is whole unless it alone has more sets than this.
            sessions = exercise_history(name, self.store.sets_of(name, before=day.isoformat(), limit=60),
                                        units).sessions
            if sessions:
                found[name] = sessions[0]
        return found

    def week_at_a_glance(self, day: Date) -> WeekAtAGlance:
        """The week around `day`: sessions, heavy legs and runs, and the day's readiness in parts."""
        from .readiness import readiness_by_day
        from .week_glance import week_at_a_glance

        rules = self.enrolled().program.rules
        monday = engine.monday_of(day)
        sunday = monday.add(days=6)
        days = self.plan_days(monday, sunday)
        runs = self.store.runs_between(monday.isoformat(), sunday.isoformat())
        recent = self.store.wellness_between(day.subtract(days=rules.baseline_days).isoformat(), day.isoformat())
        check_in = recent[-1] if recent and recent[-1].date == day.isoformat() else None
        return week_at_a_glance(days, runs, rules, check_in, readiness_by_day(recent, rules).get(day.isoformat()))

    # --- wellness, runs, assessments ----------------------------------------------------

    def check_in(self, day: Date, *, sleep_h: str | float, sleep_quality: str | int,
                 soreness: str | int, fatigue: str | int, stress: str | int, mood: str | int,
                 motivation: str | int, resting_hr: str | int | None = None,
                 notes: str | None = None) -> Wellness:
        scales = dict(sleep_quality=sleep_quality, soreness=soreness, fatigue=fatigue,
                      stress=stress, mood=mood, motivation=motivation)
        wellness = Wellness(
            date=day.isoformat(),
            sleep_h=parse_number(sleep_h, "sleep", 0, 24),
            **{name: parse_scale(value, name.replace("_", "-")) for name, value in scales.items()},
            resting_hr=(int(parse_number(resting_hr, "resting-hr", 25, 220, whole=True))
                        if resting_hr not in (None, "") else None),
            notes=parse_text(notes, "notes", MAX_NOTE),
        )
        self.store.save_wellness(wellness)
        return wellness

    def wellness_on(self, day: Date) -> Wellness | None:
        found = self.store.wellness_between(day.isoformat(), day.isoformat())
        return found[0] if found else None

    def latest_wellness(self, day: Date) -> Wellness | None:
        """The most recent check-in on or before a day: the check-in form starts from it."""
        return self.store.latest_wellness(day.isoformat())

    # --- the weekly summary ------------------------------------------------------------

    def summary(self, monday: Date, chart_weeks: int = 12) -> WeeklySummary:
        """Everything the Sunday review shows for one ISO week."""
        from . import summary as weekly

        enrolled = self.enrolled()
        rules = enrolled.program.rules
        sunday = monday.add(days=6)
        planned = self.fold(monday, sunday.add(days=7))  # next week's targets come with it
        first = weekly.summary_span_start(monday, chart_weeks, rules)
        sets = self.store.sets_between(first.isoformat(), sunday.isoformat())  # one read serves all
        lifted = weekly.lifted_in([s for s in sets if s.date >= monday.isoformat()])
        before = monday.isoformat()
        reps_before = {(name, kg): found for name, kg in lifted
                       if (found := self.store.most_reps_at(name, kg, before)) is not None}
        return weekly.weekly_summary(
            enrolled.program, enrolled.enrolment.units, monday, self.today(), planned.days[:7], planned.days[7:],
            planned.targets, sets, self.store.best_before(sorted({name for name, _ in lifted}), before),
            reps_before, self.store.wellness_between(first.subtract(days=rules.baseline_days).isoformat(),
                                                     sunday.isoformat()),
            self.store.runs_between(first.isoformat(), sunday.isoformat()), chart_weeks)

    # --- exchange ----------------------------------------------------------------------

    def export(self, out: TextIO, what: str = "sets", first: Date | None = None,
               last: Date | None = None, spreadsheet_safe: bool = False) -> int:
        """Write CSV to `out`; returns the rows written. `spreadsheet_safe` prefixes text that a
        spreadsheet would run as a formula with `'` (the plain export is lossless, not neutralised)."""
        from . import exchange, export

        low, high = (first.isoformat() if first else "0000-01-01"), (last.isoformat() if last else "9999-12-31")
        if first and last and last < first:
            raise EntryError("to", f"{high} is before the first day, {low}")
        if what == "sets":
            header, rows = exchange.SET_COLUMNS, map(export.set_row, self.store.export_sets(low, high))
        elif what == "wellness":
            header, rows = exchange.WELLNESS_COLUMNS, map(astuple, self.store.wellness_between(low, high))
        elif what == "runs":
            header, rows = exchange.RUN_COLUMNS, map(astuple, self.store.runs_between(low, high))
        else:
            raise EntryError("what", f"{what!r} is not sets, wellness or runs")
        return export.write_rows(out, header, rows, spreadsheet_safe)

    def export_to(self, path: Path, what: str = "sets", first: Date | None = None,
                  last: Date | None = None, force: bool = False, spreadsheet_safe: bool = False) -> int:
        """Export to a file. Never onto the journal or any SQLite file; an existing file only with
        `force`; a device or FIFO is written through (see files.open_output)."""
        from .files import open_output

        journal_files = [self.store.path.with_name(self.store.path.name + suffix) for suffix in ("", "-wal", "-shm")]
        with open_output(Path(path).expanduser(), "out", journal_files, force) as handle:
            return self.export(handle, what, first, last, spreadsheet_safe)

    def import_sets(self, path: Path, fmt: str = "auto", units: str | None = None, dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Read a Strong, Hevy or journal CSV whole, then store it in one transaction (or not at all)."""
        from . import exchange

        if fmt not in ("auto",) + exchange.FORMATS:
            raise EntryError("format", f"{fmt!r} is not auto, strong, hevy or journal")
        from .files import read_text

        text = read_text(path)
        found = self.store.enrolment()
        program = _parse_cached(found[1]) if found else None
        units = units or (found[0].units if found else "kg")
        detected, sets = exchange.read_sets(text, fmt, units, self.clock.tz)
        slots = program.exercises() if program else {}
        known = list(slots) + [n for n in self.store.exercise_names() if n not in slots]
        names = exchange.name_map({s.exercise for s in sets}, known)
        sets = [replace(s, exercise=names[s.exercise],
                        pillar=s.pillar or (slots[names[s.exercise]].pillar if names[s.exercise] in slots else None))
                for s in sets]
        new = 0 if dry_run else self.store.import_sets(sets, progress)
        return ImportReport(detected, len(sets), new, dict(Counter(s.exercise for s in sets)),
                            min((s.date for s in sets), default=None), max((s.date for s in sets), default=None),
                            {k: v for k, v in names.items() if k != v})

    def add_run(self, day: Date, kind: str, *, priority: str | None = None, minutes: object = None,
                km: object = None, rpe: object = None, title: str | None = None,
                time: str | None = None, until: Date | None = None) -> list[Run]:
        """A run (or, with `until`, a travel range: one row per day), checked before anything is stored."""
        from .run_files import check_run

        if until is not None and kind != "travel":
            raise EntryError("to", "only travel takes a range of days")
        last = until or day
        if last < day:
            raise EntryError("to", f"{last.isoformat()} is before {day.isoformat()}")
        if (last - day).days >= MAX_TRAVEL_DAYS:
            raise EntryError("to", f"a travel range covers at most {MAX_TRAVEL_DAYS} days")
        runs = [replace(check_run(day.add(days=n).isoformat(), kind, priority, minutes, km, rpe, title, time),
                        id=new_id()) for n in range((last - day).days + 1)]
        self.store.add_runs(runs)
        return runs

    def import_runs(self, path: Path) -> tuple[list[Run], int]:
        """Runs from a CSV or .ics file, all or nothing; returns them and how many were new."""
        from .run_files import read_runs

        runs = read_runs(path)
        return runs, self.store.add_runs(runs)

    def assess(self, test: str, value: str | float, day: Date, side: str | None = None) -> Assessment:
        if test not in ASSESSMENT_TESTS:
            raise EntryError("test", f"{test!r} is not one of {', '.join(ASSESSMENT_TESTS)}")
        low, high = ASSESSMENT_TESTS[test]
        assessment = Assessment(new_id(), day.isoformat(), test,
                                parse_number(value, test, low, high), parse_side(side))
        self.store.add_assessment(assessment)
        return assessment
