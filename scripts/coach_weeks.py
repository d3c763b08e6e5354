"""Print what the coach did, week by week, for a lifter who lives a calendar as prescribed: each
main lift's loads (full-load days marked), and every lighter day with its reason.

    python scripts/coach_weeks.py                 # the two calendars of #21's closing note
    python scripts/coach_weeks.py --weeks 26

The calendars are journal.core.rehearsal's; the figures are the ones the closing notes quote.
"""

from __future__ import annotations

import argparse
from collections import Counter

from journal.core.prescription import main_lifts
from journal.core.rehearsal import Calendar, live
from journal.core.units import in_unit

CALENDARS = {
    "beginner, kg: long run Monday 08:00, tempo Thursday 08:00":
        Calendar(program="runner-beginner", units="kg", key_runs=((0, "long", "08:00"), (3, "quality", "08:00"))),
    "experienced, lb: long run Sunday 08:00, intervals Wednesday 18:30":
        Calendar(program="runner-experienced", units="lb", key_runs=((6, "long", "08:00"), (2, "quality", "18:30"))),
}


def report(title: str, calendar: Calendar) -> str:
    lived = live(calendar)
    lifts = [name for name in main_lifts(lived.program) if lived.program.exercises()[name].implement == "barbell"]
    lines = [f"## {title}, {calendar.weeks} weeks", "",
             "| week | phase | " + " | ".join(lifts) + " |", "|---|---|" + "---|" * len(lifts)]
    full = Counter()
    lighter: list[str] = []
    for week in range(calendar.weeks):
        days = lived.days[week * 7:(week + 1) * 7]
        cells = []
        for lift in lifts:
            found = []
            for d in days:
                for p in d.exercises:
                    if p.program_exercise != lift or not p.weight_kg:
                        continue
                    load = f"{in_unit(p.weight_kg, calendar.units):g}×{p.target_reps}"
                    if p.full_load and d.block.phase != "deload":
                        full[lift] += 1
                        found.append(f"**{load}**")
                    else:
                        found.append(load)
                        if p.adjusted:
                            lighter.append(f"{d.date} {lift} {load} {calendar.units}: {p.adjusted}")
            cells.append(", ".join(found) or "—")
        phase = days[0].block.phase if days else ""
        lines.append(f"| {week + 1} | {phase} | " + " | ".join(cells) + " |")
    lines += ["", "Full-load days (bold above): " + ", ".join(f"{lift} {full[lift]}" for lift in lifts),
              "", "Lighter days and why:"] + [f"- {line}" for line in lighter]
    broken = lived.broken_promises()
    lines += ["", f"Promises broken: {len(broken)}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=16)
    weeks = parser.parse_args().weeks
    for title, calendar in CALENDARS.items():
        print(report(title, Calendar(**{**calendar.__dict__, "weeks": weeks})), end="\n\n")


if __name__ == "__main__":
    main()
