"""The journal file's schema, one migration per version: each moves the schema up one and keeps
every row; the version lives in PRAGMA user_version."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


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


def create_checkpoints(db: sqlite_utils.Database) -> None:
    db["checkpoints"].create(
        {"enrolment_id": str, "monday": str, "reach_days": int, "state": str},
        pk=("enrolment_id", "monday"), not_null={"reach_days", "state"},
        foreign_keys=[("enrolment_id", "enrolments", "id")], if_not_exists=True,
    )


def _m4_checkpoints(db: sqlite_utils.Database) -> None:
    # Where the coach's fold stood at each microcycle's end, so a plan need not replay
    # every week since the program started. A derived cache: deleting it loses nothing.
    create_checkpoints(db)
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


def create_record_indexes(db: sqlite_utils.Database) -> None:
    for name, on in RECORD_INDEXES.items():
        db.execute(f"create index if not exists {name} on {on}")


def _m5_record_indexes(db: sqlite_utils.Database) -> None:
    # A lifter's best e1RM and most reps at a load before a date, read best-first from an
    # index, and each test's latest result from its own, so that the summary and the plan
    # cost the same after ten years as after ten weeks.
    create_record_indexes(db)


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


def _m8_runs_from_files(db: sqlite_utils.Database) -> None:
    # Runs read from Strava, Garmin and watch files keep what they measured and where they came
    # from, so one run is stored once whatever its sources; a kind the runner gave is kept.
    for column, kind in (("start_utc", str), ("utc_offset_min", int), ("moving_s", int), ("elapsed_s", int),
                         ("avg_hr", int), ("max_hr", int), ("elevation_gain_m", float), ("source", str),
                         ("source_id", str), ("kind_reason", str), ("kind_by_runner", int)):
        db["runs"].add_column(column, kind)
    db.execute("update runs set kind_by_runner = 0")
    db.execute("create index runs_by_start on runs (start_utc)")


# Each migration moves the schema up one version and keeps every row.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _m1_initial, _m2_run_times, _m3_set_pillars, _m4_checkpoints, _m5_record_indexes, _m6_settings,
    _m7_sessions_of_a_day, _m8_runs_from_files)
SCHEMA_VERSION = len(MIGRATIONS)


# What each migration leaves behind, to tell a file's real schema from its user_version.
MIGRATION_MARKS = (
    ("table", "enrolments"), ("column", "runs.time"), ("column", "sets.pillar"),
    ("table", "meta"), ("index", "sets_by_e1rm"), ("table", "settings"), ("index", "sets_by_session"),
    ("index", "runs_by_start"))


def new_id() -> str:
    return str(uuid.uuid4())
