"""Beside the session: what the lifter did last time on the focused exercise, the week's
sessions and runs with the spacing the coach keeps, and today's readiness answer by answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pendulum import Date
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.clock import day_text, iso_date
from ...core.engine import set_label
from ...core.exercise_history import ExerciseSession
from ...core.readiness import readiness_text
from ...core.running import run_name
from ...render import WELLNESS_LABELS, set_text
from ..journal_thread import JournalThread
from .wrapped import update_in_place

if TYPE_CHECKING:  # the week is read only where the panel is shown (120 columns and up)
    from ...core.week_glance import GlanceDay, WeekAtAGlance

BAR = 8  # cells in a readiness part's bar


def last_time_text(exercise: str, last: ExerciseSession | None) -> Text:
    text = Text()
    text.append("Last time", style="bold")
    text.append(f" · {exercise}\n")
    if last is None:
        text.append("No earlier sets: this is the first time.", style="italic")
        return text
    text.append(f"{day_text(iso_date(last.date), 'ddd D MMM YYYY')}\n", style="dim")
    for n, s in enumerate(last.sets):
        text.append(f"  {set_label(s, last.sets[:n])}. ", style="dim")
        text.append(set_text(s) + "\n")
        if s.notes:
            text.append(f"     “{s.notes}”\n", style="italic")
    text.rstrip()
    return text


def _day_line(day: GlanceDay) -> str:
    parts = []
    if day.session:
        parts.append(day.session[0])
    parts += [run_name(run) + (f" {run.minutes:g} min" if run.minutes else "") for run in day.runs]
    return "; ".join(parts) or "rest"


def week_text(week: WeekAtAGlance, today: str) -> Group:
    heading = Text()
    heading.append("This week", style="bold")
    heading.append(f" · heavy legs stay {week.key_run_spacing_h} h before a key run "
                   f"and {week.heavy_gap_h} h apart", style="dim")
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=6, no_wrap=True)
    rows.add_column(width=1)
    rows.add_column(ratio=1)
    for day in week.days:
        style = "bold" if day.date == today else ""
        mark = "▲" if day.heavy_legs else "●" if day.key_run else ""
        rows.add_row(Text(day_text(iso_date(day.date), "ddd D"), style=style), Text(mark, style="bold"),
                     Text(_day_line(day), style=style))
    legend = Text("▲ heavy legs  ● key run or race", style="dim")
    return Group(heading, rows, legend)


def readiness_section(week: WeekAtAGlance) -> Text:
    text = Text()
    breakdown = week.readiness
    if breakdown is None:
        text.append("Readiness", style="bold")
        text.append(" · no check-in today (w)")
        return text
    text.append(f"Readiness {readiness_text(breakdown.score)}", style="bold")
    if breakdown.baseline is not None:
        text.append(f" · your normal {breakdown.baseline:.0f}")
    text.append("\n")
    answers = breakdown.answers
    rows = [("sleep_h", "Sleep", f"{answers.sleep_h:g} h")]
    rows += [(name, label, f"{getattr(answers, name)}/5") for name, label, _, _ in WELLNESS_LABELS]
    for name, label, answer in rows:
        share = breakdown.shares[name]
        filled = round(share * BAR)
        text.append(f"  {label:<14}{answer:>6} ")
        text.append("█" * filled, style="bold")
        text.append("░" * (BAR - filled) + "\n", style="dim")
    text.rstrip()
    return text


class CoachPanel(VerticalScroll, can_focus=False):
    """The panel's three parts. The week is read on the journal's thread once the panel is
    shown, after the session is on screen."""

    def __init__(self, journal: JournalThread, day: Date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.journal = journal
        self.day = day
        self.week: WeekAtAGlance | None = None
        self._shown: tuple[str | None, ExerciseSession | None] = (None, None)

    def compose(self):
        yield Static("", id="panel-last", markup=False)
        yield Static("Reading the week…", id="panel-week", markup=False)
        yield Static("", id="panel-readiness", markup=False)

    def show_last(self, exercise: str | None, last: ExerciseSession | None) -> None:
        if (exercise, last) == self._shown:  # a logged set repaints the focus: nothing new here
            return
        self._shown = (exercise, last)
        update_in_place(self.query_one("#panel-last", Static), last_time_text(exercise, last) if exercise else "")

    @work(exclusive=True, group="coach-panel")
    async def load_week(self) -> None:
        day = self.day
        self.week = await self.journal.run(lambda journal: journal.week_at_a_glance(day))
        self.query_one("#panel-week", Static).update(week_text(self.week, day.isoformat()))
        self.query_one("#panel-readiness", Static).update(readiness_section(self.week))
