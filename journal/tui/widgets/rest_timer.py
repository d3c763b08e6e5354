"""The timer: a large countdown computed from the clock, never by counting ticks. It counts the
rest between sets, and the seconds of a hold or carry (then it calls back when they are done)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label

from ...core.clock import Clock
from .wrapped import update_in_place

ADJUST_S = 15


class RestTimer(Vertical):
    """Counts down to `ends_at`; a paused timer keeps what was left."""

    def __init__(self, clock: Clock, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.ends_at = None
        self.paused_with: float | None = None
        self.rang = True
        self.label_text = "rest"
        self.remaining = 0.0
        self.length = 0
        self.shown = ("0:00", "rest")  # as composed: what the digits and the label show
        self.when_done: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Label("rest", id="rest-label")
        yield Digits("0:00", id="rest-digits")

    def on_mount(self) -> None:
        self.set_interval(0.2, self.tick)

    @property
    def running(self) -> bool:
        return self.ends_at is not None and self.paused_with is None and not self.rang

    def start(self, seconds: int, label: str, when_done: Callable[[], None] | None = None) -> None:
        self.length = seconds
        self.when_done = when_done
        self.ends_at = self.clock.now().add(seconds=seconds)
        self.paused_with = None
        self.rang = False
        self.label_text = label
        self.remove_class("done")
        self.add_class("active")
        self.tick()

    def toggle_pause(self) -> None:
        if self.ends_at is None or self.rang:
            return
        if self.paused_with is None:
            self.paused_with = self._left()
        else:
            self.ends_at = self.clock.now().add(microseconds=int(self.paused_with * 1e6))
            self.paused_with = None
        self.tick()

    def adjust(self, seconds: int) -> None:
        if self.ends_at is None or self.rang:
            return
        if self.paused_with is not None:
            self.paused_with = max(self.paused_with + seconds, 0)
        else:
            self.ends_at = self.ends_at.add(seconds=seconds)
        self.tick()

    def counted(self) -> int:
        """Whole seconds counted so far (a hold stopped early: the time actually held)."""
        return max(1, min(self.length, round(self.length - self._left())))

    def stop(self) -> None:
        self.ends_at = None
        self.when_done = None
        self.rang = True
        self.remaining = 0.0
        self.label_text = "rest"
        self.remove_class("active")
        self._show()

    def _left(self) -> float:
        if self.ends_at is None:
            return 0.0
        if self.paused_with is not None:
            return self.paused_with
        return max((self.ends_at - self.clock.now()).total_seconds(), 0.0)

    def tick(self) -> None:
        self.remaining = self._left()
        if self.ends_at is not None and not self.rang and self.paused_with is None and self.remaining <= 0:
            self.rang = True
            self.app.bell()
            self.add_class("done")
            self.remove_class("active")
            self._flash(6)
            if (done := self.when_done) is not None:
                self.when_done = None
                done()
        self._show()

    def _flash(self, times: int) -> None:
        """Blink the finished timer a few times: it catches the eye of a lifter looking away."""
        if times <= 0 or not self.rang:
            self.remove_class("flash")
            return
        self.toggle_class("flash")
        self.set_timer(0.4, lambda: self._flash(times - 1))

    def _show(self) -> None:
        whole = int(self.remaining + 0.999)  # 0:01 until the last fraction is gone
        state = " (paused)" if self.paused_with is not None else ""
        if self.rang and self.ends_at is not None:
            state = " - go!"
        shown = (f"{whole // 60}:{whole % 60:02d}", f"{self.label_text}{state}")
        if shown != self.shown:  # repaint only what changed: this runs five times a second
            before, self.shown = self.shown, shown
            if shown[0] != before[0]:
                self.query_one("#rest-digits", Digits).update(shown[0])
            if shown[1] != before[1]:
                update_in_place(self.query_one("#rest-label", Label), shown[1])
