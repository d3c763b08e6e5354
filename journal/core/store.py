"""The only code that touches SQLite.

One file per journal, opened in WAL mode with synchronous=FULL so a set the
screen calls logged is on disk, and a busy timeout with short BEGIN IMMEDIATE
transactions so two open copies never lose or duplicate a row. The schema
version lives in PRAGMA user_version; a newer file is refused before anything
is written to it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .clock import Clock
from .errors import DamagedJournal, EntryError, NoJournal, NotEnrolled, StoreError
from .files import damaged_journal, free_name, is_sqlite_file, newest_backup_hint
from .model import Assessment, Enrolment, Equipment, LoggedSet, Run, Session, Wellness

if TYPE_CHECKING:
    import sqlite_utils

    from .imported import ImportedSet

BUSY_TIMEOUT_S = 15.0
T = TypeVar("T")


def _m1_initial(db: sqlite_utils.Database) -> None:
    db["enrolments"].create(
        {"id": str, "program": str, "program_toml": str, "start": str, "units": str,
         "emphasis": str, "bodyweight_kg": float, "enrolled_at": str, "tz": str},
        pk="id", not_null={"program", "program_toml", "start", "units", "enrolled_at"},
    )
    db["start_loads"].create(
        {"enrolment_id": str, "exercise": str, "weight_kg": float},
        pk=("enrolment_id", "exercise"), foreign_keys=[("enrolment_id", "enrolments", "id")],
    )
    db["sessions"].create(
        {"id": str, "date": str, "name": str, "kind": str, "block": str, "week": int,
         "status": str, "source": str, "started_at": str, "duration_s": int,
         "notes": str, "tz": str},
        pk="id", not_null={"date", "status", "source"},
    )
    db["sessions"].create_index(["date"])
    db["sets"].create(
        {"id": str, "session_id": str, "date": str, "exercise": str, "set_index": int,
         "set_type": str, "weight": float, "unit": str, "weight_kg": float, "reps": int,
         "seconds": float, "distance_m": float, "side": str, "tempo": str, "rpe": float,
         "rest_s": int, "notes": str, "logged_at": str, "tz": str},
        pk="id", not_null={"date", "exercise", "set_index", "set_type", "unit", "logged_at", "tz"},
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["sets"].create_index(["date", "logged_at"])
    db["sets"].create_index(["exercise", "date"])
    db["sets"].create_index(["session_id"])
    db["wellness"].create(
        {"date": str, "id": str, "sleep_h": float, "sleep_quality": int, "soreness": int,
         "fatigue": int, "stress": int, "mood": int, "motivation": int, "resting_hr": int,
         "notes": str, "logged_at": str, "tz": str},
        pk="date",
    )
    db["runs"].create(
        {"id": str, "date": str, "kind": str, "priority": str, "minutes": float, "km": float,
         "rpe": float, "title": str, "logged_at": str, "tz": str},
        pk="id", not_null={"date", "kind"},
    )
    db["runs"].create_index(["date"])
    db["assessments"].create(
        {"id": str, "date": str, "test": str, "value": float, "side": str,
         "logged_at": str, "tz": str},
        pk="id", not_null={"date", "test", "value"},
    )
    db["assessments"].create_index(["test", "date"])


def _m2_run_times(db: sqlite_utils.Database) -> None:
    # Planned workouts carry a start time; the 48-hour spacing rule is measured from it.
    db["runs"].add_column("time", str)


def _m3_set_pillars(db: sqlite_utils.Database) -> None:
    # A set keeps its pillar, so an export says it even where no program is enrolled.
    db["sets"].add_column("pillar", str)


def _create_checkpoints(db: sqlite_utils.Database) -> None:
    db["checkpoints"].create(
        {"enrolment_id": str, "monday": str, "reach_days": int, "state": str},
        pk=("enrolment_id", "monday"), not_null={"reach_days", "state"},
        foreign_keys=[("enrolment_id", "enrolments", "id")], if_not_exists=True,
    )


def _m4_checkpoints(db: sqlite_utils.Database) -> None:
    # Where the coach's fold stood at each microcycle's end, so a plan need not replay
    # every week since the program started. A derived cache: deleting it loses nothing.
    _create_checkpoints(db)
    # Bumped by every write that can change a past plan: a checkpoint computed from what was
    # read before the bump is not stored.
    db["meta"].create({"key": str, "value": int}, pk="key")
    db["meta"].insert({"key": "plan_generation", "value": 0})


# The Epley e1RM with reps in reserve, as SQL: the index below and the query that reads it
# must spell it the same way for SQLite to use one for the other.
E1RM_SQL = "weight_kg * (1 + (reps + coalesce(10 - rpe, 0)) / 30.0)"


RECORD_INDEXES = {
    "sets_by_e1rm": f"sets (exercise, {E1RM_SQL})",
    "sets_by_reps": "sets (exercise, reps, weight_kg, date, set_type)",
    "assessments_by_side": "assessments (test, side, date)",
}


def _create_record_indexes(db: sqlite_utils.Database) -> None:
    for name, on in RECORD_INDEXES.items():
        db.execute(f"create index if not exists {name} on {on}")


def _m5_record_indexes(db: sqlite_utils.Database) -> None:
    # A lifter's best e1RM and most reps at a load before a date, read best-first from an
    # index, and each test's latest result from its own, so that the summary and the plan
    # cost the same after ten years as after ten weeks.
    _create_record_indexes(db)


def _m6_settings(db: sqlite_utils.Database) -> None:
    # The lifter's own settings, such as the equipment every load is made from (JSON values).
    db["settings"].create({"key": str, "value": str}, pk="key")


def _m7_sessions_of_a_day(db: sqlite_utils.Database) -> None:
    # A day can hold several sessions. The one the plan named is marked, so a set logged without
    # naming a session goes there; every journal session made so far was that one. Sets are
    # numbered within their session, read from their own index. No set changes session.
    db["sessions"].add_column("planned", int)
    db.execute("update sessions set planned = 1 where source = 'journal'")
    db.execute("create index sets_by_session on sets (session_id, exercise, set_index)")


# Each migration moves the schema up one version and keeps every row.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _m1_initial, _m2_run_times, _m3_set_pillars, _m4_checkpoints, _m5_record_indexes, _m6_settings,
    _m7_sessions_of_a_day)
SCHEMA_VERSION = len(MIGRATIONS)


def new_id() -> str:
    return str(uuid.uuid4())


# What each migration leaves behind, to tell a file's real schema from its user_version.
MIGRATION_MARKS = (
    ("table", "enrolments"), ("column", "runs.time"), ("column", "sets.pillar"),
    ("table", "meta"), ("index", "sets_by_e1rm"), ("table", "settings"), ("index", "sets_by_session"))


def _refuse_non_journal_file(path: Path) -> None:
    """A --db must be a regular file holding SQLite (or nothing yet): never a device, a FIFO,
    or some other file that opening would turn into a journal."""
    if not path.exists():
        return
    stat_result = path.stat()
    if stat.S_ISDIR(stat_result.st_mode):
        raise StoreError("journal", f"{path} is a directory, not a journal file")
    if not stat.S_ISREG(stat_result.st_mode):
        raise StoreError("journal", f"{path} is not a regular file (a device, FIFO or socket)")
    if stat_result.st_size and not is_sqlite_file(path):
        raise StoreError("journal", f"{path} is not a journal database (not an SQLite file); it was not changed")


def _wal_pending(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An open connection and whether it is read-only (the journal's folder cannot be written)."""
    _refuse_non_journal_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError("journal", f"cannot make the folder for {path} ({error.strerror or error})") from None
    read_only = False
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        reason = str(error)
        if "readonly" in reason and path.is_file() and not _wal_pending(path):
            # A WAL journal in a folder it cannot write: SQLite cannot make its -shm file there.
            # Nobody can write it without that folder either, so it is read as it stands.
            read_only = True
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   timeout=BUSY_TIMEOUT_S)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        elif "locked" in reason or "busy" in reason:
            raise StoreError("journal", f"{path} is locked by another program; try again") from None
        elif "readonly" in reason:
            raise StoreError("journal", f"{path}'s folder is read-only and {path.name}-wal holds changes not yet "
                             "in the file; open it once where the folder can be written") from None
        elif "full" in reason:
            raise StoreError("journal", f"the disk is too full to open {path} (SQLite needs room for "
                             f"{path.name}-shm)") from None
        elif "unable to open" in reason:
            raise StoreError("journal", f"cannot open {path} (its folder cannot be written)") from None
        else:
            raise StoreError("journal", f"{path} is not a journal database ({error})") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            "journal", f"{path} was written by a newer journal (schema {version}, this one "
            f"knows {SCHEMA_VERSION}); upgrade journal to open it. The file was not changed."
        )
    return conn, read_only


class Store:
    """A journal database: enrolment, sessions, sets, wellness, runs, assessments."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self.repaired: list[str] = []  # derived objects found missing and made again on opening
        self._sound: bool | None = None  # whether the file passed SQLite's quick check, once asked

    @cached_property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the same connection, for writes; imported when first written (startup
        only reads)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def _query(self, sql: str, params: Iterable = ()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, list(params))
        columns = [c[0] for c in cursor.description]
        return (dict(zip(columns, values)) for values in cursor)

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, clock: Clock, create: bool = True, start: bool = False) -> "Store":
        """`create`: a journal is made where there is no file; `start`: also in an empty file (a
        journal being started on purpose). Anywhere else an empty file is a journal that lost its
        contents, and is never silently made a new one."""
        path = Path(path).expanduser()
        if not create and not path.exists():
            raise NoJournal("journal", f"there is no journal at {path}")
        if not start and path.is_file() and path.stat().st_size == 0:
            raise StoreError("journal", f"{path} is an empty file, not a journal; nothing was written to it"
                                       f"{newest_backup_hint(path)}")
        conn, read_only = _connect(path)
        store = cls(conn, path, clock, read_only)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError("journal", f"cannot use {path} ({error})") from None
        except StoreError:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        objects = self._schema_objects()
        level = self._schema_level(objects)
        if level > version:
            raise StoreError(
                "journal", f"{self.path} says schema {version} but holds the tables of schema {level}: its "
                "version was changed by hand. Nothing was changed: restore a backup, or set "
                f"user_version back to {level}.")
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise StoreError("journal", f"{self.path} needs upgrading and its folder is read-only")
            return
        if version < SCHEMA_VERSION:
            if version > 0:
                self.backup(free_name(self.path, f"{self.path.name}.before-v{SCHEMA_VERSION}", ".bak"))
            self._migrate(version)
        else:
            self._rebuild_derived(objects)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")

    def _schema_objects(self) -> set[str]:
        return {name for (name,) in self.conn.execute("select name from sqlite_master")}

    def _schema_level(self, objects: set[str]) -> int:
        """The newest migration whose marks the file holds (0 for an empty file). Looked for newest
        first, so a current file is told by one name, without reading any table's columns."""
        for number, (kind, name) in reversed(list(enumerate(MIGRATION_MARKS, start=1))):
            if kind == "column":
                table, column = name.split(".")
                if table in objects and any(
                        row[1] == column for row in self.conn.execute(f"PRAGMA table_info({table})")):
                    return number
            elif name in objects:
                return number
        return 0

    def _rebuild_derived(self, objects: set[str]) -> None:
        """Make again the cache and indexes someone dropped; the rows they derive from are all here."""
        missing = [name for name in ("checkpoints", "meta", *RECORD_INDEXES) if name not in objects]
        meta_row = "meta" not in objects or self.conn.execute(
            "select 1 from meta where key = 'plan_generation'").fetchone() is None
        if not missing and not meta_row:
            return
        with self.write():
            _create_checkpoints(self.db)
            self.conn.execute("create table if not exists meta (key text primary key, value integer)")
            self.conn.execute("insert or ignore into meta (key, value) values ('plan_generation', 0)")
            _create_record_indexes(self.db)
            self.conn.execute("delete from checkpoints")  # a cache whose bookkeeping was lost
        self.repaired = missing + (["the plan generation"] if meta_row and "meta" not in missing else [])

    def damage(self, pragma: str = "quick_check") -> list[str]:
        """What SQLite's own check finds wrong with the file's pages, in its words ([] when sound)."""
        try:
            found = [line for (text,) in self.conn.execute(f"PRAGMA {pragma}") for line in str(text).splitlines()]
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return [line for line in found if line not in ("ok", "*** in database main ***")]

    def _refuse_if_damaged(self) -> None:
        """Once per opening, before the first write: a damaged file is never written to, since
        a write can spread the damage and bury rows that could still be read."""
        if self._sound is None:
            self._sound = not self.damage()
        if not self._sound:
            raise damaged_journal(self.path, "SQLite's check fails")

    def check(self) -> list[str]:
        """What is wrong with the file: SQLite's integrity check, foreign keys and the schema."""
        damage = self.damage("integrity_check")
        if damage:
            self._sound = False
            return [f"the file is damaged: SQLite's integrity check found {len(damage)} problem"
                    f"{'s' if len(damage) != 1 else ''} (first: {damage[0]})"]
        problems = [f"set or row in {row[0]} points at a missing {row[2]} row"
                    for row in self.conn.execute("PRAGMA foreign_key_check")]
        version, level = self.schema_version(), self._schema_level(self._schema_objects())
        if level != version:
            problems.append(f"user_version is {version} but the tables are those of schema {level}")
        return problems

    def _migrate(self, version: int) -> None:
        with self.write():
            # Re-read inside the lock: another copy may have migrated meanwhile.
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
                migration(self.db)
                self.conn.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.conn.close()

    def checkpoint_wal(self) -> None:
        """Copy what the WAL holds into the main file (and sync it), without waiting on another
        copy's readers: a lost `-wal` then loses nothing already copied."""
        if not self.read_only:
            with contextlib.suppress(sqlite3.OperationalError):
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def backup(self, target: str | Path, replace: bool = False) -> Path:
        """A consistent copy through SQLite's online backup API (other copies may keep writing).
        A backup that fails half-way is removed, so trying again is not refused."""
        target = Path(target).expanduser()
        if target.is_dir():
            raise StoreError("backup", f"{target} is a directory")
        if not target.parent.is_dir():
            raise StoreError("backup", f"the folder {target.parent} does not exist")
        if target.exists() and not replace:
            raise StoreError("backup", f"{target} already exists; choose a new file")
        existed = target.exists()
        try:
            out = sqlite3.connect(target)
            try:
                self.conn.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")  # a backup is one file, with no -wal of its own
                # A copy of a damaged file is damaged too: it is no backup, and must not pass for one.
                sound = out.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                out.close()
            if not sound:
                target.unlink(missing_ok=True)
                raise DamagedJournal("backup", f"{self.path} is damaged, and so would be its copy; no backup was made. "
                                               "Salvage what can be read instead")
        except sqlite3.Error as error:
            if not existed:
                target.unlink(missing_ok=True)
            reason = "the disk is full" if "full" in str(error) else str(error)
            if "unable to open" in reason or "readonly" in reason:
                reason = "the folder or file is read-only"
            raise StoreError("backup", f"cannot write {target} ({reason}); no backup was made") from None
        return target

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One short write transaction; nested calls join the outer one.

        BEGIN IMMEDIATE takes the write lock up front, so a second copy waits
        on the busy timeout instead of failing half-way through.
        """
        if self.conn.in_transaction:
            yield
            return
        self._refuse_if_damaged()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError("journal", self._cannot_write(error)) from None

    def _cannot_write(self, error: sqlite3.OperationalError) -> str:
        reason = str(error)
        if self.read_only or "readonly" in reason:
            reason = f"the folder {self.path.parent} or the file is read-only"
        elif "full" in reason:
            reason = "the disk is full"
        elif "locked" in reason or "busy" in reason:
            reason = f"another program has held it for more than {BUSY_TIMEOUT_S:g} s"
        return f"cannot write to {self.path} ({reason}); nothing was written"

    def _stamp(self) -> tuple[str, str]:
        now = self.clock.now()
        return now.in_timezone("UTC").isoformat(), self.clock.tz

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # --- enrolment ----------------------------------------------------------------------

    def enrol(self, enrolment: Enrolment, program_toml: str) -> None:
        enrolled_at, tz = self._stamp()
        enrolment_id = new_id()
        with self.write():
            self.db["enrolments"].insert(
                {"id": enrolment_id, "program": enrolment.program, "program_toml": program_toml,
                 "start": enrolment.start, "units": enrolment.units,
                 "emphasis": enrolment.emphasis, "bodyweight_kg": enrolment.bodyweight_kg,
                 "enrolled_at": enrolled_at, "tz": tz}
            )
            self.db["start_loads"].insert_all(
                {"enrolment_id": enrolment_id, "exercise": name, "weight_kg": kg}
                for name, kg in enrolment.loads.items()
            )
            self._plans_change_from("0000-01-01")

    def _active_enrolment_row(self) -> dict | None:
        rows = list(self._query("select * from enrolments order by rowid desc limit 1"))
        return rows[0] if rows else None

    def enrolment(self) -> tuple[Enrolment, str] | None:
        """The active enrolment and the program text it was made with."""
        row = self._active_enrolment_row()
        if row is None:
            return None
        loads = {
            r["exercise"]: r["weight_kg"]
            for r in self._query(
                "select exercise, weight_kg from start_loads where enrolment_id = ?", [row["id"]]
            )
        }
        enrolment = Enrolment(row["program"], row["start"], row["units"], row["emphasis"],
                              row["bodyweight_kg"], loads, self.equipment())
        return enrolment, row["program_toml"]

    def equipment(self) -> Equipment | None:
        """The lifter's own equipment, when they have set it (else the defaults for their unit)."""
        found = self.conn.execute("select value from settings where key = 'equipment'").fetchone()
        if found is None:
            return None
        try:
            record = json.loads(found[0])
            return Equipment(record["unit"], float(record["bar_kg"]), tuple(record["plates_kg"]),
                             tuple(record["dumbbells_kg"]), tuple(record["kettlebells_kg"]),
                             float(record["machine_step_kg"]))
        except (ValueError, KeyError, TypeError):
            return None  # an edited row: the defaults serve until it is set again

    def set_equipment(self, equipment: Equipment | None) -> None:
        with self.write():
            self.conn.execute("delete from settings where key = 'equipment'")
            if equipment is not None:
                self.conn.execute("insert into settings (key, value) values ('equipment', ?)",
                                  [json.dumps(asdict(equipment))])
            self._plans_change_from("0000-01-01")

    def set_emphasis(self, emphasis: str | None) -> None:
        self._update_enrolment("emphasis", emphasis)

    def set_units(self, units: str) -> None:
        self._update_enrolment("units", units)

    def _update_enrolment(self, column: str, value: str | None) -> None:
        """One setting of the active enrolment; every plan may change with it."""
        row = self._active_enrolment_row()
        if row is None:
            raise NotEnrolled(column, "no program enrolled yet")
        with self.write():
            self.conn.execute(f"update enrolments set {column} = ? where id = ?", [value, row["id"]])
            self._plans_change_from("0000-01-01")

    # --- sessions and sets --------------------------------------------------------------

    def sessions_on(self, date: str) -> list[Session]:
        return self._rows_as(Session, "sessions", "where date = ? order by started_at, rowid", [date])

    def add_session(self, date: str, name: str | None, kind: str | None = None, block: str | None = None,
                    week: int | None = None, planned: bool = False) -> Session:
        """A new session on a day, started now."""
        started_at, tz = self._stamp()
        session = Session(id=new_id(), date=date, name=name, kind=kind, source="journal",
                          started_at=started_at, tz=tz)
        with self.write():
            self.db["sessions"].insert(
                {**asdict(session), "block": block, "week": week, "status": "performed", "planned": int(planned)})
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
            self.db["sets"].insert(row)
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

    # --- exchange -------------------------------------------------------------------------

    def import_sets(self, sets: Sequence["ImportedSet"], progress: Callable[[int, int], None] | None = None,
                    batch: int = 2000) -> int:
        """Store imported sets and their sessions in one transaction; rows already there are kept.

        Returns how many sets were new. Each source workout is its own session; a session this
        journal already holds (the same id) is joined. Only an export from before sessions had ids
        is matched by date, to the session the plan named that day.
        """
        with self.write():
            existing = dict(self.conn.execute(
                "select date, id from sessions where source = 'journal' and planned = 1 order by rowid desc"))
            # Sets an older journal imported under ids that held the importer's UTC offset.
            legacy = self._stored_ids([s.legacy_id for s in sets if s.legacy_id])
            sets = [s for s in sets if s.legacy_id not in legacy]
            stored = self._refuse_clashes(sets)
            sets = [s for s in sets if s.id not in stored]  # already here, the same: a file imported again
            next_index = self._numbering_after(sets, existing)
            sessions: dict[str, dict] = {}
            rows = []
            for s in sets:
                session_id = existing.get(s.date, s.session_id) if s.session_by_date else s.session_id
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
            self.db["sessions"].insert_all(sessions.values(), ignore=True)
            before = self.conn.total_changes
            for start in range(0, len(rows), batch):
                self.db["sets"].insert_all(rows[start:start + batch], ignore=True, batch_size=batch)
                if progress:
                    progress(min(start + batch, len(rows)), len(rows))
            new = self.conn.total_changes - before
            if new:
                self._plans_change_from(min(s.date for s in sets))
            return new

    def _in_chunks(self, sql: str, ids: Sequence[str], chunk: int = 500) -> Iterator[tuple]:
        """`sql` (with `{}` for a list of ids) run over `ids` a chunk at a time."""
        for start in range(0, len(ids), chunk):
            part = ids[start:start + chunk]
            yield from self.conn.execute(sql.format(", ".join("?" * len(part))), part)

    def _refuse_clashes(self, sets: Sequence["ImportedSet"]) -> set[str]:
        """The ids of the sets already stored as the file has them. A set id stored as another set,
        or a session id stored on another date, is refused by line: never silently dropped."""
        from .imported import the_same_set

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
                raise EntryError(f"line {s.line}: set_id", f"{s.id} is already in your journal as another set "
                                                           f"({kept.exercise} on {kept.date}); nothing was imported")
            if not s.session_by_date and dates.get(s.session_id, s.date) != s.date:
                raise EntryError(f"line {s.line}: session_id", f"{s.session_id} is a session of "
                                 f"{dates[s.session_id]} in your journal, not of {s.date}; nothing was imported")
        return set(stored)

    def _numbering_after(self, sets: Sequence["ImportedSet"], planned: dict[str, str]) -> dict[tuple[str, str], int]:
        """For sets joining a session the journal already holds: the next set number of each
        (session, exercise), so that joined sets never share a number with stored ones."""
        joined = {planned[s.date] if s.session_by_date and s.date in planned else s.session_id for s in sets}
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

    # --- wellness, runs, assessments ----------------------------------------------------

    def save_wellness(self, wellness: Wellness) -> None:
        logged_at, tz = self._stamp()
        with self.write():
            self.db["wellness"].upsert(
                dict(asdict(wellness), id=new_id(), logged_at=logged_at, tz=tz), pk="date"
            )
            self._plans_change_from(wellness.date)

    def wellness_between(self, first: str, last: str) -> list[Wellness]:
        return self._rows_as(Wellness, "wellness", "where date between ? and ? order by date", [first, last])

    def latest_wellness(self, on_or_before: str) -> Wellness | None:
        found = self._rows_as(Wellness, "wellness", "where date <= ? order by date desc limit 1", [on_or_before])
        return found[0] if found else None

    def add_runs(self, runs: Iterable[Run]) -> int:
        """Store runs in one transaction; a run whose id is already stored is left as it is."""
        logged_at, tz = self._stamp()
        runs = list(runs)
        with self.write():
            before = self.db["runs"].count
            self.db["runs"].insert_all(
                (dict(asdict(run), logged_at=logged_at, tz=tz) for run in runs), ignore=True)
            added = self.db["runs"].count - before
            if added:
                self._plans_change_from(min(run.date for run in runs))
            return added

    def runs_between(self, first: str, last: str) -> list[Run]:
        return self._rows_as(Run, "runs", "where date between ? and ? order by date, rowid", [first, last])

    def add_assessment(self, assessment: Assessment) -> None:
        logged_at, tz = self._stamp()
        with self.write():
            self.db["assessments"].insert(dict(asdict(assessment), logged_at=logged_at, tz=tz))
            self._plans_change_from(assessment.date)

    def assessments_since(self, first: str) -> list[Assessment]:
        """Every test result from `first` on, and the latest of each test and side before it:
        all that gates need, however many years of tests came before."""
        return self._rows_as(
            Assessment, "assessments",
            "where date >= ? or rowid in (select a.rowid from assessments a join ("
            "select test, side, max(date) as latest from assessments where date < ? group by test, side) l "
            "on a.test = l.test and a.side is l.side and a.date = l.latest) order by date, rowid",
            [first, first])


    # --- plan checkpoints -------------------------------------------------------------------

    def _plans_change_from(self, date: str) -> None:
        """Inside a write: forget every checkpoint a fact dated `date` could have changed."""
        self.conn.execute(
            "delete from checkpoints where monday > date(?, '-' || reach_days || ' days')", [date])
        self.conn.execute("update meta set value = value + 1 where key = 'plan_generation'")

    def plan_generation(self) -> int:
        """Read before the history a fold judges; `save_checkpoints` refuses if it moved since."""
        return self.conn.execute("select value from meta where key = 'plan_generation'").fetchone()[0]

    def checkpoint(self, monday: str, exact: bool = False) -> str | None:
        """The active enrolment's latest checkpoint on or before a Monday (or on it), as stored."""
        row = self.conn.execute(
            "select state from checkpoints where enrolment_id = "
            f"(select id from enrolments order by rowid desc limit 1) and monday {'=' if exact else '<='} ? "
            "order by monday desc limit 1", [monday]).fetchone()
        return row[0] if row else None

    def save_checkpoints(self, generation: int, checkpoints: Sequence[tuple[str, int, str]]) -> bool:
        """Store (monday, reach_days, state) rows for the active enrolment, unless a write since
        `generation` made them stale. Only a cache: a busy or read-only file just skips it."""
        patience = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        try:
            self.conn.execute("PRAGMA busy_timeout = 200")
            with self.write():
                if self.plan_generation() != generation:
                    return False
                enrolment_id = self.conn.execute(
                    "select id from enrolments order by rowid desc limit 1").fetchone()[0]
                self.conn.executemany(
                    "insert or replace into checkpoints (enrolment_id, monday, reach_days, state) "
                    "values (?, ?, ?, ?)", [(enrolment_id, *c) for c in checkpoints])
            return True
        except (sqlite3.OperationalError, StoreError):
            return False
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {patience}")
