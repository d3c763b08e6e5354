"""Text shown in a Static, the screen laid out again only when the Static's size must change.

Static.update lays out the whole screen, which costs more than the rest of a logged set or a
cursor move (about 12 ms at 100x30), and most updates keep the size: the rest label, the
reason, the focused exercise's heading and the last session's line usually take the same lines.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


def update_in_place(widget: Static, content: VisualType) -> None:
    """Show `content` in `widget`, measured as the layout measures it; a layout only when the
    measure changes, or when the widget has not been measured yet. A widget that is not
    displayed waits for the layout that shows it."""
    if not all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget)):
        widget.update(content, layout=False)
        return
    width = widget.content_region.width
    before = _measure(widget, width)
    widget.update(content, layout=False)
    if not width or _measure(widget, width) != before:
        widget.refresh(layout=True)


def _measure(widget: Static, width: int) -> tuple[int, int]:
    viewport = widget.app.size
    auto = (width_rule := widget.styles.width) is not None and width_rule.is_auto
    wide = widget.get_content_width(widget.container_size, viewport) if auto else 0
    return wide, widget.get_content_height(widget.container_size, viewport, width)
