"""The screen never touches the journal file on its own thread, and a journal is used only by
the thread that opened it (its SQLite connection is not shared)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from journal.core.journal import Journal, WrongThread

from .conftest import SIZE, press_each, rows, settle

FORMATS = Path(__file__).parent.parent / "formats"


@pytest.fixture
def journal_calls(monkeypatch):
    """Every public Journal method called while the test runs, with the thread it ran on."""
    calls: list[tuple[str, int]] = []
    methods: dict[str, object] = {}
    for cls in reversed(Journal.__mro__[:-1]):  # the facade's own and those of what it is made of
        methods.update(vars(cls))
    for name, method in methods.items():
        if name.startswith("_") or not callable(method) or isinstance(method, (classmethod, staticmethod, type)):
            continue

        def recorded(self, *args, __name=name, __method=method, **kwargs):
            calls.append((__name, threading.get_ident()))
            return __method(self, *args, **kwargs)

        monkeypatch.setattr(Journal, name, recorded)
    return calls


async def test_no_journal_call_runs_on_the_ui_thread(app_factory, journal_calls, tmp_path):
    app = app_factory(check_in=True)
    journal_calls.clear()  # the set-up's own calls, before the screen, do not count
    async with app.run_test(size=SIZE) as pilot:
        ui_thread = threading.get_ident()
        await settle(pilot)
        await pilot.press("escape")  # the check-in that opened by itself
        await settle(pilot)
        await pilot.press("j", "enter")  # log, skip, undo, note, edit+log
        await settle(pilot)
        await press_each(pilot, "s", "u", "y", "n")
        await pilot.press(*"ok", "enter")
        await settle(pilot)
        await pilot.press("2", "5", "ctrl+s")
        await settle(pilot)
        for key in ("w", "p", "h", "S", "x", "g", "i"):  # every screen behind a key, and back
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
    called = {name for name, _ in journal_calls}
    assert {"training_day", "records_of", "skip_set", "undo_last", "note_set", "log_set",
            "latest_wellness", "planned_sessions", "exercise_history", "summary", "equipment"} <= called
    on_ui = sorted({name for name, thread in journal_calls if thread == ui_thread})
    assert on_ui == []
    assert rows(app, "select set_index, notes, weight_kg from sets order by set_index") == [(1, "ok", 20.0), (2, None, 25.0)]


async def test_the_morning_screen_is_read_before_the_app_runs(app_factory, journal_calls):
    """The day, the check-in the form starts from and the coach's check of the day are read once, on
    the journal's thread, before the app runs: read beside the screen's first layout, the two
    threads took turns with Python's lock and the first frame came later."""
    from journal.tui.screens.today import TodayScreen
    from journal.tui.screens.wellness import WellnessScreen
    from journal.tui.widgets.exercise_table import ExerciseTable

    on_screen = ("training_day", "latest_wellness", "self_check")
    app = app_factory(check_in=True)
    before = [(name, thread) for name, thread in journal_calls if name in on_screen]
    # The file's check is made aside from the start: the read stores no checkpoint before it is in.
    assert [name for name, _ in journal_calls if name in ("expect_file_check", "training_day")][-2:] == [
        "expect_file_check", "training_day"]
    journal_calls.clear()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = app.screen_stack[-2]
        assert isinstance(app.screen, WellnessScreen) and isinstance(today, TodayScreen)
        assert today.query_one(ExerciseTable).row_count == len(today.planned.exercises) > 0
    assert [name for name, _ in before] == list(on_screen)
    assert threading.get_ident() not in {thread for _, thread in before}
    assert [name for name, _ in journal_calls if name in on_screen] == []


def test_a_journal_refuses_a_thread_that_did_not_open_it(tmp_path, strength_day_clock):
    journal = Journal.open(tmp_path / "journal.db", strength_day_clock)
    journal.enrol("runner-beginner", strength_day_clock.now().date())
    failures: list[BaseException] = []

    def use_it() -> None:
        try:
            journal.plan(journal.today())
        except BaseException as error:  # noqa: BLE001 - the test reports what was raised
            failures.append(error)

    thread = threading.Thread(target=use_it)
    thread.start()
    thread.join()
    journal.close()
    assert len(failures) == 1 and isinstance(failures[0], WrongThread)


async def test_a_result_that_comes_back_to_a_widget_being_removed_is_not_painted(app_factory):
    """Textual cancels a widget's workers once it is removed, but the journal's answer can arrive
    while it is being removed (once in CI: the Today screen's read came back as the app closed,
    its widgets already gone, and failed the app). The worker stops there instead."""
    import asyncio
    import time

    from textual import work
    from textual.containers import Vertical
    from textual.widgets import Static
    from textual.worker import WorkerCancelled, WorkerState

    release, answered, painted = threading.Event(), threading.Event(), []

    class Probe(Vertical):
        def compose(self):
            yield from (Static(f"line {n}") for n in range(20))

        @work
        async def read(self) -> None:
            await self.app.journal.run(lambda journal: release.wait(10) and answered.set())
            painted.append(len(self.query(Static)))  # where a screen's worker paints its widgets

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        probe = Probe(id="probe")
        await app.screen.mount(probe)
        reading = probe.read()
        await pilot.pause()
        release.set()
        answered.wait(5)
        time.sleep(0.05)  # the answer handed back to the screen's loop, which this test holds
        removed = probe.remove()  # marked as going at once; its lines go first, in the loop's turns
        with pytest.raises(WorkerCancelled):
            await asyncio.wait_for(reading.wait(), 5)
        await removed
        assert reading.state == WorkerState.CANCELLED and painted == [] and app.is_running
