"""The first run: with no journal at the path, the screen sets one up, as `journal init` does:
the program and its dates, then the main lifts' starting loads, then the lifter's equipment."""

from __future__ import annotations

from functools import partial

from pendulum import Date

from ...core.engine import coming_monday, main_lifts, starting_loads
from ...core.entry import parse_bodyweight, parse_date, parse_unit, parse_weight
from ...core.journal import new_enrolment, resolve_program
from ...core.program import parse_program, shipped_programs
from ...core.units import amount_text
from ..validators import EntryValidator
from .form import Field, FormScreen


def _program_names() -> str:
    lines = []
    for name, text in shipped_programs().items():
        program = parse_program(text)
        by_day: dict[str, list[str]] = {}  # a day's session can change with the block
        for template in program.sessions:
            kinds = by_day.setdefault(template.day[:3].capitalize(), [])
            kinds += [template.kind] if template.kind not in kinds else []
        days = ", ".join(f"{day} {' or '.join(kinds)}" for day, kinds in by_day.items())
        lines.append(f"{name}: {program.title}. {program.summary}\n  A week: {days}")
    return "\n".join(lines)


class SetupScreen(FormScreen[dict]):
    """Dismisses with the enrolment's values, every one checked: program, start, units, bodyweight."""

    title_text = "A new journal (1 of 3): choose your program"
    hint_text = "enter: next field, then starting loads · ctrl+s next · escape quits"

    def __init__(self, today: Date, chosen: dict | None = None) -> None:
        """`chosen`: the answers given before, when the lifter came back from step 2."""
        self.today = today
        self.intro_text = _program_names()
        names = list(shipped_programs())
        chosen = chosen or {}
        start = chosen.get("start") or coming_monday(today)
        super().__init__([
            Field("program", "Program", chosen.get("program") or names[0],
                  EntryValidator(lambda v: new_enrolment(v, coming_monday(today))), ", ".join(names)),
            Field("start", "First day (YYYY-MM-DD)", start.isoformat(),
                  EntryValidator(lambda v: parse_date(v, today, "start")), "a Monday keeps week 1 whole"),
            Field("units", "Units (kg or lb)", chosen.get("units") or "kg", EntryValidator(parse_unit)),
            Field("bodyweight", "Bodyweight (optional)", chosen.get("bodyweight") or "",
                  EntryValidator(lambda v: parse_bodyweight(v, "kg"), optional=True), "75kg or 165lb"),
        ], focus="program")

    def result(self, values: dict[str, str]) -> dict:
        units = parse_unit(values["units"])
        start = parse_date(values["start"], self.today, "start")
        new_enrolment(values["program"], start, units, values["bodyweight"] or None)  # checked whole
        return {"program": values["program"].strip(), "start": start, "units": units,
                "bodyweight": values["bodyweight"] or None}


class StartingLoadsScreen(FormScreen[dict]):
    """The main lifts' first loads, prefilled with what the program would start from (scaled to
    bodyweight where it says so). Dismisses with {exercise: load as typed}."""

    title_text = "A new journal (2 of 3): starting loads"
    hint_text = "enter: next lift, then equipment · ctrl+s next · escape: back a step"

    def __init__(self, program_name: str, units: str, bodyweight: str | None) -> None:
        program = resolve_program(program_name)[0]
        bodyweight_kg = parse_bodyweight(bodyweight, units) if bodyweight else None
        proposed = starting_loads(program, bodyweight_kg, {}, units)
        self.lifts = main_lifts(program)
        self.intro_text = ("The program proposes these first loads. If you know a load you can lift for "
                           "the reps with good form, type it: the coach raises it from there.")
        super().__init__([
            Field(f"lift{n}", f"{name} ({units})", amount_text(proposed[name], units),
                  EntryValidator(partial(parse_weight, unit=units, field=name)))
            for n, name in enumerate(self.lifts)])

    def result(self, values: dict[str, str]) -> dict:
        return {name: values[f"lift{n}"] for n, name in enumerate(self.lifts)}
