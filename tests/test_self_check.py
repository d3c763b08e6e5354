"""The plan checks itself: `check-program` lives a program file through random calendars, and
`today`, `plan` and the Today screen check the coach's promises over what they show."""

from __future__ import annotations

from journal.core import day_plan
from journal.core.program import shipped_programs

from tests.conftest import START


def without_race_recovery(monkeypatch) -> None:
    monkeypatch.setattr(day_plan, "DAY_RULES", tuple(r for r in day_plan.DAY_RULES
                                                     if r is not day_plan.spare_legs_after_a_race))


def test_check_program_lives_the_file_through_random_calendars(cli, tmp_path, monkeypatch):
    program = tmp_path / "mine.toml"
    program.write_text(shipped_programs()["runner-beginner"])
    kept = cli("check-program", str(program), "--calendars", "3", "--weeks", "26", db=False)
    assert kept.exit_code == 0 and "Lived 3 random calendars of 26 weeks: every promise kept." in kept.stdout
    without_race_recovery(monkeypatch)  # a coach that no longer rests the legs after a race
    broken = cli("check-program", str(program), "--calendars", "3", "--weeks", "26", "--seed", "4", db=False)
    assert broken.exit_code == 1
    assert "legs rest around races and key runs" in broken.stderr and "calendar " in broken.stderr


def test_today_and_plan_say_when_the_coach_broke_a_promise(enrolled_cli, monkeypatch):
    race = START.add(days=6)  # a Sunday marathon: the next week is its recovery
    assert enrolled_cli("run", "add", "--date", race.isoformat(), "--kind", "race", "--priority", "A",
                        "--km", "42.2").exit_code == 0
    day = START.add(days=10)  # Thursday's Lower B, four days after
    assert "coach check" not in enrolled_cli("today", "--date", day.isoformat()).stderr
    without_race_recovery(monkeypatch)
    today = enrolled_cli("today", "--date", day.isoformat())
    assert today.exit_code == 0 and "coach check: " in today.stderr and "Trap bar deadlift" in today.stderr
    week = enrolled_cli("plan", "--from", day.isoformat(), "--to", day.add(days=6).isoformat())
    assert "coach check: " in week.stderr
