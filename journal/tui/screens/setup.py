"""The first run: with no journal at the path, the screen sets one up, as `journal init` does."""

from __future__ import annotations

from pendulum import Date

from ...core.engine import coming_monday
from ...core.entry import parse_bodyweight, parse_date, parse_unit
from ...core.journal import new_enrolment
from ...core.program import parse_program, shipped_programs
from ..validators import EntryValidator
from .form import Field, FormScreen


def _program_names() -> str:
    lines = []
    for name, text in shipped_programs().items():
        program = parse_program(text)
        lines.append(f"{name}: {program.title}. {program.summary}")
    return "\n".join(lines)


class SetupScreen(FormScreen[dict]):
    """Dismisses with the enrolment's values, every one checked: program, start, units, bodyweight."""

    title_text = "A new journal: choose your program"
    hint_text = "enter: next field, starts on the last · ctrl+s start · escape quits"

    def __init__(self, today: Date) -> None:
        self.today = today
        self.intro_text = _program_names()
        names = list(shipped_programs())
        super().__init__([
            Field("program", "Program", names[0],
                  EntryValidator(lambda v: new_enrolment(v, coming_monday(today))), ", ".join(names)),
            Field("start", "First day (YYYY-MM-DD)", coming_monday(today).isoformat(),
                  EntryValidator(lambda v: parse_date(v, today, "start")), "a Monday keeps week 1 whole"),
            Field("units", "Units (kg or lb)", "kg", EntryValidator(parse_unit)),
            Field("bodyweight", "Bodyweight (optional)", "",
                  EntryValidator(lambda v: parse_bodyweight(v, "kg"), optional=True), "75kg or 165lb"),
        ], focus="program")

    def result(self, values: dict[str, str]) -> dict:
        units = parse_unit(values["units"])
        start = parse_date(values["start"], self.today, "start")
        new_enrolment(values["program"], start, units, values["bodyweight"] or None)  # checked whole
        return {"program": values["program"].strip(), "start": start, "units": units,
                "bodyweight": values["bodyweight"] or None}
