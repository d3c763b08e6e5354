"""Check-ins, runs and readiness tests as rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace

from ..model import Assessment, Run, Wellness
from .schema import new_id


class StoredBody:
    """The Store's wellness, runs and assessments."""

    def save_wellness(self, wellness: Wellness) -> None:
        logged_at, tz = self._stamp()
        with self.write():
            self.insert_row("wellness", dict(asdict(wellness), id=new_id(), logged_at=logged_at, tz=tz),
                            replace_on="date")
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

    def record_runs(self, added: Sequence[Run], merged: Sequence[Run]) -> None:
        """Recorded runs in one transaction: new ones inserted, and what a recording added to a
        run already there written into it."""
        if not (added or merged):
            return
        logged_at, tz = self._stamp()
        with self.write():
            self.db["runs"].insert_all(
                (dict(asdict(run), logged_at=logged_at, tz=tz) for run in added), ignore=True)
            for run in merged:
                self.db["runs"].update(run.id, {k: v for k, v in asdict(run).items() if k != "id"})
            self._plans_change_from(min(run.date for run in (*added, *merged)))

    def runs_with_id(self, prefix: str) -> list[Run]:
        """The runs whose id starts with `prefix` (a list shows the first eight characters)."""
        return self._rows_as(Run, "runs", "where substr(id, 1, length(?)) = ? order by date", [prefix, prefix])

    def set_run_kind(self, run: Run, kind: str, priority: str | None) -> Run:
        """The runner's word on a run's kind: kept over every later import."""
        with self.write():
            self.conn.execute("update runs set kind = ?, priority = ?, kind_reason = null, kind_by_runner = 1 "
                              "where id = ?", [kind, priority, run.id])
            self._plans_change_from(run.date)
        return replace(run, kind=kind, priority=priority, kind_reason=None, kind_by_runner=True)

    def run_pattern_on(self) -> bool:
        """Whether the plan expects the runner's usual key runs on days no run speaks for."""
        return self.conn.execute("select 1 from settings where key = 'run_pattern' and value = 'off'").fetchone() \
            is None

    def set_run_pattern(self, on: bool) -> None:
        with self.write():
            self.conn.execute("delete from settings where key = 'run_pattern'")
            if not on:
                self.conn.execute("insert into settings (key, value) values ('run_pattern', 'off')")
            self.conn.execute("update meta set value = value + 1 where key = 'plan_generation'")

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
