"""Track files as watches and platforms write them: FIT (read with fitdecode), GPX (gpxpy) and
TCX (the standard library's XML: a TCX is a plain, flat document, and no TCX library is as well
kept as the standard one). Each gives the activities it holds; a file that cannot be read raises
an EntryError naming it. The libraries are imported here, on the first track read."""

from __future__ import annotations

import gzip
import io
import zlib
from datetime import datetime, timedelta, timezone

from .activities import Activity
from .errors import EntryError

TRACK_SUFFIXES = (".fit", ".gpx", ".tcx")


def track_suffix(name: str) -> str | None:
    """`.fit`, `.gpx` or `.tcx` for a track file's name (gzipped or not), else None."""
    lower = name.lower().removesuffix(".gz")
    return next((s for s in TRACK_SUFFIXES if lower.endswith(s)), None)


def read_track(name: str, content: bytes, source: str | None = None,
               source_id: str | None = None) -> list[Activity]:
    """The activities in one track file. `source` and `source_id` name it when a platform's
    export holds it (else the file's own kind and its name or the watch's id)."""
    suffix = track_suffix(name)
    if suffix is None:
        raise EntryError(name, "is not a .fit, .gpx or .tcx file")
    if name.lower().endswith(".gz"):
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            raise EntryError(name, "is not a whole gzip file (truncated or damaged)") from None
    reader = {".fit": _read_fit, ".gpx": _read_gpx, ".tcx": _read_tcx}[suffix]
    return reader(name, content, source or suffix[1:], source_id)


HEART_RATE_MARKS = {".gpx": (b"hr>", b"heartrate>"), ".tcx": (b"HeartRateBpm",)}


def may_hold_heart_rate(name: str, content: bytes) -> bool:
    """Whether a track file can be worth reading for heart rate alone: a GPX or TCX says so in
    its text (a look for the tag, not a parse of the whole track); a FIT file is read to know."""
    marks = HEART_RATE_MARKS.get(track_suffix(name) or "")
    if marks is None:
        return True
    if name.lower().endswith(".gz"):
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            return True  # read, to say what is wrong with it
    return any(mark in content for mark in marks)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.split(".", 1)[0]


# -- FIT ------------------------------------------------------------------------------------

def _read_fit(name: str, content: bytes, source: str, source_id: str | None) -> list[Activity]:
    import fitdecode

    sessions, laps, local_offset, file_id = [], [], None, None
    try:
        with fitdecode.FitReader(io.BytesIO(content)) as fit:
            for frame in fit:
                if not isinstance(frame, fitdecode.FitDataMessage) or frame.name not in FIT_MESSAGES:
                    continue
                values = {f.name: f.value for f in frame.fields}
                if frame.name == "session":
                    sessions.append(values)
                elif frame.name == "lap":
                    laps.append(values.get("intensity"))
                elif frame.name == "file_id":
                    file_id = values
                elif values.get("local_timestamp") and values.get("timestamp"):
                    # The activity's local time is written as if it were UTC: the difference is the offset.
                    local = values["local_timestamp"]
                    if not isinstance(local, datetime):  # seconds since the FIT epoch
                        local = FIT_EPOCH + timedelta(seconds=int(local))
                    local_offset = round((_utc(local) - _utc(values["timestamp"])).total_seconds() / 900) * 15
    except fitdecode.FitError as error:
        raise EntryError(name, f"is not a whole FIT file ({error})") from None
    if not sessions:
        raise EntryError(name, "holds no activity session (a FIT file from a watch's activity has one)")
    if source_id is None and file_id and file_id.get("serial_number") and file_id.get("time_created"):
        source_id = f"{file_id['serial_number']}-{_utc(file_id['time_created']).strftime('%Y%m%dT%H%M%S')}"
    work = sum(i in ("active", "interval") for i in laps)
    rest = sum(i in ("rest", "recovery") for i in laps)
    found = []
    for n, s in enumerate(sessions):
        if not isinstance(s.get("start_time"), datetime):
            raise EntryError(f"{name}: session {n + 1}", "has no start time")
        sport = "_".join(str(s[k]) for k in ("sport", "sub_sport") if s.get(k) not in (None, "generic"))
        found.append(Activity(
            where=name, source=source, source_id=(source_id or _stem(name)) + (f"#{n + 1}" if n else ""),
            sport=sport or "running", start=_utc(s["start_time"]), offset_min=local_offset,
            moving_s=s.get("total_timer_time"), elapsed_s=s.get("total_elapsed_time"),
            distance_m=s.get("total_distance"), avg_hr=s.get("avg_heart_rate"), max_hr=s.get("max_heart_rate"),
            elevation_gain_m=s.get("total_ascent"), title=None, intervals=work >= 2 and rest >= 1).checked())
    return found


FIT_MESSAGES = frozenset({"session", "lap", "activity", "file_id"})
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=timezone.utc)


# -- GPX ------------------------------------------------------------------------------------

def _xml_text(name: str, content: bytes) -> str:
    """The document with what some exporters put before `<?xml` (spaces, a BOM) taken off."""
    try:
        return content.decode("utf-8-sig").lstrip()
    except UnicodeDecodeError:
        raise EntryError(name, "is not UTF-8 text") from None


def _read_gpx(name: str, content: bytes, source: str, source_id: str | None) -> list[Activity]:
    import gpxpy
    import gpxpy.gpx

    try:
        gpx = gpxpy.parse(_xml_text(name, content))
    except gpxpy.gpx.GPXException as error:
        raise EntryError(name, f"is not a GPX file ({error})") from None
    found = []
    for n, track in enumerate(gpx.tracks):
        points = [p for segment in track.segments for p in segment.points]
        timed = [p for p in points if p.time is not None]
        if len(timed) < 2:
            raise EntryError(f"{name}: track {n + 1}", "has no times (a run needs a timed track)")
        start, end = _utc(timed[0].time), _utc(timed[-1].time)
        moving = track.get_moving_data()
        climb = track.get_uphill_downhill()
        rates = [hr for p in points if (hr := _gpx_heart_rate(p)) is not None]
        found.append(Activity(
            where=name, source=source, source_id=(source_id or _stem(name)) + (f"#{n + 1}" if n else ""),
            sport=track.type or "", start=start, moving_s=moving.moving_time or None,
            elapsed_s=(end - start).total_seconds(), distance_m=track.length_3d() or None,
            avg_hr=sum(rates) / len(rates) if rates else None, max_hr=max(rates) if rates else None,
            elevation_gain_m=climb.uphill if any(p.elevation is not None for p in points) else None,
            title=track.name or gpx.name).checked())
    if not found:
        raise EntryError(name, "holds no track (waypoints alone are not a run)")
    return found


def _gpx_heart_rate(point) -> float | None:
    for extension in point.extensions:
        for element in extension.iter():
            if element.tag.rsplit("}", 1)[-1] in ("hr", "heartrate") and element.text:
                try:
                    return float(element.text)
                except ValueError:
                    return None
    return None


# -- TCX ------------------------------------------------------------------------------------

def _read_tcx(name: str, content: bytes, source: str, source_id: str | None) -> list[Activity]:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(_xml_text(name, content))
    except ElementTree.ParseError as error:
        raise EntryError(name, f"is not a TCX file ({error})") from None
    found = []
    for n, activity in enumerate(e for e in root.iter() if _tag(e) == "Activity"):
        laps = [e for e in activity if _tag(e) == "Lap"]
        starts = [_tcx_time(name, lap.get("StartTime")) for lap in laps if lap.get("StartTime")]
        identity = _child_text(activity, "Id")
        if not starts and not identity:
            raise EntryError(f"{name}: activity {n + 1}", "has no start time")
        start = min(starts) if starts else _tcx_time(name, identity)
        times = [_tcx_time(name, e.text) for e in activity.iter() if _tag(e) == "Time" and e.text]
        lap_s = [float(_child_text(lap, "TotalTimeSeconds") or 0) for lap in laps]
        rates, peaks, altitudes = [], [], []
        for lap, seconds in zip(laps, lap_s):
            if (avg := _nested_value(lap, "AverageHeartRateBpm")) is not None:
                rates.append((avg, seconds))
            if (peak := _nested_value(lap, "MaximumHeartRateBpm")) is not None:
                peaks.append(peak)
        altitudes = [float(e.text) for e in activity.iter() if _tag(e) == "AltitudeMeters" and e.text]
        intensities = [_child_text(lap, "Intensity") for lap in laps]
        weight = sum(s for _, s in rates)
        found.append(Activity(
            where=name, source=source, source_id=(source_id or _stem(name)) + (f"#{n + 1}" if n else ""),
            sport=activity.get("Sport") or "", start=start, moving_s=sum(lap_s) or None,
            elapsed_s=(max(times) - start).total_seconds() if times else None,
            distance_m=sum(float(_child_text(lap, "DistanceMeters") or 0) for lap in laps) or None,
            avg_hr=sum(a * s for a, s in rates) / weight if weight else None, max_hr=max(peaks) if peaks else None,
            elevation_gain_m=sum(max(0.0, b - a) for a, b in zip(altitudes, altitudes[1:])) if altitudes else None,
            title=_child_text(activity, "Notes"),
            intervals=intensities.count("Active") >= 2 and intensities.count("Resting") >= 1).checked())
    if not found:
        raise EntryError(name, "holds no activity (not a TCX file from a run)")
    return found


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _child_text(element, tag: str) -> str | None:
    child = next((e for e in element if _tag(e) == tag), None)
    return child.text.strip() if child is not None and child.text and child.text.strip() else None


def _nested_value(element, tag: str) -> float | None:
    child = next((e for e in element if _tag(e) == tag), None)
    text = _child_text(child, "Value") if child is not None else None
    return float(text) if text else None


def _tcx_time(name: str, text: str) -> datetime:
    try:
        return _utc(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        raise EntryError(name, f"{text!r} is not a time") from None
