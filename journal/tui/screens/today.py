"""The Today screen: the session, the next set, one key to log it, the rest timer."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from pendulum import Date
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from ...core.clock import day_text, iso_date
from ...core.engine import NextSet, next_set, set_label, warm_ups_left, working_sets
from ...core.entry import SetInput
from ...core.errors import JournalError
from ...core.exercise_history import ExerciseSession
from ...core.journal import Journal, TrainingDay
from ...core.readiness import readiness_text
from ...core.records import Record
from ...core.units import plural
from ...core.model import LoggedSet, PlannedDay, Prescription, Session, WarmUp, Wellness
from ...core.record import record
from ...render import load, set_text, target_text
from ..widgets.coach_panel import CoachPanel
from ..widgets.exercise_table import LOG_SET, WIDE_TABLE, ExerciseTable
from ..widgets.rest_timer import ADJUST_S, RestTimer
from ..widgets.session_header import SessionHeader
from ..widgets.set_list import SetList
from ..widgets.key_footer import KeyFooter
from ..widgets.wrapped import update_in_place
from ..journal_thread import JournalThread
from ..wording import error_text

REFRESH_S = 10.0  # pick up sets logged by another open copy
CHECKPOINT_S = 30.0  # while the screen is open, sets are copied from the -wal into the file this often
SLIP_ABOVE = 1.5  # a typed load this far above the plan or last time is asked about: a slip more often than meant
WAITING_AFTER_S = 0.3  # a write this slow is waiting for another program to let go of the file
T = TypeVar("T")


PANEL_FROM = 120  # columns: the coach panel stays beside the session
PANEL_WIDTH = 40  # as in journal.tcss


@record
class TodayRead:
    """What the screen reads in one go: the day; the check-in the morning's form starts from (read
    only when that form is to open over the day); the promises the coach broke on the day's plan
    (None: not checked in this read)."""

    day: TrainingDay
    check_in_from: Wellness | None = None
    broken: tuple[str, ...] | None = None


def read_today(journal: Journal, day: Date, ask_check_in: bool, check_the_coach: bool = False) -> TodayRead:
    training_day = journal.training_day(day)
    last = journal.latest_wellness(day) if ask_check_in and not training_day.checked_in else None
    broken = tuple(journal.self_check([training_day.planned])) if check_the_coach else None
    return TodayRead(training_day, last, broken)


HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (PANEL_FROM, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]


def breakpoint_classes(size: Size) -> set[str]:
    """The size classes Today has at `size`, chosen as Screen chooses them on a resize: the last
    breakpoint each dimension reaches."""
    return {next(name for at, name in sorted(points, reverse=True) if dimension >= at)
            for dimension, points in ((size.width, HORIZONTAL_BREAKPOINTS), (size.height, VERTICAL_BREAKPOINTS))}


class TodayScreen(Screen):
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    BINDINGS = [
        # The table's own Enter, on the screen too: the footer shows it before the table has focus,
        # as it will once it has, so the footer is not built again as the screen opens.
        LOG_SET,
        Binding("e", "edit_set", "Edit+log"),
        # Typing a number starts the editor with it: the fastest way to log "what I actually did".
        # A binding, as Enter and the arrows are, so that all of them run in the order typed.
        *(Binding(digit, f"edit_set('{digit}')", show=False) for digit in "0123456789"),
        Binding("s", "skip_set", "Skip"),
        Binding("u", "undo", "Undo"),
        Binding("n", "note", "Note", show=False),
        Binding("space", "pause_timer", "Pause rest"),
        Binding("plus,equals_sign", "adjust_timer(15)", "Rest +15 s", show=False),
        Binding("minus", "adjust_timer(-15)", "Rest -15 s", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("w", "check_in", "Check-in"),
        Binding("p", "plan", "Plan"),
        Binding("h", "history", "History"),
        Binding("c", "coach_panel", "Last time, week, readiness", show=False),
        Binding("S", "summary", "Summary"),
        Binding("x", "export", "Export"),
        Binding("i", "import_sets", "Import sets or runs", show=False),
        Binding("R", "runs", "Runs", show=False),
        Binding("g", "equipment", "Equipment", show=False),
        Binding("a", "add_session", "Add session", show=False),
        Binding("o", "other_session", "Other session", show=False),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("question_mark", "keys", "Keys"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, journal: JournalThread, day: Date, ask_check_in: bool = False,
                 read: TodayRead | None = None) -> None:
        # The size classes Screen's first resize would set, given from the start: set by that
        # resize, they styled every widget on the screen a second time (about 12 ms).
        super().__init__(classes=" ".join(breakpoint_classes(self.app.size)))
        self.journal = journal
        self.day = day
        self.ask_check_in = ask_check_in
        self.first_read = read  # read before the screen ran: painted before its first frame
        self.planned: PlannedDay | None = None
        self.upcoming: PlannedDay | None = None
        self.checked_plan: PlannedDay | None = None  # the plan the coach's promises were last checked on
        self.logged: dict[str, list[LoggedSet]] = defaultdict(list)  # in the chosen session
        self.in_order: list[LoggedSet] = []  # the day's sets, every session's, as they were logged
        self.sessions: tuple[Session, ...] = ()
        self.planned_session: str | None = None
        self.chosen: str | None = None  # the session sets go in; None: the planned one
        self.record_sets: set[str] = set()  # sets that set a record while this screen was open
        self.session_records: list[str] = []  # what they were, for the card at the session's end
        self.holding: tuple[Prescription, NextSet] | None = None  # a hold or carry being timed
        self.program_title = ""
        self.units = "kg"
        self.last_time: dict[str, ExerciseSession] = {}
        self._writing = False
        self._after_write: list[Callable[[], None]] = []
        if read is not None:
            # Taken now, so the footer composed next shows the keys the day enables: composed
            # without them, it mounted them once the day was painted, and the screen was laid out
            # again (on the morning's first screen, with the check-in drawn over it once more).
            self._take_day(read.day)

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SessionHeader(id="header")
        with Horizontal(id="today-body"):
            with Vertical(id="today-main"):
                yield Label("", id="session-title", markup=False)
                yield Static("", id="sessions", markup=False)
                yield Static("", id="adjustments", markup=False)
                yield ExerciseTable(id="exercises")
                yield Static("", id="rest-day", markup=False)
                with Horizontal(id="focus-panel"):
                    yield SetList(id="sets")
                    yield RestTimer(self.journal.clock, id="timer")
                yield Static("", id="why", markup=False)
                yield Static("waiting for the journal file… (another program is writing it)", id="saving")
            yield CoachPanel(self.journal, self.day, id="coach-panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#saving").display = False
        if self.first_read is None:
            self.reload()
        else:
            self._show_read(self.first_read)
            self.first_read = None
        self.set_interval(REFRESH_S, self._refresh_while_shown)
        self.set_interval(CHECKPOINT_S, self._checkpoint_while_idle)

    # --- state ----------------------------------------------------------------------------

    @work(exclusive=True, group="today-read")
    async def reload(self) -> None:
        """Read the plan and the day's sets on the journal's thread and repaint everything."""
        try:
            read = await self.journal.run(lambda journal: read_today(journal, self.day, self.ask_check_in))
        except JournalError as error:
            self.notify(error_text(error), severity="error", title="Cannot read the journal", markup=False)
            return
        self._show_read(read)

    def _show_read(self, read: TodayRead) -> None:
        """The day painted; the morning's check-in opened over it; the coach's promises checked once per plan."""
        day = read.day
        self._show_day(day)
        if self.ask_check_in and not day.checked_in:  # the morning's first screen
            self.ask_check_in = False
            self._show_check_in(read.check_in_from)
        if self.checked_plan != day.planned:  # once per plan, not on every refresh
            self.checked_plan = day.planned
            if read.broken is None:
                self._check_the_coach(day.planned)
            else:
                self._say_broken(read.broken)

    @work(exclusive=True, group="coach-check")
    async def _check_the_coach(self, planned: PlannedDay) -> None:
        """After the day is on screen: the coach's promises over what it shows, said if one broke."""
        try:
            broken = await self.journal.run(lambda journal: journal.self_check([planned]))
        except JournalError:
            return  # the day's own read reports a journal that cannot be read
        self._say_broken(broken)

    def _say_broken(self, broken: Sequence[str]) -> None:
        if broken:
            self.notify("\n".join(broken), title="The coach broke a promise (please report this)",
                        severity="warning", markup=False)

    def _show_day(self, day: TrainingDay) -> None:
        self._take_day(day)
        self._paint()
        if self._panel_beside():
            self.query_one(CoachPanel).load_week()  # after the session is painted: it can wait

    def _take_day(self, day: TrainingDay) -> None:
        """The day's plan and sets, as the screen's state: what its keys can do follows from them."""
        self.program_title = day.program_title
        self.units = day.units
        self.planned = day.planned
        self.upcoming = day.upcoming
        self.in_order = list(day.sets)
        self.record_sets |= day.record_sets  # from the history: reopening the day keeps its ★
        self.sessions = day.sessions
        self.planned_session = day.planned_session
        self.last_time = day.last_time
        self._sort_by_session()

    def _panel_beside(self) -> bool:
        return self.app.size.width >= PANEL_FROM  # the app's: a screen painted before its first layout has none

    def _table_width(self) -> int:
        return self.app.size.width - (PANEL_WIDTH if self._panel_beside() else 0)

    def on_resize(self) -> None:
        # Across a breakpoint the table gains or loses its Pillar column, and the panel comes or goes.
        if self.planned is None:
            return
        if (self._table_width() >= WIDE_TABLE) != self.query_one(ExerciseTable).wide:
            self._paint()
        panel = self.query_one(CoachPanel)
        if self._panel_beside() and panel.week is None:
            panel.load_week()

    def _logging_into(self) -> str | None:
        return self.chosen or self.planned_session

    def _sort_by_session(self) -> None:
        """The exercise table and set list count the chosen session's sets."""
        into = self._logging_into()
        self.logged = defaultdict(list)
        for logged in self.in_order:
            if logged.session_id == into:
                self.logged[logged.exercise].append(logged)

    def _paint_sessions(self) -> None:
        """The day's sessions, shown once there is more than the planned one."""
        line = self.query_one("#sessions", Static)
        into = self._logging_into()
        others = [s for s in self.sessions if s.id != self.planned_session]
        line.display = bool(others) or self.chosen is not None
        if not line.display:
            return
        counts = Counter(s.session_id for s in self.in_order if s.set_type != "skipped")
        planned_name = self.planned.session[0] if self.planned and self.planned.session else "Planned session"
        entries = [(self.planned_session, planned_name, "")] if self.planned_session is None else []
        entries += [(s.id, s.name or "Workout", f" ({s.source})" if s.source != "journal" else "")
                    for s in self.sessions]
        text = Text("Sessions: ")
        for session_id, name, source in entries:
            marker = "▸ " if session_id == into else ""
            text.append(f"{marker}{name}{source} · {plural(counts.get(session_id, 0), 'set')}",
                        style="bold" if marker else "")
            text.append("   ")
        text.append("o: switch · a: add", style="dim")
        line.update(text)

    def _refresh_while_shown(self) -> None:
        # Another copy may have logged; nothing to pick up while a dialog covers the screen or
        # a write is on its way (its own repaint follows).
        if self.is_current and not self._writing:
            self.reload()

    @work(exclusive=True, group="checkpoint")
    async def _checkpoint_while_idle(self) -> None:
        # Sets otherwise live in the -wal until the journal closes: copy them into the file itself.
        if not self._writing:
            try:
                await self.journal.run(lambda journal: journal.checkpoint())
            except JournalError:
                pass  # a busy or read-only file: the next tick tries again

    def _paint(self) -> None:
        planned = self.planned
        assert planned is not None
        self.query_one(SessionHeader).show(planned)
        adjustments = self.query_one("#adjustments", Static)
        adjustments.update("\n".join(f"! {a}" for a in planned.adjustments))
        adjustments.display = bool(planned.adjustments)
        table = self.query_one(ExerciseTable)
        rest_day = self.query_one("#rest-day", Static)
        title = self.query_one("#session-title", Label)
        self.query_one("#focus-panel").display = planned.session is not None  # no sets on a rest day
        if planned.session is None:
            title.update(f"Rest day · {self.program_title}")
            table.display = False
            rest_day.display = True
            rest_day.update(self._rest_day_text())
        else:
            name, kind = planned.session
            title.update(f"{name} ({kind}) · {self.program_title}")
            table.display = True
            rest_day.display = False
            table.show(planned.exercises, {n: len(working_sets(s)) for n, s in self.logged.items()}, kind,
                       self.last_time, self._table_width())
            table.focus()
        self._paint_sessions()
        self._paint_focus()
        self.refresh_bindings()

    def _rest_day_text(self) -> Text:
        text = Text()
        text.append("Nothing planned today: recover, run easy, or do the mobility routine.\n\n")
        upcoming = self.upcoming
        if upcoming is None or upcoming.session is None:
            text.append("No session in the next two weeks.")
            return text
        when = iso_date(upcoming.date)
        days = (when - self.day).days
        text.append("Next: ", style="bold")
        text.append(f"{upcoming.session[0]} ({upcoming.session[1]}) on {day_text(when, 'dddd D MMM')}, "
                    f"in {days} day{'s' if days != 1 else ''}\n", style="bold")
        for p in upcoming.exercises:
            text.append(f"  {p.name:<32} {target_text(p)}\n")
        return text

    def focused_exercise(self) -> Prescription | None:
        if self.planned is None or not self.planned.exercises:
            return None
        table = self.query_one(ExerciseTable)
        return self.planned.exercises[min(table.cursor_row, len(self.planned.exercises) - 1)]

    def _paint_focus(self) -> None:
        p = self.focused_exercise()
        holding = self.holding is not None and self.holding[0] is p
        self.query_one(SetList).show(p, self.logged.get(p.name, []) if p else [], self.record_sets, holding)
        self.query_one(CoachPanel).show_last(p.name if p else None, self.last_time.get(p.name) if p else None)
        why = self.query_one("#why", Static)
        text = f"why: {p.why}" if p else ""
        if text != str(why.content):  # unchanged after a set is logged
            update_in_place(why, text)

    def _repaint_after_log(self, p: Prescription) -> None:
        self.query_one(ExerciseTable).show_done(p, len(working_sets(self.logged[p.name])))
        self._paint_focus()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _row_moved(self) -> None:
        self._paint_focus()

    # --- keys that matter now -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        timer = self.query_one(RestTimer) if self.is_mounted else None
        has_session = bool(self.planned and self.planned.exercises)
        if action in ("log_prescribed", "edit_set", "skip_set", "move", "history", "note"):
            return has_session
        if action in ("pause_timer", "adjust_timer"):
            # Shown dimmed without a rest counting, not hidden: the footer's keys keep their places.
            return True if timer and timer.ends_at is not None and not timer.rang else None
        if action == "undo":
            return bool(self.in_order)
        return True

    # --- writes ---------------------------------------------------------------------------

    def _write(self, store_it: Callable[[Journal], T], show: Callable[[T], None], retry: Callable[[], None],
               failed: str = "Not logged") -> None:
        """Run one write in a worker and `show` its result once it is committed. The screen keeps
        painting while the file is busy (a "waiting" line after a moment); a key that writes
        meanwhile (`retry`) runs after this one, on the state this one leaves."""
        if self._writing:
            self._after_write.append(retry)
            return
        self._writing = True
        waiting = self.set_timer(WAITING_AFTER_S, lambda: setattr(self.query_one("#saving"), "display", True))

        def finished(result: T | None, error: JournalError | None) -> None:
            waiting.stop()
            self.query_one("#saving").display = False
            self._writing = False
            if error is not None:
                self._after_write.clear()  # they were typed on top of the write that failed
                self.notify(error_text(error), severity="error", title=failed, markup=False)
                self.reload()  # what the file holds now, which another copy may have changed
            else:
                show(result)  # type: ignore[arg-type]
            if self._after_write:
                self._after_write.pop(0)()

        self._run_write(store_it, finished)

    @work(group="journal-write")
    async def _run_write(self, store_it: Callable[[Journal], T],
                         finished: Callable[[T | None, JournalError | None], None]) -> None:
        try:
            result = await self.journal.run(store_it)
        except JournalError as error:
            finished(None, error)
            return
        finished(result, None)

    # --- actions --------------------------------------------------------------------------

    def _next(self, p: Prescription):
        return next_set(p, len(working_sets(self.logged.get(p.name, []))))

    def _warm_ups_left(self, p: Prescription) -> tuple[WarmUp, ...]:
        """Warm-ups still to do: none once a working set is in."""
        return warm_ups_left(p, self.logged.get(p.name, []))

    def _advance_if_finished(self, p: Prescription) -> None:
        """Move to the next unfinished exercise after this one, wrapping round to the top."""
        if self._next(p) is not None or self.planned is None:
            return
        exercises = self.planned.exercises
        here = exercises.index(p)
        for step in range(1, len(exercises)):
            index = (here + step) % len(exercises)
            if self._next(exercises[index]) is not None:
                self.query_one(ExerciseTable).move_cursor(row=index, animate=False)
                return
        self._session_done()

    @work(exclusive=True, group="session-done")
    async def _session_done(self) -> None:
        """The last set of the session is in: the card with its totals, records and what is next."""
        from .session_done import SessionDoneScreen

        self.query_one(RestTimer).stop()  # the session is over: no rest to count
        into = self._logging_into()
        report = await self.journal.run(lambda journal: journal.session_report(self.day, into))
        self.app.push_screen(SessionDoneScreen(report, list(self.session_records), self.units))
        try:
            await self.journal.run(lambda journal: journal.keep_safe())
        except JournalError as error:  # the sets are committed; only the extra copy is missing
            self.notify(error_text(error), severity="warning", title="No backup made", markup=False)

    def _record(self, p: Prescription, logged: LoggedSet, records: Sequence[Record] = (), rest: bool = True) -> None:
        """Show a set the store has already committed, its records, and start the rest."""
        self.logged[p.name].append(logged)
        self.in_order.append(logged)
        if records:
            self.record_sets.add(logged.id)
            self.session_records += [r.text(self.units) for r in records]
            self.notify("\n".join(r.text(self.units) for r in records), title="New record", markup=False)
        if self.planned_session is None and self.chosen is None:
            self.planned_session = logged.session_id  # made by this first set
            self._read_sessions()
        self._repaint_after_log(p)
        upcoming = self._next(p)
        other_side = upcoming is not None and upcoming.side == "R"  # straight on: rest after both sides
        timer = self.query_one(RestTimer)
        if rest and p.rest_s and not other_side and logged.set_type != "warmup":
            label = f"rest, then set {upcoming.number}" if upcoming else "rest"
            timer.start(p.rest_s, label)
        elif self.holding is None:
            timer.stop()  # work, or a skip, ends the rest that was counting (and its old label)
        self._advance_if_finished(p)
        self.refresh_bindings()

    @work(exclusive=True, group="today-sessions")
    async def _read_sessions(self) -> None:
        """The day's sessions read back once the first set has made the planned one: only they
        changed, so the day is not read and painted again."""
        try:
            sessions = await self.journal.run(lambda journal: journal.sessions_on(self.day))
        except JournalError:
            return  # the next refresh reads the whole day
        self.sessions = tuple(sessions)
        self._paint_sessions()

    def action_log_prescribed(self) -> None:
        if self.holding is not None:  # Enter during a hold: it ends now, logged with the time held
            self._finish_hold(self.query_one(RestTimer).counted())
            return
        p = self.focused_exercise()
        if p is None:
            return
        upcoming = self._next(p)
        if upcoming is None:
            self.notify(f"All sets of {p.name} are done.", title="Done", markup=False)
            return
        if not self._warm_ups_left(p) and p.target_reps is None and p.seconds:  # a hold or carry: timed first, logged when it ends
            self.holding = (p, upcoming)
            side = f" ({upcoming.side})" if upcoming.side else ""
            self.query_one(RestTimer).start(p.seconds, f"hold{side} · enter stops",
                                            when_done=lambda: self._finish_hold(p.seconds))
            self._paint_focus()
            self.refresh_bindings()
            return
        self._log_next(p, retry=self.action_log_prescribed)

    def _finish_hold(self, held: int | None) -> None:
        """Log the hold or carry being timed, with the seconds held."""
        if self.holding is None:
            return
        p, _ = self.holding
        self.holding = None
        self.query_one(RestTimer).stop()
        self._log_next(p, seconds=held)

    def _log_next(self, p: Prescription, retry: Callable[[], None] | None = None, seconds: int | None = None,
                  skip: bool = False) -> None:
        """Log `p`'s next set (warm-up, working set, the hold just timed, or a skip) as the file has
        it when the write starts, so that another copy's sets are never logged over again."""
        into = self._logging_into()

        def log_it(journal: Journal) -> tuple[LoggedSet, list[Record], tuple[LoggedSet, ...]]:
            logged, now = journal.log_next(p, self.day, into, seconds=seconds, skip=skip)
            return logged, [] if skip else journal.records_of(logged), now

        def show(found: tuple[LoggedSet, list[Record], tuple[LoggedSet, ...]]) -> None:
            logged, records, now = found
            stale = len(now) != len(self.logged.get(p.name, [])) + 1  # another copy logged meanwhile
            self.logged[p.name] = list(now[:-1])
            self._record(p, logged, records, rest=not skip)
            if stale:
                self.reload()

        self._write(log_it, show, retry or (lambda: self._log_next(p, seconds=seconds, skip=skip)),
                    "Not skipped" if skip else "Not logged")

    def _log(self, p: Prescription, entry: SetInput, retry: Callable[[], None] | None = None) -> None:
        """Log a set of `p` as given, with the records it sets, and show it once committed. A key
        that logs "the next one" retries as that key (`retry`), so a press queued behind another
        write logs what comes next, not the same set again."""
        into = self._logging_into()

        def log_it(journal: Journal) -> tuple[LoggedSet, list[Record], str]:
            logged = journal.log_set(p.name, self.day, entry, rest_s=p.rest_s, session_id=into)
            # One trip to the journal's thread for the set, its records and what to warn of.
            return logged, journal.records_of(logged), journal.spacing_warning(logged)

        def show(found: tuple[LoggedSet, list[Record], str]) -> None:
            logged, records, warning = found
            self._record(p, logged, records)
            if warning:
                self.notify(warning, title="Close to a key run", severity="warning", markup=False)

        self._write(log_it, show, retry or (lambda: self._log(p, entry)))

    def action_edit_set(self, typed: str = "") -> None:
        p = self.focused_exercise()
        if p is None:
            return
        from .set_editor import SetEditor

        upcoming = self._next(p)
        self.app.push_screen(SetEditor(p, upcoming, self.units, typed),
                             lambda values: self._log_edited(p, values))

    def _log_edited(self, p: Prescription, entry: SetInput | None, asked: int = 0) -> None:
        """Log a typed set, after asking about each thing in it that is more often a slip than meant."""
        if entry is None:
            return
        questions = []
        if entry.weight is None and p.weight_kg and entry.reps:
            questions.append(f"No weight: log {p.name} × {entry.reps} as a bodyweight set?")
        heaviest = max([p.weight_kg or 0.0] + [s.weight_kg or 0.0 for s in self._last_sets(p)])
        if entry.weight_kg and heaviest and entry.weight_kg > heaviest * SLIP_ABOVE:
            questions.append(f"{load(entry.weight_kg, self.units)} is more than half again the "
                             f"{load(heaviest, self.units)} planned or lifted last time: log it?")
        if asked < len(questions):
            from .confirm import ConfirmScreen

            self.app.push_screen(ConfirmScreen(questions[asked], yes="Log it"),
                                 lambda yes: self._log_edited(p, entry, asked + 1) if yes else None)
            return
        self._log(p, entry)

    def _last_sets(self, p: Prescription) -> tuple[LoggedSet, ...]:
        last = self.last_time.get(p.name)
        return last.sets if last else ()

    def action_skip_set(self) -> None:
        p = self.focused_exercise()
        if p is None or self._next(p) is None:
            return
        self._log_next(p, retry=self.action_skip_set, skip=True)

    def _last_logged(self) -> LoggedSet | None:
        return self.in_order[-1] if self.in_order else None

    def action_undo(self) -> None:
        last = self._last_logged()
        if last is None:
            self.notify("Nothing logged today to undo.", markup=False)
            return
        from .confirm import ConfirmScreen

        label = set_label(last, self.in_order[:-1])
        question = f"Undo {last.exercise} set {label}: {set_text(last)}?"

        def removed(undone: LoggedSet | None) -> None:
            self.reload()
            if undone is not None:
                self.query_one(RestTimer).stop()  # the rest after a set that is gone counts for nothing
            if undone is None:
                self.notify("Another set was logged meanwhile; nothing was undone.", markup=False,
                            severity="warning")
            else:
                self.notify(f"Removed {last.exercise} set {label}.", markup=False)

        def answer(yes: bool | None) -> None:
            if yes:
                self._write(lambda journal: journal.undo_last(self.day, expected=last.id), removed,
                            lambda: answer(yes), "Not undone")

        self.app.push_screen(ConfirmScreen(question, yes="Undo"), answer)

    def action_note(self) -> None:
        """A note on the set logged last today, whichever exercise has the focus now."""
        last = self._last_logged()
        if last is None:
            self.notify("Log a set first; the note goes on it.", markup=False)
            return
        from .note import NoteScreen

        def save(note: str | None) -> None:
            if note is not None:
                self._write(lambda journal: journal.note_set(last.id, note), lambda _: self.reload(),
                            lambda: save(note), "Note not saved")

        self.app.push_screen(NoteScreen(f"{last.exercise} set {set_label(last, self.in_order[:-1])}", last.notes),
                             save)

    def action_add_session(self) -> None:
        """Start another session today (an AM/PM double): the next sets go in it."""
        def added(result: tuple[Session, TrainingDay]) -> None:
            session, day = result
            self.chosen = session.id
            self._show_day(day)
            self.notify(f"Started {session.name}: sets now go in it (o switches).", markup=False)

        self._write(lambda journal: (journal.add_session(self.day), journal.training_day(self.day)), added,
                    self.action_add_session, "Session not added")

    def action_other_session(self) -> None:
        """Log into the day's next session (in the order they started), round to the planned one."""
        order = [self.planned_session] if self.planned_session is None else []
        order += [s.id for s in self.sessions]
        if len(order) < 2:
            self.notify("One session today; a adds another.", markup=False)
            return
        into = order[(order.index(self._logging_into()) + 1) % len(order)]
        self.chosen = None if into == self.planned_session else into
        self._sort_by_session()
        self._paint()

    def action_pause_timer(self) -> None:
        self.query_one(RestTimer).toggle_pause()

    def action_adjust_timer(self, seconds: int) -> None:
        self.query_one(RestTimer).adjust(ADJUST_S if seconds > 0 else -ADJUST_S)

    def action_move(self, step: int) -> None:
        table = self.query_one(ExerciseTable)
        table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    @work(exclusive=True, group="check-in")
    async def action_check_in(self) -> None:
        self._show_check_in(await self.journal.run(lambda journal: journal.latest_wellness(self.day)))

    def _show_check_in(self, last: Wellness | None) -> None:
        from .wellness import WellnessScreen

        self.app.push_screen(WellnessScreen(self.day, last), self._save_check_in)

    def _save_check_in(self, wellness: Wellness | None) -> None:
        if wellness is None:
            return

        def saved(day: TrainingDay) -> None:
            self._show_day(day)
            readiness = day.planned.readiness
            self.notify(f"Check-in saved: readiness {readiness_text(readiness)}." if readiness is not None
                        else "Check-in saved.",
                        markup=False)

        def check_in(journal: Journal) -> TrainingDay:
            journal.check_in(wellness)
            return journal.training_day(self.day)  # readiness changes today's plan

        self._write(check_in, saved, lambda: self._save_check_in(wellness), "Check-in not saved")

    def action_refresh(self) -> None:
        self.reload()

    def action_plan(self) -> None:
        from .plan import PlanScreen

        self.app.push_screen(PlanScreen(self.journal, self.day))

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.journal, self.day))

    def action_export(self) -> None:
        from ...core.engine import monday_of
        from .export import ExportScreen

        self.app.push_screen(ExportScreen(self.journal, monday_of(self.day)))

    def action_import_sets(self) -> None:
        from .import_sets import ImportScreen

        def imported(stored: bool | None) -> None:
            if stored:
                self.reload()  # imported sets may include today's, and runs move sessions

        self.app.push_screen(ImportScreen(self.journal, self.day), imported)

    def action_runs(self) -> None:
        from .runs import RunsScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.reload()  # a run's kind moves heavy legs around it

        self.app.push_screen(RunsScreen(self.journal, self.day), closed)

    def action_history(self) -> None:
        p = self.focused_exercise()
        if p is None:
            return
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.journal, p.name, self.day))

    @work(exclusive=True, group="equipment")
    async def action_equipment(self) -> None:
        from .equipment import EquipmentScreen

        def save(values: dict[str, str] | None) -> None:
            if values is not None:
                self._write(lambda journal: journal.set_equipment(**values), lambda _: self.reload(),
                            lambda: save(values), "Equipment not saved")

        gear = await self.journal.run(lambda journal: journal.equipment())
        self.app.push_screen(EquipmentScreen(gear), save)

    def action_coach_panel(self) -> None:
        """Last time, the week and readiness: beside the session on a wide terminal, else a dialog."""
        if self._panel_beside():
            self.notify("The panel is on the right: last time, this week, readiness.", markup=False)
            return
        from .coach_panel import CoachPanelScreen

        p = self.focused_exercise()
        self.app.push_screen(CoachPanelScreen(self.journal, self.day, p.name if p else None,
                                              self.last_time.get(p.name) if p else None))

    def action_keys(self) -> None:
        from .keys import KeysScreen

        self.app.push_screen(KeysScreen(self.BINDINGS))
