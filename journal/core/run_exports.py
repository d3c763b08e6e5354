"""Runs from where runners keep them: a Strava bulk export (the zip, or the folder unpacked from
it), a Garmin Connect data export (zip or folder), or track files (.fit, .gpx, .tcx, gzipped or
not, or a folder of them). Summaries are read first (Strava's activities.csv, Garmin's JSON); a
track file is opened only for what its summary lacks. Anything unreadable raises an EntryError
naming the file and the line or record, and nothing is read."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .activities import Activity
from .errors import EntryError
from .run_tracks import may_hold_heart_rate, read_track, track_suffix

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Reading:
    """What a path held: its runs, and the other activities counted by sport."""
    runs: list[Activity] = field(default_factory=list)
    others: Counter = field(default_factory=Counter)
    source: str = ""  # "a Strava export", "a Garmin export", "3 track files"


class Files:
    """The files of a zip (zips inside it included, as Garmin nests its FIT files) or a folder,
    by their path inside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zips: list[zipfile.ZipFile] = []
        self._temporary: list = []
        self._where: dict[str, tuple[zipfile.ZipFile | None, str]] = {}
        if path.is_dir():
            for file in sorted(_folder_files(path)):
                self._where[file.relative_to(path).as_posix()] = (None, str(file))
        else:
            self._add_zip(_open_zip(path, path.name), "")

    def _add_zip(self, archive: zipfile.ZipFile, prefix: str) -> None:
        self._zips.append(archive)
        for name in archive.namelist():
            if name.endswith("/"):
                continue
            if name.lower().endswith(".zip"):
                # Garmin's FIT files come in a zip inside the zip, often larger than memory
                # should hold: copied to a temporary file and read from there.
                inner = tempfile.TemporaryFile()
                self._temporary.append(inner)
                try:
                    with archive.open(name) as member:
                        shutil.copyfileobj(member, inner)
                except (zipfile.BadZipFile, OSError, EOFError) as error:
                    raise EntryError(f"{self.path.name}: {name}", f"cannot be read from the zip ({error})") from None
                inner.seek(0)
                self._add_zip(_open_zip(inner, prefix + name), f"{prefix}{name}/")
            else:
                self._where[prefix + name] = (archive, name)

    def names(self) -> list[str]:
        return list(self._where)

    def read(self, name: str) -> bytes:
        archive, inner = self._where[name]
        if archive is None:
            return _read_file(Path(inner), name)
        return self._read(archive, inner)

    def _read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        try:
            return archive.read(name)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise EntryError(f"{self.path.name}: {name}", f"cannot be read from the zip ({error})") from None

    def find(self, name: str) -> str | None:
        """A file by its path as a summary names it (`activities/123.gpx`), wherever the export's
        top folder is."""
        return next((n for n in self._where if n == name or n.endswith("/" + name)), None)

    def close(self) -> None:
        for archive in self._zips:
            archive.close()
        for file in self._temporary:
            file.close()


def _folder_files(folder: Path) -> list[Path]:
    """The files of an export's folder, where its platform puts them (it or a folder in it holds
    Strava's activities.csv, or Garmin's DI_CONNECT), else the files in it: a folder given by
    mistake (a home, a disk) is looked into, never walked."""
    try:
        strava = next((c for c in (folder / "activities.csv", *folder.glob("*/activities.csv")) if c.is_file()), None)
        if strava is not None:
            tracks = strava.parent / "activities"
            return [strava, *(p for p in tracks.iterdir() if p.is_file())] if tracks.is_dir() else [strava]
        garmin = next((c for c in (folder / "DI_CONNECT", *folder.glob("*/DI_CONNECT")) if c.is_dir()), None)
        if garmin is not None:
            return [p for p in garmin.rglob("*") if p.is_file()]
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError as error:
        raise EntryError(folder.name or str(folder), f"cannot be read ({error.strerror or error})") from None


def _read_file(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise EntryError(name, f"cannot be read ({error.strerror or error})") from None


def _open_zip(source, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise EntryError(str(name), f"is not a whole zip file ({error})") from None


def holds_runs(path: Path) -> bool:
    """Whether a path is for a runs import rather than a sets import: a folder or a zip (an
    export), a track file, an .ics calendar, Strava's activities.csv or a typed CSV of runs."""
    from .run_files import csv_header, is_run_log

    if path.is_dir() or path.suffix.lower() == ".zip" or track_suffix(path.name) or is_run_log(path):
        return True
    return bool(csv_header(path) & set(STRAVA_COLUMNS["id"]))


def read_runs_from(paths: list[Path], progress: Progress | None = None) -> Reading:
    """Every run the paths hold (see the module's words for what a path may be)."""
    reading = Reading()
    tracks: list[tuple[Path, str]] = []
    for path in paths:
        if not path.exists():
            raise EntryError(str(path), "no such file or folder")
        if not (path.is_dir() or path.is_file()):  # a pipe or a device would be read forever
            raise EntryError(str(path), "is not a regular file or a folder")
        if path.is_dir() or path.suffix.lower() == ".zip":
            files = Files(path)
            try:
                _read_export(path, files, reading, progress)
            finally:
                files.close()
        elif path.suffix.lower() == ".csv":
            files = Files(path.parent)
            _read_strava(path.name, path.name, _read_file(path, path.name), files, reading, progress)
            reading.source = "a Strava activities.csv"
        elif track_suffix(path.name):
            tracks.append((path, path.name))
        else:
            raise EntryError(str(path), "is not a Strava or Garmin export, nor a .fit, .gpx or .tcx file")
    _read_tracks(reading, [(name, lambda path=path, name=name: _read_file(path, name)) for path, name in tracks],
                 progress)
    if tracks and not reading.source:
        reading.source = f"{len(tracks)} track file{'s' * (len(tracks) != 1)}"
    return reading


def _read_tracks(reading: Reading, tracks: list[tuple[str, Callable[[], bytes]]], progress: Progress | None) -> None:
    """Track files by their names, each read when its turn comes."""
    for done, (name, content) in enumerate(tracks, start=1):
        _add(reading, read_track(name, content()))
        if progress:
            progress(done, len(tracks))


def _add(reading: Reading, activities: list[Activity]) -> None:
    for activity in activities:
        if activity.running:
            reading.runs.append(activity)
        else:
            reading.others[activity.sport] += 1


def _read_export(path: Path, files: Files, reading: Reading, progress: Progress | None) -> None:
    names = files.names()
    strava = next((n for n in names if n.rsplit("/", 1)[-1] == "activities.csv"), None)
    garmin = [n for n in names if n.endswith("_summarizedActivities.json")]
    if strava:
        _read_strava(path.name, f"{path.name}: {strava}", files.read(strava), files, reading, progress)
        reading.source = "a Strava export"
    elif garmin:
        _read_garmin(path.name, garmin, files, reading, progress)
        reading.source = "a Garmin export"
    else:
        tracks = [n for n in names if track_suffix(n)]
        if not tracks:
            raise EntryError(path.name, "is not a Strava or Garmin export and holds no .fit, .gpx or .tcx file")
        _read_tracks(reading, [(f"{path.name}: {name}", lambda name=name: files.read(name)) for name in tracks],
                     progress)
        reading.source = f"{len(tracks)} track file{'s' * (len(tracks) != 1)} in {path.name}"


# -- Strava ---------------------------------------------------------------------------------

# Each field's column in English, German and French exports. Where Strava writes a name twice,
# the first is the summary's (distance in km) and the second the full value (in metres).
STRAVA_COLUMNS = {
    "id": ("activity id", "aktivitäts-id", "id de l'activité"),
    "date": ("activity date", "aktivitätsdatum", "datum der aktivität", "date de l'activité"),
    "title": ("activity name", "name der aktivität", "nom de l'activité"),
    "sport": ("activity type", "aktivitätsart", "type d'activité"),
    "elapsed": ("elapsed time", "verstrichene zeit", "temps écoulé"),
    "moving": ("moving time", "bewegungszeit", "temps de déplacement"),
    "distance": ("distance", "distanz"),
    "max_hr": ("max heart rate", "max. herzfrequenz", "maximale herzfrequenz", "fréquence cardiaque max.",
               "fréquence cardiaque maximale"),
    "avg_hr": ("average heart rate", "durchschnittliche herzfrequenz", "fréquence cardiaque moyenne"),
    "elevation": ("elevation gain", "höhenzunahme", "dénivelé positif"),
    "file": ("filename", "dateiname", "nom du fichier"),
}
STRAVA_NEEDS = ("id", "date", "sport")

MONTHS = {
    1: ("jan", "janv", "jän"), 2: ("feb", "fév", "fev", "févr"), 3: ("mar", "mär", "mrz", "mars"),
    4: ("apr", "avr"), 5: ("may", "mai"), 6: ("jun", "juin"), 7: ("jul", "juil"), 8: ("aug", "aoû", "aou", "août"),
    9: ("sep", "sept"), 10: ("oct", "okt"), 11: ("nov",), 12: ("dec", "déc", "dez"),
}
MONTH_OF = {word: number for number, words in MONTHS.items() for word in words}


def strava_moment(text: str) -> datetime:
    """A Strava "Activity Date" (UTC) in the account's language: `Oct 6, 2022, 11:19:20 PM`,
    `06.10.2022, 23:19:20`, `6. Okt. 2022, 23:19:20`, `6 oct. 2022, 23:19:20`."""
    clock = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?", text)
    if not clock:
        raise ValueError(text)
    hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
    if clock[4]:
        hour = hour % 12 + (12 if clock[4][0] in "Pp" else 0)
    day_part = text[:clock.start()]
    words = [w for w in re.findall(r"[^\W\d_]+", day_part.lower()) if w[:3] in MONTH_OF or w[:4] in MONTH_OF
             or w in MONTH_OF]
    numbers = [int(n) for n in re.findall(r"\d+", day_part)]
    if words:
        word = words[0]
        month = MONTH_OF.get(word) or MONTH_OF.get(word[:4]) or MONTH_OF[word[:3]]
        year = next(n for n in numbers if n > 31)
        day = next(n for n in numbers if n <= 31)
    elif len(numbers) == 3 and numbers[0] > 31:
        year, month, day = numbers
    elif len(numbers) == 3:
        day, month, year = numbers
    else:
        raise ValueError(text)
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def _columns(header: list[str], where: str) -> dict[str, int]:
    lowered = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for key, names in STRAVA_COLUMNS.items():
        hits = [n for n, h in enumerate(lowered) if h in names]
        if hits:
            # The metres column where there are two distances; the full times likewise.
            found[key] = hits[-1]
            if key == "distance":
                found["distance_in_m"] = len(hits) > 1
    missing = [k for k in STRAVA_NEEDS if k not in found]
    if missing:
        raise EntryError(where, "is not a Strava activities.csv (no column for the activity's "
                                + ", ".join(missing) + ")")
    return found


def _read_strava(export: str, where: str, content: bytes, files: Files, reading: Reading,
                 progress: Progress | None) -> None:
    """Strava's activities.csv (`where` names it in messages), its tracks read from `export`'s files."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EntryError(where, "is not UTF-8 text") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if not header:
        raise EntryError(where, "is empty")
    column = _columns(header, f"{where}: line 1")
    body = list(zip(rows, _row_lines(text)))
    for done, (row, number) in enumerate(body, start=1):
        if any(cell.strip() for cell in row):
            activity = _strava_activity(row, column, f"{where}: line {number}")
            if activity.running and activity.lacks() and activity.track and (track := files.find(activity.track)):
                content = files.read(track)
                # Heart rate alone is looked for only in a file that holds some: a thousand tracks
                # without it are not parsed for nothing.
                if activity.seconds is None or activity.distance_m is None or may_hold_heart_rate(track, content):
                    activity = activity.completed_by(
                        read_track(f"{export}: {track}", content, "strava", activity.source_id)[0])
            _add(reading, [activity])
        if progress:
            progress(done, len(body))


def _row_lines(text: str) -> list[int]:
    """The line each CSV row after the header starts on (descriptions hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    starts, line = [], reader.line_num
    for _ in reader:
        starts.append(line + 1)
        line = reader.line_num
    return starts


def _strava_activity(row: list[str], column: dict[str, int], at: str) -> Activity:
    def cell(key: str) -> str:
        n = column.get(key)
        return row[n].strip() if n is not None and n < len(row) else ""

    def number(key: str, name: str) -> float | None:
        text = cell(key)
        if not text:
            return None
        try:
            return float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
        except ValueError:
            raise EntryError(f"{at}: {name}", f"{text!r} is not a number") from None

    try:
        start = strava_moment(cell("date"))
    except (ValueError, StopIteration):
        raise EntryError(f"{at}: activity date", f"{cell('date')!r} is not a date and time") from None
    if not cell("id"):
        raise EntryError(f"{at}: activity id", "is empty")
    distance = number("distance", "distance")
    # One Distance column is the summary's, in km; no run is 300 km, so a larger one is in metres.
    if distance is not None and not column.get("distance_in_m") and distance <= 300:
        distance *= 1000
    return Activity(
        where=at, source="strava", source_id=cell("id"), sport=cell("sport") or "unknown", start=start,
        moving_s=number("moving", "moving time"), elapsed_s=number("elapsed", "elapsed time"),
        distance_m=distance, avg_hr=number("avg_hr", "average heart rate"),
        max_hr=number("max_hr", "max heart rate"), elevation_gain_m=number("elevation", "elevation gain"),
        title=cell("title") or None, track=cell("file") or None).checked()


# -- Garmin ---------------------------------------------------------------------------------

def _read_garmin(export: str, summaries: list[str], files: Files, reading: Reading,
                 progress: Progress | None) -> None:
    records = []
    for name in summaries:
        try:
            document = json.loads(files.read(name))
        except (ValueError, UnicodeDecodeError) as error:
            raise EntryError(f"{export}: {name}", f"is not whole JSON ({error})") from None
        chunks = document if isinstance(document, list) else [document]
        for chunk in chunks:
            found = chunk.get("summarizedActivitiesExport") if isinstance(chunk, dict) else None
            if not isinstance(found, list):
                raise EntryError(f"{export}: {name}", "is not Garmin's summarized activities (no "
                                                      "summarizedActivitiesExport list)")
            records += [(name, n, record) for n, record in enumerate(found, start=1)]
    fit_starts: dict[datetime, str] | None = None
    for done, (name, n, record) in enumerate(records, start=1):
        activity = _garmin_activity(record, f"{export}: {name}: activity {n}")
        if activity.running and activity.lacks():
            if fit_starts is None:  # read the watch's files once, and only when a summary needs them
                fit_starts = _fit_starts(export, files)
            near = [t for t in fit_starts if abs((t - activity.start).total_seconds()) <= 120]
            if near:
                fit = fit_starts[near[0]]
                activity = activity.completed_by(read_track(f"{export}: {fit}", files.read(fit), "garmin",
                                                            activity.source_id)[0])
        _add(reading, [activity])
        if progress:
            progress(done, len(records))


def _fit_starts(export: str, files: Files) -> dict[datetime, str]:
    starts = {}
    for name in files.names():
        if track_suffix(name) == ".fit":
            for activity in read_track(f"{export}: {name}", files.read(name)):
                starts[activity.start] = name
    return starts


def _garmin_activity(record: dict, at: str) -> Activity:
    if not isinstance(record, dict):
        raise EntryError(at, "is not an activity record")

    def number(key: str, scale: float = 1.0) -> float | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise EntryError(f"{at}: {key}", f"{value!r} is not a number")
        return value * scale

    def moment(key: str) -> float | None:
        """Milliseconds since 1970, as Garmin writes a time (some exports write "2017-06-11 14:34:09")."""
        value = record.get(key)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.replace(" ", "T")).replace(tzinfo=timezone.utc).timestamp() * 1000
            except ValueError:
                raise EntryError(f"{at}: {key}", f"{value!r} is not a time") from None
        return number(key)

    begin = moment("beginTimestamp") or moment("startTimeGmt")
    if begin is None:
        raise EntryError(f"{at}: beginTimestamp", "the activity has no start")
    start = datetime.fromtimestamp(begin / 1000, tz=timezone.utc)
    local = moment("startTimeLocal")
    sport = record.get("activityType") or record.get("sportType") or ""
    if isinstance(sport, dict):  # some exports nest it: {"typeKey": "running"}
        sport = sport.get("typeKey", "")
    identity = record.get("activityId")
    if identity is None:
        raise EntryError(f"{at}: activityId", "the activity has no id")
    return Activity(
        where=at, source="garmin", source_id=str(identity), sport=str(sport), start=start,
        offset_min=round((local - begin) / 60_000 / 15) * 15 if local is not None else None,
        # Garmin keeps times in milliseconds and distances and climbs in centimetres.
        moving_s=number("movingDuration", 1 / 1000), elapsed_s=number("elapsedDuration", 1 / 1000)
        or number("duration", 1 / 1000), distance_m=number("distance", 1 / 100),
        avg_hr=number("avgHr"), max_hr=number("maxHr"), elevation_gain_m=number("elevationGain", 1 / 100),
        title=str(record.get("name") or "") or None).checked()
