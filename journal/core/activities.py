"""One activity as a platform or a watch recorded it, before it is a run in the journal: what
every reader of Strava, Garmin, FIT, GPX and TCX files gives, and how it becomes a Run."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import pendulum

from .errors import EntryError
from .model import Run
from .record import record

# Running in the words the platforms use, in English, German and French; not a ride or a ski.
RUNNING = re.compile(r"run|lauf|läuf|course|trail|jog|treadmill|tapis|footing", re.I)
NOT_RUNNING = re.compile(r"cycl|bike|ride|ski|velo|vélo|rad|swim|walk|hike|wander|randonn", re.I)
ACTIVITY_NAMESPACE = uuid.UUID("3f6c1a52-9d0e-4b7a-8c55-2a9e4d1f7b60")
LONGEST_RUN_S = 48 * 3600  # a recording longer than this is a watch left running
LONGEST_RUN_M = 500_000


def is_running(sport: str) -> bool:
    """Running, trail, treadmill and track, as Strava, Garmin and the files name them ("" is a
    track file that names no sport: read because the runner gave it as a run)."""
    return not sport or bool(RUNNING.search(sport)) and not NOT_RUNNING.search(sport)


@record
class Activity:
    """A run or other activity as read from a Strava, Garmin, FIT, GPX or TCX file, before it becomes a run."""
    where: str  # the file (and line or record) it was read from, for messages
    source: str  # strava | garmin | fit | gpx | tcx
    source_id: str
    sport: str  # as the source named it
    start: datetime  # aware, UTC
    offset_min: int | None = None  # local = UTC + this, when the source says
    moving_s: float | None = None
    elapsed_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    elevation_gain_m: float | None = None
    title: str | None = None
    track: str | None = None  # the track file a summary names: read for what the summary lacks
    intervals: bool = False  # its laps alternate work and rest

    @property
    def running(self) -> bool:
        return is_running(self.sport)

    @property
    def seconds(self) -> float | None:
        return self.moving_s or self.elapsed_s

    def checked(self) -> Activity:
        """Refuse what no run measures (the file says which field); nothing is stored from a file
        that holds one."""
        def fail(field: str, problem: str) -> EntryError:
            return EntryError(f"{self.where}: {field}", problem)

        for field, value, high in (("moving time", self.moving_s, LONGEST_RUN_S),
                                   ("elapsed time", self.elapsed_s, LONGEST_RUN_S),
                                   ("distance", self.distance_m, LONGEST_RUN_M),
                                   ("elevation gain", self.elevation_gain_m, 20_000)):
            if value is not None and not 0 <= value <= high:
                raise fail(field, f"{value:g} is not between 0 and {high:g}")
        for field, value in (("average heart rate", self.avg_hr), ("max heart rate", self.max_hr)):
            if value is not None and not 20 <= value <= 250:
                raise fail(field, f"{value:g} is not a heart rate (20 to 250)")
        if not 1990 <= self.start.year <= 2100:
            raise fail("start", f"{self.start.isoformat()} is not a date a run was recorded on")
        if self.offset_min is not None and abs(self.offset_min) > 14 * 60:
            raise fail("local time", f"{self.offset_min} minutes from UTC is no time zone")
        return self

    def lacks(self) -> bool:
        """Whether a track file could tell more than the summary did."""
        return self.seconds is None or self.distance_m is None or self.avg_hr is None

    def completed_by(self, track: Activity) -> Activity:
        """The summary, its gaps filled from its track file (the summary's own values stand)."""
        def first(mine, theirs):
            return theirs if mine is None else mine
        return Activity(
            self.where, self.source, self.source_id, self.sport, self.start,
            first(self.offset_min, track.offset_min), first(self.moving_s, track.moving_s),
            first(self.elapsed_s, track.elapsed_s), first(self.distance_m, track.distance_m),
            first(self.avg_hr, track.avg_hr), first(self.max_hr, track.max_hr),
            first(self.elevation_gain_m, track.elevation_gain_m), self.title or track.title, None,
            self.intervals or track.intervals)

    def as_run(self, tz: str, kind: str, reason: str) -> Run:
        """The run the journal keeps: dated and timed where the runner was (the source's offset,
        else the runner's own time zone at that moment)."""
        start = self.start.astimezone(timezone.utc)
        if self.offset_min is not None:
            offset = self.offset_min
        else:
            offset = int(pendulum.instance(start).in_timezone(tz).utcoffset().total_seconds() // 60)
        local = start + timedelta(minutes=offset)
        seconds = self.seconds
        return Run(
            id=str(uuid.uuid5(ACTIVITY_NAMESPACE, f"{self.source}|{self.source_id}")),
            date=local.date().isoformat(), kind=kind,
            minutes=round(seconds / 60, 1) if seconds else None,
            km=round(self.distance_m / 1000, 2) if self.distance_m else None,
            title=self.title, time=local.strftime("%H:%M"),
            start_utc=start.strftime("%Y-%m-%dT%H:%M:%SZ"), utc_offset_min=offset,
            moving_s=_whole(self.moving_s), elapsed_s=_whole(self.elapsed_s),
            avg_hr=_whole(self.avg_hr), max_hr=_whole(self.max_hr),
            elevation_gain_m=round(self.elevation_gain_m, 1) if self.elevation_gain_m is not None else None,
            source=self.source, source_id=self.source_id, kind_reason=reason)


def _whole(value: float | None) -> int | None:
    return None if value is None else int(round(value))
