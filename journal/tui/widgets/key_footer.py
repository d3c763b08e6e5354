"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every key widget each time a screen says its bindings
changed, and logging a set says so several times (the table's row, the rest timer,
undo) while the keys shown usually stay the same. Rebuilding once per burst, and
only when a shown key, its label or whether it is enabled changed, keeps a logged
set's repaint to the widgets that did change. A key that comes or goes (undo, after
the first set) is mounted or removed in its place: rebuilding all of them cost the
first set of a session about 20 ms.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _compact_from_the_start(key: FooterKey, compact: bool) -> None:
    """A key's `compact`, value and class, given before it mounts. A FooterKey starts compact and
    its class follows each change: set on mount, as Footer.compose binds it to the footer's, the
    key was styled twice more for nothing (about 1 ms a key)."""
    key.set_reactive(FooterKey.compact, compact)
    key.set_class(compact, "-compact", update=False)


def shown_keys(bindings: dict[str, ActiveBinding]) -> tuple:
    """What the footer shows of a screen's bindings: each shown key, its label, whether it is
    enabled, and its tooltip."""
    return tuple((key, active.binding.description, active.enabled, active.tooltip)
                 for key, active in bindings.items() if active.binding.show)


class KeyFooter(Footer):
    _rebuild_queued = False
    _shown: tuple | None = None

    def compose(self) -> ComposeResult:
        # Footer.compose shows no key until its screen first says its bindings changed, and then
        # builds them all: a second layout of the screen, made after its first (on the morning's
        # first screen, under the check-in, about 10 ms). Built from the start, that first say
        # only changes the keys that differ, in place.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = shown_keys(self.screen.active_bindings)
        # Textual is pinned: the binding is its DOMNode's own; the palette's key is not bound and
        # keeps a key's default, compact.
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                _compact_from_the_start(widget, self.compact if "compact" in (widget._reactive_connect or {}) else True)
            yield widget

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
        if not self.is_attached:  # its screen was left while the rebuild waited for a refresh
            return
        bindings = self.screen.active_bindings  # worked out anew on each read: read once
        shown = shown_keys(bindings)
        if shown == self._shown:
            return
        if await self._place_keys(bindings):
            self._shown = shown
        else:
            await self.recompose()  # which notes what it shows

    async def _place_keys(self, bindings: dict[str, ActiveBinding]) -> bool:
        """The keys set as Footer.compose would make them, changing only those that differ: each
        one kept enabled or disabled in place, one that came mounted where compose would put it,
        one that went removed. False (nothing changed) when a kept key's label or order changed."""
        wanted: dict[str, tuple[Binding, bool, str]] = {}
        for active in bindings.values():
            if active.binding.show:
                wanted.setdefault(active.binding.action, (active.binding, active.enabled, active.tooltip))
        placed = {key.action: key for key in self.query(FooterKey) if not key.has_class("-command-palette")}
        if [action for action in placed if action in wanted] != [action for action in wanted if action in placed]:
            return False  # the kept keys in another order
        if any((key.key, key.description, key.tooltip or "") != (binding.key, binding.description, tooltip or "")
               for action, (binding, _, tooltip) in wanted.items() if (key := placed.get(action))):
            return False
        if gone := [key for action, key in placed.items() if action not in wanted]:
            await self.remove_children(gone)
        before: FooterKey | None = None
        for action, (binding, enabled, tooltip) in wanted.items():
            key = placed.get(action)
            if key is None:
                key = FooterKey(binding.key, self.app.get_key_display(binding), binding.description, action,
                                disabled=not enabled, tooltip=tooltip)
                _compact_from_the_start(key, self.compact)  # as compose gives it; this footer's never changes
                if before is not None:
                    await self.mount(key, after=before)
                else:  # the first key: before any other, and before the command palette's
                    await (self.mount(key, before=0) if self.children else self.mount(key))
            elif key._disabled == enabled:
                # As FooterKey's constructor sets it (textual is pinned): the class dims it, and
                # the flag makes a click ring the bell rather than press the key.
                key._disabled = not enabled
                key.set_class(key._disabled, "-disabled")
            before = key
        self.styles.grid_size_columns = len(wanted)
        return True
