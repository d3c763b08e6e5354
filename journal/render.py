"""Plain-text wording shared by the command line and the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core.clock import iso_date
from .core.model import LoggedSet, PlannedDay, Prescription
from .core.units import amount_text, load_text as load, plural

if TYPE_CHECKING:
    from .core.journal import ImportReport, Why
    from .core.summary import SessionCounts, WeeklySummary


def target_text(p: Prescription, compact: bool = False) -> str:
    """`3 × 5 @ 60 kg`, `2 × 30 s`, `3 × 8/side @ 10 kg`; compact: `3×8/side`, no load."""
    gap = "" if compact else " "
    per_side = "/side" if p.unilateral else ""
    amount = f"{p.seconds}{gap}s" if p.reps is None else f"{p.reps}"
    at = f" @ {load(p.weight_kg, p.unit)}" if p.weight_kg and not compact else ""
    return f"{p.sets}{gap}×{gap}{amount}{per_side}{at}"


def set_text(s: LoggedSet) -> str:
    if s.set_type == "skipped":
        return "skipped"
    if s.seconds is not None and not s.reps:
        amount = f"{s.seconds:g} s"
    else:
        amount = f"× {s.reps}"
    if s.weight is not None and s.weight_kg:
        lifted = f"{s.weight:g} {s.unit} "
    elif s.weight_kg:
        lifted = f"{s.weight_kg:g} kg "
    else:
        lifted = "BW " if s.reps else ""
    extras = [f"RPE {s.rpe:g}" if s.rpe is not None else "", s.side or "",
              s.tempo or "", "" if s.set_type == "working" else s.set_type]
    tail = "  ".join(e for e in extras if e)
    return f"{lifted}{amount}" + (f"  {tail}" if tail else "")


def equipment_text(gear: dict) -> str:
    def listed(values: list[float]) -> str:
        return ", ".join(f"{v:g}" for v in values)

    unit = gear["unit"]
    return "\n".join([f"Bar: {gear['bar']:g} {unit}", f"Plates (pairs): {listed(gear['plates'])} {unit}",
                      f"Dumbbells: {listed(gear['dumbbells'])} {unit}",
                      f"Kettlebells: {listed(gear['kettlebells'])} {unit}",
                      f"Machine and cable step: {gear['machine_step']:g} {unit}"])


def block_text(d: PlannedDay) -> str:
    return f"{d.block.name} week {d.block.week} of {d.block.weeks} ({d.block.phase})"


def plan_text(d: PlannedDay) -> str:
    day = iso_date(d.date)
    lines = [f"{day.format('ddd')} {d.date} · {d.program} · {block_text(d)}"]
    if d.readiness is not None:
        lines[0] += f" · readiness {d.readiness:g}"
    lines += [f"! {a}" for a in d.adjustments]
    if d.session is None:
        lines.append("Rest day.")
        return "\n".join(lines)
    lines.append(f"{d.session[0]} ({d.session[1]})")
    for p in d.exercises:
        details = "  ".join(x for x in (f"tempo {p.tempo}" if p.tempo else "",
                                        f"rest {p.rest_s} s" if p.rest_s else "") if x)
        lines.append(f"  {p.name:<30} {target_text(p):<22} {details}")
        if p.warmups:
            lines.append("      warm-up: " + ", ".join(f"{amount_text(w.weight_kg, p.unit)}×{w.reps}"
                                                   for w in p.warmups) + f" {p.unit}")
        if p.plates:
            lines.append(f"      {p.plates}")
        lines.append(f"      why: {p.why}")
    return "\n".join(lines)


def why_text(why: Why) -> str:
    """`journal why` as lines a person reads: verdict, reasons, evidence, next target."""
    verdict, target, unit = why.verdict, why.target, why.unit
    if verdict is None:
        lines = [f"{why.exercise}: not judged yet", f"  {why.first_target_reason()}"]
    else:
        lines = [f"{why.exercise}: {verdict.verdict} (microcycle {verdict.first} to {verdict.last})"]
        lines += [f"  {reason}" for reason in verdict.reasons]
    weight = target.weight_kg
    shown = "  ".join(x for x in (load(weight, unit) if target.reps or weight else "",
                                  f"{target.reps} reps" if target.reps else "",
                                  f"{target.seconds} s" if target.seconds else "") if x)
    lines.append(f"Next: {shown}")
    if verdict is None:
        return "\n".join(lines)
    if verdict.evidence:
        days: dict[str, list[str]] = {}
        for s in verdict.evidence:
            lifted = load(s.weight_kg, unit) if s.weight_kg else "BW"
            amount = f"× {s.reps}" if s.reps else f"{s.seconds:g} s" if s.seconds else s.set_type
            rpe = f" @{s.rpe:g}" if s.rpe is not None else ""
            days.setdefault(s.date, []).append(f"{lifted} {amount}{rpe}")
        lines.append("Evidence:")
        lines += [f"  {day}: {', '.join(sets)}" for day, sets in days.items()]
    if verdict.rpe_trend:
        lines.append("RPE trend: " + " → ".join(f"{r:g}" for r in verdict.rpe_trend))
    if verdict.readiness is not None:
        lines.append(f"Readiness over the microcycle: {verdict.readiness:g}")
    return "\n".join(lines)


# The check-in's scales in the lifter's words, and which end is good.
WELLNESS_LABELS = (("sleep_quality", "sleep quality", "/5"), ("soreness", "soreness", "/5, lower is better"),
                   ("fatigue", "fatigue", "/5, lower is better"), ("stress", "stress", "/5, lower is better"),
                   ("mood", "mood", "/5"), ("motivation", "motivation", "/5"))


def _change(delta: float | None) -> str:
    return f" ({delta:+.1f} on last week)" if delta else ""


def _sessions_line(counts: SessionCounts) -> str:
    """`Sessions done: strength 1 of 2 (1 to come), mobility 1 of 1`: planned days still ahead
    are to come, not missed."""
    parts = []
    for kind in sorted(counts.planned.keys() | counts.done.keys()):
        planned, done = counts.planned.get(kind, 0), counts.done.get(kind, 0)
        notes = [f"{n} {what}" for n, what in ((counts.to_come.get(kind, 0), "to come"),
                                               (counts.missed(kind), "missed")) if n]
        parts.append(f"{kind} {done} of {planned}" + (f" ({', '.join(notes)})" if notes else "")
                     if planned else f"{kind} {done}")
    return "Sessions done: " + (", ".join(parts) or "none planned")


def summary_sections(week: WeeklySummary) -> list[tuple[str, list[str]]]:
    """The weekly summary as titled sections of lines: the CLI prints them, the screen lays them out."""
    unit = week.unit
    sets, volume, feel, training = week.sets, week.volume, week.wellness, week.load
    this_week = [_sessions_line(week.sessions),
                 f"Sets: {sets.working} working ({sets.hard} hard), {sets.warmup} warm-up, {sets.skipped} skipped",
                 f"Volume: {load(volume.total_kg, unit)}"
                 + (" (" + ", ".join(f"{k} {amount_text(v, unit)}" for k, v in volume.by_pillar.items()) + ")"
                    if volume.by_pillar else "")]
    if week.time_under_tension_s.total:
        this_week.append(f"Time under tension: {week.time_under_tension_s.total} s")
    lifts = []
    for best in week.best_sets:
        line = f"{best.exercise}: {load(best.weight_kg, unit)} × {best.reps} (e1RM {load(best.e1rm, unit)})"
        if best.prs:
            line += f"  PR: {', '.join(best.prs)}"
        change = week.e1rm[best.exercise].change
        if change is not None:
            line += f"  {'+' if change >= 0 else '−'}{load(abs(change), unit)} on the 4 weeks before"
        lifts.append(line)

    average, change = feel.average, feel.change
    recovery = [f"Check-ins: {average.check_ins} of 7"]
    if average.check_ins:
        recovery.append(f"Sleep: {average.sleep_h:.1f} h a night (target {feel.sleep_target_h:g} h)"
                        + _change(change.sleep_h))
        recovery.append("; ".join(f"{label} {getattr(average, name):.1f}{scale}{_change(getattr(change, name))}"
                                  for name, label, scale in WELLNESS_LABELS).capitalize())
        if average.readiness is not None:
            recovery.append(f"Readiness: {average.readiness:.0f} of 100{_change(change.readiness)}")
    balance = f", balance {training.balance:.2f}" if training.balance is not None else ""
    recovery.append(f"Training load (RPE × minutes): gym {training.gym_week:g}, runs {training.runs_week:g}; "
                    f"7-day {training.acute:g}, 42-day {training.chronic:g}{balance}")

    nxt = week.next_week
    ahead = [f"{nxt.block.name} week {nxt.block.week} ({', '.join(nxt.phases)})"]
    ahead += [f"{iso_date(s.date).format('ddd D MMM')}: {s.name} ({s.kind})" for s in nxt.sessions]
    ahead += [f"{r.exercise} will go up: {amount_text(r.from_kg, unit)} → {load(r.to_kg, unit)}" for r in nxt.raised]
    ahead += [f"! {a}" for a in nxt.adjustments]
    verdicts = [f"{v.exercise}: {v.verdict} ({v.reason})" for v in week.verdicts]
    return [("This week", this_week), ("Best sets", lifts or ["no loaded sets"]), ("Recovery", recovery),
            ("Verdicts", verdicts or ["no microcycle judged yet"]), ("Next week", ahead),
            ("Cues", list(week.cues) or ["nothing to flag"])]


def summary_text(week: WeeklySummary) -> str:
    lines = [f"{week.week} ({week.from_} to {week.to}) · {week.program} · "
             f"{week.block.name} week {week.block.week} ({week.block.phase})"]
    for title, body in summary_sections(week):
        lines += ["", title] + [f"  {line}" for line in body]
    return "\n".join(lines)


def import_text(report: ImportReport, dry_run: bool = False, most: int | None = None) -> str:
    """What an import read and stored; `most` caps the exercises listed (a dialog has no scroll)."""
    span = f"{report.first} to {report.last}" if report.first else "no dates"
    lines = [f"{report.format}: {plural(report.sets, 'set')}, {span}"]
    counts = sorted(report.by_exercise.items())
    lines += [f"  {count:>6}  {name}" for name, count in counts[:most]]
    if most is not None and len(counts) > most:
        lines.append(f"  … and {len(counts) - most} more exercises")
    lines += [f"  '{source}' is your '{name}'" for source, name in sorted(report.renamed.items())[:most]]
    lines.append("Dry run: nothing was written." if dry_run else
                 f"Imported {plural(report.new, 'new set')}; {report.sets - report.new} already there.")
    return "\n".join(lines)
