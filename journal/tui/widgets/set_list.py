"""The focused exercise set by set: each target, and what was actually done."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widgets import Static

from ...core.engine import next_set, planned_set_count, set_position, warm_ups_left, working_sets
from ...core.model import LoggedSet, Prescription
from ...render import load, set_text, target_text


def _target(p: Prescription) -> str:
    amount = f"{p.seconds} s" if p.reps is None else f"× {p.reps}"
    return f"{load(p.weight_kg, p.unit)} {amount}" if p.weight_kg else amount


class SetList(Static):
    _lines = 0

    def _show(self, text: Text | str) -> None:
        # A new layout only when the list grows or shrinks: logging a set changes one line in place.
        lines = len(text.plain.splitlines()) if isinstance(text, Text) else 0
        self.update(text, layout=lines != self._lines)
        self._lines = lines

    def show(self, p: Prescription | None, logged: list[LoggedSet], records: Collection[str] = ()) -> None:
        if p is None:
            self._show("")
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
        text.append("  " + " · ".join(details) + "\n")
        warmed = [s for s in logged if s.set_type == "warmup"]
        logged = working_sets(logged)
        pending = warm_ups_left(p, warmed + logged)
        for n, warm_up in enumerate(p.warmups):
            label = f" W{n + 1} "
            if n < len(warmed):
                text.append(f" ✓{label}", style="dim green")
                text.append(f"{set_text(warmed[n])}\n", style="dim")
            elif pending and warm_up is pending[0]:
                text.append(f" ▸{label}", style="bold reverse")
                text.append(f"{load(warm_up.weight_kg, p.unit)} × {warm_up.reps}  warm-up ← next (enter)\n", style="bold")
            else:
                text.append(f"  {label}{load(warm_up.weight_kg, p.unit)} × {warm_up.reps}  warm-up\n", style="dim")
        rows = max(planned_set_count(p), len(logged))
        upcoming = None if pending else next_set(p, len(logged))
        for row in range(rows):
            position = set_position(p, row)
            label = f" {position.number}{position.side or '':<1} "
            if row < len(logged):
                done = logged[row]
                mark = "–" if done.set_type == "skipped" else "✓"
                text.append(f" {mark}{label}", style="dim" if mark == "–" else "bold green")
                text.append(set_text(done))
                if done.id in records:
                    text.append("  ★ record", style="bold yellow")
                if done.notes:
                    text.append(f"  “{done.notes}”", style="italic")
                text.append("\n")
            elif upcoming and row == len(logged):
                text.append(f" ▸{label}", style="bold reverse")
                text.append(f"{_target(p)}  ← next (enter)\n", style="bold")
            else:
                text.append(f"  {label}{_target(p)}\n", style="dim")
        text.rstrip()
        self._show(text)
