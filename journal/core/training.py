"""Sets and sessions, as the Journal logs and reads them: a set checked and stored, the next one of
a prescription, undo, notes, records, and the day as the Today screen shows it."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

from pendulum import Date

from . import engine
from .clock import iso_date
from .enrolment import Enrolled, match_exercise, normal_name
from .entry import SetInput, MAX_NAME, MAX_NOTE, parse_text, parse_side
from .errors import EntryError
from .model import LoggedSet, PlannedDay, Prescription, Session, Slot
from .record import record

if TYPE_CHECKING:
    from .exercise_history import ExerciseHistory, ExerciseSession
    from .records import Record
    from .session_report import SessionReport
    from .week_glance import WeekAtAGlance


def check_set_shape(name: str, slot: Slot, reps: int | None, seconds: int | None,
                     weight_kg: float | None) -> None:
    """A set must have the shape its exercise is counted in: reps, or seconds (a hold or carry)."""
    if slot.reps is None and reps is not None:
        loaded = " and its load (18x30s)" if slot.start_kg is not None else ""
        raise EntryError("set", f"{name} is timed: give its seconds{loaded}, not reps")
    if slot.reps is not None and reps is None:
        raise EntryError("set", f"{name} is counted in reps: log it as WEIGHTxREPS (80x5, BWx8)")
    if slot.load == "seconds" and slot.start_kg is None and weight_kg:
        raise EntryError("set", f"{name} is a hold with no load: give its seconds")


@record
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


class Training:
    """The Journal's sets and sessions."""

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
            check_set_shape(name, slot, entry.reps, entry.seconds, entry.weight_kg)
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
            sessions = exercise_history(name, self.store.last_day_of(name, before=day.isoformat()), units).sessions
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
        runs = self.runs_around(monday, sunday)
        recent = self.store.wellness_between(day.subtract(days=rules.baseline_days).isoformat(), day.isoformat())
        check_in = recent[-1] if recent and recent[-1].date == day.isoformat() else None
        return week_at_a_glance(days, runs, rules, check_in, readiness_by_day(recent, rules).get(day.isoformat()))
