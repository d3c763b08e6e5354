"""Files in and out, as the Journal moves them: CSV export, and imports from Strong, Hevy and the
journal's own export, all or nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import TextIO

from pendulum import Date

from .enrolment import parsed_program
from .errors import EntryError

@dataclass(frozen=True)
class ImportReport:
    format: str
    sets: int  # set rows read
    new: int  # of them stored now (0 on a dry run, or when all were there already)
    by_exercise: dict[str, int]
    first: str | None
    last: str | None
    renamed: dict[str, str]  # file name -> journal name, where they clearly match


class Transfers:
    """The Journal's exports and imports."""

    def export(self, out: TextIO, what: str = "sets", first: Date | None = None,
               last: Date | None = None, spreadsheet_safe: bool = False) -> int:
        """Write CSV to `out`; returns the rows written. `spreadsheet_safe` prefixes text that a
        spreadsheet would run as a formula with `'` (the plain export is lossless, not neutralised)."""
        from . import exchange, export

        low, high = (first.isoformat() if first else "0000-01-01"), (last.isoformat() if last else "9999-12-31")
        if first and last and last < first:
            raise EntryError("to", f"{high} is before the first day, {low}")
        if what == "sets":
            header, rows = exchange.SET_COLUMNS, map(export.set_row, self.store.export_sets(low, high))
        elif what == "wellness":
            header, rows = exchange.WELLNESS_COLUMNS, map(astuple, self.store.wellness_between(low, high))
        elif what == "runs":
            header, rows = exchange.RUN_COLUMNS, map(astuple, self.store.runs_between(low, high))
        else:
            raise EntryError("what", f"{what!r} is not sets, wellness or runs")
        return export.write_rows(out, header, rows, spreadsheet_safe)

    def export_to(self, path: Path, what: str = "sets", first: Date | None = None,
                  last: Date | None = None, force: bool = False, spreadsheet_safe: bool = False) -> int:
        """Export to a file. Never onto the journal or any SQLite file; an existing file only with
        `force`; a device or FIFO is written through (see files.open_output)."""
        from .files import open_output

        journal_files = [self.store.path.with_name(self.store.path.name + suffix) for suffix in ("", "-wal", "-shm")]
        with open_output(Path(path).expanduser(), "out", journal_files, force) as handle:
            return self.export(handle, what, first, last, spreadsheet_safe)

    def import_sets(self, path: Path, fmt: str = "auto", units: str | None = None, dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Read a Strong, Hevy or journal CSV whole, then store it in one transaction (or not at all)."""
        from . import exchange

        if fmt not in ("auto",) + exchange.FORMATS:
            raise EntryError("format", f"{fmt!r} is not auto, strong, hevy or journal")
        from .files import read_text

        text = read_text(path)
        found = self.store.enrolment()
        program = parsed_program(found[1]) if found else None
        units = units or (found[0].units if found else "kg")
        detected, sets = exchange.read_sets(text, fmt, units, self.clock.tz)
        slots = program.exercises() if program else {}
        known = list(slots) + [n for n in self.store.exercise_names() if n not in slots]
        names = exchange.name_map({s.exercise for s in sets}, known)
        sets = [replace(s, exercise=names[s.exercise],
                        pillar=s.pillar or (slots[names[s.exercise]].pillar if names[s.exercise] in slots else None))
                for s in sets]
        new = 0 if dry_run else self.store.import_sets(sets, progress)
        return ImportReport(detected, len(sets), new, dict(Counter(s.exercise for s in sets)),
                            min((s.date for s in sets), default=None), max((s.date for s in sets), default=None),
                            {k: v for k, v in names.items() if k != v})
