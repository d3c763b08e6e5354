"""The Textual app and its one factory, used by the CLI, the tests and the screenshot script."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pendulum import Date
from textual import work
from textual.app import App, SystemCommand
from textual.events import Event, Key
from textual.screen import Screen

from ..core.clock import Clock, today
from .journal_thread import JournalThread

if TYPE_CHECKING:
    from .screens.today import TodayRead

PALETTE = (
    ("Log next set as prescribed", "Enter: the focused exercise's next set, exactly as planned", "log_prescribed"),
    ("Edit and log a set", "Change weight, reps, seconds, side, tempo or RPE, then log", "edit_set"),
    ("Skip a set", "Record the next set as skipped", "skip_set"),
    ("Undo last set", "Remove the last set logged today, after asking", "undo"),
    ("Add a note to the last set", "A note on the focused exercise's last set", "note"),
    ("Add a session", "Start another session today (an AM/PM double); sets go in it", "add_session"),
    ("Switch session", "Log into the day's next session", "other_session"),
    ("Wellness check-in", "Sleep, soreness, fatigue, stress, mood, motivation", "check_in"),
    ("Week plan", "Every session planned this week", "plan"),
    ("Import history", "Sets from a Strong, Hevy or journal CSV, all or nothing", "import_sets"),
    ("Equipment", "Your bar, plates, dumbbells, kettlebells and machine step", "equipment"),
    ("Exercise history", "Recent sessions and best e1RM of the focused exercise", "history"),
    ("Pause or resume rest timer", "Space", "pause_timer"),
    ("Refresh", "Re-read the journal (picks up sets logged elsewhere)", "refresh"),
    ("Keys", "Every key on this screen", "keys"),
)


class JournalApp(App):
    CSS_PATH = "journal.tcss"
    TITLE = "journal"

    def __init__(self, journal: JournalThread, day: Date, check_in: bool = True, new_at: Path | None = None,
                 read: TodayRead | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.day = day
        self.ask_check_in = check_in
        self.new_at = new_at  # no journal here yet: the first screen sets one up
        self.first_read = read  # the day, read before the app ran: the first Today screen paints it

    def on_mount(self) -> None:
        from ..core.clock import SystemClock, timezone_warning

        if isinstance(self.journal.clock, SystemClock) and (warning := timezone_warning()):
            self.notify(warning, title="Timezone", severity="warning", timeout=30, markup=False)
        if self.new_at is not None:
            self._set_up()
            return
        self._open_today()

    def _open_today(self) -> None:
        from .screens.today import TodayScreen

        read, self.first_read = self.first_read, None
        self.push_screen(TodayScreen(self.journal, self.day, ask_check_in=self.ask_check_in, read=read))

    def _set_up(self, chosen: dict | None = None) -> None:
        """The first run: program, then starting loads, then equipment; the journal is made
        only when the last step is saved, in one go. Escape goes back a step (on the first: quits)."""
        from .screens.setup import SetupScreen

        self.push_screen(SetupScreen(self.day, chosen), self._chose_program)

    def _chose_program(self, choices: dict | None) -> None:
        from .screens.setup import StartingLoadsScreen

        if choices is None:  # escape on the first screen: nothing was made
            self.exit()
            return
        self.push_screen(StartingLoadsScreen(choices["program"], choices["units"], choices["bodyweight"]),
                         lambda loads: self._chose_loads(choices, loads) if loads is not None
                         else self._set_up(choices))

    def _chose_loads(self, choices: dict, loads: dict) -> None:
        from ..core.model import default_equipment
        from .screens.equipment import EquipmentScreen

        units = choices["units"]
        self.push_screen(
            EquipmentScreen(default_equipment(units), f"A new journal (3 of 3): equipment ({units})",
                            "enter: next field, starts on the last · ctrl+s start · escape: back a step"),
            lambda equipment: self._start(choices, loads, equipment) if equipment is not None
            else self._chose_program(choices))

    @work(exclusive=True, group="set-up")
    async def _start(self, choices: dict, loads: dict | None, equipment: dict | None) -> None:
        from ..core.errors import JournalError
        from .wording import error_text

        assert self.new_at is not None
        try:
            await self.journal.start_new(self.new_at, **choices, loads=loads, equipment=equipment)
        except JournalError as error:
            self.notify(error_text(error), severity="error", title="No journal made", markup=False)
            self._set_up()
            return
        self.new_at = None
        self._open_today()

    async def on_event(self, event: Event) -> None:
        # The screens' keys are bindings, run here in the order they were typed. A key that comes
        # up here from the screen it was typed on, once `e`, a digit or the morning's check-in has
        # opened a form over that screen, is the form's: typed into it in turn, before any binding
        # of the form sees it. (Keys typed once the form is open go to it directly.)
        if isinstance(event, Key) and event.is_forwarded:
            take_key = getattr(self.screen, "take_key", None)
            if take_key is not None and take_key(event.key, event.character):
                return
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel is left out: the palette's "Keys" is the journal's list.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        from .screens.today import TodayScreen

        if isinstance(screen, TodayScreen):
            for title, help_text, action in PALETTE:
                yield SystemCommand(title, help_text, lambda a=action: screen.run_action(a))

    def on_unmount(self) -> None:
        self.journal.close()


def make_app(db: str | Path, clock: Clock, day: Date | None = None, check_in: bool = True) -> JournalApp:
    """The journal's screen on one database, as of `day` (default: the clock's today).
    The file is opened here, on the journal's own thread, so a file that cannot be used, or a
    day that cannot be planned, is refused with its one-line message before the screen starts;
    the day is read here too, so the first Today screen is painted before its first frame."""
    from ..core.errors import JournalError, NoJournal
    from .screens.today import read_today

    day = day or today(clock)
    journal = JournalThread(clock)
    try:
        journal.open(db, day)
    except NoJournal:  # the first run: the screen sets a journal up there
        return JournalApp(JournalThread(clock), day, check_in=check_in, new_at=Path(db).expanduser())
    try:
        read = journal.read_before_the_screen(
            lambda journal: read_today(journal, day, check_in, check_the_coach=True))
    except JournalError:
        read = None  # the screen reads the day again and says what stopped it
    return JournalApp(journal, day, check_in=check_in, read=read)
