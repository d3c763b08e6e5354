"""Files in and out, as the Journal moves them: CSV export, and imports from Strong, Hevy and the
journal's own export, all or nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pendulum import Date

from .enrolment import parsed_program
from .errors import EntryError
from .record import record

if TYPE_CHECKING:
    from .imported import ImportedSet

@record
class ImportReport:
    format: str
    sets: int  # set rows read
    new: int  # of them stored now (on a dry run: that would be stored)
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
        """A Strong, Hevy or journal CSV stored in one transaction (or not at all), read as it is
        stored: memory holds a batch of sets, whatever the file's size. A dry run checks every row
        against the journal, then writes nothing."""
        from . import exchange
        from .files import streamed_text

        if fmt not in ("auto",) + exchange.FORMATS:
            raise EntryError("format", f"{fmt!r} is not auto, strong, hevy or journal")
        found = self.store.enrolment()
        program = parsed_program(found[1]) if found else None
        units = units or (found[0].units if found else "kg")
        slots = program.exercises() if program else {}
        known = list(slots) + [n for n in self.store.exercise_names() if n not in slots]
        tally = _Tally()
        with streamed_text(path) as (text, read_so_far, size):
            detected, sets = exchange.read_sets(text, fmt, units, self.clock.tz)
            new = self.store.import_sets(
                tally.counted(sets, known, slots), dry_run=dry_run,
                progress=(lambda: progress(min(read_so_far(), size), size)) if progress else None)
        return ImportReport(detected, tally.sets, new, dict(tally.by_exercise), tally.first, tally.last,
                            {k: v for k, v in tally.names.items() if k != v})


class _Tally:
    """What an import reads, counted as the sets go by, each named as the journal names it."""

    def __init__(self) -> None:
        self.sets = 0
        self.by_exercise: Counter[str] = Counter()
        self.first: str | None = None
        self.last: str | None = None
        self.names: dict[str, str] = {}

    def counted(self, sets: Iterable[ImportedSet], known: list[str], slots: dict) -> Iterator[ImportedSet]:
        from .exchange import name_map

        for s in sets:
            if s.exercise not in self.names:
                self.names.update(name_map([s.exercise], known))
            name = self.names[s.exercise]
            self.sets += 1
            self.by_exercise[name] += 1
            self.first = min(self.first or s.date, s.date)
            self.last = max(self.last or s.date, s.date)
            yield replace(s, exercise=name, pillar=s.pillar or (slots[name].pillar if name in slots else None))
