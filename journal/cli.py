"""`journal`, the console script. Opening the screen (no command; only --db, --date or --demo)
does not load click and its forty commands: it is the path a lifter takes every morning, so it
starts as fast as it can. Any other command line is handed to `commands.py`."""

from __future__ import annotations

import sys

from .start import EXIT_USER_ERROR, defer_dateutil, error_line, open_screen

SCREEN_OPTIONS = ("--db", "--date")


def screen_options(args: list[str]) -> dict[str, str | bool] | None:
    """`--db F --date D --demo` as a dict; None for anything else (a command, help, a typo)."""
    found: dict[str, str | bool] = {}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=")
        if name in SCREEN_OPTIONS and name[2:] not in found:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            found[name[2:]] = value
        elif arg == "--demo" and "demo" not in found:
            found["demo"] = True
        else:
            return None
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    defer_dateutil()
    from .core.clock import timezone_warning

    if warning := timezone_warning():  # said once, before the screen or the command's own output
        print(f"journal: {warning}", file=sys.stderr)
    options = screen_options(args)
    if options is None:
        from .commands import commands

        return commands.main(args, prog_name="journal")
    from .core.errors import JournalError

    try:
        open_screen(options.get("db"), options.get("date"), bool(options.get("demo")))  # type: ignore[arg-type]
    except JournalError as error:
        print(f"journal: {error_line(error)}", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
