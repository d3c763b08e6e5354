"""The line a lifter reads first: day, program, block, week, phase, readiness."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.clock import day_text, iso_date
from ...core.model import PlannedDay
from ...core.readiness import readiness_text


class SessionHeader(Static):
    def show(self, day: PlannedDay) -> None:
        date = iso_date(day.date)
        block = day.block
        text = Text()
        text.append(f" {day_text(date, 'ddd D MMM YYYY')} ", style="bold")
        text.append(f"· {block.name} · ")
        text.append(f"Week {block.week} of {block.weeks}", style="bold")
        text.append(" · ")
        text.append(block.phase, style="bold reverse" if block.phase != "build" else "bold")
        text.append(" · readiness ")
        text.append("—" if day.readiness is None else readiness_text(day.readiness), style="bold")
        self.update(text)
