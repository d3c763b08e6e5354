"""Plain-text wording shared by the command line and the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core.clock import iso_date
from .core.model import LoggedSet, PlannedDay, Prescription
from .core.units import amount_text, load_text as load

if TYPE_CHECKING:
    from .core.journal import ImportReport


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
        if p.plates:
            lines.append(f"      {p.plates}")
        lines.append(f"      why: {p.why}")
    return "\n".join(lines)


def why_text(why: dict) -> str:
    """`journal why` as lines a person reads: verdict, reasons, evidence, next target."""
    verdict = why["verdict"] or "not judged yet"
    judged = f" (microcycle {why['judged']['from']} to {why['judged']['to']})" if why.get("judged") else ""
    lines = [f"{why['exercise']}: {verdict}{judged}"]
    lines += [f"  {reason}" for reason in why["reasons"]]
    unit = why.get("unit", "kg")
    target = "  ".join(x for x in (load(why["next_weight_kg"], unit) if why["next_reps"] or why["next_weight_kg"] else "",
                                   f"{why['next_reps']} reps" if why["next_reps"] else "",
                                   f"{why['next_seconds']} s" if why["next_seconds"] else "") if x)
    lines.append(f"Next: {target}")
    if why["evidence"]:
        days: dict[str, list[str]] = {}
        for s in why["evidence"]:
            lifted = load(s["weight_kg"], unit) if s["weight_kg"] else "BW"
            amount = f"× {s['reps']}" if s["reps"] else f"{s['seconds']:g} s" if s["seconds"] else s["set_type"]
            rpe = f" @{s['rpe']:g}" if s["rpe"] is not None else ""
            days.setdefault(s["date"], []).append(f"{lifted} {amount}{rpe}")
        lines.append("Evidence:")
        lines += [f"  {day}: {', '.join(sets)}" for day, sets in days.items()]
    if why["rpe_trend"]:
        lines.append("RPE trend: " + " → ".join(f"{r:g}" for r in why["rpe_trend"]))
    if why["readiness"] is not None:
        lines.append(f"Readiness over the microcycle: {why['readiness']:g}")
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"


def summary_sections(doc: dict) -> list[tuple[str, list[str]]]:
    """The weekly summary as titled sections of lines: the CLI prints them, the screen lays them out."""
    unit = doc.get("unit", "kg")
    sessions = doc["sessions"]
    sets = doc["sets"]
    wellness = doc["wellness"]["average"]
    change = doc["wellness"]["change"]
    training = doc["load"]
    week = [f"Sessions: {_counts(sessions['done'])} done of {_counts(sessions['planned'])} planned",
            f"Sets: {sets['working']} working ({sets['hard']} hard), {sets['warmup']} warm-up, "
            f"{sets['skipped']} skipped",
            f"Volume: {load(doc['volume']['total_kg'], unit)}"
            + (" (" + ", ".join(f"{k} {amount_text(v, unit)}" for k, v in doc["volume"]["by_pillar"].items()) + ")"
               if doc["volume"]["by_pillar"] else "")]
    if doc["time_under_tension_s"]["total"]:
        week.append(f"Time under tension: {doc['time_under_tension_s']['total']} s")
    lifts = [f"{b['exercise']}: {load(b['weight_kg'], unit)} × {b['reps']} (e1RM {load(b['e1rm'], unit)})"
             + (f"  PR: {', '.join(b['prs'])}" if b["prs"] else "")
             + (f"  {'+' if doc['e1rm'][b['exercise']]['change'] >= 0 else '−'}"
                f"{load(abs(doc['e1rm'][b['exercise']]['change']), unit)} vs the 4 weeks before"
                if doc["e1rm"][b["exercise"]]["change"] is not None else "")
             for b in doc["best_sets"]]

    def trend(name: str, value: float | None, fmt: str = "{:.1f}") -> str:
        if value is None:
            return f"{name} –"
        delta = change.get(name.replace(" ", "_"))
        return f"{name} {fmt.format(value)}" + (f" ({delta:+.1f})" if delta else "")

    feel = ["  ".join([trend("sleep_h", wellness["sleep_h"]) + f" of {doc['wellness']['sleep_target_h']:g} h",
                       trend("soreness", wellness["soreness"]), trend("fatigue", wellness["fatigue"]),
                       trend("motivation", wellness["motivation"]), trend("readiness", wellness["readiness"], "{:.0f}")])
            + f"  · {wellness['check_ins']} check-in(s)"]
    balance = f", balance {training['balance']:.2f}" if training["balance"] is not None else ""
    feel.append(f"Load: gym {training['gym_week']:g}, runs {training['runs_week']:g} (RPE × min); "
                f"7-day {training['acute']:g}, 42-day {training['chronic']:g}{balance}")
    nxt = doc["next_week"]
    ahead = [f"{nxt['block']['name']} week {nxt['block']['week']} ({', '.join(nxt['phases'])})"]
    ahead += [f"{r['exercise']}: {amount_text(r['from_kg'], unit)} → {load(r['to_kg'], unit)}" for r in nxt["raised"]]
    ahead += [f"! {a}" for a in nxt["adjustments"]]
    verdicts = [f"{v['exercise']}: {v['verdict']} ({v['reason']})" for v in doc["verdicts"]]
    return [("This week", week), ("Best sets", lifts or ["no loaded sets"]), ("Recovery", feel),
            ("Verdicts", verdicts or ["no microcycle judged yet"]), ("Next week", ahead),
            ("Cues", doc["cues"] or ["nothing to flag"])]


def summary_text(doc: dict) -> str:
    lines = [f"{doc['week']} ({doc['from']} to {doc['to']}) · {doc['program']} · "
             f"{doc['block']['name']} week {doc['block']['week']} ({doc['block']['phase']})"]
    for title, body in summary_sections(doc):
        lines += ["", title] + [f"  {line}" for line in body]
    return "\n".join(lines)


def import_text(report: ImportReport, dry_run: bool = False, most: int | None = None) -> str:
    """What an import read and stored; `most` caps the exercises listed (a dialog has no scroll)."""
    span = f"{report.first} to {report.last}" if report.first else "no dates"
    lines = [f"{report.format}: {report.sets} set(s), {span}"]
    counts = sorted(report.by_exercise.items())
    lines += [f"  {count:>6}  {name}" for name, count in counts[:most]]
    if most is not None and len(counts) > most:
        lines.append(f"  … and {len(counts) - most} more exercises")
    lines += [f"  '{source}' is your '{name}'" for source, name in sorted(report.renamed.items())[:most]]
    lines.append("Dry run: nothing was written." if dry_run else
                 f"Imported {report.new} new set(s); {report.sets - report.new} were already there.")
    return "\n".join(lines)
