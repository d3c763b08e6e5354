"""The week's plan: every planned day, its session and its targets."""

from __future__ import annotations

from pendulum import Date
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from ...core.clock import day_text, iso_date
from ...core.engine import monday_of
from ..journal_thread import JournalThread
from ...render import block_text, target_text
from ..widgets.key_footer import KeyFooter


class PlanScreen(Screen):
    BINDINGS = [
        Binding("escape,p,q", "app.pop_screen", "Back"),
        Binding("left,comma", "week(-1)", "Previous week"),
        Binding("right,full_stop", "week(1)", "Next week"),
    ]

    def __init__(self, journal: JournalThread, day: Date) -> None:
        super().__init__()
        self.journal = journal
        self.today = day
        self.monday = monday_of(day)

    def compose(self) -> ComposeResult:
        yield Label("", id="plan-title", classes="screen-title", markup=False)
        with VerticalScroll(id="plan-days"):
            yield Static("", id="plan-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_week()

    @work(exclusive=True)
    async def show_week(self) -> None:
        monday = self.monday
        days = await self.journal.run(lambda journal: journal.planned_sessions(monday, monday.add(days=6)))
        self.query_one("#plan-title", Label).update(
            f"Plan for the week of {day_text(self.monday, 'D MMM YYYY')}"
            + (f" · {block_text(days[0])}" if days else ""))
        text = Text()
        for day in days:
            date = iso_date(day.date)
            marker = "▸ " if date == self.today else "  "
            text.append(f"{marker}{day_text(date, 'ddd D MMM')}  ", style="bold")
            text.append(f"{day.session[0]} ({day.session[1]})\n", style="bold")
            for note in day.adjustments:
                text.append(f"     ! {note}\n", style="italic")
            for p in day.exercises:
                text.append(f"     {p.name:<32} {target_text(p)}\n")
            text.append("\n")
        if not days:
            text.append("No sessions planned this week.")
        self.query_one("#plan-body", Static).update(text)
        self.query_one("#plan-days", VerticalScroll).scroll_home(animate=False)  # a new week starts at Monday

    def action_week(self, step: int) -> None:
        self.monday = self.monday.add(weeks=step)
        self.show_week()
