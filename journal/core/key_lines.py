"""Where each key of a TOML file is: the line a program's problem is reported on (tomllib
gives values, not lines)."""

from __future__ import annotations

import re

Path_ = tuple[str | int, ...]  # a key's place in the parsed document: ("sessions", 0, "exercises", 2)

_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def key_lines(text: str) -> dict[Path_, int]:
    """Map each key path (with array indices) to its 1-based line number.

    tomllib keeps no positions, so this walks the headers and `key =` lines the
    way TOML nests them; inline tables resolve to the line of their key.
    """
    lines: dict[Path_, int] = {}
    counts: dict[Path_, int] = {}
    current: Path_ = ()

    def resolve(parts: tuple[str, ...]) -> Path_:
        path: Path_ = ()
        for part in parts:
            path = path + (part,)
            if path in counts:  # step into the latest element of an array of tables
                path = path + (counts[path] - 1,)
        return path

    in_multiline = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if raw.count('"""') % 2 or raw.count("'''") % 2:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        if in_multiline and not _KEY.match(line):
            continue
        if not line or line.startswith("#"):
            continue
        if match := _ARRAY_HEADER.match(line):
            parts = _split_key(match[1])
            parent = resolve(parts[:-1]) + (parts[-1],)
            counts[parent] = counts.get(parent, 0) + 1
            current = parent + (counts[parent] - 1,)
            lines[current] = number
            lines.setdefault(parent, number)
        elif match := _TABLE_HEADER.match(line):
            current = resolve(_split_key(match[1]))
            lines[current] = number
        elif match := _KEY.match(line):
            lines.setdefault(current + _split_key(match[1]), number)
    return lines


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of a key, else of the nearest table around it; the file's first line for the file."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(file)"
