"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every key widget each time a screen says its bindings
changed, and logging a set says so several times (the table's row, the rest timer,
undo) while the keys shown usually stay the same. Rebuilding once per burst, and
only when a shown key, its label or whether it is enabled changed, keeps a logged
set's repaint to the widgets that did change.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    _rebuild_queued = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        # Footer.bindings_changed, with the rebuild queued at most once.
        self._bindings_ready = True
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    def _keys_shown(self) -> tuple:
        return tuple((key, active.binding.description, active.enabled, active.tooltip)
                     for key, active in self.screen.active_bindings.items() if active.binding.show)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        if not self.is_attached:  # its screen was left while the rebuild waited for a refresh
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        if self._shown is not None and [k[:2] for k in shown] == [k[:2] for k in self._shown]:
            # The same keys, some now enabled or disabled: set each in place (a rebuild mounts
            # every key again and restyles the footer, a third of a logged set's repaint).
            enabled = {active.binding.action: active.enabled for active in self.screen.active_bindings.values()}
            for key in self.query(FooterKey):
                if key.action in enabled:
                    # As FooterKey's constructor sets it (textual is pinned): the class dims it, and
                    # the flag makes a click ring the bell rather than press the key.
                    key._disabled = not enabled[key.action]
                    key.set_class(key._disabled, "-disabled")
        else:
            await self.recompose()
        self._shown = shown
