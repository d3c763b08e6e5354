"""CSV export and import: the sample files, generated files, bad files, and round trips."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.entry import SetInput, parse_set_input
from journal.core.clock import FixedClock
from journal.core.errors import EntryError
from journal.core.exchange import SET_COLUMNS, duration_seconds, read_sets
from journal.core.journal import Journal
from tests.conftest import START

FORMATS = Path(__file__).parent / "formats"  # copies of the sample exports in ../shared/formats


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def exported(journal: Journal, what: str = "sets") -> str:
    out = io.StringIO(newline="")
    journal.export(out, what)
    return out.getvalue()


@pytest.mark.parametrize("name, count", [("hevy.csv", 6), ("strong_comma.csv", 7), ("strong_legacy.csv", 3),
                                         ("strong_semicolon.csv", 5)])
def test_every_set_row_of_each_sample_is_imported_once(journal, db_path, name, count):
    report = journal.import_sets(FORMATS / name)
    assert report.sets == count and report.new == count
    again = journal.import_sets(FORMATS / name)
    assert again.new == 0
    assert rows(db_path, "select count(*) from sets")[0][0] == count


def test_strong_comma_weights_notes_durations_and_names(journal, db_path):
    journal.import_sets(FORMATS / "strong_comma.csv")
    split = rows(db_path, "select weight_kg, notes from sets where exercise like 'Bulgarian%'")
    assert split == [(14.0, "left side first")]  # float noise cleaned
    carry = rows(db_path, "select weight_kg, distance_m, notes from sets where exercise = 'Farmers Walk'")
    assert carry == [(24.0, 40.0, '"suitcase" carry, one hand')]
    assert rows(db_path, "select duration_s from sessions where name = 'Lower B, light'") == [(3780,)]
    # names that clearly match the program's are mapped; the rest stay as they are
    squats = rows(db_path, "select weight_kg, rpe, pillar from sets where exercise = 'Back squat' order by set_index")
    assert squats == [(60.0, None, "strength"), (80.0, 8.0, "strength"), (80.0, 8.5, "strength")]
    plank = rows(db_path, "select weight_kg, reps, seconds from sets where exercise = 'Plank'")
    assert plank == [(None, None, 60.0)]


def test_strong_weights_in_pounds_convert_exactly(journal, db_path):
    journal.import_sets(FORMATS / "strong_legacy.csv", units="lb")
    got = rows(db_path, "select weight, unit, weight_kg from sets order by rowid limit 1")
    assert got == [(60.0, "lb", 27.215542)]


def test_strong_semicolon_types_rest_and_note_rows(journal, db_path):
    journal.import_sets(FORMATS / "strong_semicolon.csv")
    got = rows(db_path, "select set_type, weight_kg, rest_s, notes from sets where exercise like 'Romanian%' order by set_index")
    assert got == [("warmup", 40.0, None, None), ("working", 70.0, None, None),
                   ("working", 70.0, None, None), ("drop", 50.0, 120, "grip failing")]


def test_hevy_types_times_and_kg(journal, db_path):
    journal.import_sets(FORMATS / "hevy.csv")
    types = rows(db_path, "select set_type, reps, rpe from sets where exercise = 'Back squat' order by set_index")
    assert types == [("warmup", 8, None), ("working", 5, 8.0), ("failure", 4, 10.0)]
    logged = rows(db_path, "select distinct date, logged_at from sets")
    assert logged == [("2026-02-03", "2026-02-03T18:05:00+00:00")]  # London is on UTC in February
    assert rows(db_path, "select duration_s, notes from sessions") == [(56 * 60, "after easy 8k")]


@pytest.mark.parametrize("body, message", [
    ("2025-03-04 07:12:40,A,52m,Squat,1,60,5,0,0,,,\n2025-03-04 07:12:40,A,52m,Squat,2,60,5,0\n",
     "line 3: has 8 columns, the header has 12"),
    ("2025-03-04 07:12:40,A,52m,Squat,1,60,5,0,0,,,\n2025-03-04 07:12:40,A,52m,Squat,2,sixty,5,0,0,,,\n",
     "line 3: Weight: 'sixty' is not a number"),
    ("04/03/2025 07:12,A,52m,Squat,1,60,5,0,0,,,\n", "line 2: Date: '04/03/2025 07:12' is not a date"),
    ("2025-03-04 07:12:40,A,52m,Squat,X,60,5,0,0,,,\n", "line 2: Set Order: 'X' is not a set number"),
])
def test_a_file_broken_on_one_line_imports_nothing_and_names_it(journal, db_path, tmp_path, body, message):
    path = tmp_path / "broken.csv"
    path.write_text("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
                    "Workout Notes,RPE\n" + body, encoding="utf-8")
    with pytest.raises(EntryError) as error:
        journal.import_sets(path)
    assert message in str(error.value)
    assert rows(db_path, "select count(*) from sets") == [(0,)]


def test_an_unknown_file_is_refused(journal, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(EntryError, match="unknown format"):
        journal.import_sets(path)


def test_dry_run_writes_nothing(cli, db_path):
    cli("init", "--program", "runner-beginner", "--start", "2026-09-07")
    result = cli("import", str(FORMATS / "strong_comma.csv"), "--dry-run")
    assert result.exit_code == 0 and "strong: 7 sets, 2025-03-04 to 2025-03-06" in result.stdout
    assert "Dry run" in result.stdout and cli.rows("sets") == 0


def test_durations():
    assert [duration_seconds(t) for t in ("52m", "1h 3m", "45s", "3120", "", "soon")] == [3120, 3780, 45, 3120, None, None]


GENERATED = ('Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n'
             '2026-03-28 18:00:00,"Leg day, heavy",1h,"Squat (Barbell)",1,100,5,0,0,"said ""easy""\nthen not",,9\n'
             '2026-03-29 01:30:00,Nachts,30m,Übung «Ärger»,1,20,10,0,0,,,\n'
             '2026-03-29 18:00:00,Leg day,40m,"Drop; Table sets --",1,50,5,0,0,"\'); DROP TABLE sets; --",,\n')


def test_generated_file_quotes_newlines_unicode_and_a_dst_night(journal, db_path, tmp_path):
    path = tmp_path / "generated.csv"
    path.write_text(GENERATED, encoding="utf-8")
    report = journal.import_sets(path)
    assert report.sets == 3 and report.new == 3
    notes = rows(db_path, "select exercise, notes, logged_at from sets order by logged_at")
    assert notes[0] == ("Back squat", 'said "easy"\nthen not', "2026-03-28T18:00:00+00:00")
    assert notes[1][0] == "Übung «Ärger»"
    # 01:30 does not exist in London on 29 March 2026: it is read as 02:30 BST, i.e. 01:30 UTC
    assert notes[1][2] == "2026-03-29T01:30:00+00:00"
    assert notes[2] == ("Drop; Table sets --", "'); DROP TABLE sets; --", "2026-03-29T17:00:00+00:00")
    first = exported(journal)
    assert '"said ""easy""\nthen not"' in first


def _fresh(tmp_path: Path, name: str) -> Journal:
    return Journal.open(tmp_path / name, FixedClock.at_local("2026-11-26T18:00:00", "Europe/London"))


def test_export_import_export_is_byte_for_byte(journal, tmp_path):
    journal.import_sets(FORMATS / "strong_comma.csv")
    journal.log_set("Back squat", pendulum.date(2026, 9, 8), parse_set_input("62.5x5", journal.units(), rpe="8", tempo="3-1-X-0", notes="felt, \"good\""))
    journal.log_set("Reverse lunge", pendulum.date(2026, 9, 8), parse_set_input("10x8", journal.units(), side="L"))
    first = exported(journal)
    path = tmp_path / "export.csv"
    path.write_text(first, encoding="utf-8", newline="")
    empty = _fresh(tmp_path, "empty.db")
    assert empty.import_sets(path).new == first.count("\r\n") - 1
    assert exported(empty) == first
    assert empty.import_sets(path).new == 0
    empty.close()


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip)
notes = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
                                     min_size=1, max_size=30))
sets = st.lists(st.tuples(names, st.integers(0, 40), st.integers(1, 20), st.sampled_from([None, 6, 7.5, 10]),
                          notes, st.integers(0, 400)), min_size=1, max_size=8)


@given(sets)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_sets_round_trip_through_export_and_import(tmp_path_factory, logged):
    tmp = tmp_path_factory.mktemp("roundtrip")
    source = _fresh(tmp, "a.db")
    source.enrol("runner-beginner", pendulum.date(2026, 9, 7))
    for name, half_kg, reps, rpe, note, day in logged:
        source.log_set(name, pendulum.date(2026, 1, 1).add(days=day), SetInput.at_load(half_kg * 2.5, source.units(), reps=reps, rpe=rpe, notes=note), new=True)
    first = exported(source)
    (tmp / "out.csv").write_text(first, encoding="utf-8", newline="")
    target = _fresh(tmp, "b.db")
    target.import_sets(tmp / "out.csv")
    assert exported(target) == first
    source.close()
    target.close()


def test_read_sets_refuses_a_forced_wrong_format():
    with pytest.raises(EntryError, match="looks like a strong export, not hevy"):
        read_sets((FORMATS / "strong_comma.csv").read_text(), "hevy")


def test_summary_json_of_an_imported_week(cli):
    cli("init", "--program", "runner-beginner", "--start", "2026-09-07")
    assert cli("import", str(FORMATS / "strong_comma.csv")).exit_code == 0
    week = cli.json("summary", "--week", "2025-W10")
    assert week["week"] == "2025-W10" and week["from"] == "2025-03-03"
    assert week["sets"]["total"] == 7 and week["sets"]["hard"] == 2  # the squats at RPE 8 and 8.5
    assert week["volume"]["by_exercise"]["Back squat"] == 60 * 5 + 80 * 5 * 2
    assert week["volume"]["by_exercise"]["Deadlift (Barbell)"] == 300
    assert set(week["wellness"]) >= {"average", "previous_week", "change"}
    assert set(week["load"]) >= {"gym_week", "runs_week", "acute", "chronic", "balance"}
    assert week["load"]["gym_week"] > 0
    assert len(week["charts"]["mondays"]) == 12 and week["charts"]["volume_kg"][-1] == week["volume"]["total_kg"]


def test_training_load_weights_recent_days_more():
    from journal.core.model import Rules
    from journal.core.training_load import RunLoads, training_load

    last = pendulum.date(2026, 9, 20)
    recent = training_load({"2026-09-20": 400.0}, RunLoads({}, {}), last, Rules())
    old = training_load({"2026-08-20": 400.0}, RunLoads({}, {}), last, Rules())
    assert recent.acute > recent.chronic > 0 and recent.balance > 1
    assert old.acute < old.chronic and old.gym_week == 0


def test_daily_values_fall_into_their_monday_to_sunday_week():
    import pendulum

    from journal.core.summary import by_week

    daily = {"2026-11-01": 9.0,  # the Sunday before: not charted
             "2026-11-02": 1.0, "2026-11-08": 2.0,  # first week, Monday and Sunday
             "2026-11-09": 4.0, "2026-11-22": 8.0,  # second and third weeks
             "2026-11-23": 16.0}  # after the last charted week
    assert by_week(daily, pendulum.date(2026, 11, 2), 3) == [[1.0, 2.0], [4.0], [8.0]]


# --- an import never trusts a file's ids over what they say --------------------------------


def two_days_exported(journal: Journal, tmp_path: Path) -> tuple[list[str], dict[str, int]]:
    """An export of one set on 7 Sep and one on 8 Sep, as lines, with its header's column positions."""
    journal.log_set("back squat", START, parse_set_input("40x5", "kg"))
    journal.log_set("back squat", START.add(days=1), parse_set_input("42.5x5", "kg"), new=True)
    lines = exported(journal).splitlines()
    return lines, {name: n for n, name in enumerate(lines[0].split(","))}


def edited(lines: list[str], columns: dict[str, int], line: int, **values: str) -> list[str]:
    cells = lines[line].split(",")
    for name, value in values.items():
        cells[columns[name]] = value
    return lines[:line] + [",".join(cells)] + lines[line + 1:]


def import_lines(journal: Journal, tmp_path: Path, lines: list[str]):
    path = tmp_path / "edited.csv"
    path.write_text("\r\n".join(lines) + "\r\n", newline="")
    return journal.import_sets(path)


def fresh(tmp_path: Path, name: str) -> Journal:
    other = Journal.open(tmp_path / name, FixedClock.at_local("2026-09-08T18:00:00", "Europe/London"))
    other.enrol("runner-beginner", START)
    return other


def test_a_session_id_on_two_dates_in_one_file_is_refused_by_line(journal, tmp_path):
    lines, col = two_days_exported(journal, tmp_path)
    first_session = lines[1].split(",")[col["session_id"]]
    bad = edited(lines, col, 2, session_id=first_session)
    other = fresh(tmp_path, "other.db")
    with pytest.raises(EntryError, match="a session belongs to one date") as refused:
        import_lines(other, tmp_path, bad)
    assert refused.value.field == "line 3: session_id"
    assert rows(tmp_path / "other.db", "select count(*) from sets") == [(0,)]


def test_a_set_dated_away_from_its_stored_session_is_refused(journal, tmp_path, db_path):
    lines, col = two_days_exported(journal, tmp_path)
    first_session = lines[1].split(",")[col["session_id"]]
    moved = edited(lines, col, 2, set_id="6f1c1c3e-1b4f-4a4e-9d1e-2a3b4c5d6e7f", session_id=first_session)
    with pytest.raises(EntryError, match="in your journal, not of 2026-09-08"):
        import_lines(journal, tmp_path, moved[:1] + moved[2:])
    assert rows(db_path, "select count(*) from sets") == [(2,)]


@pytest.mark.parametrize("values, problem", [
    ({"weight": "40", "weight_kg": "400"}, "400 kg disagrees with weight 40 kg"),
    ({"weight": "100", "unit": "lb", "weight_kg": "100"}, "disagrees with weight 100 lb"),
])
def test_weight_and_weight_kg_must_agree_and_the_line_is_named(journal, tmp_path, values, problem):
    lines, col = two_days_exported(journal, tmp_path)
    other = fresh(tmp_path, "other.db")
    with pytest.raises(EntryError, match=problem) as refused:
        import_lines(other, tmp_path, edited(lines, col, 2, **values))
    assert refused.value.field == "line 3: weight_kg"


def test_the_same_set_id_twice_with_other_values_is_refused_not_dropped(journal, tmp_path):
    lines, col = two_days_exported(journal, tmp_path)
    other = fresh(tmp_path, "other.db")
    twice = lines + [edited(lines, col, 1, weight="45", weight_kg="45")[1]]
    with pytest.raises(EntryError, match="also on line 2 with other values"):
        import_lines(other, tmp_path, twice)
    changed = edited(lines, col, 1, weight="45", weight_kg="45", reps="3")
    with pytest.raises(EntryError, match="already in your journal as another set") as refused:
        import_lines(journal, tmp_path, changed)  # the journal holds that id as 40 kg x 5
    assert refused.value.field == "line 2: set_id"
    assert import_lines(journal, tmp_path, lines).new == 0  # the file as exported: nothing new, no clash


def test_sets_with_no_session_id_joining_the_planned_session_are_numbered_after_its_own(journal, tmp_path, db_path):
    lines, col = two_days_exported(journal, tmp_path)
    extra = edited(lines, col, 1, set_id="6f1c1c3e-1b4f-4a4e-9d1e-2a3b4c5d6e70", session_id="", session_start="")
    import_lines(journal, tmp_path, extra[:2])
    numbers = rows(db_path, "select set_index from sets where date = '2026-09-07' order by set_index")
    assert numbers == [(1,), (2,)]
    assert rows(db_path, "select count(distinct session_id) from sets where date = '2026-09-07'") == [(1,)]


SET_COLUMNS_INDEX = {name: n for n, name in enumerate(SET_COLUMNS)}


def journal_rows(count: int) -> list[list[str]]:
    """A journal export's rows: `count` sets of squats, ten a day from 2025-01-06."""
    import uuid

    rows = [list(SET_COLUMNS)]
    for n in range(count):
        day = pendulum.date(2025, 1, 6).add(days=n // 10)
        values = {"set_id": str(uuid.UUID(int=n + 1)), "date": day.isoformat(),
                  "logged_at": f"{day.isoformat()}T18:{n % 10:02d}:00+00:00", "tz": "UTC",
                  "session_id": str(uuid.UUID(int=10**6 + n // 10)), "session_start": f"{day.isoformat()}T18:00:00+00:00",
                  "exercise": "Back squat", "set_index": str(n % 10 + 1), "set_type": "working",
                  "weight": "60", "unit": "kg", "weight_kg": "60", "reps": "5"}
        rows.append([values.get(c, "") for c in SET_COLUMNS])
    return rows


def written(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def test_a_set_id_given_twice_far_apart_is_the_same_set_or_refused_by_both_lines(journal, db_path, tmp_path):
    """The import holds a batch of sets at a time, never the file: a set id on line 4 and again
    past the first two thousand rows is still caught (or, the same set again, stored once)."""
    rows = journal_rows(2500)
    same = written(tmp_path / "same.csv", rows + [rows[3]])
    other = rows + [rows[3][:]]
    other[-1][SET_COLUMNS_INDEX["weight"]] = other[-1][SET_COLUMNS_INDEX["weight_kg"]] = "65"
    with pytest.raises(EntryError, match=r"line 2502: set_id.* is also on line 4 with other values"):
        journal.import_sets(written(tmp_path / "other.csv", other))
    assert rows_in(db_path) == 0
    report = journal.import_sets(same)
    assert (report.sets, report.new, rows_in(db_path)) == (2501, 2500, 2500)


def test_a_dry_run_checks_every_row_against_the_journal_and_says_what_it_would_add(journal, db_path, tmp_path):
    rows = journal_rows(30)
    journal.import_sets(written(tmp_path / "first.csv", rows[:11]))
    clash = [r[:] for r in rows]
    clash[5][SET_COLUMNS_INDEX["reps"]] = "3"  # a set the journal holds, with other values
    with pytest.raises(EntryError, match=r"line 6: set_id.* already in your journal as another set"):
        journal.import_sets(written(tmp_path / "clash.csv", clash), dry_run=True)
    report = journal.import_sets(written(tmp_path / "all.csv", rows), dry_run=True)
    assert (report.sets, report.new, rows_in(db_path)) == (30, 20, 10)


def rows_in(db_path: Path) -> int:
    return rows(db_path, "select count(*) from sets")[0][0]
