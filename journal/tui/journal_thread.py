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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..core.clock import Clock

if TYPE_CHECKING:
    from ..core.journal import Journal

T = TypeVar("T")


class JournalThread:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        self._journal: Journal | None = None
        self.path: Path | None = None

    def open(self, db: str | Path, create: bool = False) -> None:
        """Open the journal on its thread and wait for it (errors are raised here, to the caller)."""
        from ..core.journal import Journal

        self._journal = self._executor.submit(Journal.open, db, self.clock, create).result()
        self.path = self._journal.path

    def wait_for(self, work: Callable[[Journal], T]) -> T:
        """`work(journal)` on the journal's thread, waited for: only before the screen runs."""
        assert self._journal is not None, "the journal is not open"
        return self._executor.submit(work, self._journal).result()

    async def run(self, work: Callable[[Journal], T]) -> T:
        """`work(journal)` on the journal's thread, after everything handed over before it."""
        assert self._journal is not None, "the journal is not open"
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, self._journal)

    def close(self) -> None:
        if self._journal is not None:
            self._executor.submit(self._journal.close).result()
            self._journal = None
        self._executor.shutdown(wait=True)
