"""Progression: judging an exercise's microcycle and choosing its next load.

Pure functions. A `Target` is what an exercise asks for during a microcycle
(load, reps, seconds); at the microcycle's end `judge` compares what was logged
with what was prescribed and gives a `Verdict` (progress, hold or reduce) with
the evidence and the next target. Loads are rounded to what the lifter can put
on the bar, and an increment that rounds to nothing is carried, never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from statistics import mean

from .loads import (
    COUNTED_SET_TYPES,
    best_e1rm,
    cut_load,
    cut_text,
    epley_e1rm,
    fixed_weights,
    loadable,
    next_size,
    rts_percent,
)
from .model import Equipment, LoggedSet, Prescription, Rules, Slot, VerdictName
from .record import record
from .units import load_text, plural

# --- what an exercise asks for, and why ---------------------------------------------------


@record
class Verdict:
    """One microcycle of one exercise, judged."""

    exercise: str
    verdict: VerdictName
    first: str  # the build days judged, ISO dates
    last: str
    reasons: tuple[str, ...]
    evidence: tuple[LoggedSet, ...]
    rpe_trend: tuple[float, ...]  # mean RPE per judged session, in order
    readiness: float | None  # mean readiness over the microcycle's check-ins
    previous_weight_kg: float | None
    weight_kg: float | None  # the next target
    reps: int | None
    seconds: int | None

    def summary(self) -> str:
        return f"{self.verdict}: {self.reasons[0]}; {self.reasons[1]}"

    def to_json(self) -> dict:
        return {
            "exercise": self.exercise,
            "verdict": self.verdict,
            "judged": {"from": self.first, "to": self.last},
            "reasons": list(self.reasons),
            "previous_weight_kg": self.previous_weight_kg,
            "next_weight_kg": self.weight_kg,
            "next_reps": self.reps,
            "next_seconds": self.seconds,
            "readiness": self.readiness,
            "rpe_trend": list(self.rpe_trend),
            "evidence": [
                {"date": s.date, "set_type": s.set_type, "weight_kg": s.weight_kg, "reps": s.reps,
                 "seconds": s.seconds, "side": s.side, "rpe": s.rpe}
                for s in self.evidence
            ],
        }


@record
class Target:
    """What an exercise asks for this microcycle, and the state progression carries."""

    weight_kg: float | None
    reps: int | None
    seconds: int | None
    carry_kg: float = 0.0  # increment that did not round to a loadable step yet
    misses: int = 0  # judged microcycles in a row without progress
    best_e1rm: float | None = None  # best e1RM of the last judged microcycle
    verdict: Verdict | None = None  # the verdict that set this target
    variation: str | None = None  # the harder variation on the exercise's ladder, once it has moved on

    def to_record(self) -> dict:
        """Plain JSON-ready values; `from_record` gives back an equal Target. The evidence sets
        are stored as rows of values in field order: a verdict can hold dozens of them. (Built
        by hand: dataclasses.asdict deep-copies every value, and the fold writes one per week.)"""
        record = {name: getattr(self, name) for name in _TARGET_FIELDS}
        verdict = self.verdict
        if verdict is not None:
            record["verdict"] = dict(
                {name: getattr(verdict, name) for name in _VERDICT_FIELDS},
                reasons=list(verdict.reasons), rpe_trend=list(verdict.rpe_trend),
                evidence=[[getattr(s, name) for name in _SET_FIELDS] for s in verdict.evidence])
        return record

    @classmethod
    def from_record(cls, record: dict) -> "Target":
        verdict = record.get("verdict")
        if verdict is not None:
            verdict = Verdict(**dict(
                verdict, reasons=tuple(verdict["reasons"]), rpe_trend=tuple(verdict["rpe_trend"]),
                evidence=tuple(LoggedSet(*values) for values in verdict["evidence"])))
        return cls(**dict(record, verdict=verdict))


_TARGET_FIELDS = tuple(f.name for f in fields(Target))
_VERDICT_FIELDS = tuple(f.name for f in fields(Verdict))
_SET_FIELDS = tuple(f.name for f in fields(LoggedSet))


def initial_target(slot: Slot, start_kg: float | None) -> Target:
    return Target(start_kg, slot.reps, slot.seconds if slot.reps is None else None)


def target_rpe(slot: Slot, rules: Rules) -> float:
    return slot.rpe if slot.load == "rpe" and slot.rpe else rules.progress_rpe


def progresses(slot: Slot) -> bool:
    """Mobility work is maintained, not progressed; everything else is judged."""
    return slot.pillar != "mobility"


# --- judging sessions -----------------------------------------------------------------------


@record
class SessionResult:
    """One day's sets of an exercise against what was prescribed."""

    date: str
    sets: tuple[LoggedSet, ...]
    met: int  # sets that did what was asked
    needed: int  # sets (per side) that were asked for
    high_rpe: float | None  # highest RPE above the target, when one was
    full: bool = True  # the day asked for the microcycle's load (not a lighter, trimmed or re-entry day)

    @property
    def complete(self) -> bool:
        return self.met >= self.needed and self.high_rpe is None

    def describe(self) -> str:
        if self.high_rpe is not None and self.met >= self.needed:
            return f"{self.date}: all sets done but at RPE {self.high_rpe:g}"
        return f"{self.date}: {self.met} of {self.needed} sets as prescribed"


def set_meets(s: LoggedSet, p: Prescription) -> bool:
    """Did this set do what the prescription asked? Weight and reps are judged together."""
    if s.set_type not in COUNTED_SET_TYPES:
        return False
    reps = p.target_reps
    if reps is None:
        weight_ok = not p.weight_kg or (s.weight_kg or 0) >= p.weight_kg - 0.01
        return weight_ok and (s.seconds or 0) >= (p.seconds or 0)
    if not p.weight_kg:
        return (s.reps or 0) >= reps
    if (s.weight_kg or 0) >= p.weight_kg - 0.01 and (s.reps or 0) >= reps:
        return True
    # heavier for fewer reps (or lighter for more) counts when it is as strong a set
    return bool(s.weight_kg and s.reps) and epley_e1rm(s.weight_kg, s.reps) >= epley_e1rm(p.weight_kg, reps)


def session_result(date: str, sets: Sequence[LoggedSet], p: Prescription, needed: int,
                   rpe_limit: float) -> SessionResult:
    met = sum(1 for s in sets if set_meets(s, p))
    above = [s.rpe for s in sets if s.rpe is not None and s.rpe > rpe_limit
             and s.set_type in COUNTED_SET_TYPES]
    return SessionResult(date, tuple(sets), met, needed, max(above) if above else None, p.full_load)


# --- the verdict ------------------------------------------------------------------------------

MIN_SESSIONS = 2  # a microcycle judged on fewer sessions proves nothing either way


def _too_little_to_raise(results: Sequence[SessionResult]) -> str:
    """Why a microcycle done in full still cannot raise the load (empty when it can): too few
    sessions, or none at the microcycle's own load."""
    if len(results) < MIN_SESSIONS:
        return f"only {plural(len(results), 'session')} to judge ({MIN_SESSIONS} needed)"
    if not any(r.full for r in results):
        return "none at full load (lighter, trimmed or back-from-a-break days)"
    return ""



def _raised_weight(target: Target, slot: Slot, rules: Rules, units: str | Equipment,
                   steps: int = 1) -> tuple[float, float]:
    """Add the increment; what does not round to a loadable step is carried to next time."""
    wanted = (target.weight_kg or 0) + target.carry_kg + steps * slot.increment_kg
    new = loadable(wanted, slot, rules, units, down=True)
    if new <= (target.weight_kg or 0) + 1e-9:
        return target.weight_kg or 0, round(wanted - (target.weight_kg or 0), 6)
    return new, round(wanted - new, 6)


def _latest_at_load(results: Sequence[SessionResult], weight_kg: float | None,
                    value: Callable[[LoggedSet], float | None]) -> list[float]:
    """`value` of each working set of the latest session that has one, at the target load or
    heavier: what the lifter last did there."""
    for result in reversed(results):
        found = [v for s in result.sets if s.set_type in COUNTED_SET_TYPES and (v := value(s))
                 and (not weight_kg or (s.weight_kg or 0) >= weight_kg - 0.01)]
        if found:
            return found
    return []


def _weakest_reps(results: Sequence[SessionResult], weight_kg: float | None) -> int | None:
    """The fewest reps in a working set of the latest session at the target load (or heavier)."""
    reps = _latest_at_load(results, weight_kg, lambda s: s.reps)
    return int(min(reps)) if reps else None


def _next_step(slot: Slot, target: Target, ladder: Sequence[str]) -> tuple[Target, str] | None:
    """At the ceiling: the next variation on the ladder, from the exercise's starting count."""
    current = target.variation or slot.exercise
    position = ladder.index(current) if current in ladder else 0
    if position + 1 >= len(ladder):
        return None
    harder = ladder[position + 1]
    start = replace(target, variation=harder, reps=slot.reps, seconds=slot.seconds if slot.reps is None else None)
    count = f"{slot.reps} reps" if slot.reps is not None else f"{slot.seconds} s"
    return start, f"{harder}, {count} ({current} reached its ceiling of {slot.top:g})"


MORE_REPS_AT_A_SIZE = 4  # reps added at one dumbbell or kettlebell before it must move up
EASY_RPE_MARGIN = 3.0  # RPE this far under the target at the target load: the microcycle was easy


def _easy_rpe(slot: Slot, target: Target, results: Sequence[SessionResult], rules: Rules) -> float | None:
    """The latest RPE at the target load when it was easy (three or more reps in reserve beyond
    the target's), else None."""
    latest = _latest_rpe(results, target.weight_kg)
    return latest if latest is not None and latest <= target_rpe(slot, rules) - EASY_RPE_MARGIN else None


def _next_target(slot: Slot, target: Target, verdict: str, rules: Rules, units: str | Equipment,
                 e1rm: float | None, results: Sequence[SessionResult] = (),
                 ladder: Sequence[str] = ()) -> tuple[Target, str]:
    """The next microcycle's target under the exercise's load model, and what changed."""
    w, reps, secs = target.weight_kg, target.reps, target.seconds
    if verdict == "hold":
        return target, "same target"
    top = slot.top
    if w is None:  # bodyweight reps or a timed hold: progress by reps or seconds, then a variation
        current = secs if secs is not None else reps
        if verdict == "progress" and current is not None and current >= top:
            if moved := _next_step(slot, target, ladder or (slot.exercise,)):
                return moved
            return target, f"{current:g} {'s' if secs is not None else 'reps'} (its ceiling, and the top of its ladder)"
        if secs is not None:
            step = slot.increment_s if verdict == "progress" else -slot.increment_s
            new = int(min(max(secs + step, slot.increment_s), top))
            return replace(target, seconds=new, carry_kg=0.0), f"{new} s"
        if verdict == "progress" and slot.progression == "double" and (done := _weakest_reps(results, None)):
            new = int(min(max(done + 1, reps + 1), top))  # from the reps actually done
        else:
            step = slot.increment_reps if verdict == "progress" else -slot.increment_reps
            new = int(min(max(reps + step, slot.reps or 1), top))
        return replace(target, reps=new), f"{new} reps"
    if verdict == "reduce":
        lighter = cut_load(w, rules.reduce_fraction, slot, rules, units)
        return (replace(target, weight_kg=lighter, reps=slot.reps, carry_kg=0.0),
                f"{cut_text(w, lighter, units)} (meant {rules.reduce_fraction:.1%} lighter)")
    if slot.progression == "double" and slot.reps_max and reps is not None:
        done = _weakest_reps(results, w)
        if done is None or done < slot.reps_max:  # reps first, from the weakest set done, to the top
            new = min(max((done or reps) + 1, reps + 1), slot.reps_max)
            return replace(target, reps=new), f"{new} reps at {load_text(w, units)} (weakest set {done or reps} + 1)"
        raised, carry = _raised_weight(target, slot, rules, units)
        return (replace(target, weight_kg=raised, reps=slot.reps, carry_kg=carry),
                f"every set at the top of {slot.reps}-{slot.reps_max}: {load_text(raised, units)} × {slot.reps}")
    if slot.load in ("rpe", "percent_e1rm") and e1rm:
        percent = (rts_percent(slot.reps or 1, slot.rpe or rules.progress_rpe) if slot.load == "rpe"
                   else slot.percent or 100)
        from_e1rm = loadable(e1rm * percent / 100, slot, rules, units, down=True)
        if from_e1rm > w:  # a completed microcycle never lowers the load
            return (replace(target, weight_kg=from_e1rm, reps=slot.reps, carry_kg=0.0),
                    f"{load_text(from_e1rm, units)} ({percent:.1f}% of e1RM {load_text(e1rm, units)})")
    raised, carry = _raised_weight(target, slot, rules, units)
    if verdict == "progress" and not fixed_weights(slot) and (easy := _easy_rpe(slot, target, results, rules)) \
            is not None and e1rm and reps:
        # An easy microcycle earns two increments, never past one above what its best set estimates.
        doubled, more = _raised_weight(target, slot, rules, units, steps=2)
        ceiling = loadable(e1rm / epley_e1rm(1.0, reps, target_rpe(slot, rules)) + slot.increment_kg + 0.1, slot,
                           rules, units, down=True)
        if min(doubled, ceiling) > raised:
            new = min(doubled, ceiling)
            return (replace(target, weight_kg=new, reps=slot.reps, carry_kg=more if new == doubled else 0.0),
                    f"+{load_text(new - w, units)} → {load_text(new, units)} (an easy microcycle: RPE {easy:g} at "
                    f"{load_text(w, units)}, {EASY_RPE_MARGIN:g} or more under the target, earns two steps)")
    if raised <= w and fixed_weights(slot):
        # The next dumbbell or kettlebell is a bigger jump than this increment: reps (or, for a
        # carry, seconds) first, within the exercise's ceiling.
        up = next_size(w, slot, units)
        away = f"the next size up is still {load_text(up - w, units)} away" if up else "no bigger size owned"
        if reps is not None and reps < slot.reps + MORE_REPS_AT_A_SIZE:
            return (replace(target, reps=reps + slot.increment_reps, carry_kg=carry),
                    f"{reps + slot.increment_reps} reps at {load_text(w, units)} ({away})")
        if secs is not None and secs + slot.increment_s <= slot.top:
            return (replace(target, seconds=secs + slot.increment_s, carry_kg=carry),
                    f"{secs + slot.increment_s} s at {load_text(w, units)} ({away})")
        if up is not None:  # every rep (or second) this size allows is done: it has earned the next one
            return (replace(target, weight_kg=up, reps=slot.reps, carry_kg=0.0,
                            seconds=slot.seconds if secs is not None else secs),
                    f"{load_text(up, units)}: the reps at {load_text(w, units)} earned the next size")
    note = f"+{load_text(raised - w, units)} → {load_text(raised, units)}" if raised > w else \
        f"{load_text(w, units)} (+{load_text(slot.increment_kg, units)} does not reach the next step yet; carried)"
    return replace(target, weight_kg=raised, reps=slot.reps, carry_kg=carry,
                   seconds=slot.seconds if secs is not None and raised > w else secs), note


def judge(slot: Slot, target: Target, results: Sequence[SessionResult], excused: Sequence[str],
          missed: Sequence[str], first: str, last: str, rules: Rules, units: str | Equipment = "kg",
          readiness: float | None = None, crept_from: float | None = None,
          ladder: Sequence[str] = (), failed_in_deload: Sequence[str] = ()) -> Target:
    """The verdict on one microcycle of one exercise, and the target it leads to.

    `results` are the sessions judged, each against what its day prescribed (lighter and
    trimmed days included); `excused` lists work the plan left out (travel, taper, recovery,
    locked plyometrics), and `missed` the planned sessions with nothing logged: neither counts
    as success or failure. `crept_from` is the RPE this lift had before its RPE crept up and
    pulled a deload forward: it keeps its load until RPE at that load is back there.
    `failed_in_deload`: days a set failed in the deload week that closed the microcycle: at a
    lighter load than the build weeks', a failure there says the build weeks' success was not
    yet solid, so the load holds.
    """
    evidence = tuple(s for r in results for s in r.sets)
    e1rm = best_e1rm(evidence)
    rpe_trend = tuple(round(mean(rpes), 1) for r in results
                      if (rpes := [s.rpe for s in r.sets if s.rpe is not None]))
    not_counted = [f"{note} (not counted)" for note in (*excused, *missed)]
    misses = target.misses
    if not results:
        verdict, reasons = "hold", ["nothing to judge: no session of it was done as planned"]
    elif all(r.complete for r in results) and crept_from is not None and (
            (latest := _latest_rpe(results, target.weight_kg)) is None or latest > crept_from):
        verdict = "hold"
        at = f" at {load_text(target.weight_kg, units)}" if target.weight_kg else ""
        reasons = [f"RPE crept up{at} and pulled the deload forward; the load stays until RPE there is back "
                   f"to {crept_from:g} (latest: {latest if latest is not None else 'none logged'})"]
    elif all(r.complete for r in results) and failed_in_deload:
        verdict = "hold"  # not a miss: the build weeks were done
        reasons = [f"every build-week set done, but a set failed in the deload week "
                   f"({', '.join(failed_in_deload)}): the load stays until it is solid"]
    elif all(r.complete for r in results) and (short := _too_little_to_raise(results)):
        verdict = "hold"  # not a miss: nothing failed
        reasons = [f"every set done, but {short}: the load stays until a full microcycle shows it"]
    elif all(r.complete for r in results):
        verdict, misses = "progress", 0
        done = sum(r.met for r in results)
        reasons = [f"all {done} prescribed sets done in {plural(len(results), 'session')}, "
                   f"RPE ≤ {target_rpe(slot, rules):g}"]
    elif e1rm and target.best_e1rm and e1rm < target.best_e1rm * (1 - rules.drop_fraction):
        verdict, misses = "reduce", 0
        reasons = [f"clear drop: best e1RM {load_text(e1rm, units)} against {load_text(target.best_e1rm, units)} last time"]
    else:
        misses += 1
        short = "; ".join(r.describe() for r in results if not r.complete)
        if misses >= rules.stall_microcycles:
            verdict, misses = "reduce", 0
            reasons = [f"stall: {rules.stall_microcycles} judged microcycles without progress ({short})"]
        else:
            verdict, reasons = "hold", [f"not every set as prescribed: {short}"]
    following, change = _next_target(slot, target, verdict, rules, units, e1rm, results, ladder)
    reasons.append(f"next: {change}")
    reasons += not_counted
    decided = Verdict(slot.exercise, verdict, first, last, tuple(reasons), evidence, rpe_trend,
                      readiness, target.weight_kg, following.weight_kg, following.reps,
                      following.seconds)
    return replace(following, misses=misses, best_e1rm=e1rm or target.best_e1rm, verdict=decided)


# --- signals that pull a deload forward --------------------------------------------------


@record
class Creep:
    """RPE that crept up at the same load: why it counts, and the mean RPE before it did."""
    reason: str
    before: float  # the mean RPE at that load before it crept up


def rpe_creep(exercise: str, recent: Sequence[LoggedSet], earlier: Sequence[LoggedSet],
              threshold: float, units: str | Equipment = "kg") -> Creep | None:
    """RPE at the same load rising by `threshold` or more from earlier weeks to this one."""

    def by_load(sets: Sequence[LoggedSet]) -> dict[float, list[float]]:
        found: dict[float, list[float]] = {}
        for s in sets:
            if s.rpe is not None and s.weight_kg and s.set_type in COUNTED_SET_TYPES:
                found.setdefault(round(s.weight_kg, 2), []).append(s.rpe)
        return found

    before = by_load(earlier)
    for load, rpes in sorted(by_load(recent).items()):
        if load in before and mean(rpes) - mean(before[load]) >= threshold:
            was = round(mean(before[load]), 1)
            return Creep(f"RPE creeping up on {exercise}: {was:.1f} → {mean(rpes):.1f} at {load_text(load, units)}", was)
    return None


def _latest_rpe(results: Sequence[SessionResult], weight_kg: float | None) -> float | None:
    """The mean RPE of the latest session's working sets at the target load (or heavier)."""
    rpes = _latest_at_load(results, weight_kg, lambda s: s.rpe)
    return round(mean(rpes), 1) if rpes else None
