"""What starting the journal needs, from the screen's fast path (cli.py) and from the
commands (commands.py) alike: the clock from the environment, the screen, and an error as one line."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.clock import Clock
    from .core.errors import JournalError

EXIT_USER_ERROR = 1


def clock_from_environment() -> Clock:
    """The system clock, or JOURNAL_NOW in JOURNAL_TZ: a fixed "now" for scripted runs and tests."""
    from .core.clock import FixedClock, SystemClock
    from .core.entry import check_date, parse_timezone
    from .core.errors import EntryError

    tz = os.environ.get("JOURNAL_TZ")
    if tz is not None:
        parse_timezone(tz, "JOURNAL_TZ")
    if now := os.environ.get("JOURNAL_NOW"):
        try:
            clock = FixedClock.at_local(now, tz or "UTC")
        except ValueError:
            raise EntryError("JOURNAL_NOW", f"{now!r} is not a time like 2026-09-07T18:00:00") from None
        check_date(clock.now().date(), "JOURNAL_NOW")
        return clock
    return SystemClock(tz) if tz else SystemClock()


def defer_dateutil() -> None:
    """pendulum imports dateutil's parser, and dateutil's time zones with it (about 20 ms before
    the first frame), for one use: guessing the date in text that is not ISO 8601, which the
    journal never asks of it (every pendulum.parse here is strict). Made a lazy module before
    pendulum is imported, the parser loads only if something uses it."""
    import importlib.util
    import sys

    if "dateutil.parser" in sys.modules or (spec := importlib.util.find_spec("dateutil.parser")) is None:
        return
    assert spec.loader is not None
    spec.loader = importlib.util.LazyLoader(spec.loader)
    parser = importlib.util.module_from_spec(spec)
    sys.modules["dateutil.parser"] = parser
    spec.loader.exec_module(parser)
    sys.modules["dateutil"].parser = parser  # as an import sets a package's submodule


# The core names fields in the domain's words; here they are the flags that set them.
FLAGS = {"journal": "--db"}  # the rest are named as their flags already


def error_line(error: JournalError) -> str:
    """One line for stderr: the field as its flag, the problem, and what to type next where a
    command or a flag fixes it."""
    from .core.errors import DamagedJournal, JournalExists, NoJournal, NotEnrolled, OutputExists

    hints = (((NoJournal, NotEnrolled), "start one with 'journal init --program runner-beginner'"),
             (OutputExists, "--force replaces it"),
             (JournalExists, "--force starts again and keeps a backup of it"),
             (DamagedJournal, "'journal salvage --out NEW.db' copies every readable row; "
                              "'journal restore BACKUP' puts a backup in place"))
    hint = next((f"; {text}" for kind, text in hints if isinstance(error, kind)), "")
    return f"{FLAGS.get(error.field, error.field)}: {error.problem}{hint}"


def open_screen(db: str | Path | None, date_text: str | None, demo: bool, clock: Clock | None = None) -> None:
    """The full-screen journal on `db` (default: JOURNAL_DB or the data directory) as of a day;
    with `demo`, on a throwaway journal with twelve weeks of history, removed on exit."""
    from .core.clock import today
    from .core.entry import parse_date

    # Imports and the first read make tens of thousands of objects that live as long as the
    # process, and little garbage: the collector is paused while they are made (its passes walked
    # them all again and again), and what they made is then kept out of its full passes, on the way
    # to the first frame and while logging.
    gc.disable()
    try:
        from .core.files import default_db_path
        from .tui.app import make_app

        clock = clock or clock_from_environment()
        day = parse_date(date_text, today(clock), "date")
        app = None if demo else make_app(Path(db) if db else default_db_path(), clock, day=day)
        gc.freeze()
    finally:
        gc.enable()
    if app is not None:
        app.run()
        return

    import tempfile

    from .devtools.history import build_demo

    with tempfile.TemporaryDirectory(prefix="journal-demo-") as folder:  # gone when the screen closes
        path = Path(folder) / "demo.db"
        session_day = build_demo(path, clock)
        make_app(path, clock, day=day if date_text else session_day).run()
