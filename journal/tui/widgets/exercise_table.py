"""Today's exercises in order, with their targets and how many sets are done."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ...core.engine import planned_set_count, whole_sets_done
from ...core.exercise_history import ExerciseSession
from ...core.model import LIFTING_KINDS, Prescription
from ...render import load, sets_in_brief, target_text


def fill(table: DataTable, labels: list[str], rows: list[tuple[list[str | Text], str | None]],
         least: dict[str, int] | None = None, fit: int | None = None) -> None:
    """Columns as wide as their widest cell (at least `least[label]`), then the rows (cells, key).
    Measured here, not left to the table: it measures on its next idle, and a row painted
    before that, as when rows come from a worker, keeps the header's widths. With `fit`, the
    first column's cells are cut (with …) so that every column fits in that many cells: the
    table does not scroll sideways, and its last column is the one a lifter reads."""
    widths = [max([Text(label).cell_len, (least or {}).get(label, 0)]
                  + [Text(cells[i]).cell_len if isinstance(cells[i], str) else cells[i].cell_len
                     for cells, _ in rows]) for i, label in enumerate(labels)]
    over = sum(widths) + 2 * table.cell_padding * len(widths) - fit if fit is not None else 0
    if over > 0:
        widths[0] = max(Text(labels[0]).cell_len, widths[0] - over)
        rows = [([Text(_cut(str(cells[0]), widths[0])), *cells[1:]], key) for cells, key in rows]
    for label, width in zip(labels, widths):
        table.add_column(label, width=width)
    for cells, key in rows:
        table.add_row(*cells, key=key)


def load_cell(p: Prescription) -> str:
    if p.weight_kg:
        return load(p.weight_kg, p.unit)
    return "BW" if p.reps is not None else "hold"


WIDE_TABLE = 100  # columns: room for the Pillar and Tempo columns beside the Last one
LAST_WIDTH, LAST_WIDTH_NARROW = 20, 14  # the Last column; the coach panel (c) lists every set


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"

DONE_WIDTH = len("10/10 +L")  # the Done column's widest progress, so a logged set never widens it


def done_cell(p: Prescription, done: int) -> str:
    total = planned_set_count(p)
    if done >= total:
        return "✓ done"
    half = " +L" if p.unilateral and done % 2 else ""  # one side of the next set done
    return f"{whole_sets_done(p, done)}/{p.sets}{half}"


# Enter logs the cursor row's next set. Bound on the table, so it is handled in order with the
# arrow keys: a quick "down, enter" logs the exercise moved to.
LOG_SET = Binding("enter", "screen.log_prescribed", "Log set")


class ExerciseTable(DataTable):
    """One row per prescription; the cursor row is the exercise the keys act on."""

    BINDINGS = [LOG_SET]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.kind = ""
        self.wide = True

    def show(self, exercises: tuple[Prescription, ...], done: dict[str, int], kind: str,
             last_time: dict[str, ExerciseSession], width: int) -> None:
        """The rows, for a table `width` columns wide: the Last column (each exercise's previous
        session) always; Pillar and Tempo where there is room for them too (the set panel shows
        the tempo)."""
        keep = self.cursor_row if self.row_count else 0
        self.clear(columns=True)
        self.kind = kind
        self.wide = width >= WIDE_TABLE
        lifting = kind in LIFTING_KINDS
        labels = ["Exercise"] + (["Pillar"] if self.wide else []) + ["Target"] + (["Load"] if lifting else [])
        labels += ["Last"] + (["Tempo"] if lifting and self.wide else []) + ["Rest", "Done"]
        fill(self, labels, [(self._cells(p, done.get(p.name, 0), last_time.get(p.name)), p.name)
                            for p in exercises], least={"Done": DONE_WIDTH}, fit=width)
        if exercises:
            self.move_cursor(row=min(keep, len(exercises) - 1), animate=False)

    def _cells(self, p: Prescription, done: int, last: ExerciseSession | None) -> list[str | Text]:
        lifting = self.kind in LIFTING_KINDS
        brief = sets_in_brief(last.sets) if last else "—"
        cells: list[str | Text] = [Text(p.name)] + ([p.pillar] if self.wide else []) + [target_text(p, compact=True)]
        cells += [load_cell(p)] if lifting else []
        cells.append(Text(_cut(brief, LAST_WIDTH if self.wide else LAST_WIDTH_NARROW)))
        cells += [p.tempo or "—"] if lifting and self.wide else []
        return cells + [f"{p.rest_s}s" if p.rest_s else "—", done_cell(p, done)]

    def show_done(self, p: Prescription, done: int) -> None:
        """Repaint one row's progress, nothing else: the hot path after a logged set.

        DataTable.update_cell counts an update, and the count keys every render it caches, so the
        whole table would be rendered again: about 16 ms of the 30 a logged set took to reach the
        screen. Here only this row's line and its Done cell are rendered again, the row's other
        cells kept as they were cached (Textual is pinned: these caches are its DataTable's own).
        The Done column is as wide as its widest progress already."""
        row_key, column_key = RowKey(p.name), self.ordered_columns[-1].key
        self._data[row_key][column_key] = done_cell(p, done)
        index = self.get_row_index(row_key)
        region = self._get_row_region(index)
        lines = range(region.y, region.bottom)
        for cache, stale in ((self._row_renderable_cache, lambda key: key[1] == index),
                             (self._cell_render_cache, lambda key: key[:2] == (row_key, column_key)),
                             (self._row_render_cache, lambda key: key[0] == row_key),
                             (self._line_cache, lambda key: key[0] in lines)):
            for key in [key for key in cache.keys() if stale(key)]:
                cache.discard(key)
        self.refresh_row(index)
