"""Start an app, wait for its first screen to be painted, exit: what a startup benchmark times.

    python tests/bench/first_paint.py journal --db FILE     # the journal, as `journal` starts it
    python tests/bench/first_paint.py bare                  # header, a 20-row table, a footer

Run as a fresh process each time, so the interpreter start and every import count.
The app runs headless at 100x30; "painted" means mounted, workers done, and one
refresh after that. With FIRST_PAINT_RSS set to a file name, the process writes its
peak resident memory (VmHWM, KiB) there as it exits: getrusage would also count
the forked parent's pages before exec.
"""

from __future__ import annotations

import atexit
import os
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

_run = App.run


def _run_until_painted(self: App, *args, **kwargs):
    async def exit_when_painted(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.exit()

    return _run(self, headless=True, size=(100, 30), auto_pilot=exit_when_painted)


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable()
        table.add_columns("exercise", "sets", "reps", "load", "tempo", "rest")
        for n in range(20):
            table.add_row(f"exercise {n}", "3", "5", f"{40 + n * 2.5} kg", "3-1-X-0", "90 s")
        yield table
        yield Footer()


def _write_peak_memory(path: str) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(path, "w", encoding="ascii") as out:
        out.write(peak)


if __name__ == "__main__":
    if target := os.environ.get("FIRST_PAINT_RSS"):
        atexit.register(_write_peak_memory, target)
    App.run = _run_until_painted
    if sys.argv[1] == "bare":
        BareApp().run()
    else:
        from journal.cli import main

        main(sys.argv[2:])
