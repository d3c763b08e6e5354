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
    assert users == ["core/salvage.py", "core/store.py"]  # the store, and its code for a damaged file


def test_importing_the_app_creates_nothing_and_opens_nothing(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("JOURNAL_DB", None)
    code = "import journal.cli, journal.core.journal, journal.core.store, journal.tui.app"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, check=True)
    assert list(tmp_path.iterdir()) == []


def test_cli_module_does_not_pull_in_textual():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, journal.cli; print('textual' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert done.stdout.strip() == "False"
