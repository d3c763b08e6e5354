"""The coach's checkpoints: a derived cache of where the fold stood at each week's start, and the
generation every write that can change a past plan bumps."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from ..errors import StoreError


class StoredPlans:
    """The Store's plan checkpoints."""

    def _plans_change_from(self, date: str) -> None:
        """Inside a write: forget every checkpoint a fact dated `date` could have changed."""
        self.conn.execute(
            "delete from checkpoints where monday > date(?, '-' || reach_days || ' days')", [date])
        self.conn.execute("update meta set value = value + 1 where key = 'plan_generation'")

    def plan_generation(self) -> int:
        """Read before the history a fold judges; `save_checkpoints` refuses if it moved since."""
        return self.conn.execute("select value from meta where key = 'plan_generation'").fetchone()[0]

    def save_held_checkpoints(self) -> None:
        """The checkpoints held while the file's check was made aside, stored now it is in."""
        if (held := self._held_checkpoints) is not None:
            self._held_checkpoints = None
            self.save_checkpoints(*held)

    def checkpoint(self, monday: str, exact: bool = False) -> str | None:
        """The active enrolment's latest checkpoint on or before a Monday (or on it), as stored."""
        row = self.conn.execute(
            "select state from checkpoints where enrolment_id = "
            f"(select id from enrolments order by rowid desc limit 1) and monday {'=' if exact else '<='} ? "
            "order by monday desc limit 1", [monday]).fetchone()
        return row[0] if row else None

    def save_checkpoints(self, generation: int, checkpoints: Sequence[tuple[str, int, str]]) -> bool:
        """Store (monday, reach_days, state) rows for the active enrolment, unless a write since
        `generation` made them stale. Only a cache: a busy or read-only file just skips it. While
        the file's check is still being made aside, they are held and stored once it is in: the
        morning's first read would otherwise make that check again, before the first frame (about
        45 ms on ten years)."""
        if self.check_pending():
            self._held_checkpoints = (generation, checkpoints)
            return False
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
