"""The plan and the coach, as the Journal asks for them: the fold resumed from stored checkpoints,
the days planned, `why`, the coach's self-check and the weekly summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pendulum import Date

from . import engine
from .clock import iso_date, today
from .enrolment import Enrolled, match_exercise
from .errors import EntryError
from .model import PlannedDay, Prescription, Program, Run, Slot
from .progression import Target, Verdict
from .record import record
from .run_pattern import PATTERN_WEEKS, ExpectedRun, expected_runs, learn
from .units import in_unit

if TYPE_CHECKING:
    from .summary import WeeklySummary


PLANNABLE_YEARS = 20  # past this a date is a typo, and the coach would replay every week to it
WHY_AHEAD_DAYS = 13  # `why` names the next load the plan asks for within two weeks


@record
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


class Coaching:
    """The Journal's plan, verdicts and weekly summary."""

    def history_for(self, enrolled: Enrolled, last: Date, since: Date | None = None,
                    sets: bool = True) -> engine.History:
        """What the engine judges from `since` (default: the program's start) to `last`, the
        weeks before it that readiness and RPE trends look back on, and runs ahead. Without
        `sets`, only the sets of `last`'s week are read: a plan within one week judges nothing,
        but a day's plan counts the days away since the last one with sets."""
        rules = enrolled.program.rules
        since = min(since or iso_date(enrolled.enrolment.start), last)
        first = since.subtract(days=engine.lookback_days(rules)).isoformat()
        ahead = last.add(days=engine.reach_days(rules))
        runs = self.store.runs_between(first, ahead.isoformat())
        return engine.History(
            wellness=tuple(self.store.wellness_between(first, last.isoformat())),
            assessments=tuple(self.store.assessments_since(first)),
            sets=tuple(self.store.sets_between(first if sets else engine.monday_of(last).isoformat(),
                                               last.isoformat())),
            runs=tuple(sorted(runs + self._expected_runs(runs, since, ahead), key=lambda r: r.date)),
            tz=self.clock.tz,
        )

    def _expected_runs(self, runs: list[Run], first: Date, last: Date) -> list[Run]:
        """The runner's usual key runs on the days from `first` (but not before today: the past
        is what was entered) to `last` that no entered run speaks for."""
        first = max(first, today(self.clock))
        if last < first or not self.store.run_pattern_on():
            return []
        return expected_runs(self.run_pattern(), runs, first, last)

    def runs_around(self, first: Date, last: Date) -> list[Run]:
        """The runs from `first` to `last` the plan is made around: those entered, and those the
        runner's week leads it to expect."""
        entered = self.store.runs_between(first.subtract(days=1).isoformat(), last.add(days=1).isoformat())
        expected = self._expected_runs(entered, first, last)
        return sorted([r for r in entered if first.isoformat() <= r.date <= last.isoformat()] + expected,
                      key=lambda r: (r.date, r.time or ""))

    def run_pattern(self) -> list[ExpectedRun]:
        """The key runs that recur in the runner's last twelve weeks before this one."""
        monday = engine.monday_of(today(self.clock))
        return learn(self.store.runs_between(monday.subtract(weeks=PATTERN_WEEKS).isoformat(),
                                             monday.subtract(days=1).isoformat()), monday)

    def _cached(self, monday: Date) -> bool:
        """Whether a checkpoint on `monday` may be stored and resumed from: only up to this week's,
        which no expected run can reach (they are planned from today on)."""
        return monday <= engine.monday_of(today(self.clock))

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
        if engine.monday_of(first) < last_monday and self._cached(last_monday) and \
                self.store.checkpoint(last_monday.isoformat(), exact=True):
            before, final = self._fold(first, last_monday.subtract(days=1)), self._fold(last_monday, last)
            return engine.Fold(before.days + final.days, final.targets, before.checkpoints + final.checkpoints)
        return self._fold(first, last)

    def _fold(self, first: Date, last: Date) -> engine.Fold:
        enrolled = self.enrolled()
        self.check_plannable(last, enrolled)
        program, rules = enrolled.program, enrolled.program.rules
        generation = self.store.plan_generation()  # before the history: see save_checkpoints
        resume = self.checkpoint_before(program, min(engine.monday_of(first), engine.monday_of(today(self.clock))))
        history = self.history_for(enrolled, last, resume.cycle_start if resume else None,
                                   sets=engine.judges_sets(resume, last))
        fold = engine.fold(program, enrolled.enrolment, first, last, history, resume)
        if kept := [c for c in fold.checkpoints if self._cached(c.monday)]:
            reach = engine.reach_days(rules)
            self.store.save_checkpoints(generation, [
                (c.monday.isoformat(), reach, json.dumps(c.to_record(), separators=(",", ":"))) for c in kept])
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
        """The days from `first` to `last` that have a session."""
        return [d for d in self.plan_range(first, last) if d.session]

    def plan_range(self, first: Date, last: Date) -> list[PlannedDay]:
        """Every day of a range the lifter asked for: in order, at most 400 days."""
        if last < first:
            raise EntryError("to", f"{last.isoformat()} is before the first day, {first.isoformat()}")
        if (last - first).days > 400:
            raise EntryError("to", "a plan covers at most 400 days")
        return self.plan_days(first, last)

    def next_session(self, day: Date, horizon_days: int = 14) -> PlannedDay | None:
        """The first day with a session after `day`. The rest of this week is looked at first: it
        resumes from this week's checkpoint, where planning into the next week must judge this one
        (a rest day's Today screen, about 45 ms on ten years, then about 5)."""
        last = day.add(days=horizon_days)
        sunday = engine.monday_of(day).add(days=6)
        for first, end in ((day.add(days=1), min(sunday, last)), (sunday.add(days=1), last)):
            if first <= end and (found := next((d for d in self.plan_days(first, end) if d.session), None)):
                return found
        return None

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
