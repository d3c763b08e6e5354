"""Runs from Strava and Garmin exports and from FIT, GPX and TCX files: each sample read exactly
(values read by hand from the files), the shapes real exports take, one run stored once, and bad
input refused with one line naming the file, nothing half-imported."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from journal.core.errors import EntryError
from journal.core.run_exports import read_runs_from, strava_moment

SAMPLES = Path(__file__).parent / "formats" / "runs"  # copies of ../shared/formats/runs
STRAVA_CSV = SAMPLES / "strava-activities-sportiva.csv"
STRAVA_GPX = SAMPLES / "strava-run-8826653772.gpx"
FIT = SAMPLES / "garmin-fenix-5-run.fit"
TCX = SAMPLES / "tcxparser-test-running.tcx"


def runs(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from runs order by start_utc, date")]


def strava_export(folder: Path, csv_text: str | None = None, gz: bool = False) -> Path:
    """A Strava export as it unpacks: activities.csv, and the one track file the samples have."""
    (folder / "activities").mkdir(parents=True)
    (folder / "activities.csv").write_text(csv_text or STRAVA_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    track = STRAVA_GPX.read_bytes()
    if gz:
        (folder / "activities" / "8826653772.gpx.gz").write_bytes(gzip.compress(track))
    else:
        (folder / "activities" / "8826653772.gpx").write_bytes(track)
    return folder


def zipped(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        for file in folder.rglob("*"):
            if file.is_file():
                archive.write(file, f"export_123/{file.relative_to(folder).as_posix()}")
    return out


# -- each sample, read exactly ------------------------------------------------------------

def test_the_fit_sample_is_read_exactly_with_its_local_time():
    (run,) = read_runs_from([FIT]).runs
    # session: start 14:34:09 UTC, timer 56.887 s, 157.56 m, HR 90 / 112, ascent 2 m;
    # activity: local_timestamp 07:35:24 "UTC" against 14:35:24 UTC, so seven hours behind.
    assert run.start.isoformat() == "2017-06-11T14:34:09+00:00"
    assert (run.moving_s, run.elapsed_s, run.distance_m) == (56.887, 56.887, 157.56)
    assert (run.avg_hr, run.max_hr, run.elevation_gain_m, run.offset_min) == (90, 112, 2, -420)
    stored = run.as_run("Europe/London", "easy", "")
    assert (stored.date, stored.time, stored.minutes, stored.km) == ("2017-06-11", "07:34", 0.9, 0.16)


def test_the_tcx_sample_is_read_exactly():
    (run,) = read_runs_from([TCX]).runs
    # Three laps: 608.47 + 714.80 + 669.51 s, 1609.344 + 1609.344 + 1470.555 m, HR 139/172/167
    # (max 189/188/180); the first point at 21:29:53, the last at 22:03:05.
    assert run.start.isoformat() == "2012-12-26T21:29:53+00:00"
    assert run.moving_s == pytest.approx(1992.78) and run.elapsed_s == 1992
    assert run.distance_m == pytest.approx(4689.2427, abs=0.01)
    assert run.avg_hr == pytest.approx((139 * 608.47 + 172 * 714.80 + 167 * 669.51) / 1992.78)
    assert run.max_hr == 189 and run.sport == "Running" and run.title == "Aerobics"


def test_the_strava_gpx_sample_is_read_from_its_points():
    (run,) = read_runs_from([STRAVA_GPX]).runs
    # First point 18:22:39, last 18:54:57: Strava's own summary says elapsed 1938 s and 7,789 m.
    assert run.start.isoformat() == "2023-04-03T18:22:39+00:00" and run.elapsed_s == 1938
    assert run.distance_m == pytest.approx(7789.15, rel=0.03)
    assert run.sport == "running" and run.title == "Evening Run - I can now teleport apparently"
    assert run.avg_hr is None


def test_heart_rate_in_a_gpx_extension_is_read(tmp_path):
    """The gpxpy sample holds one waypoint with `gpxtpx:hr` 171: no run by itself, refused by
    name; the same extension on a track's points is read."""
    with pytest.raises(EntryError, match="gpx_with_garmin_extension.gpx: holds no track"):
        read_runs_from([SAMPLES / "gpx_with_garmin_extension.gpx"])
    text = (SAMPLES / "gpx_with_garmin_extension.gpx").read_text()
    point = text[text.index("<wpt"):text.index("</wpt>")].replace("<wpt", "<trkpt")
    later = point.replace("23:41:03", "23:51:03").replace(">171<", ">181<").replace("37.778259", "37.788259")
    track = text[:text.index("<wpt")] + f"<trk><trkseg>{point}</trkpt>{later}</trkpt></trkseg></trk></gpx>"
    (tmp_path / "hr.gpx").write_text(track)
    (run,) = read_runs_from([tmp_path / "hr.gpx"]).runs
    assert (run.avg_hr, run.max_hr, run.elapsed_s) == (176, 181, 600)


def test_leading_spaces_and_gzip_are_read_like_the_plain_file(tmp_path):
    plain = read_runs_from([TCX]).runs[0]
    spaced = tmp_path / "spaced.tcx"
    spaced.write_bytes(b"    \n  " + TCX.read_bytes())
    packed = tmp_path / "packed.tcx.gz"
    packed.write_bytes(gzip.compress(b"  " + TCX.read_bytes()))
    for path in (spaced, packed):
        run = read_runs_from([path]).runs[0]
        assert (run.start, run.moving_s, run.distance_m, run.avg_hr) == \
            (plain.start, plain.moving_s, plain.distance_m, plain.avg_hr)


# -- Strava exports -----------------------------------------------------------------------

def test_a_strava_export_gives_its_runs_and_counts_the_rest(tmp_path):
    reading = read_runs_from([strava_export(tmp_path / "export")])
    assert len(reading.runs) == 15
    assert dict(reading.others) == {"Alpine Ski": 3, "Ride": 3, "Hike": 1, "Walk": 1}
    night = next(r for r in reading.runs if r.source_id == "7115694992")
    # "May 9, 2022, 7:23:02 PM", elapsed 1720, moving 1673.0, 4826.08984375 m (the metres column).
    assert night.start.isoformat() == "2022-05-09T19:23:02+00:00"
    assert (night.elapsed_s, night.moving_s, night.distance_m) == (1720, 1673, pytest.approx(4826.09, abs=0.01))
    # The description's line breaks do not split a row: the trail run keeps its own values.
    trail = next(r for r in reading.runs if r.source_id == "9642174119")
    assert (trail.moving_s, trail.distance_m, trail.elevation_gain_m) == (18672, 22057, 2085)


def test_the_zip_with_gzipped_tracks_reads_the_same_as_the_folder(tmp_path):
    folder = read_runs_from([strava_export(tmp_path / "export")]).runs
    archive = zipped(strava_export(tmp_path / "gz", gz=True), tmp_path / "export.zip")
    assert [(r.source_id, r.start, r.moving_s, r.distance_m) for r in read_runs_from([archive]).runs] == \
        [(r.source_id, r.start, r.moving_s, r.distance_m) for r in folder]


GERMAN = {"Activity ID": "Aktivitäts-ID", "Activity Date": "Aktivitätsdatum", "Activity Name": "Name der Aktivität",
          "Activity Type": "Aktivitätsart", "Elapsed Time": "Verstrichene Zeit", "Distance": "Distanz",
          "Moving Time": "Bewegungszeit", "Elevation Gain": "Höhenzunahme", "Filename": "Dateiname",
          "Max Heart Rate": "Max. Herzfrequenz"}
FRENCH = {"Activity ID": "ID de l'activité", "Activity Date": "Date de l'activité",
          "Activity Name": "Nom de l'activité", "Activity Type": "Type d'activité", "Elapsed Time": "Temps écoulé",
          "Moving Time": "Temps de déplacement", "Elevation Gain": "Dénivelé positif", "Filename": "Nom du fichier"}


def translated(names: dict[str, str], date_format) -> str:
    rows = list(csv.reader(io.StringIO(STRAVA_CSV.read_text(encoding="utf-8"), newline="")))
    rows[0] = [names.get(h, h) for h in rows[0]]
    for row in rows[1:]:
        row[1] = date_format(strava_moment(row[1]))
        row[3] = {"Run": "Laufen" if names is GERMAN else "Course à pied"}.get(row[3], row[3])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("names,date_format", [
    (GERMAN, lambda t: t.strftime("%d.%m.%Y, %H:%M:%S")),
    (GERMAN, lambda t: f"{t.day}. {['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'][t.month - 1]} {t.year}, {t:%H:%M:%S}"),
    (FRENCH, lambda t: f"{t.day} {['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'][t.month - 1]} {t.year}, {t:%H:%M:%S}"),
], ids=["german-numeric", "german-words", "french"])
def test_strava_exports_in_german_and_french_read_the_same_runs(tmp_path, names, date_format):
    english = read_runs_from([strava_export(tmp_path / "en")]).runs
    other = read_runs_from([strava_export(tmp_path / "other", translated(names, date_format))]).runs
    assert [(r.source_id, r.start, r.moving_s, r.distance_m) for r in other] == \
        [(r.source_id, r.start, r.moving_s, r.distance_m) for r in english]


def test_a_csv_from_another_app_is_refused_by_name(tmp_path):
    strong = Path(__file__).parent / "formats" / "strong_comma.csv"
    with pytest.raises(EntryError, match=r"strong_comma.csv: line 1.*not a Strava activities.csv"):
        read_runs_from([strong])


# -- Garmin exports -----------------------------------------------------------------------

def garmin_export(out: Path, summary: dict) -> Path:
    """Garmin Connect's layout: the summaries as JSON, the watch's FIT files in a zip inside."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as uploads:
        uploads.writestr("runner@example.com_1234567890.fit", FIT.read_bytes())
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
                         json.dumps([{"summarizedActivitiesExport": [summary, CYCLE]}]))
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue())
    return out


# The FIT sample's run as Garmin summarises it: times in ms, distance and climb in cm.
GARMIN_RUN = {"activityId": 1796110962, "name": "Portland Running", "activityType": "running",
              "sportType": "RUNNING", "beginTimestamp": 1497191649000, "startTimeGmt": 1497191649000,
              "startTimeLocal": 1497166449000, "duration": 56887.0, "elapsedDuration": 56887.0,
              "movingDuration": 56887.0, "distance": 15756.0, "elevationGain": 200.0, "avgHr": 90.0, "maxHr": 112.0}
CYCLE = {"activityId": 1, "name": "Commute", "activityType": "cycling", "beginTimestamp": 1497191649000 + 86400000,
         "distance": 1000000.0, "duration": 1800000.0}


def test_a_garmin_export_reads_its_summaries(tmp_path):
    reading = read_runs_from([garmin_export(tmp_path / "garmin.zip", GARMIN_RUN)])
    assert reading.source == "a Garmin export" and dict(reading.others) == {"cycling": 1}
    (run,) = reading.runs
    assert (run.source, run.source_id, run.title) == ("garmin", "1796110962", "Portland Running")
    assert run.start.isoformat() == "2017-06-11T14:34:09+00:00" and run.offset_min == -420
    assert (run.moving_s, run.distance_m, run.avg_hr, run.elevation_gain_m) == \
        (pytest.approx(56.887), pytest.approx(157.56), 90, 2)


def test_what_a_garmin_summary_lacks_comes_from_the_fit_inside_the_zip_inside_the_zip(tmp_path):
    bare = {k: v for k, v in GARMIN_RUN.items() if k not in ("avgHr", "maxHr")}
    (run,) = read_runs_from([garmin_export(tmp_path / "garmin.zip", bare)]).runs
    assert (run.avg_hr, run.max_hr) == (90, 112) and run.source == "garmin"


# -- bad input ----------------------------------------------------------------------------

def test_bad_files_are_refused_with_one_line_naming_them(tmp_path):
    not_an_export = tmp_path / "photos.zip"
    with zipfile.ZipFile(not_an_export, "w") as archive:
        archive.writestr("IMG_0001.jpg", b"\xff\xd8")
    truncated = tmp_path / "cut.fit"
    truncated.write_bytes(FIT.read_bytes()[:3000])
    untimed = tmp_path / "untimed.gpx"
    untimed.write_text(STRAVA_GPX.read_text().replace("<time>", "<!--").replace("</time>", "-->"))
    half_zip = tmp_path / "half.zip"
    half_zip.write_bytes(zipped(strava_export(tmp_path / "e"), tmp_path / "whole.zip").read_bytes()[:4000])
    cases = {not_an_export: "photos.zip: is not a Strava or Garmin export",
             truncated: "cut.fit: is not a whole FIT file",
             untimed: "untimed.gpx: track 1: has no times",
             half_zip: "half.zip: is not a whole zip file"}
    for path, message in cases.items():
        with pytest.raises(EntryError) as refused:
            read_runs_from([path])
        assert str(refused.value).startswith(message), str(refused.value)
        assert "\n" not in str(refused.value)


def test_a_tampered_strava_row_is_refused_by_its_line_and_nothing_is_stored(enrolled_cli, tmp_path):
    rows = STRAVA_CSV.read_text(encoding="utf-8").replace(",1673.0,", ",-1673.0,")
    export = strava_export(tmp_path / "export", rows)
    result = enrolled_cli("run", "import", str(export))
    assert result.exit_code == 1
    assert "activities.csv: line 3: moving time" in result.stderr and "-1673" in result.stderr
    assert enrolled_cli.rows("runs") == 0


# -- into the journal: one run is one run -------------------------------------------------

def test_importing_the_same_export_again_adds_nothing(enrolled_cli, tmp_path):
    export = strava_export(tmp_path / "export")
    dry = enrolled_cli("run", "import", str(export), "--dry-run")
    assert "Would add 15 runs" in dry.output and enrolled_cli.rows("runs") == 0
    first = enrolled_cli("runs", "import", str(export))
    assert "Added 15 runs" in first.output and "8 other" not in first.output
    assert "3 Alpine Ski, 3 Ride, 1 Hike, 1 Walk" in first.output
    again = enrolled_cli("run", "import", str(zipped(export, tmp_path / "export.zip")))
    assert "Added 0 runs, merged 0 into runs already here, 15 already there." in again.output
    assert enrolled_cli.rows("runs") == 15


def test_the_same_run_from_strava_and_from_garmin_is_stored_once(enrolled_cli, tmp_path):
    """The FIT sample as a Strava export holds it (its summary lacks heart rate) and as Garmin
    summarises it: start within two minutes, distance within 3 %: one row, with Garmin's heart rate."""
    folder = tmp_path / "strava"
    (folder / "activities").mkdir(parents=True)
    header = STRAVA_CSV.read_text(encoding="utf-8").splitlines()[0]
    row = {"Activity ID": "99", "Activity Date": "Jun 11, 2017, 2:34:40 PM", "Activity Name": "Morning Run",
           "Activity Type": "Run", "Elapsed Time": "57", "Distance": "0.16", "Filename": "activities/99.gpx"}
    names = next(csv.reader([header]))
    out = io.StringIO()
    values = [row.get(n, "") for n in names]
    values[len(names) - 1 - names[::-1].index("Distance")] = "157.6"  # the second Distance is in metres
    csv.writer(out, lineterminator="\n").writerows([names, values])
    (folder / "activities.csv").write_text(out.getvalue())
    assert enrolled_cli("run", "import", str(folder)).exit_code == 0
    result = enrolled_cli("run", "import", str(garmin_export(tmp_path / "garmin.zip", GARMIN_RUN)))
    assert "merged 1 into runs already here" in result.output, result.output
    (stored,) = runs(enrolled_cli.db_path)
    assert (stored["source"], stored["source_id"], stored["avg_hr"], stored["title"]) == \
        ("strava", "99", 90, "Morning Run")


def test_a_typed_run_takes_the_recording_and_keeps_the_runners_kind(enrolled_cli, tmp_path):
    added = enrolled_cli("run", "add", "--date", "2012-12-26", "--kind", "long", "--km", "4.7", "--title", "Boxing day")
    assert added.exit_code == 0, added.output
    result = enrolled_cli("run", "import", str(TCX))
    assert "merged 1 into runs already here" in result.output, result.output
    (stored,) = runs(enrolled_cli.db_path)
    assert (stored["kind"], stored["title"], stored["km"], stored["moving_s"], stored["avg_hr"]) == \
        ("long", "Boxing day", 4.7, 1993, 160)


def test_a_kind_the_runner_gives_is_kept_over_any_import(enrolled_cli, tmp_path):
    export = strava_export(tmp_path / "export")
    enrolled_cli("run", "import", str(export))
    listed = enrolled_cli("run", "list", "--from", "2022-05-01", "--to", "2022-05-31", "--why").output
    ekiden = next(line for line in listed.splitlines() if "Ekiden" in line)
    assert "race?" in ekiden and "race: 'Ekiden' in the title" in listed
    night = next(line for line in listed.splitlines() if "Night Run" in line)
    result = enrolled_cli("run", "kind", night[:8], "quality")
    assert result.exit_code == 0 and "quality " in result.output
    enrolled_cli("run", "import", str(zipped(export, tmp_path / "again.zip")))
    kinds = {r["source_id"]: (r["kind"], r["kind_by_runner"], r["kind_reason"]) for r in runs(enrolled_cli.db_path)}
    assert kinds["7115694992"] == ("quality", 1, None)
    assert kinds["7139496606"] == ("race", 0, "race: 'Ekiden' in the title")


def test_a_wrong_id_or_kind_is_refused_and_nothing_changes(enrolled_cli, tmp_path):
    enrolled_cli("run", "import", str(TCX))
    for args, message in ((("zzzz", "long"), "no run has an id starting 'zzzz'"),
                          (("", "long"), "no run has an id starting ''")):
        result = enrolled_cli("run", "kind", *args)
        assert result.exit_code == 1 and message in result.stderr
    assert enrolled_cli("run", "kind", runs(enrolled_cli.db_path)[0]["id"][:6], "walk").exit_code == 2
    assert runs(enrolled_cli.db_path)[0]["kind_by_runner"] == 0


def test_the_run_libraries_stay_off_the_first_frame(tmp_path):
    """Importing runs adds nothing to opening the journal: no track-file library is loaded on the
    way to the Today screen."""
    import subprocess
    import sys

    code = (
        "import asyncio, sys, pendulum\n"
        "from journal.core.clock import FixedClock\n"
        "from journal.core.journal import start_journal\n"
        "from journal.tui.app import make_app\n"
        f"db = {str(tmp_path / 'j.db')!r}\n"
        "clock = FixedClock.at_local('2026-09-08T07:00:00', 'Europe/London')\n"
        "start_journal(db, clock, 'runner-beginner', pendulum.date(2026, 9, 7))[0].close()\n"
        "async def main():\n"
        "    async with make_app(db, clock).run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in ('fitdecode', 'gpxpy', 'xml.etree.ElementTree', "
        "'journal.core.run_exports', 'journal.core.run_tracks') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_run_read_twice_in_one_batch_is_stored_once(enrolled_cli, tmp_path):
    copy = tmp_path / "copy.tcx"
    shutil.copy(TCX, copy)
    result = enrolled_cli("run", "import", str(TCX), str(copy))
    assert "Added 1 run, merged 0 into runs already here, 1 already there." in result.output, result.output
    assert enrolled_cli.rows("runs") == 1


def test_garmin_times_written_as_text_read_the_same(tmp_path):
    texts = {k: v for k, v in GARMIN_RUN.items() if k not in ("beginTimestamp", "startTimeGmt", "startTimeLocal")}
    texts |= {"startTimeGmt": "2017-06-11 14:34:09", "startTimeLocal": "2017-06-11 07:34:09"}
    (run,) = read_runs_from([garmin_export(tmp_path / "garmin.zip", texts)]).runs
    assert run.start.isoformat() == "2017-06-11T14:34:09+00:00" and run.offset_min == -420


def test_a_lone_distance_column_is_km_unless_no_run_could_be_that_long(tmp_path):
    for value, metres in (("7.79", 7790), ("7789.1", 7789.1)):
        names = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time", "Distance"]
        out = io.StringIO()
        csv.writer(out).writerows([names, ["1", "Apr 3, 2023, 6:22:39 PM", "Run", "Run", "1938", value]])
        (tmp_path / value).mkdir()
        (tmp_path / value / "activities.csv").write_text(out.getvalue())
        (run,) = read_runs_from([tmp_path / value]).runs
        assert run.distance_m == pytest.approx(metres)


def test_a_track_without_heart_rate_is_not_parsed_for_heart_rate_alone(tmp_path, monkeypatch):
    """Strava's summary has no heart rate for these runs; the one GPX there has none either, which
    a look at its text tells without parsing a thousand points."""
    import journal.core.run_exports as run_exports

    parsed = []
    monkeypatch.setattr(run_exports, "read_track", lambda *a, **k: parsed.append(a[0]) or [])
    assert len(read_runs_from([strava_export(tmp_path / "export")]).runs) == 15
    assert parsed == []
    with_hr = STRAVA_GPX.read_text().replace("</trkpt>", "<extensions><gpxtpx:hr xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">"
                                                  "150</gpxtpx:hr></extensions></trkpt>", 1)
    (tmp_path / "export" / "activities" / "8826653772.gpx").write_text(with_hr)
    monkeypatch.undo()
    (run,) = [r for r in read_runs_from([tmp_path / "export"]).runs if r.source_id == "8826653772"]
    assert run.avg_hr == 150 and run.moving_s == 1641  # the summary's own values stand
