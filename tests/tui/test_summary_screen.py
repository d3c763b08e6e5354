"""The Summary screen (S) and the export dialog (x): what a lifter sees and what lands on disk."""

from __future__ import annotations

from journal.core.entry import parse_check_in, parse_set_input
from .conftest import SIZE, START, plain

SUNDAY = "2026-09-20T19:00:00"  # end of week 2


def two_weeks(journal):
    for week in range(2):
        for n in range(7):
            day = START.add(weeks=week, days=n)
            journal.check_in(parse_check_in(day, sleep_h=7 if n % 2 else 8, sleep_quality=4, soreness=2 + week, fatigue=2,
                             stress=2, mood=4, motivation=4))
        monday = START.add(weeks=week)
        for reps in (5, 5, 5 + week):
            journal.log_set("Back squat", monday, parse_set_input(f"{20 + 2.5 * week}x{reps}", journal.units(), rpe="8", tempo="3-1-X-0"))
        journal.log_set("Trap bar deadlift", monday.add(days=3), parse_set_input("40x5", journal.units(), rpe="7"))
        journal.add_run(monday.add(days=6), "long", minutes=90, km=16, rpe=6)


async def _open_summary(app, pilot):
    await pilot.press("S")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_summary_shows_the_week_and_moves_between_weeks(app_factory):
    app = app_factory(when=SUNDAY, setup=two_weeks)
    async with app.run_test(size=SIZE) as pilot:
        await _open_summary(app, pilot)
        title = str(app.screen.query_one("#summary-title").render())
        assert "Week 2026-W38" in title and "2026-09-14 to 2026-09-20" in title
        text = plain(app.screen.query_one("#summary-text"))
        squat = next(line for line in text.splitlines() if line.startswith("Back squat"))
        assert squat.split() == ["Back", "squat", "22.5", "kg", "×", "6", "28.5", "kg", "+3.8", "kg", "e1RM"], squat
        # Charts: Monday dates along the bottom, values with their unit up the side.
        volume = plain(app.screen.query_one("#chart-volume"))
        assert "20 Sep" not in volume and "14 Sep" in volume.splitlines()[-1]
        assert any(line.strip().startswith("0 kg┤") for line in volume.splitlines())
        e1rm = plain(app.screen.query_one("#chart-e1rm"))
        assert "kg┤" in e1rm and "14 Sep" in e1rm.splitlines()[-1]
        assert "Soreness is rising" in text
        await pilot.press("left_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2026-W37" in str(app.screen.query_one("#summary-title").render())


async def test_x_exports_this_week_to_a_file_beside_the_journal(app_factory):
    app = app_factory(when=SUNDAY, setup=two_weeks)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = app.db_path.parent / "journal-2026-W38.csv"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("set_id,date,logged_at") and len(lines) == 1 + 4
    assert all(",2026-09-1" in line for line in lines[1:])
    assert not list(app.db_path.parent.glob("*.partial"))


def test_summary_snapshot(app_factory, snap_compare):
    app = app_factory(when=SUNDAY, setup=two_weeks)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_summary_before)


def test_summary_snapshot_at_80x24(app_factory, snap_compare):
    app = app_factory(when=SUNDAY, setup=two_weeks)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_summary_before)


async def _open_summary_before(pilot):
    await _open_summary(pilot.app, pilot)


def test_summary_snapshot_in_a_light_theme(app_factory, snap_compare):
    """The charts take the theme's colours, so they read on a light terminal too."""
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await _open_summary(pilot.app, pilot)
        pilot.app.screen.query_one("#summary-body").scroll_end(animate=False)
        await pilot.pause()

    app = app_factory(when=SUNDAY, setup=two_weeks)
    assert snap_compare(app, terminal_size=(80, 24), run_before=light)
