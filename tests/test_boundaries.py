"""Architecture rules that are easy to break by accident."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import journal

PACKAGE = Path(journal.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_textual():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "core").rglob("*.py")
        if any(name == "textual" or name.startswith("textual.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_boundary_check_would_catch_a_textual_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("def f():\n    from textual.app import App\n")
    assert "textual.app" in imported_modules(sample)


def test_only_the_store_imports_sqlite():
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if {"sqlite3", "sqlite_utils"} & imported_modules(path)
        and "devtools" not in path.parts
    )
    # The store (a package: the file, its schema, its rows by what they hold), and its code for a damaged file.
    store = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "core" / "store").glob("*.py")]
    assert set(users) - set(store) == {"core/salvage.py"} and "core/store/store.py" in users


def test_importing_the_app_creates_nothing_and_opens_nothing(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("JOURNAL_DB", None)
    code = "import journal.cli, journal.commands, journal.core.journal, journal.core.store, journal.tui.app"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, check=True)
    assert list(tmp_path.iterdir()) == []


def test_the_commands_do_not_pull_in_textual_nor_the_console_script_click():
    code = "import sys, journal.cli; print('click' in sys.modules); import journal.commands; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_a_days_writes_do_not_load_sqlite_utils(tmp_path):
    """A set, a new session and a check-in are written in plain SQL: loading sqlite-utils cost the
    first set of a day about 65 ms. Enrolling (a migration) may load it; then it is unloaded."""
    code = f"""
import sys, pendulum
from journal.core.clock import FixedClock
from journal.core.entry import parse_check_in, parse_set_input
from journal.core.journal import Journal, quick_check_aside
clock = FixedClock.at_local("2026-09-07T18:00:00", "Europe/London")
Journal.open({str(tmp_path / "j.db")!r}, clock).enrol("runner-beginner", pendulum.date(2026, 9, 7))
for name in [m for m in sys.modules if m.startswith("sqlite_utils")]:
    del sys.modules[name]
journal = Journal.open({str(tmp_path / "j.db")!r}, clock, create=False)
day = pendulum.date(2026, 9, 7)
journal.take_file_check(quick_check_aside(journal.path))
journal.check_in(parse_check_in(day, sleep_h=7, sleep_quality=4, soreness=2, fatigue=2, stress=3, mood=4, motivation=4))
journal.check_in(parse_check_in(day, sleep_h=8, sleep_quality=4, soreness=2, fatigue=2, stress=3, mood=4, motivation=4))
planned = journal.plan(day).exercises[1]
journal.log_next(planned, day, None)
journal.log_set(planned.name, day, parse_set_input("25x5", "kg"))
print("sqlite_utils" in sys.modules, journal.store.conn.execute("select count(*), min(sleep_h) from wellness").fetchone(),
      journal.store.conn.execute("select count(*), count(distinct session_id) from sets").fetchone())
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[0] == "False (1, 8.0) (2, 1)"


def import_graph(package: Path) -> dict[str, set[str]]:
    """Which of the package's own modules each one imports, at any depth of its code: lazy imports
    inside functions and those made only for type checking count too (a circle is a circle)."""
    modules = {".".join(p.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here.split(".")[:len(here.split(".")) - node.level + 1]) if node.level else ""
                target = ".".join(x for x in (base, node.module) if x)
                graph[name] |= {m for m in [target, *(f"{target}.{a.name}" for a in node.names)]
                                if m in modules and m != name}
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in modules and a.name != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each set of modules that import one another round a circle (strongly connected, 2 or more)."""
    found, order, low, stack, index = [], {}, {}, [], [0]

    def visit(name: str) -> None:
        order[name] = low[name] = index[0]
        index[0] += 1
        stack.append(name)
        for other in graph[name]:
            if other not in order:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], order[other])
        if low[name] == order[name]:
            members = []
            while (member := stack.pop()) != name:
                members.append(member)
            if members:
                found.append(sorted([name, *members]))

    for name in graph:
        if name not in order:
            visit(name)
    return found


def test_no_module_of_the_journal_imports_round_a_circle():
    assert circles(import_graph(PACKAGE)) == []


def test_the_circle_check_would_catch_a_lazy_or_type_only_circle(tmp_path):
    package = tmp_path / "pkg"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("from . import b\n")
    (package / "core" / "b.py").write_text("def f():\n    from .c import g\n")
    (package / "core" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n")
    (package / "cli.py").write_text("from .core.a import x\n")
    assert circles(import_graph(package)) == [["pkg.core.a", "pkg.core.b", "pkg.core.c"]]


def test_every_core_module_is_short_enough_to_read_whole():
    long = {str(path.relative_to(PACKAGE)): n for path in (PACKAGE / "core").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450}
    assert long == {}


OFF_THE_FIRST_FRAME = (
    "click", "sqlite_utils", "plotext", "textual_plotext", "fitdecode", "gpxpy",
    "journal.commands", "journal.devtools.history", "journal.core.summary", "journal.core.training_load",
    "journal.core.session_report", "journal.core.exchange", "journal.core.export", "journal.core.imported",
    "journal.core.rehearsal", "journal.core.salvage", "journal.core.week_glance", "journal.core.run_exports", "journal.core.run_tracks",
    "journal.core.run_files", "journal.core.activities", "journal.core.run_kinds",
    "journal.tui.widgets.trend_chart", "journal.tui.screens.summary", "journal.tui.screens.plan",
    "journal.tui.screens.history", "journal.tui.screens.runs", "journal.tui.screens.import_sets",
    "journal.tui.screens.export", "journal.tui.screens.set_editor", "journal.tui.screens.setup",
    "journal.tui.screens.equipment", "journal.tui.screens.form",
    "pendulum.locales.en.locale", "importlib.readers", "zipfile",  # pendulum's format loads its locale files
    "dateutil.parser._parser", "dateutil.tz",  # pendulum's guess at a date that is not ISO 8601
)


def test_the_morning_path_loads_only_what_the_first_frame_shows(tmp_path):
    """`journal` opened as the console script opens it, on a morning with no check-in yet (so the
    check-in opens): none of the libraries and modules other screens and commands need is loaded,
    so a later change cannot drag them back onto the way to the first frame."""
    import pendulum

    from journal.core.clock import FixedClock
    from journal.core.journal import start_journal

    db = tmp_path / "journal.db"
    start_journal(db, FixedClock.at_local("2026-09-08T07:00:00", "Europe/London"), "runner-beginner",
                  pendulum.date(2026, 9, 7))[0].close()
    code = f"""
import os, sys
os.environ.update(JOURNAL_NOW="2026-09-08T07:00:00", JOURNAL_TZ="Europe/London")
from textual.app import App
run = App.run
async def until_painted(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    print(type(pilot.app.screen).__name__)
    pilot.app.exit()
App.run = lambda self, *args, **kwargs: run(self, headless=True, size=(100, 30), auto_pilot=until_painted)
from journal.cli import main
main(["--db", {str(db)!r}])
print(sorted(name for name in {OFF_THE_FIRST_FRAME!r} if name in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-3:-1] == ["WellnessScreen", "[]"], done.stdout
