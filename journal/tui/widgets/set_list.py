"""The focused exercise set by set: each target, and what was actually done."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...core.engine import next_set, planned_set_count, set_position, warm_ups_left, working_sets
from ...core.model import LoggedSet, Prescription
from ...render import load, set_text, target_text


def _target(p: Prescription) -> str:
    amount = f"{p.seconds} s" if p.reps is None else f"× {p.reps}"
    return f"{load(p.weight_kg, p.unit)} {amount}" if p.weight_kg else amount


class SetList(Vertical):
    """The exercise's name and target, then one line per set. On a short terminal the lines
    scroll so that the set just logged and the next one stay in view."""

    _lines = 0

    def compose(self):
        yield Static("", id="sets-head")
        with VerticalScroll(id="sets-rows", can_focus=False):
            yield Static("", id="sets-body")

    @property
    def text(self) -> str:
        return "\n".join(str(self.query_one(f"#sets-{part}", Static).render()) for part in ("head", "body"))

    def show(self, p: Prescription | None, logged: list[LoggedSet], records: Collection[str] = ()) -> None:
        head, body = self.query_one("#sets-head", Static), self.query_one("#sets-body", Static)
        if p is None:
            head.update("")
            body.update("")
            return
        text = Text()
        text.append(f"{p.name}", style="bold")
        details = [target_text(p)]
        if p.plates:
            details.append(p.plates)
        if p.tempo:
            details.append(f"tempo {p.tempo}")
        if p.rest_s:
            details.append(f"rest {p.rest_s} s")
        text.append("  " + " · ".join(details))
        if text != head.content:
            head.update(text)
        lines, upcoming_line = _set_lines(p, logged, records)
        rows = Text("\n").join(lines)
        # A new layout only when the list grows or shrinks: logging a set changes one line in place.
        body.update(rows, layout=len(lines) != self._lines)
        self._lines = len(lines)
        scroll = self.query_one("#sets-rows", VerticalScroll)
        self.call_after_refresh(scroll.scroll_to, y=max(0, upcoming_line - 1), animate=False)


def _set_lines(p: Prescription, logged: list[LoggedSet], records: Collection[str]) -> tuple[list[Text], int]:
    """One line per warm-up and set, and which line is the next to do (the last, when none is)."""
    lines: list[Text] = []
    upcoming_line = -1
    warmed = [s for s in logged if s.set_type == "warmup"]
    logged = working_sets(logged)
    pending = warm_ups_left(p, warmed + logged)
    for n, warm_up in enumerate(p.warmups):
        label = f" W{n + 1} "
        line = Text(no_wrap=True, overflow="ellipsis")
        if n < len(warmed):
            line.append(f" ✓{label}", style="dim green")
            line.append(set_text(warmed[n]), style="dim")
        elif pending and warm_up is pending[0]:
            upcoming_line = len(lines)
            line.append(f" ▸{label}", style="bold reverse")
            line.append(f"{load(warm_up.weight_kg, p.unit)} × {warm_up.reps}  warm-up ← next (enter)", style="bold")
        else:
            line.append(f"  {label}{load(warm_up.weight_kg, p.unit)} × {warm_up.reps}  warm-up", style="dim")
        lines.append(line)
    upcoming = None if pending else next_set(p, len(logged))
    for row in range(max(planned_set_count(p), len(logged))):
        position = set_position(p, row)
        label = f" {position.number}{position.side or '':<1} "
        line = Text(no_wrap=True, overflow="ellipsis")
        if row < len(logged):
            done = logged[row]
            mark = "–" if done.set_type == "skipped" else "✓"
            line.append(f" {mark}{label}", style="dim" if mark == "–" else "bold green")
            line.append(set_text(done))
            if done.id in records:
                line.append("  ★ record", style="bold yellow")
            if done.notes:
                line.append(f"  “{done.notes}”", style="italic")
        elif upcoming and row == len(logged):
            upcoming_line = len(lines)
            line.append(f" ▸{label}", style="bold reverse")
            line.append(f"{_target(p)}  ← next (enter)", style="bold")
        else:
            line.append(f"  {label}{_target(p)}", style="dim")
        lines.append(line)
    return lines, upcoming_line if upcoming_line >= 0 else len(lines) - 1
