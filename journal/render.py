"""Plain-text wording shared by the command line and the screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from .core.clock import day_text, iso_date
from .core.model import Equipment, LoggedSet, PlannedDay, Prescription, Run
from .core.readiness import readiness_text
from .core.record import record
from .core.units import amount_text, duration_text, in_unit, load_text as load, plural, rough_load_text

if TYPE_CHECKING:
    from .core.journal import ImportReport, RunImport, Why
    from .core.summary import WeeklySummary


def target_text(p: Prescription, compact: bool = False) -> str:
    """`3 × 5 @ 60 kg`, `2 × 30 s`, `3 × 8/side @ 10 kg`; compact: `3×8/side`, no load."""
    gap = "" if compact else " "
    per_side = "/side" if p.unilateral else ""
    amount = f"{p.seconds}{gap}s" if p.reps is None else f"{p.reps}"
    at = f" @ {load(p.weight_kg, p.unit)}" if p.weight_kg and not compact else ""
    return f"{p.sets}{gap}×{gap}{amount}{per_side}{at}"


def _amount(s: LoggedSet) -> str:
    return f"{s.seconds:g} s" if s.seconds is not None and not s.reps else f"{s.reps}"


def _load_as_logged(s: LoggedSet) -> tuple[str, str] | None:
    """The load as it was logged, (number, unit): ("40", "kg"), ("95", "lb"); None for bodyweight and holds."""
    if s.weight is not None and s.weight_kg:
        return f"{s.weight:g}", s.unit
    return (f"{s.weight_kg:g}", "kg") if s.weight_kg else None


def _lifted(s: LoggedSet) -> str:
    """The load as it was logged (`40 kg`, `95 lb`), or "" for bodyweight and holds."""
    found = _load_as_logged(s)
    return " ".join(found) if found else ""


def set_text(s: LoggedSet) -> str:
    if s.set_type == "skipped":
        return "skipped"
    amount = _amount(s) if s.seconds is not None and not s.reps else f"× {s.reps}"
    lifted = _lifted(s) or ("BW" if s.reps else "")
    extras = [f"RPE {s.rpe:g}" if s.rpe is not None else "", s.side or "",
              s.tempo or "", "" if s.set_type == "working" else s.set_type.replace("warmup", "warm-up")]
    tail = "  ".join(e for e in extras if e)
    return f"{lifted} {amount}".strip() + (f"  {tail}" if tail else "")


def sets_in_brief(sets: Sequence[LoggedSet]) -> str:
    """A session's working sets in a few characters: `3×5 @ 40 kg`, `40 kg × 5,5,6`, `40/45 kg × 5,5,3`,
    `2×45 s`. One-sided work is counted on its first side, as its target is (`3×8/side` did `3×8`)."""
    done = [s for s in sets if s.set_type not in ("skipped", "warmup")]
    if not done:
        return "skipped" if sets else "—"
    sided = all(s.side for s in done)
    firsts = [s for s in done if not sided or s.side == done[0].side]
    loads = list(dict.fromkeys(_load_as_logged(s) for s in firsts))
    amounts = [_amount(s) for s in firsts]
    if len(set(amounts)) == 1 and len(loads) == 1:
        return f"{len(firsts)}×{amounts[0]}" + (f" @ {' '.join(loads[0])}" if loads[0] else "")
    reps = ",".join(a.removesuffix(" s") for a in amounts) + (" s" if amounts[0].endswith(" s") else "")
    loaded = [found for found in loads if found]
    if not loaded:
        return reps
    return f"{'/'.join(number for number, _ in loaded)} {loaded[0][1]} × {reps}"


def equipment_text(gear: Equipment) -> str:
    """What the lifter loads with, in their unit."""
    unit = gear.unit

    def listed(values: Sequence[float]) -> str:
        return ", ".join(f"{in_unit(v, unit):g}" for v in values)

    return "\n".join([f"Bar: {in_unit(gear.bar_kg, unit):g} {unit}", f"Plates (pairs): {listed(gear.plates_kg)} {unit}",
                      f"Dumbbells: {listed(gear.dumbbells_kg)} {unit}",
                      f"Kettlebells: {listed(gear.kettlebells_kg)} {unit}",
                      f"Machine and cable step: {in_unit(gear.machine_step_kg, unit):g} {unit}"])


def block_text(d: PlannedDay) -> str:
    return f"{d.block.name} week {d.block.week} of {d.block.weeks} ({d.block.phase})"


def plan_text(d: PlannedDay) -> str:
    day = iso_date(d.date)
    lines = [f"{day_text(day, 'ddd')} {d.date} · {d.program} · {block_text(d)}"]
    if d.readiness is not None:
        lines[0] += f" · readiness {readiness_text(d.readiness)}"
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
    planned = why.planned
    weight, reps = why.next_weight_kg, planned.reps if planned else target.reps
    seconds = planned.seconds if planned else target.seconds
    shown = "  ".join(x for x in (load(weight, unit) if reps or weight else "", f"{reps} reps" if reps else "",
                                  f"{seconds} s" if seconds else "") if x)
    when = f" on {day_text(iso_date(why.planned_on), 'ddd D MMM')}" if why.planned_on else ""
    lines.append(f"Next: {shown}{when}")
    if planned and (planned.adjusted or planned.weight_kg != target.weight_kg):
        lines.append(f"  the plan that day: {planned.why.split('; ', 1)[-1]}")
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
        lines.append(f"Readiness over the microcycle: {readiness_text(verdict.readiness)}")
    return "\n".join(lines)


# The check-in's scales in the lifter's words, and which end is good.
WELLNESS_LABELS = (("sleep_quality", "Sleep quality", "/5", ""), ("soreness", "Soreness", "/5", "lower is better"),
                   ("fatigue", "Fatigue", "/5", "lower is better"), ("stress", "Stress", "/5", "lower is better"),
                   ("mood", "Mood", "/5", ""), ("motivation", "Motivation", "/5", ""))


@record
class SummaryTable:
    """One section of the weekly summary: a table, and lines under it. The CLI prints it as aligned
    text and the screen as a Rich table, so both read the same cells."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    empty: str = ""  # said instead of the table when it has no rows
    notes: list[str] = field(default_factory=list)


def _change(delta: float | None, digits: int = 1) -> str:
    return f"{delta:+.{digits}f}" if delta else "—"


def _signed_load(kg: float | None, unit: str) -> str:
    if kg is None:
        return "—"
    return "same" if not kg else f"{'+' if kg > 0 else '−'}{load(abs(kg), unit)}"


def summary_tables(week: WeeklySummary) -> list[SummaryTable]:
    """The weekly summary as titled tables: sessions so far, work, best sets, verdicts, wellness,
    training load, next week and recovery cues."""
    unit, counts = week.unit, week.sessions
    sessions = SummaryTable(
        "Sessions so far", ("Kind", "Done", "Planned", "To come", "Missed"),
        [(kind, str(counts.done.get(kind, 0)), str(counts.planned.get(kind, 0)),
          str(counts.to_come.get(kind, 0) or "—"), str(counts.missed(kind) or "—"))
         for kind in sorted(counts.planned.keys() | counts.done.keys())], empty="No sessions planned.")

    sets, volume = week.sets, week.volume
    work_rows = [("Working sets", f"{sets.working} ({sets.hard} hard)"), ("Warm-up sets", str(sets.warmup)),
                 ("Skipped sets", str(sets.skipped)), ("Volume", rough_load_text(volume.total_kg, unit, step_lb=1))]
    work_rows += [(f"  {pillar}", load(kg, unit)) for pillar, kg in volume.by_pillar.items()]
    if week.time_under_tension_s.total:
        work_rows.append(("Time under tension", f"{week.time_under_tension_s.total} s"))
    work = SummaryTable("Work", ("", "This week"), work_rows)

    best = SummaryTable(
        "Best sets and records", ("Exercise", "Best set", "e1RM", "On 4 weeks before", "Records"),
        [(b.exercise, f"{load(b.weight_kg, unit)} × {b.reps}", load(b.e1rm, unit),
          _signed_load(week.e1rm[b.exercise].change, unit), ", ".join(b.prs) or "—") for b in week.best_sets],
        empty="No loaded sets this week.")

    verdicts = SummaryTable(
        "Verdicts and next loads", ("Exercise", "Verdict", "Why", "Next"),
        [(v.exercise, v.verdict, v.reason, load(v.next_weight_kg, unit) if v.next_weight_kg else v.next)
         for v in week.verdicts], empty="No microcycle judged yet.")

    feel = week.wellness
    average, change = feel.average, feel.change
    wellness_rows = [("Check-ins", f"{average.check_ins} of 7", "—", "")]
    if average.check_ins:
        wellness_rows.append(("Sleep", f"{average.sleep_h:.1f} h a night", _change(change.sleep_h),
                              f"target {feel.sleep_target_h:g} h"))
        wellness_rows += [(label, f"{getattr(average, name):.1f}{scale}", _change(getattr(change, name)), note)
                          for name, label, scale, note in WELLNESS_LABELS]
        if average.readiness is not None:
            wellness_rows.append(("Readiness", f"{readiness_text(average.readiness)} of 100", _change(change.readiness, 0), ""))
    wellness = SummaryTable("Wellness", ("Measure", "Average", "On last week", ""), wellness_rows)

    training = week.load
    balance = SummaryTable(
        "Training load (RPE × minutes)", ("Gym", "Runs", "7-day", "42-day", "Balance"),
        [(f"{training.gym_week:g}", f"{training.runs_week:g}", f"{training.acute:g}", f"{training.chronic:g}",
          f"{training.balance:.2f}" if training.balance is not None else "—")],
        notes=[f"Balance is the 7-day load over the 42-day load: {training.note}."]
        + ([f"Days of runs counted: {training.runs_counted}."] if training.runs_counted else []))

    nxt = week.next_week
    ahead = SummaryTable(
        f"Next week: {nxt.block.name} week {nxt.block.week} ({', '.join(nxt.phases)})", ("Day", "Session", "Kind"),
        [(day_text(iso_date(s.date), "ddd D MMM"), s.name, s.kind) for s in nxt.sessions],
        empty="No sessions planned.",
        notes=[f"{r.exercise} will go up: {amount_text(r.from_kg, unit)} → {load(r.to_kg, unit)}" for r in nxt.raised]
        + [f"! {a}" for a in nxt.adjustments])

    cues = SummaryTable("Recovery cues", (), [], notes=list(week.cues) or ["Nothing to flag."])
    return [sessions, work, best, verdicts, wellness, balance, ahead, cues]


def _aligned(table: SummaryTable) -> list[str]:
    """A table as lines of text, each column as wide as its widest cell."""
    if not table.rows:
        return [table.empty] if table.empty else []
    lines = [table.columns, *table.rows]
    widths = [max(len(line[n]) for line in lines) for n in range(len(table.columns))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]


def summary_text(week: WeeklySummary) -> str:
    lines = [f"{week.week} ({week.from_} to {week.to}) · {week.program} · "
             f"{week.block.name} week {week.block.week} ({week.block.phase})"]
    for table in summary_tables(week):
        lines += ["", table.title] + [f"  {line}" for line in _aligned(table) + table.notes]
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
    lines.append(f"Dry run: {plural(report.new, 'new set')} would be imported; nothing was written." if dry_run else
                 f"Imported {plural(report.new, 'new set')}; {report.sets - report.new} already there.")
    return "\n".join(lines)


def run_line(run: Run) -> str:
    """One run in a list: its id's first eight characters (what `run kind` takes), when, what."""
    when = f"{run.date} {run.time or '     '}"
    measured = "  ".join(part for part in (
        f"{run.km:g} km" if run.km else "", duration_text(run.minutes) if run.minutes else "",
        f"HR {run.avg_hr}" if run.avg_hr else "") if part)
    return f"{run.id[:8]}  {when}  {run_kind_text(run):<8} {measured:<24} {run.title or ''}".rstrip()


def run_kind_text(run: Run) -> str:
    """`long`, `B race`; `?` after a kind suggested from the run's data and not yet the runner's word."""
    kind = f"{run.priority or 'C'} race" if run.kind == "race" else run.kind
    return kind + ("?" if run.kind_reason and not run.kind_by_runner else "")


def run_import_text(report: RunImport) -> str:
    """What an import of recorded runs read, and what it stored (or would store)."""
    matched = report.matched
    read = [*matched.added, *(now for _, now in matched.merged), *matched.already]
    lines = [f"Read {report.source or 'nothing'}: {plural(len(read), 'run')}"]
    if report.others:
        others = ", ".join(f"{count} {sport}" for sport, count in report.others.most_common())
        lines[0] += f" (other activities, not stored: {others})"
    if matched.added:
        kinds = Counter(run.kind for run in matched.added)
        suggested = any(run.kind_reason for run in matched.added)
        lines.append(f"  kinds{' suggested' * suggested}: " + ", ".join(
            f"{kinds[k]} {k}" for k in ("race", "long", "quality", "easy", "travel") if kinds[k])
            + (" (see `journal run list --why`)" if suggested else ""))
    for before, now in matched.merged[:5]:
        lines.append(f"  {now.date} {now.source} run merged into the {before.kind} run there"
                     + (f" ({before.title})" if before.title else ""))
    verbs = ("would add", "would merge") if report.dry_run else ("added", "merged")
    lines.append(f"{verbs[0].capitalize()} {plural(len(matched.added), 'run')}, {verbs[1]} "
                 f"{len(matched.merged)} into runs already here, {len(matched.already)} already there."
                 + (" Dry run: nothing was written." if report.dry_run else ""))
    return "\n".join(lines)
