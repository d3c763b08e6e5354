"""The thread that owns the journal file for the screen.

SQLite connections belong to the thread that opened them, and the screen's event loop
must never wait on the disk (a write can wait seconds for another copy of the journal).
So the screen opens its journal on one background thread and hands it every read and
write, in order; screens await the result from an async worker and paint it.
One thread rather than one per worker: writes and the reads after them stay in the
order the lifter made them, and there is one connection to open, not one per key.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.worker import NoActiveWorker, get_current_worker

if TYPE_CHECKING:
    from pendulum import Date

    from ..core.clock import Clock
    from ..core.journal import Journal

T = TypeVar("T")


class JournalThread:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        self._journal: Journal | None = None
        self.path: Path | None = None

    def open(self, db: str | Path, day: Date) -> None:
        """Open the journal on its thread, checking that `day` can be planned, and wait for it:
        its errors are raised here, to the caller, before any screen starts."""
        from ..core.journal import Journal

        def open_it() -> Journal:
            journal = Journal.open(db, self.clock, create=False)
            try:
                journal.check_plannable(day)
            except BaseException:
                journal.close()
                raise
            journal.expect_file_check()  # made aside, once this returns
            return journal

        try:
            self._journal = self._executor.submit(open_it).result()
        except BaseException:
            self.close()
            raise
        self.path = self._journal.path
        # The file's check, beside the screen's first reads rather than queued before them: the
        # first set then does not wait for it either.
        threading.Thread(target=self._check_aside, args=(self._journal,), name="journal-check", daemon=True).start()

    def _check_aside(self, journal: Journal) -> None:
        from ..core.journal import quick_check_aside

        damage = quick_check_aside(journal.path)
        try:
            self._executor.submit(journal.take_file_check, damage)
        except RuntimeError:  # the screen closed first; the check goes with it
            pass

    async def start_new(self, db: str | Path, program: str, start: Date, units: str, bodyweight: str | None,
                        loads: dict[str, str] | None = None, equipment: dict[str, str] | None = None) -> None:
        """Make a journal at `db`, enrolled in a program, on this thread; it is then the one open."""
        from ..core.journal import start_journal

        def make() -> Journal:
            return start_journal(db, self.clock, program, start, units, bodyweight, loads, equipment)[0]

        self._journal = await asyncio.get_running_loop().run_in_executor(self._executor, make)
        self.path = self._journal.path

    async def run(self, work: Callable[[Journal], T]) -> T:
        """`work(journal)` on the journal's thread, after everything handed over before it. A read
        that meets a damaged page raises the journal's one-line DamagedJournal, which the screen
        shows as it shows any JournalError, instead of ending the app. A worker whose widget went
        while the journal worked (its screen closed, the app quitting) stops here."""
        assert self._journal is not None, "the journal is not open"
        with self._damage_told():
            result = await asyncio.get_running_loop().run_in_executor(self._executor, work, self._journal)
        _stop_if_its_widget_went()
        return result

    def read_before_the_screen(self, work: Callable[[Journal], T]) -> T:
        """`work(journal)` on the journal's thread, waited for here, before the screen runs. The
        morning's first read takes about 40 ms on ten years with nothing else running, and 160 to
        200 ms beside the screen's first layout, the two threads taking turns with Python's lock."""
        assert self._journal is not None, "the journal is not open"
        with self._damage_told():
            return self._executor.submit(work, self._journal).result()

    @contextmanager
    def _damage_told(self) -> Iterator[None]:
        """A damaged page met on the way raised as the journal's one-line DamagedJournal."""
        try:
            yield
        except Exception as error:
            from ..core.salvage import as_damage

            assert self._journal is not None
            damage = as_damage(error, self._journal.path)
            if damage is None:
                raise
            raise damage from None

    def close(self) -> None:
        if self._journal is not None:
            self._executor.submit(self._journal.close).result()
            self._journal = None
        self._executor.shutdown(wait=True)


def _stop_if_its_widget_went() -> None:
    """Textual cancels a widget's workers once the widget is removed, but a result can arrive
    while its children are already being removed: the worker would then paint widgets that are
    gone. It is cancelled here instead, as it would have been a moment later (what the work
    wrote is on disk all the same)."""
    try:
        node = get_current_worker().node
    except NoActiveWorker:
        return  # awaited outside a worker: the caller's own
    if not node.is_attached or node._pruning or node._closing:  # as Widget.display asks (Textual is pinned)
        raise asyncio.CancelledError
