"""Two Today screens open on one journal file, pressing keys in turn: the file ends up with
exactly the prescription, each set once, and each screen labels a row by its stored side."""

from __future__ import annotations

from journal.core.clock import FixedClock
from journal.core.journal import Journal
from journal.tui.app import make_app

from .conftest import START, TZ, open_on, rows, settle


def two_screens(tmp_path):
    clock = FixedClock.at_local("2026-09-14T18:00:00", TZ)
    path = tmp_path / "journal.db"
    journal = Journal.open(path, clock)
    journal.enrol("runner-beginner", START, loads={"Back squat": 60.0})
    journal.close()
    apps = [make_app(path, clock, check_in=False) for _ in range(2)]
    for app in apps:
        app.db_path = path
    return apps


async def press_in_turn(pilots, key: str, times: int) -> None:
    for n in range(times):
        pilot = pilots[n % 2]
        await pilot.press(key)
        await settle(pilot)


async def test_enter_on_two_screens_in_turn_logs_the_warm_ups_and_sets_once(tmp_path):
    first, second = two_screens(tmp_path)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await open_on(first, one, "Back squat")
        await open_on(second, two, "Back squat")
        squat = first.screen.focused_exercise()
        warm_ups = len(squat.warmups)
        assert warm_ups >= 2
        # Each screen's view is stale by the other's last set every time it presses.
        await press_in_turn([one, two], "enter", warm_ups + 3 + 2)
        stored = rows(first, "select set_type, set_index, weight_kg, reps from sets where exercise = 'Back squat' "
                             "order by set_index")
        assert [r[0] for r in stored] == ["warmup"] * warm_ups + ["working"] * 3
        assert [r[1] for r in stored] == list(range(1, warm_ups + 4))  # no set number twice
        assert all(r[2] == squat.weight_kg and r[3] == squat.target_reps for r in stored if r[0] == "working")
        assert rows(first, "select count(*) from sessions") == [(1,)]


async def test_one_sided_sets_from_two_screens_alternate_sides_and_show_their_own(tmp_path):
    first, second = two_screens(tmp_path)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await open_on(first, one, "Reverse lunge")
        await open_on(second, two, "Reverse lunge")
        await press_in_turn([one, two], "enter", 3)
        stored = rows(first, "select side from sets where exercise = 'Reverse lunge' order by set_index")
        assert [r[0] for r in stored] == ["L", "R", "L"]
        for app, pilot in ((first, one), (second, two)):
            app.screen.reload()
            await settle(pilot)
            text = app.screen.query_one("#sets").text
            assert "✓ 1L" in text and "✓ 1R" in text and "✓ 2L" in text
            for line in text.splitlines():
                if line.strip().startswith("✓"):
                    label_side = line.split()[1][-1]
                    assert line.rstrip().endswith(label_side) or f"  {label_side}" in line


async def test_a_skip_from_a_stale_screen_adds_nothing_once_the_other_finished_the_exercise(tmp_path):
    first, second = two_screens(tmp_path)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await open_on(first, one, "Glute bridge")
        await open_on(second, two, "Glute bridge")
        sets = first.screen.focused_exercise().sets
        for _ in range(sets):
            await one.press("enter")
            await settle(one)
        await two.press("s")
        await settle(two)
        stored = rows(first, "select set_type from sets where exercise = 'Glute bridge'")
        assert stored == [("working",)] * sets
        assert len(second.screen.logged["Glute bridge"]) == sets  # it reread the file
