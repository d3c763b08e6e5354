"""Plain text shown in a Static that wraps, laid out again only when it must be."""

from __future__ import annotations

import textwrap

from textual.widgets import Static


def update_wrapped(widget: Static, text: str) -> None:
    """Show `text` in `widget`; the screen is laid out again only when the text takes more or
    fewer lines than before. A layout of the whole screen costs more than the rest of a logged
    set or a cursor move, and most updates (the rest label, the reason) keep their lines."""
    width = max(widget.content_region.width, 1)
    widget.update(text, layout=_lines(text, width) != _lines(str(widget.content), width))


def _lines(text: str, width: int) -> int:
    return len(textwrap.wrap(text, width)) or 1
