"""The command line: the contracts in DESIGN.md and refusing bad input."""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys

import pendulum
import pytest

from journal.core.clock import FixedClock


def test_init_then_plan_gives_the_beginner_week(enrolled_cli):
    days = enrolled_cli.json("plan", "--from", "2026-09-07", "--to", "2026-09-13")["days"]
    kinds = sorted(d["session"]["kind"] for d in days)
    assert kinds == ["mobility", "stability", "strength", "strength"]
    for day in days:
        assert set(day) >= {"date", "program", "block", "session", "readiness", "exercises", "adjustments"}
        assert set(day["block"]) >= {"name", "week", "phase"}
        for exercise in day["exercises"]:
            assert set(exercise) >= {"name", "pillar", "sets", "reps", "weight_kg", "tempo", "rest_s", "why"}
            assert exercise["why"]
    squat = next(e for e in days[0]["exercises"] if e["name"] == "Back squat")
    assert squat["weight_kg"] == 20 and squat["sets"] == 3 and squat["reps"] == 5


def test_today_on_a_rest_day_has_no_session(enrolled_cli):
    day = enrolled_cli.json("today", "--date", "2026-09-08")
    assert day["session"] is None and day["exercises"] == []
    assert day["block"] == {"name": "Base strength", "kind": "base_strength", "week": 1, "weeks": 8, "phase": "build"}


def test_today_defaults_to_the_clock_date(enrolled_cli):
    assert enrolled_cli.json("today")["date"] == "2026-09-08"


def test_init_with_loads_and_bodyweight(cli):
    result = cli("init", "--program", "runner-beginner", "--start", "2026-09-07",
                 "--bodyweight", "70", "--load", "back squat=47.5")
    assert result.exit_code == 0, result.output
    exercises = {e["name"]: e for e in cli.json("today", "--date", "2026-09-10")["exercises"]}
    assert exercises["Trap bar deadlift"]["weight_kg"] == 55.0
    squat = {e["name"]: e for e in cli.json("today", "--date", "2026-09-07")["exercises"]}["Back squat"]
    assert squat["weight_kg"] == 47.5


def test_log_stores_exactly_one_set(enrolled_cli):
    result = enrolled_cli("log", "back", "80x5", "--rpe", "8", "--tempo", "3-1-X-0", "--date", "2026-09-07")
    assert result.exit_code == 0, result.output
    assert "Back squat set 1" in result.stdout
    assert enrolled_cli.rows("sets") == 1


def test_log_in_pounds_keeps_the_unit_and_exact_kilograms(enrolled_cli):
    assert enrolled_cli("log", "Back squat", "175lbx5").exit_code == 0
    import sqlite3

    row = sqlite3.connect(enrolled_cli.db_path).execute("select weight, unit, weight_kg from sets").fetchone()
    assert row == (175.0, "lb", 79.378665)


def test_holds_and_bodyweight(enrolled_cli):
    assert enrolled_cli("log", "plank", "--seconds", "45").exit_code == 0
    assert enrolled_cli("log", "glute", "BWx12").exit_code == 0
    assert enrolled_cli("log", "Reverse lunge", "10x8", "--side", "L").exit_code == 0
    assert enrolled_cli.rows("sets") == 3


def test_new_exercise_needs_new(enrolled_cli):
    refused = enrolled_cli("log", "Sled push", "100x1")
    assert refused.exit_code == 1 and "--new" in refused.stderr
    assert enrolled_cli("log", "Sled push", "100x1", "--new").exit_code == 0
    assert enrolled_cli("log", "sled", "100x1").exit_code == 0  # now known


@pytest.mark.parametrize(
    "args, field",
    [
        (["log", "back", "--", "-80x5"], "weight"),
        (["log", "back", "heavyx5"], "set"),
        (["log", "back", "80x0"], "reps"),
        (["log", "back", "80x2.5"], "reps"),
        (["log", "back", "nanx5"], "weight"),
        (["log", "back", "infx5"], "weight"),
        (["log", "back", "9999x5"], "weight"),
        (["log", "back", "80x5", "--tempo", "fast"], "tempo"),
        (["log", "back", "80x5", "--rpe", "11"], "rpe"),
        (["log", "back", "80x5", "--rpe", "7.3"], "rpe"),
        (["log", "back", "80x5", "--side", "X"], "side"),
        (["log", "back", "80x5", "--date", "2026-02-30"], "date"),
        (["log", "zzz", "80x5"], "exercise"),
        (["log", "plank", "--seconds", "-4"], "seconds"),
        (["log", "plank"], "set"),
        (["wellness", "--sleep", "7", "--sleep-quality", "6", "--soreness", "2", "--fatigue", "2",
          "--stress", "2", "--mood", "4", "--motivation", "4"], "sleep-quality"),
        (["wellness", "--sleep", "25", "--sleep-quality", "3", "--soreness", "2", "--fatigue", "2",
          "--stress", "2", "--mood", "4", "--motivation", "4"], "sleep"),
        (["assess", "knee_to_wall_cm", "45"], "knee_to_wall_cm"),
        (["assess", "vertical_jump", "30"], "test"),
        (["emphasis", "flat_feet"], "emphasis"),
        (["today", "--date", "tomorrowish"], "date"),
        (["plan", "--from", "2026-09-10", "--to", "2026-09-01"], "to"),
        (["init", "--program", "runner-olympian"], "program"),
    ],
)
def test_bad_input_is_one_line_naming_the_field_and_writes_nothing(enrolled_cli, args, field):
    counts = {t: enrolled_cli.rows(t) for t in ("sets", "wellness", "assessments", "enrolments")}
    result = enrolled_cli(*args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"journal: {field}:"), result.stderr
    assert "Traceback" not in result.output
    assert {t: enrolled_cli.rows(t) for t in counts} == counts


def test_unknown_program_creates_no_file(cli):
    result = cli("init", "--program", "nope")
    assert result.exit_code == 1
    assert not cli.db_path.exists()


def test_read_commands_need_a_journal(cli):
    result = cli("today")
    assert result.exit_code == 1 and "journal init" in result.stderr
    assert not cli.db_path.exists()


def test_newer_database_refused_by_every_command(cli):
    import sqlite3

    with sqlite3.connect(cli.db_path) as conn:
        conn.execute("pragma user_version = 99")
    conn.close()
    before = hashlib.sha256(cli.db_path.read_bytes()).hexdigest()
    for args in (["today"], ["log", "squat", "80x5"], ["init", "--program", "runner-beginner"]):
        result = cli(*args)
        assert result.exit_code == 1 and "newer journal" in result.stderr
    assert hashlib.sha256(cli.db_path.read_bytes()).hexdigest() == before


def test_usage_errors_exit_2(enrolled_cli):
    assert enrolled_cli("log").exit_code == 2
    assert enrolled_cli("frobnicate").exit_code == 2


def test_check_program(cli, tmp_path):
    from journal.core.program import shipped_programs

    good = tmp_path / "good.toml"
    good.write_text(shipped_programs()["runner-beginner"])
    assert cli("check-program", str(good)).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(shipped_programs()["runner-beginner"].replace('tempo = "3-1-X-0"', 'tempo = "3-1-Z-0"', 1)
                   .replace("weeks = 8", 'weeks = "eight"', 1))
    result = cli("check-program", str(bad))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    text = bad.read_text().splitlines()
    weeks_line = text.index('weeks = "eight"') + 1
    tempo_line = next(n for n, line in enumerate(text, start=1) if "3-1-Z-0" in line)
    assert any(f":line {weeks_line}: blocks[0].weeks:" in l for l in lines), lines
    assert any("tempo" in l and f":line {tempo_line}:" in l for l in lines), lines


def test_programs_lists_both(cli):
    names = [p["name"] for p in cli.json("programs")["programs"]]
    assert names == ["runner-beginner", "runner-experienced"]


def test_wellness_assess_emphasis(enrolled_cli):
    ok = enrolled_cli("wellness", "--sleep", "7.5", "--sleep-quality", "4", "--soreness", "2", "--fatigue", "2",
                      "--stress", "2", "--mood", "4", "--motivation", "5", "--date", "2026-09-07")
    assert ok.exit_code == 0, ok.output
    assert enrolled_cli.json("today", "--date", "2026-09-07")["readiness"] > 70
    assert enrolled_cli("assess", "knee_to_wall_cm", "11", "--side", "L").exit_code == 0
    assert enrolled_cli.rows("assessments") == 1
    assert enrolled_cli("emphasis", "overpronation").exit_code == 0
    names = [e["name"] for e in enrolled_cli.json("today", "--date", "2026-09-07")["exercises"]]
    assert "Tibialis raise" in names


def test_the_installed_command_runs_without_a_terminal(tmp_path):
    env = dict(os.environ, JOURNAL_DB=str(tmp_path / "j.db"), JOURNAL_NOW="2026-09-08T07:00:00",
               JOURNAL_TZ="America/New_York")
    run = [sys.executable, "-m", "journal.cli"]
    init = subprocess.run(run + ["init", "--program", "runner-experienced"], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert init.returncode == 0, init.stderr
    today = subprocess.run(run + ["today", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert '"date": "2026-09-08"' in today.stdout


def test_run_add_then_the_plan_names_the_run(enrolled_cli):
    result = enrolled_cli("run", "add", "--date", "2026-09-08", "--kind", "quality", "--title", "Track 6x800")
    assert result.exit_code == 0, result.output
    monday = enrolled_cli.json("today", "--date", "2026-09-07")
    assert any("Track 6x800" in a for a in monday["adjustments"])
    assert enrolled_cli.rows("runs") == 1


@pytest.mark.parametrize("args, message", [
    (["--kind", "jog"], "kind: 'jog' is not one of"),
    (["--kind", "race", "--priority", "D"], "priority: 'D' is not one of A, B, C"),
    (["--kind", "easy", "--minutes", "-3"], "minutes: '-3' is not between"),
    (["--kind", "easy", "--time", "25:00"], "time: '25:00' is not HH:MM"),
    (["--kind", "easy", "--to", "2026-09-12"], "to: only travel takes a range"),
])
def test_run_add_refuses_bad_input_and_writes_nothing(enrolled_cli, args, message):
    result = enrolled_cli("run", "add", "--date", "2026-09-08", *args)
    assert result.exit_code == 1 and message in result.stderr
    assert enrolled_cli.rows("runs") == 0


def test_travel_range_adds_one_day_each(enrolled_cli):
    result = enrolled_cli("run", "add", "--date", "2026-09-10", "--to", "2026-09-12", "--kind", "travel")
    assert result.exit_code == 0 and enrolled_cli.rows("runs") == 3
    thursday = enrolled_cli.json("today", "--date", "2026-09-10")
    assert thursday["session"]["kind"] == "mobility" and "travel" in thursday["adjustments"][0]


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/London:20260909T071500\r
DTEND;TZID=Europe/London:20260909T081500\r
SUMMARY:Threshold 3x10 min\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260913\r
SUMMARY:Long run\r
 , easy pace\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20261004T080000Z\r
SUMMARY:Chester Marathon (A)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_run_import_ics_infers_kinds_and_a_second_import_adds_nothing(enrolled_cli, tmp_path):
    path = tmp_path / "plan.ics"
    path.write_text(ICS, encoding="utf-8")
    first = enrolled_cli("run", "import", str(path))
    assert first.exit_code == 0 and "Added 3 runs" in first.stdout
    again = enrolled_cli("run", "import", str(path))
    assert "Added 0 runs, merged 0 into runs already here, 3 already there." in again.stdout
    assert enrolled_cli.rows("runs") == 3
    taper = enrolled_cli.json("today", "--date", "2026-09-28")
    assert taper["block"]["phase"] == "taper"
    assert any("Chester Marathon" in a for a in taper["adjustments"])


def test_run_import_csv_refuses_a_bad_line_whole(enrolled_cli, tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text("date,kind,minutes,km,rpe,priority\n2026-09-08,easy,40,7,4,\n"
                    "2026-09-09,quality,55,ten,8,\n", encoding="utf-8")
    result = enrolled_cli("run", "import", str(path))
    assert result.exit_code == 1 and "line 3: km: 'ten' is not a number" in result.stderr
    assert enrolled_cli.rows("runs") == 0


def test_why_json_names_the_verdict_and_the_next_load(enrolled_cli):
    for week, kg in enumerate(("20", "22.5", "25")):  # one increment a week: the program's ramp
        day = pendulum_date(2026, 9, 7 + 7 * week)
        for _ in range(3):
            assert enrolled_cli("log", "Back squat", f"{kg}x5", "--rpe", "7", "--date", day).exit_code == 0
    for _ in range(2):  # the deload week's two sets: no break before the next microcycle
        assert enrolled_cli("log", "Back squat", "22.5x5", "--rpe", "6", "--date", "2026-09-28").exit_code == 0
    early = enrolled_cli.json("why", "back squat", "--date", "2026-09-20")
    assert early["verdict"] is None and early["target_weight_kg"] == 20
    # The next load is the plan's: Monday 21 Sep is the microcycle's third build week, two steps up.
    assert (early["next_date"], early["next_weight_kg"]) == ("2026-09-21", 25)
    judged = enrolled_cli.json("why", "back squat", "--date", "2026-10-05")
    assert judged["exercise"] == "Back squat" and judged["verdict"] == "progress"
    assert judged["next_weight_kg"] == 22.5 and judged["reasons"] and len(judged["evidence"]) == 9
    text = enrolled_cli("why", "back squat", "--date", "2026-10-05").stdout
    assert "Back squat: progress" in text and "Next: 22.5 kg" in text


def pendulum_date(year, month, day):
    import pendulum

    return pendulum.date(year, month, 1).add(days=day - 1).isoformat()


def test_backup_copies_what_is_committed_while_another_copy_writes(enrolled_cli, tmp_path):
    import sqlite3

    assert enrolled_cli("log", "Back squat", "60x5").exit_code == 0
    writer = sqlite3.connect(enrolled_cli.db_path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("delete from sets")  # not committed: the backup must not see it
    target = tmp_path / "copy.db"
    result = enrolled_cli("backup", str(target))
    writer.rollback()
    writer.close()
    assert result.exit_code == 0 and str(target) in result.stdout
    with sqlite3.connect(target) as copy:
        assert copy.execute("select count(*) from sets").fetchone()[0] == 1
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    refused = enrolled_cli("backup", str(target))
    assert refused.exit_code == 1 and "already exists" in refused.stderr


@pytest.fixture
def screens_opened(monkeypatch):
    """`journal` with no command, with the screen's run replaced by a note of what it would show."""
    from journal.tui.app import JournalApp

    opened: list[tuple] = []

    def run(app) -> None:
        opened.append((app.day, app.journal.path, app.journal.path.exists()))
        app.journal.close()

    monkeypatch.setattr(JournalApp, "run", run)
    yield opened
    gc.unfreeze()  # opening the screen froze what the test process had made: give it back to the collector


def test_journal_with_no_command_opens_the_screen_on_its_day(enrolled_cli, screens_opened, db_path):
    assert enrolled_cli("--date", "2026-09-10").exit_code == 0
    assert screens_opened == [(pendulum.date(2026, 9, 10), db_path, True)]


def test_the_collector_is_paused_while_the_screen_is_made_and_back_once_it_runs(enrolled_cli, screens_opened,
                                                                               monkeypatch):
    """The imports and the first read make objects that live as long as the process: no collection
    walks them while they are made, and they are frozen out of full collections before the screen
    runs, which then runs with the collector on. A screen that cannot open leaves it on too."""
    from journal.tui import app

    collecting = []
    made = app.make_app

    def noting(*args, **kwargs):
        collecting.append(gc.isenabled())
        return made(*args, **kwargs)

    monkeypatch.setattr(app, "make_app", noting)
    def run(opened) -> None:
        collecting.append((gc.isenabled(), gc.get_freeze_count() > 0))
        opened.journal.close()

    monkeypatch.setattr(app.JournalApp, "run", run)
    assert enrolled_cli("--date", "2026-09-10").exit_code == 0
    assert collecting == [False, (True, True)]
    assert enrolled_cli("--date", "2099-01-01").exit_code == 1
    assert collecting[2:] == [False] and gc.isenabled()


def test_the_console_script_leaves_dateutils_parser_unloaded_until_something_uses_it():
    """pendulum imports dateutil's parser for text that is not ISO 8601, which the journal never
    gives it: the console script makes it lazy, so the morning path does not load it (nor
    dateutil's time zones), and whatever does use it still gets it."""
    code = """
import sys
from journal.start import defer_dateutil
defer_dateutil()
import pendulum, sqlite_utils.recipes
print(pendulum.parse("2026-11-30T07:00:00", tz="Europe/London").isoformat())
print(sorted(name for name in ("dateutil.parser._parser", "dateutil.tz") if name in sys.modules))
print(pendulum.parse("30 Nov 2026 07:15", strict=False).isoformat())
print(sqlite_utils.recipes.parsedate("30 November 2026"))
print("dateutil.parser._parser" in sys.modules, "dateutil.tz" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["2026-11-30T07:00:00+00:00", "[]", "2026-11-30T07:15:00+00:00",
                                        "2026-11-30", "True True"]


def test_journal_refuses_a_day_it_cannot_plan_before_the_screen_opens(enrolled_cli, screens_opened):
    result = enrolled_cli("--date", "2099-01-01")
    assert result.exit_code == 1 and "date: 2099-01-01" in result.output
    assert screens_opened == []


def test_the_demo_opens_a_populated_journal_and_leaves_no_folder_behind(cli, screens_opened):
    assert cli("--demo", db=False).exit_code == 0
    [(day, path, existed)] = screens_opened
    assert existed and path.name == "demo.db"
    assert day == pendulum.date(2026, 9, 9)  # Tuesday is a rest day: it opens on the next session's day
    assert not path.parent.exists()  # the throwaway folder went with the screen


@pytest.mark.parametrize("args, expected", [
    ([], {}), (["--db", "j.db"], {"db": "j.db"}), (["--db=j.db", "--date", "today", "--demo"],
                                                   {"db": "j.db", "date": "today", "demo": True}),
    (["today"], None), (["--db"], None), (["--help"], None), (["--version"], None), (["--db", "a", "--db", "b"], None),
])
def test_the_console_script_opens_the_screen_without_the_command_parser_only_for_screen_options(args, expected):
    from journal.cli import screen_options

    assert screen_options(args) == expected


def test_the_console_script_opens_the_screen_refuses_a_bad_day_and_hands_commands_on(
        enrolled_cli, screens_opened, db_path, monkeypatch, capsys):
    from journal.cli import main as journal

    monkeypatch.setenv("JOURNAL_NOW", "2026-09-08T18:00:00")
    monkeypatch.setenv("JOURNAL_TZ", "Europe/London")
    assert journal(["--db", str(db_path), "--date", "2026-09-10"]) == 0
    assert screens_opened == [(pendulum.date(2026, 9, 10), db_path, True)]
    assert journal(["--db", str(db_path), "--date", "2099-01-01"]) == 1
    assert "journal: date: 2099-01-01" in capsys.readouterr().err
    with pytest.raises(SystemExit) as finished:
        journal(["--db", str(db_path), "today"])
    assert finished.value.code == 0 and "2026-09-08" in capsys.readouterr().out


@pytest.mark.parametrize("now, start", [("2026-09-13T18:00:00", "2026-09-14"), ("2026-09-14T07:00:00", "2026-09-14"),
                                        ("2026-09-16T07:00:00", "2026-09-21")])
def test_init_without_a_start_begins_on_the_coming_monday(db_path, now, start):
    from tests.conftest import Cli

    cli = Cli(db_path, FixedClock.at_local(now, "Europe/London"))
    result = cli("init", "--program", "runner-beginner")
    assert result.exit_code == 0 and f"from {start}" in result.output


def test_init_over_a_journal_refuses_naming_force_and_changes_nothing(enrolled_cli):
    enrolled_cli("log", "back squat", "20x5")
    before = enrolled_cli.json("today")
    result = enrolled_cli("init", "--program", "runner-experienced", "--units", "lb")
    assert result.exit_code == 1
    assert "--force" in result.stderr and "already a journal" in result.stderr
    assert enrolled_cli.json("today") == before
    assert enrolled_cli.rows("enrolments") == 1


def test_init_with_force_keeps_a_backup_of_the_journal_it_replaces(enrolled_cli, tmp_path):
    import sqlite3

    enrolled_cli("log", "back squat", "20x5")
    result = enrolled_cli("init", "--program", "runner-experienced", "--units", "lb", "--force")
    assert result.exit_code == 0, result.output
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("journal-") and p.suffix == ".db"]
    assert len(kept) == 1 and str(kept[0]) in result.output
    with sqlite3.connect(kept[0]) as conn:
        assert conn.execute("select program, units from enrolments").fetchall() == [("runner-beginner", "kg")]
        assert conn.execute("select count(*) from sets").fetchone() == (1,)
    assert enrolled_cli.rows("sets") == 1  # the sets stay in the journal too


def test_a_load_keeps_the_unit_it_is_given_whatever_the_journal_unit(cli, tmp_path):
    result = cli("init", "--program", "runner-beginner", "--start", "2026-09-07", "--units", "lb",
                 "--load", "squat=60kg", "--load", "trap bar=135lb")
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(cli.db_path) as conn:
        loads = dict(conn.execute("select exercise, weight_kg from start_loads"))
    assert 57 < loads["Back squat"] <= 60.0  # 60 kg made with lb plates (130 lb), not 60 lb (27 kg)
    assert abs(loads["Trap bar deadlift"] - 135 * 0.45359237) < 1e-6


def test_an_unknown_tz_is_said_once_on_stderr(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in __import__("os").environ.items() if k not in ("JOURNAL_TZ", "JOURNAL_NOW")}
    env.update(TZ="Mars/Olympus", JOURNAL_DB=str(tmp_path / "j.db"))
    result = subprocess.run([sys.executable, "-m", "journal.cli", "programs"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("TZ='Mars/Olympus' is not a timezone this machine knows") == 1
    env["TZ"] = "Europe/Paris"
    quiet = subprocess.run([sys.executable, "-m", "journal.cli", "programs"], env=env, capture_output=True,
                           text=True, timeout=60)
    assert quiet.stderr == ""


def test_timezone_warning_only_for_a_zone_this_machine_does_not_know():
    from journal.core.clock import timezone_warning

    assert timezone_warning({"TZ": "Europe/London"}) is None
    assert timezone_warning({"TZ": ":Europe/London"}) is None
    assert timezone_warning({}) is None
    assert timezone_warning({"TZ": "Nowhere/Atlantis", "JOURNAL_TZ": "UTC"}) is None  # the journal's own wins
    assert "runs in UTC" in timezone_warning({"TZ": "Nowhere/Atlantis"})


def test_readiness_is_one_whole_number_everywhere(enrolled_cli):
    """#22 item 22: the screen said 78 and the check-in 77.7 for the same morning."""
    day = "2026-09-07"
    saved = enrolled_cli("wellness", "--date", day, "--sleep", "7.5", "--sleep-quality", "4", "--soreness", "2",
                         "--fatigue", "2", "--stress", "2", "--mood", "4", "--motivation", "4")
    assert saved.stdout.strip().endswith("readiness 78")
    assert " · readiness 78" in enrolled_cli("today", "--date", day).stdout.splitlines()[0]
