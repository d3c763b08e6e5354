"""The footer of keys, recomposed once per burst of binding changes.

Textual's Footer rebuilds every key widget each time a screen says its bindings
changed, and logging a set says so more than once (the table's row, the rest timer,
undo becoming possible). One rebuild after the burst shows the same keys; on the
Today screen it takes about a fifth off the first paint.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        # Footer.bindings_changed, with the rebuild queued at most once.
        self._bindings_ready = True
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        await self.recompose()
