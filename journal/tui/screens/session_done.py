"""The card at the end of a session: how long, how much, the records, and what comes next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...core.clock import day_text, iso_date
from ...core.readiness import readiness_text
from ...core.session_report import SessionReport
from ...core.units import plural, rough_load_text


class SessionDoneScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, report: SessionReport, records: list[str], unit: str) -> None:
        super().__init__(classes="dialog")
        self.report = report
        self.records = records
        self.unit = unit

    def compose(self) -> ComposeResult:
        report = self.report
        lines = [f"{plural(report.sets, 'set')} in {plural(report.minutes, 'minute')}"
                 + (f", {report.skipped} skipped" if report.skipped else ""),
                 f"Volume: {rough_load_text(report.volume_kg, self.unit, step_lb=1)}" if report.volume_kg else "Volume: bodyweight work",
                 f"Readiness today: {readiness_text(report.readiness)}" if report.readiness is not None else "No check-in today"]
        lines += [f"★ {record}" for record in self.records] or ["No new records today"]
        upcoming = report.next_session
        if upcoming is not None and upcoming.session is not None:
            lines.append(f"Next: {upcoming.session[0]} on {day_text(iso_date(upcoming.date), 'dddd D MMM')}")
        with Vertical(classes="dialog-body"):
            yield Label(f"Session done: {report.name or 'today'}", classes="dialog-title", markup=False)
            yield Static("\n".join(lines), id="session-done", markup=False)
            yield Label("enter or escape closes", classes="hint")
