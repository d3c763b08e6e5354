"""The coach's promises, checked over any stretch of plans: each a pure function that returns
what it finds broken.

The rules in `day_plan`, `placement` and `timeline` each decide one thing; these look at the
outcome from the lifter's side (what was prescribed, what was lifted, what was run) and say
where the plan broke a promise, whatever rule let it through. They run over every drawn
calendar in the tests, over a lifter's own program in `journal check-program`, and over what
`plan`, `today` and the Today screen show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from pendulum import Date

from . import running
from .clock import iso_date
from .context import History
from .loads import COUNTED_SET_TYPES, best_e1rm, epley_e1rm, loadable
from .model import Enrolment, LoggedSet, PlannedDay, Prescription, Program, Run
from .prescription import main_lifts
from .progression import target_rpe
from .record import record
from .units import load_text
from .weeks import BREAK_DAYS, SHOWN_DAYS, gates_missing, session_for

CUT_TOLERANCE = 2.0  # percentage points between a deload's stated cut and its real one


@record
class Violation:
    """One of the coach's promises broken on a day, and what broke it."""
    promise: str  # the invariant's name
    date: str
    what: str

    def __str__(self) -> str:
        return f"{self.date}: {self.promise}: {self.what}"


@record
class Coached:
    """A stretch of plans with everything they answer to: the program, the lifter, the history
    (sets lifted, runs, tests) and, where known, the targets `why` gives for each day."""

    program: Program
    enrolment: Enrolment
    days: tuple[PlannedDay, ...]
    history: History

    @cached_property
    def by_date(self) -> dict[str, PlannedDay]:
        return {d.date: d for d in self.days}

    @cached_property
    def runs(self) -> tuple[Run, ...]:
        return tuple(sorted(self.history.runs, key=lambda r: r.date))

    def sets_of(self, exercise: str) -> list[LoggedSet]:
        """Working sets of an exercise under any name on its ladder, in date order."""
        names = set(self.program.ladder(exercise))
        return sorted((s for s in self.history.sets if s.exercise in names and s.set_type in COUNTED_SET_TYPES),
                      key=lambda s: s.date)


def _prescribed(c: Coached) -> Iterable[tuple[PlannedDay, Prescription]]:
    for day in c.days:
        for p in day.exercises:
            yield day, p


def _full_load(day: PlannedDay, p: Prescription) -> bool:
    """The microcycle's own load: a build (or taper) week, not lightened today."""
    return day.block.phase in ("build", "taper") and p.full_load


# --- the promises -----------------------------------------------------------------------------


def loads_within_shown_strength(c: Coached) -> list[Violation]:
    """No load whose estimated max, at its reps and target RPE, is more than one step above the
    best the lifter has shown on that lift (or its variations) in the last eight weeks."""
    found = []
    slots, gear = c.program.exercises(), c.enrolment.gear
    sets = {name: c.sets_of(name) for name in slots}
    for day, p in _prescribed(c):
        slot = slots.get(p.program_exercise)
        reps = p.target_reps
        if slot is None or not p.weight_kg or reps is None:
            continue
        # The eight weeks before the day's week: a week's plan is made from what was lifted by its Monday.
        date = iso_date(day.date)
        since = date.subtract(days=date.weekday() + SHOWN_DAYS).isoformat()
        rpe = target_rpe(slot, c.program.rules)  # for sets logged without one
        shown = best_e1rm([s for s in sets[slot.exercise] if since <= s.date < day.date], rpe)
        if shown is None:
            continue  # nothing lifted yet: the start loads are the lifter's word
        factor = epley_e1rm(1.0, reps, rpe)
        # One step: the lift's increment, or the kit's step down from this load where that is
        # bigger (the next dumbbell, a machine's pin).
        kit_step = p.weight_kg - loadable(p.weight_kg - 0.01, slot, c.program.rules, gear, down=True)
        if p.weight_kg - max(slot.increment_kg, kit_step) > shown / factor + 0.1:  # e1RMs are kept to 0.1 kg
            found.append(Violation("loads within shown strength", day.date,
                                   f"{p.name} {load_text(p.weight_kg, gear)} × {reps} asks for an estimated max "
                                   f"of {load_text(p.weight_kg * factor, gear)}; best shown "
                                   f"{load_text(shown, gear)}"))
    return found


def _microcycles(days: Sequence[PlannedDay]) -> list[list[PlannedDay]]:
    """The days grouped by microcycle: build weeks up to and with the deload that ends them."""
    groups: list[list[PlannedDay]] = []
    previous = None
    for day in days:
        phase = "deload" if day.block.phase == "deload" else "build"
        if previous is None or (previous[0] == "deload" and phase == "build") or previous[1] != day.block.name:
            groups.append([])
        groups[-1].append(day)
        previous = (phase, day.block.name)
    return groups


PLACEMENT_LIGHTER = ("lighter variant: paired with", "lighter variant: no day this week keeps every rule")


def main_lifts_keep_full_load_days(c: Coached) -> list[Violation]:
    """Each main lift gets at least two full-load days in a whole microcycle; where the runs
    leave fewer, the lighter session rotates: the same session is not made the lighter one in
    two weeks running while another heavy session keeps its full load both weeks."""
    found = []
    lifts = main_lifts(c.program)
    for cycle in _microcycles(c.days):
        weeks = sorted({d.block.week for d in cycle})
        if len(weeks) < 3 or cycle[0].block.phase == "deload":
            continue  # only part of a microcycle is in view
        for lift in lifts:
            days = [(d, p) for d in cycle for p in d.exercises if p.program_exercise == lift]
            full = [d for d, p in days if _full_load(d, p)]
            if len(full) >= 2 or not days:
                continue
            unnamed = [d.date for d, p in days if not _full_load(d, p) and d.block.phase != "deload" and not p.adjusted]
            if unnamed:
                found.append(Violation("main lifts keep full-load days", unnamed[0],
                                       f"{lift} lighter without a named rule"))
            lighter_weeks = [iso_date(d.date) for d, p in days if (p.adjusted or "").startswith(PLACEMENT_LIGHTER)]
            for a, b in zip(lighter_weeks, lighter_weeks[1:]):
                if (b - a).days <= 7 and _other_heavy_full(c, cycle, lift, a) and _other_heavy_full(c, cycle, lift, b):
                    found.append(Violation("main lifts keep full-load days", b.isoformat(),
                                           f"{lift} made the lighter session again, while another heavy session "
                                           f"kept its full load both weeks ({len(full)} full-load day"
                                           f"{'s' if len(full) != 1 else ''} this microcycle)"))
                    break
    return found


def _other_heavy_full(c: Coached, cycle: Sequence[PlannedDay], lift: str, day: Date) -> bool:
    monday = day.subtract(days=day.weekday())
    week = {monday.add(days=n).isoformat() for n in range(7)}
    return any(p.heavy_lower and p.program_exercise != lift and _full_load(d, p)
               for d in cycle if d.date in week for p in d.exercises)


def legs_rest_around_races_and_key_runs(c: Coached) -> list[Violation]:
    """No heavy lower-body work and no jumping inside a race's recovery (A race 3 days, 7 after
    30 km or more; B race 2), no jumping on or within 48 h before a key run, and heavy legs that
    close only as the lighter variant that says so."""
    found = []
    for day in c.days:
        date = iso_date(day.date)
        recovering = running.recovering_from(date, c.runs, c.program.rules)
        ahead = running.key_run_on(date, c.runs) or running.key_run_within(date, c.runs, c.program.rules, c.history.tz)
        for p in day.exercises:
            if recovering and (p.heavy_lower or p.jumps):
                found.append(Violation("legs rest around races and key runs", day.date,
                                       f"{p.name} in the recovery after the {recovering.km:g} km race"))
            elif ahead and p.jumps:
                found.append(Violation("legs rest around races and key runs", day.date,
                                       f"{p.name} (jumping) with the {ahead.kind} run on {ahead.date}"))
            elif ahead and p.heavy_lower and _full_load(day, p) and not (p.adjusted or "").startswith("taper"):
                found.append(Violation("legs rest around races and key runs", day.date,
                                       f"{p.name} at full load with the {ahead.kind} run on {ahead.date}"))
    return found


def no_jumping_while_barred(c: Coached) -> list[Violation]:
    """No jumping while a readiness test fails or a pain flag is up."""
    found = []
    for day in c.days:
        jumps = [p.name for p in day.exercises if p.jumps]
        if jumps and (missing := gates_missing(c.program.gates, c.history.assessments, iso_date(day.date))):
            found.append(Violation("no jumping while barred", day.date, f"{', '.join(jumps)}: {missing[0]}"))
    return found


def plyometric_sessions_are_moved_not_emptied(c: Coached) -> list[Violation]:
    """A plyometric session whose jumping is all left out must have moved, or say why no day
    could take it; it is never a session of nothing."""
    found = []
    for day in c.days:
        if not day.session or day.session[1] != "plyometric":
            continue
        if day.exercises and any(p.jumps for p in day.exercises):
            continue
        said = any("no free day" in a or "moved" in a for a in day.adjustments)
        locked = any(a.startswith("plyometrics locked") for a in day.adjustments)
        if not (said or locked):
            found.append(Violation("plyometric sessions are moved, not emptied", day.date,
                                   f"{day.session[0]}: its jumping left out and the session not moved"))
    return found


def re_entry_after_a_break(c: Coached) -> list[Violation]:
    """The first week back after seven or more days without gym work asks for less than the
    lifter last lifted on each lift (unless the kit has no lighter load within a fifth of it), and
    no day is cut for a break the lifter did not take."""
    found = []
    gym_days = sorted({s.date for s in c.history.sets})
    slots = c.program.exercises()
    returns = [back for before, back in zip(gym_days, gym_days[1:])
               if (iso_date(back) - iso_date(before)).days > BREAK_DAYS]
    for day in c.days:
        if not any(a.startswith("back after") for a in day.adjustments):
            continue
        date = iso_date(day.date)
        prior = [g for g in gym_days if g < day.date]
        away = prior and (date - iso_date(prior[-1])).days > BREAK_DAYS
        back = any(r <= day.date and (date - iso_date(r)).days < BREAK_DAYS for r in returns)
        if prior and not (away or back):
            found.append(Violation("re-entry after a break", day.date,
                                   f"cut for a break, but the lifter was at the gym on {prior[-1]}"))
    for before, back in zip(gym_days, gym_days[1:]):
        if (iso_date(back) - iso_date(before)).days <= BREAK_DAYS:
            continue
        week_back = iso_date(back).add(days=6).isoformat()
        for day in c.days:
            if not back <= day.date <= week_back:
                continue
            for p in day.exercises:
                if not p.weight_kg or p.program_exercise not in slots:
                    continue
                slot = slots[p.program_exercise]
                last = [s.weight_kg for s in c.sets_of(p.program_exercise) if s.date <= before and s.weight_kg]
                lighter = last and loadable(last[-1] - 0.01, slot, c.program.rules, c.enrolment.gear, down=True)
                if last and p.weight_kg >= last[-1] - 1e-6 and last[-1] * 0.8 <= lighter < last[-1]:
                    found.append(Violation("re-entry after a break", day.date,
                                           f"{p.name} {load_text(p.weight_kg, c.enrolment.gear)} after "
                                           f"{(iso_date(back) - iso_date(before)).days - 1} days away; last "
                                           f"lifted {load_text(last[-1], c.enrolment.gear)}"))
    return found


_STATED_CUT = re.compile(r"([+−-]\d+\.\d)%: ")  # as `cut_text` writes it


def deload_cuts_as_stated(c: Coached) -> list[Violation]:
    """A deload's stated load cut is the real cut against the same lift's load the week before,
    within two percentage points ("load kept" states no cut)."""
    found = []
    last_full: dict[str, tuple[str, float]] = {}
    for day, p in _prescribed(c):
        if not p.weight_kg:
            continue
        if day.block.phase == "build" and p.adjusted is None:
            last_full[p.program_exercise] = (day.date, p.weight_kg)
            continue
        if day.block.phase != "deload" or p.adjusted is not None or p.program_exercise not in last_full:
            continue
        when, before = last_full[p.program_exercise]
        date, then = iso_date(day.date), iso_date(when)
        if date.subtract(days=date.weekday() + 7) != then.subtract(days=then.weekday()):
            continue  # no full-load day of it the week before: nothing to cut from
        stated = _STATED_CUT.search(p.why)
        said = float(stated.group(1).replace("−", "-")) if stated else 0.0
        real = (p.weight_kg - before) / before * 100
        if abs(real - said) > CUT_TOLERANCE:
            found.append(Violation("deload cuts as stated", day.date,
                                   f"{p.name}: says {said:+.1f}%, is {real:+.1f}% against {when}"))
    return found


def moved_sessions_say_so(c: Coached) -> list[Violation]:
    """A session planned away from its own day says where it went, on both days (what moved it:
    a key run, a race, the spacing), so the lifter is never left wondering where it is."""
    found = []
    blocks = {b.name: b for b in c.program.blocks}
    start = iso_date(c.enrolment.start)
    for day in c.days:
        date = iso_date(day.date)
        if date < start or (block := blocks.get(day.block.name)) is None:
            continue
        own = session_for(c.program, block, date)
        planned = day.session[0] if day.session else None
        if planned and (swapped := re.search(r"\(in place of (.+)\)$", planned)):
            planned = swapped.group(1)  # a travel or low-readiness day keeps the session it replaced
        notes = " | ".join(day.adjustments)
        if own and planned != own.name and own.name not in notes:
            found.append(Violation("moved sessions say so", day.date, f"{own.name} is not here and no note says why"))
        if planned and (own is None or planned != own.name) and f"{planned} moved here" not in notes:
            found.append(Violation("moved sessions say so", day.date, f"{planned} is here with no note of its move"))
    return found


PROMISES: tuple[Callable[[Coached], list[Violation]], ...] = (
    loads_within_shown_strength, main_lifts_keep_full_load_days, legs_rest_around_races_and_key_runs,
    no_jumping_while_barred, plyometric_sessions_are_moved_not_emptied, re_entry_after_a_break,
    deload_cuts_as_stated, moved_sessions_say_so)


def broken_promises(c: Coached, promises: Sequence[Callable[[Coached], list[Violation]]] = PROMISES) -> list[Violation]:
    """Every violation of every promise, in date order."""
    return sorted((v for promise in promises for v in promise(c)), key=lambda v: v.date)
