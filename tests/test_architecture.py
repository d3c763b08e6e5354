"""The architecture as DESIGN.md draws it, checked on the source: the facade is the only way in,
the core knows nothing of Textual or the command line, and its errors name a field."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "journal"
CORE = sorted((PACKAGE / "core").rglob("*.py"))
FRONTS = sorted((PACKAGE / "tui").rglob("*.py")) + [PACKAGE / "cli.py", PACKAGE / "commands.py"]
ERRORS = {"JournalError", "EntryError", "StoreError", "NoJournal", "NotEnrolled", "OutputExists",
          "UnknownExercise", "ProgramError", "JournalExists", "DamagedJournal"}
COMMAND_LINE = ("--db", "--from", "--to ", "--new", "--force", "--seconds", "--kind", "journal init")


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


@pytest.mark.parametrize("path", FRONTS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_screen_and_the_command_line_go_through_the_facade(path):
    source = path.read_text(encoding="utf-8")
    assert ".store." not in source and "journal.store" not in source
    assert not any(name.endswith("core.store") or name.endswith(".store") for name in imported(path))


def test_the_store_takes_rows_not_file_formats_and_connections_stay_on_their_thread():
    for module in (PACKAGE / "core" / "store").glob("*.py"):
        assert not any(name.endswith("exchange") for name in imported(module)), module
    for path in PACKAGE.rglob("*.py"):
        assert "check_same_thread=False" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_imports_no_textual_and_no_click(path):
    assert not {name for name in imported(path) if name.split(".")[0] in ("textual", "click")}


def raised_errors(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            called = node.exc.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name in ERRORS:
                yield node.lineno, name, node.exc


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_every_core_error_names_a_field_and_speaks_no_command_line(path):
    for line, name, call in raised_errors(path):
        if name == "ProgramError":
            continue  # its problems carry their own line numbers
        assert len(call.args) == 2, f"{path.name}:{line}: {name} without a field"
        words = ast.unparse(call.args[1])
        assert not [flag for flag in COMMAND_LINE if flag in words], f"{path.name}:{line}: {words}"
