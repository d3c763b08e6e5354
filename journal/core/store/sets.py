"""Sessions and sets as rows: logged one at a time, read by day, exercise and record, imported
in one transaction and exported in order."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, TypeVar

from ..errors import EntryError, StoreError
from ..files import damaged_journal
from ..model import LoggedSet, Session
from .schema import E1RM_SQL, new_id

if TYPE_CHECKING:
    from ..imported import ImportedSet


T = TypeVar("T")


class _Checked(Exception):
    """A dry run's import done in full, rolled back: how many sets it would have stored."""

    def __init__(self, new: int) -> None:
        super().__init__(new)
        self.new = new


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class StoredSets:
    """The Store's sessions and sets."""

    def sessions_on(self, date: str) -> list[Session]:
        return self._rows_as(Session, "sessions", "where date = ? order by started_at, rowid", [date])

    def add_session(self, date: str, name: str | None, kind: str | None = None, block: str | None = None,
                    week: int | None = None, planned: bool = False) -> Session:
        """A new session on a day, started now."""
        started_at, tz = self._stamp()
        session = Session(id=new_id(), date=date, name=name, kind=kind, source="journal",
                          started_at=started_at, tz=tz)
        with self.write():
            self.insert_row("sessions", {**asdict(session), "block": block, "week": week, "status": "performed",
                                         "planned": int(planned)})
        return session

    def planned_session(self, date: str) -> str | None:
        """The day's session the plan named, once a set has been logged in it."""
        row = self.conn.execute("select id from sessions where date = ? and source = 'journal' and planned = 1 "
                                "order by rowid limit 1", [date]).fetchone()
        return row[0] if row else None

    def _session_date(self, session_id: str) -> str | None:
        row = self.conn.execute("select date from sessions where id = ?", [session_id]).fetchone()
        return row[0] if row else None

    def log_set(self, entry: dict, session_id: str | None,
                planned: tuple[str | None, str | None, str | None, int | None] | None = None) -> LoggedSet:
        """Store one set in a session of its day and return it as stored; committed when this returns.

        `entry` holds the LoggedSet fields the lifter gave (date, exercise, weight,
        reps, ...); the id, set_index, logged_at and tz are filled in here, the
        index counted within the session inside the write lock so two copies never share one.
        Without a `session_id` the set goes in the day's planned session, made here from
        `planned` (name, kind, block, week) at its first set.
        """
        logged_at, tz = self._stamp()
        with self.write():
            if session_id is None:
                session_id = (self.planned_session(entry["date"])
                              or self.add_session(entry["date"], *(planned or (None,) * 4), planned=True).id)
            elif self._session_date(session_id) != entry["date"]:
                raise StoreError("session", f"there is no session {session_id} on {entry['date']}")
            set_index = self.conn.execute(
                "select coalesce(max(set_index), 0) + 1 from sets where session_id = ? and exercise = ?",
                [session_id, entry["exercise"]],
            ).fetchone()[0]
            row = {f.name: None for f in fields(LoggedSet)}
            row.update(set_type="working", unit="kg")
            row.update(entry)
            row.update(id=row["id"] or new_id(), session_id=session_id, set_index=set_index,
                       logged_at=logged_at, tz=tz)
            self.insert_row("sets", row)
            self._plans_change_from(entry["date"])
        return LoggedSet(**row)

    def _rows_as(self, cls: type[T], table: str, rest: str, params: Iterable = ()) -> list[T]:
        """Rows straight into a model dataclass: its columns selected in field order, no dicts
        on the way (a plan reads a few thousand of them)."""
        names = [f.name for f in fields(cls)]
        cursor = self.conn.execute(f"select {', '.join(names)} from {table} {rest}", list(params))
        # Filled in like a pickle does: a frozen dataclass's __init__ sets each field through
        # object.__setattr__, twice the cost per row of this, and a summary reads two thousand.
        make = object.__new__
        rows = []
        for values in cursor:
            row = make(cls)
            row.__dict__.update(zip(names, values))
            rows.append(row)
        return rows

    def _sets(self, where: str, params: Iterable, limit: int | None = None,
              order: str = "date, logged_at, rowid") -> list[LoggedSet]:
        rest = f"where {where} order by {order}" + (f" limit {int(limit)}" if limit else "")
        return self._rows_as(LoggedSet, "sets", rest, params)

    def sets_on(self, date: str) -> list[LoggedSet]:
        return self._sets("date = ?", [date])

    def sets_between(self, first: str, last: str) -> list[LoggedSet]:
        return self._sets("date between ? and ?", [first, last])

    def sets_of(self, exercise: str, before: str, limit: int = 200) -> list[LoggedSet]:
        """The most recent sets of one exercise before a date, newest first."""
        return self._sets("exercise = ? and date < ?", [exercise, before], limit,
                          order="date desc, logged_at desc, rowid desc")

    def last_day_of(self, exercise: str, before: str) -> list[LoggedSet]:
        """The sets of one exercise on the last day it was done before a date, newest first: its
        latest session whole, read without the days before it."""
        return self._sets("exercise = ? and date = (select max(date) from sets where exercise = ? and date < ?)",
                          [exercise, exercise, before], order="logged_at desc, rowid desc")

    def best_before(self, exercises: Sequence[str], before: str) -> dict[str, float]:
        """Per exercise, the best e1RM before a date: the e1RM index read from the top down to the
        first set that counts, which is seldom more than this week's sets away."""
        best: dict[str, float] = {}
        for name in exercises:
            row = self.conn.execute(
                f"select {E1RM_SQL} from sets indexed by sets_by_e1rm where exercise = ? and {E1RM_SQL} > 0 "
                f"and date < ? and set_type in ('working', 'failure') order by {E1RM_SQL} desc limit 1",
                [name, before]).fetchone()
            if row and row[0]:
                best[name] = row[0]
        return best

    def most_reps_at(self, exercise: str, weight_kg: float, before: str) -> int | None:
        """The most reps done at this load or heavier before a date (read down the reps index)."""
        row = self.conn.execute(
            "select reps from sets indexed by sets_by_reps where exercise = ? and date < ? and weight_kg >= ? "
            "and set_type in ('working', 'failure') and reps is not null order by reps desc limit 1",
            [exercise, before, weight_kg - 0.01]).fetchone()
        return row[0] if row else None

    def last_set(self, date: str) -> LoggedSet | None:
        found = self._sets("date = ?", [date], 1, order="logged_at desc, rowid desc")
        return found[0] if found else None

    def delete_set(self, set_id: str) -> bool:
        with self.write():
            found = self.conn.execute("select date from sets where id = ?", [set_id]).fetchone()
            if found is None:
                return False
            self.conn.execute("delete from sets where id = ?", [set_id])
            self._plans_change_from(found[0])
        return True

    def note_set(self, set_id: str, note: str) -> None:
        with self.write():
            self.conn.execute("update sets set notes = ? where id = ?", [note, set_id])

    def exercise_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("select distinct exercise from sets")]

    def count(self, table: str) -> int:
        return self.db[table].count

    def import_sets(self, sets: Iterable["ImportedSet"], progress: Callable[[], None] | None = None,
                    dry_run: bool = False, batch: int = 2000) -> int:
        """Store imported sets and their sessions in one transaction, `batch` sets at a time as they
        are read (an import of years holds one batch in memory, never the file); rows already there
        are kept. Returns how many sets were new; a dry run checks everything, then writes nothing.

        Each source workout is its own session; a session this journal already holds (the same id)
        is joined. Only an export from before sessions had ids is matched by date, to the session
        the plan named that day. A set id given twice must be the same set, wherever the first was.
        """
        try:
            with self.write():
                self.conn.execute("create temp table if not exists imported_lines (id text primary key, line int)")
                self.conn.execute("delete from imported_lines")
                planned = dict(self.conn.execute(
                    "select date, id from sessions where source = 'journal' and planned = 1 order by rowid desc"))
                made_here: set[str] = set()  # sessions this import made: numbered as the file numbers them
                new, first = 0, None
                for chunk in _batched(sets, batch):
                    added, earliest = self._import_batch(chunk, planned, made_here)
                    new += added
                    first = min(first or earliest, earliest) if earliest else first
                    if progress:
                        progress()
                if new and first:
                    self._plans_change_from(first)
                self.conn.execute("delete from imported_lines")
                if dry_run:
                    raise _Checked(new)
                return new
        except _Checked as checked:
            return checked.new

    def _import_batch(self, chunk: list["ImportedSet"], planned: dict[str, str],
                      made_here: set[str]) -> tuple[int, str | None]:
        from ..imported import the_same_set

        once: dict[str, "ImportedSet"] = {}
        for s in chunk:  # the same set twice in one batch is one set; two sets under one id are refused
            if s.id in once and not the_same_set(s, once[s.id]):
                raise EntryError(f"line {s.line}: set_id", f"{s.id} is also on line {once[s.id].line} with other "
                                                          "values; nothing was imported")
            once.setdefault(s.id, s)
        sets = list(once.values())
        # Sets an older journal imported under ids that held the importer's UTC offset.
        legacy = self._stored_ids([s.legacy_id for s in sets if s.legacy_id])
        sets = [s for s in sets if s.legacy_id not in legacy]
        stored = self._refuse_clashes(sets)
        sets = [s for s in sets if s.id not in stored]  # already here, the same: a file imported again
        next_index = self._numbering_after(sets, planned, made_here)
        sessions: dict[str, dict] = {}
        rows = []
        for s in sets:
            session_id = planned.get(s.date, s.session_id) if s.session_by_date else s.session_id
            sessions.setdefault(session_id, {
                "id": session_id, "date": s.date, "name": s.session, "kind": s.session_kind,
                "block": s.block, "week": s.week, "status": "performed", "source": s.source,
                "started_at": s.session_started_at or s.logged_at, "duration_s": s.duration_s,
                "notes": s.session_notes, "tz": s.tz, "planned": 0})
            if (session_id, s.exercise) in next_index:  # joins a stored session: numbered on after its sets
                index = next_index[session_id, s.exercise]
                next_index[session_id, s.exercise] = index + 1
            else:
                index = s.set_index
            rows.append({"id": s.id, "session_id": session_id, "date": s.date, "exercise": s.exercise,
                         "set_index": index, "set_type": s.set_type, "weight": s.weight,
                         "unit": s.unit, "weight_kg": s.weight_kg, "reps": s.reps, "seconds": s.seconds,
                         "distance_m": s.distance_m, "side": s.side, "tempo": s.tempo, "rpe": s.rpe,
                         "rest_s": s.rest_s, "notes": s.notes, "logged_at": s.logged_at, "tz": s.tz,
                         "pillar": s.pillar})
        there = {found for (found,) in self._in_chunks("select id from sessions where id in ({})", sorted(sessions))}
        made_here.update(set(sessions) - there)
        self.db["sessions"].insert_all((v for k, v in sessions.items() if k not in there), ignore=True)
        before = self.conn.total_changes
        if rows:  # plain executemany: sqlite-utils' per-row checks cost more than the writing here
            self.conn.executemany(f"insert or ignore into sets ({', '.join(rows[0])}) values "
                                  f"({', '.join(':' + k for k in rows[0])})", rows)
        added = self.conn.total_changes - before
        self.conn.executemany("insert or ignore into imported_lines (id, line) values (?, ?)",
                              [(s.id, s.line) for s in once.values()])
        return added, min((s.date for s in sets), default=None)

    def _in_chunks(self, sql: str, ids: Sequence[str], chunk: int = 500) -> Iterator[tuple]:
        """`sql` (with `{}` for a list of ids) run over `ids` a chunk at a time."""
        for start in range(0, len(ids), chunk):
            part = ids[start:start + chunk]
            yield from self.conn.execute(sql.format(", ".join("?" * len(part))), part)

    def _refuse_clashes(self, sets: Sequence["ImportedSet"]) -> set[str]:
        """The ids of the sets already stored as the file has them. A set id stored as another set,
        or a session id stored on another date, is refused by line: never silently dropped."""
        from ..imported import the_same_set

        names = ", ".join(f.name for f in fields(LoggedSet))
        stored: dict[str, LoggedSet] = {}
        for values in self._in_chunks(f"select {names} from sets where id in ({{}})", [s.id for s in sets]):
            row = LoggedSet(*values)
            stored[row.id] = row
        dates = dict(self._in_chunks("select id, date from sessions where id in ({})",
                                     sorted({s.session_id for s in sets if not s.session_by_date})))
        for s in sets:
            if s.id in stored and not the_same_set(s, stored[s.id]):
                kept = stored[s.id]
                earlier = self.conn.execute("select line from imported_lines where id = ?", [s.id]).fetchone()
                raise EntryError(f"line {s.line}: set_id", (
                    f"{s.id} is also on line {earlier[0]} with other values" if earlier else
                    f"{s.id} is already in your journal as another set ({kept.exercise} on {kept.date})")
                    + "; nothing was imported")
            if not s.session_by_date and dates.get(s.session_id, s.date) != s.date:
                raise EntryError(f"line {s.line}: session_id", f"{s.session_id} is a session of "
                                 f"{dates[s.session_id]} in your journal, not of {s.date}; nothing was imported")
        return set(stored)

    def _numbering_after(self, sets: Sequence["ImportedSet"], planned: dict[str, str],
                         made_here: set[str]) -> dict[tuple[str, str], int]:
        """For sets joining a session the journal held before this import: the next set number of
        each (session, exercise), so that joined sets never share a number with stored ones."""
        joined = {planned[s.date] if s.session_by_date and s.date in planned else s.session_id for s in sets}
        joined -= made_here
        found = self._in_chunks("select session_id, exercise, max(set_index) + 1 from sets where session_id in ({}) "
                                "group by session_id, exercise", sorted(joined))
        return {(session_id, exercise): after for session_id, exercise, after in found}

    def _stored_ids(self, ids: Sequence[str]) -> set[str]:
        return {found for (found,) in self._in_chunks("select id from sets where id in ({})", ids)}

    def export_sets(self, first: str, last: str) -> Iterator[tuple]:
        """Sets in a date range in logged order, as plain rows (an export reads tens of thousands):
        the LoggedSet fields in order, then the session's name, kind, block, week, start and zone."""
        names = ", ".join(f"sets.{f.name}" for f in fields(LoggedSet))
        return self._unless_damaged(self.conn.execute(
            f"select {names}, sessions.name, sessions.kind, sessions.block, sessions.week, sessions.started_at, "
            "sessions.tz from sets "
            "left join sessions on sessions.id = sets.session_id "
            "where sets.date between ? and ? order by sets.date, sets.logged_at, sets.rowid", [first, last]))

    def _unless_damaged(self, rows: Iterator[tuple]) -> Iterator[tuple]:
        """Rows as read, or one error naming the damage (an export must not end in a traceback)."""
        try:
            yield from rows
        except sqlite3.DatabaseError as error:
            raise damaged_journal(self.path, str(error)) from None
