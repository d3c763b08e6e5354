"""Check-ins, runs and readiness tests as rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

from ..model import Assessment, Run, Wellness
from .schema import new_id


class StoredBody:
    """The Store's wellness, runs and assessments."""

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
