"""The focused exercise set by set: each target, and what was actually done."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...core.engine import next_set, planned_set_count, set_position, warm_ups_left, working_sets
from ...core.model import LoggedSet, Prescription
from ...render import load, set_text, target_text
from .wrapped import update_in_place


def _target(p: Prescription) -> str:
    amount = f"{p.seconds} s" if p.reps is None else f"× {p.reps}"
    return f"{load(p.weight_kg, p.unit)} {amount}" if p.weight_kg else amount


class SetList(Vertical):
    """The exercise's name and target, then one line per set. On a short terminal the lines
    scroll so that the set just logged and the next one stay in view."""

    def compose(self):
        yield Static("", id="sets-head", markup=False)
        with VerticalScroll(id="sets-rows", can_focus=False):
            yield Static("", id="sets-body", markup=False)

    @property
    def text(self) -> str:
        return "\n".join(str(self.query_one(f"#sets-{part}", Static).render()) for part in ("head", "body"))

    def show(self, p: Prescription | None, logged: list[LoggedSet], records: Collection[str] = (),
             holding: bool = False) -> None:
        """`holding`: the next set is a hold or carry being timed now."""
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
            update_in_place(head, text)
        lines, upcoming_line = _set_lines(p, logged, records, "← holding now (enter stops)" if holding
                                          else "← next (enter)")
        update_in_place(body, Text("\n").join(lines))  # a logged set changes one line in place
        scroll = self.query_one("#sets-rows", VerticalScroll)
        self.call_after_refresh(scroll.scroll_to, y=max(0, upcoming_line - 1), animate=False)


def _set_lines(p: Prescription, logged: list[LoggedSet], records: Collection[str],
               next_hint: str) -> tuple[list[Text], int]:
    """One line per warm-up and set, and which line is the next to do (the last, when none is)."""
    warmed = [s for s in logged if s.set_type == "warmup"]
    logged = working_sets(logged)
    pending = warm_ups_left(p, warmed + logged)
    # (label, target, what was done, is it next, a warm-up?)
    rows = [(f" W{n + 1} ", f"{load(w.weight_kg, p.unit)} × {w.reps}  warm-up", warmed[n] if n < len(warmed) else None,
             bool(pending) and w is pending[0], True) for n, w in enumerate(p.warmups)]
    upcoming = None if pending else next_set(p, len(logged))
    for row in range(max(planned_set_count(p), len(logged))):
        position = set_position(p, row)
        done = logged[row] if row < len(logged) else None
        side = done.side if done is not None else position.side  # a logged row says the side it was stored with
        rows.append((f" {position.number}{side or '':<1} ", _target(p), done,
                     bool(upcoming) and row == len(logged), False))
    lines = [_line(label, target, done, next_hint if is_next else "", warm_up, records)
             for label, target, done, is_next, warm_up in rows]
    upcoming_line = next((n for n, row in enumerate(rows) if row[3]), len(lines) - 1)
    return lines, upcoming_line


def _line(label: str, target: str, done: LoggedSet | None, next_hint: str, warm_up: bool,
          records: Collection[str]) -> Text:
    """One set's line; `next_hint` is given on the next set to do."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if done is None:
        if next_hint:
            line.append(f" ▸{label}", style="bold reverse")
            line.append(f"{target}{' ' if warm_up else '  '}{next_hint}", style="bold")
        else:
            line.append(f"  {label}{target}", style="dim")
        return line
    skipped = done.set_type == "skipped"
    line.append(f" {'–' if skipped else '✓'}{label}", style="dim" if skipped else "dim green" if warm_up else "bold green")
    line.append(set_text(done), style="dim" if warm_up else "")
    if done.id in records:
        line.append("  ★ record", style="bold yellow")
    if done.notes:
        line.append(f"  “{done.notes}”", style="italic")
    return line
