"""The journal's nouns, as plain frozen dataclasses shared by every layer."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, field
from typing import Literal, get_args

from .record import record
from .units import in_unit, to_kg

Pillar = Literal["strength", "mobility", "stability", "power", "plyometric"]
SessionKind = Literal["strength", "mobility", "stability", "power", "plyometric", "rest"]
LoadKind = Literal["kg", "percent_e1rm", "rpe", "bodyweight", "seconds"]
ProgressionModel = Literal["linear", "double", "rpe"]
Phase = Literal["build", "deload", "taper"]
BlockKind = Literal["base_strength", "power", "plyometric"]
SetType = Literal["warmup", "working", "drop", "failure", "skipped"]
RunKind = Literal["easy", "quality", "long", "race", "travel"]
RacePriority = Literal["A", "B", "C"]
VerdictName = Literal["progress", "hold", "reduce"]
Emphasis = Literal["overpronation", "hip_drop"]
Implement = Literal["barbell", "dumbbell", "kettlebell", "machine", "bodyweight"]  # the last: plus a plate

# The vocabulary above, as the values a file or a flag is checked against.
PILLARS: tuple[str, ...] = get_args(Pillar)
SESSION_KINDS: tuple[str, ...] = get_args(SessionKind)
LOAD_KINDS: tuple[str, ...] = get_args(LoadKind)
PROGRESSION_MODELS: tuple[str, ...] = get_args(ProgressionModel)
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)
SET_TYPES: tuple[str, ...] = get_args(SetType)
RUN_KINDS: tuple[str, ...] = get_args(RunKind)
KEY_RUN_KINDS: tuple[str, ...] = ("quality", "long", "race")  # heavy leg work stays clear of these
RACE_PRIORITIES: tuple[str, ...] = get_args(RacePriority)
VERDICTS: tuple[str, ...] = get_args(VerdictName)
EMPHASES: tuple[str, ...] = get_args(Emphasis)
IMPLEMENTS: tuple[str, ...] = get_args(Implement)
# Landing impact, whatever the pillar a program files it under: the plyometric rules (gates, pain
# flags, key runs, race recovery) apply to every jump, hop, bound or pogo.
_JUMPING = re.compile(r"\b(jump|jumps|jumping|hop|hops|hopping|bound|bounds|bounding|pogo|pogos)\b", re.IGNORECASE)


def is_jumping(name: str, pillar: str) -> bool:
    return pillar == "plyometric" or _JUMPING.search(name) is not None


FULL_LOAD_ADJUSTMENTS = ("taper",)
LIFTING_KINDS: tuple[str, ...] = ("strength", "power", "plyometric")  # loaded work: trims and tapers cut it
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ASSESSMENT_TESTS: dict[str, tuple[float, float]] = {
    # test name -> the range a real measurement can fall in
    "knee_to_wall_cm": (0, 30),
    "single_leg_balance_s": (0, 600),
    "single_leg_calf_raises": (0, 200),
    "single_leg_squat_quality": (1, 5),
    "pain": (0, 10),
}
# Names that mean the same lift but do not say so letter for letter (typed or imported).
ALIASES = {"squat": "back squat", "barbell squat": "back squat", "calf raise": "standing calf raise"}


@record
class Slot:
    """One exercise in a session template, as the program file declares it."""

    exercise: str
    pillar: Pillar
    sets: int
    reps: int | None = None
    reps_max: int | None = None  # set for a rep range (double progression)
    seconds: int | None = None  # holds and timed carries
    tempo: str | None = None
    rest_s: int | None = None
    load: LoadKind = "kg"
    start_kg: float | None = None
    bodyweight_factor: float | None = None  # start load = bodyweight x factor
    percent: float | None = None  # for load = "percent_e1rm"
    rpe: float | None = None  # target RPE for load = "rpe"
    increment_kg: float = 2.5
    increment_reps: int = 1
    increment_s: int = 5
    progression: ProgressionModel = "linear"
    unilateral: bool = False
    heavy_lower: bool = False  # heavy lower-body work, kept away from key runs
    emphasis: Emphasis | None = None  # only in the plan when this emphasis is set
    blocks: tuple[str, ...] = ()  # block kinds it belongs to; empty = all
    implement: Implement = "barbell"  # what the load is made with
    ceiling: int | None = None  # most reps (or seconds) before the next variation; see `top`
    ramp: float | None = None  # increments added per build week of a microcycle; None = the rules'
    warmup: bool = True  # warm-up sets before it when it is the session's first heavy barbell lift

    @property
    def top(self) -> float:
        """The most reps (or seconds, for a hold) this exercise asks for before it moves to a harder
        variation. Power and plyometric work stays at its prescribed count (quality, not volume), and
        core work grows to twice it, unless the program says otherwise."""
        if self.ceiling is not None:
            return self.ceiling
        start = self.reps if self.reps is not None else self.seconds
        if self.pillar in ("power", "plyometric"):
            return self.reps_max or start or math.inf
        if self.pillar == "stability" and start is not None:
            return self.reps_max or 2 * start
        return self.reps_max or math.inf


@record
class SessionTemplate:
    """One of the program's sessions as its file describes it: its kind, the day it suits, and its exercises' slots."""
    name: str
    kind: SessionKind
    day: str
    slots: tuple[Slot, ...]
    lighter: bool = False
    blocks: tuple[str, ...] = ()


@record
class Block:
    name: str
    kind: BlockKind
    weeks: int
    build_weeks: int = 3
    deload_weeks: int = 1


@record
class Rules:
    """Every threshold the engine uses, overridable in a program's [rules] table."""

    plate_step_kg: float = 2.5  # smallest load change: a pair of the smallest plates
    plate_step_lb: float = 5.0
    deload_set_cut: float = 0.45  # deload week: fraction of sets removed
    deload_load_cut: float = 0.10  # deload week: fraction of load removed
    stall_microcycles: int = 2  # judged microcycles without progress = a stall
    reduce_fraction: float = 0.075  # load removed by a "reduce" verdict
    poor_readiness: float = 40.0  # readiness below this is a poor day
    poor_readiness_days: int = 3  # poor days in the last 7 that trigger a deload
    trim_readiness: float = 50.0  # readiness below this trims today's session
    swap_readiness: float = 25.0  # readiness below this swaps strength for mobility
    rpe_creep: float = 1.5  # RPE rise at the same load that triggers a deload
    heavy_spacing_h: int = 48  # no heavy lower-body work this close before a key run
    taper_days: int = 9  # taper length before an A race
    taper_set_cut: float = 0.5
    taper_no_heavy_days: int = 5
    b_race_light_days: int = 3
    heavy_gap_h: int = 48  # heavy lower-body sessions stay this far apart
    a_race_recovery_days: int = 3  # no heavy legs or plyometrics after an A race
    long_race_km: float = 30.0  # an A race this long or longer needs ...
    long_race_recovery_days: int = 7  # ... this many days instead
    b_race_recovery_days: int = 2
    ramp: float = 0.0  # increments added per build week inside a microcycle (0: flat)
    trim_drop: float = 10.0  # readiness this far below your own baseline trims the session
    swap_drop: float = 25.0  # ... and this far below swaps it for mobility
    baseline_days: int = 28
    sleep_target_h: float = 8.0
    progress_rpe: float = 9.0  # a set logged above this RPE is not "done well"
    drop_fraction: float = 0.10  # best e1RM this far below the last microcycle's = a clear drop
    light_set_cut: float = 0.34  # lighter variant: fraction of heavy lower-body sets removed
    light_load_cut: float = 0.20  # lighter variant: fraction of heavy lower-body load removed
    gym_hour: int = 18  # when a gym session is assumed to start (local time)
    run_hour: int = 8  # when a run without a time is assumed to start (local time)
    session_rpe: float = 6.0  # session RPE of a gym session whose sets carry none
    acute_days: int = 7  # training load: short exponentially weighted window
    chronic_days: int = 42  # ... and the long one


@record
class Gates:
    """Readiness tests that unlock the plyometric block."""

    knee_to_wall_cm: float = 10.0
    single_leg_balance_s: float = 30.0
    single_leg_calf_raises: float = 20.0
    single_leg_squat_quality: float = 3.0  # of 5
    pain_max: float = 2.0


@record
class Program:
    """A training program as read from its file: blocks, sessions, coaching rules, plyometric gates and ladders."""
    name: str
    title: str
    summary: str
    units: str
    blocks: tuple[Block, ...]
    sessions: tuple[SessionTemplate, ...]
    rules: Rules = field(default_factory=Rules)
    gates: Gates = field(default_factory=Gates)
    # Variation ladders: each starts at an exercise of the program and names harder steps.
    ladders: tuple[tuple[str, ...], ...] = ()

    def exercises(self) -> dict[str, Slot]:
        """Every exercise the program names, first slot wins, in program order."""
        seen: dict[str, Slot] = {}
        for session in self.sessions:
            for slot in session.slots:
                seen.setdefault(slot.exercise, slot)
        return seen

    def ladder(self, exercise: str) -> tuple[str, ...]:
        """The variations of an exercise, itself first (just itself when it has no ladder)."""
        return next((steps for steps in self.ladders if steps[0] == exercise), (exercise,))

    def variations(self) -> dict[str, str]:
        """Each harder variation's name -> the program exercise whose ladder it is on."""
        return {step: steps[0] for steps in self.ladders for step in steps[1:]}


@record
class Equipment:
    """What the lifter can load with, in exact kg: every prescription is made from it."""

    unit: str = "kg"
    bar_kg: float = 20.0
    plates_kg: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)  # sizes owned, in pairs
    dumbbells_kg: tuple[float, ...] = tuple(float(n) for n in range(2, 52, 2))
    kettlebells_kg: tuple[float, ...] = (8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0)
    machine_step_kg: float = 2.5

    def to_json(self) -> dict:
        def shown(values):
            return [in_unit(v, self.unit) for v in values]

        return {"unit": self.unit, "bar": in_unit(self.bar_kg, self.unit), "plates": shown(self.plates_kg),
                "dumbbells": shown(self.dumbbells_kg), "kettlebells": shown(self.kettlebells_kg),
                "machine_step": in_unit(self.machine_step_kg, self.unit)}


def _pounds(*values: float) -> tuple[float, ...]:
    return tuple(to_kg(v, "lb") for v in values)


def default_equipment(unit: str) -> Equipment:
    """A commercial gym's kit in the lifter's unit: a 20 kg or 45 lb bar and its plates, a
    dumbbell rack, the usual kettlebells (in lb, the kg bells' labels), a stack's steps."""
    if unit != "lb":
        return Equipment()
    return Equipment("lb", _pounds(45)[0], _pounds(45, 35, 25, 10, 5, 2.5), _pounds(*range(5, 105, 5)),
                     _pounds(18, 26, 35, 44, 53, 62, 70), _pounds(5)[0])


@record
class Enrolment:
    """The lifter's enrolment in a program: when it started, in which unit, with their starting loads and equipment."""
    program: str
    start: str  # ISO date
    units: str = "kg"
    emphasis: Emphasis | None = None
    bodyweight_kg: float | None = None
    loads: dict[str, float] = field(default_factory=dict)  # exercise -> start kg
    equipment: Equipment | None = None  # the lifter's own, when they have set it

    @property
    def gear(self) -> Equipment:
        return self.equipment or default_equipment(self.units)


@record
class WarmUp:
    """A warm-up set before a session's first heavy barbell lift: never judged, never volume."""

    weight_kg: float
    reps: int


@record
class Prescription:
    """What to do for one exercise today, and why."""

    name: str
    pillar: Pillar
    sets: int
    reps: int | str | None
    weight_kg: float | None
    seconds: int | None
    tempo: str | None
    rest_s: int | None
    unilateral: bool
    why: str
    load: LoadKind = "kg"
    heavy_lower: bool = False
    adjusted: str | None = None  # why today's version differs from the microcycle's
    variation_of: str | None = None  # the program exercise a harder variation stands in for
    unit: str = "kg"  # the lifter's unit: `weight` is the load in it
    implement: Implement = "barbell"
    plates: str | None = None  # what goes on each side of the bar, for barbell loads
    warmups: tuple[WarmUp, ...] = ()  # logged before the working sets, as warm-ups
    unmakeable: str | None = None  # why the lifter's kit makes no load near the one meant

    @property
    def weight(self) -> float | None:
        """The load in the lifter's unit (weight_kg stays exact kilograms)."""
        return None if self.weight_kg is None else in_unit(self.weight_kg, self.unit)

    @property
    def full_load(self) -> bool:
        """At the microcycle's load: not lightened today (a taper cuts sets, not loads)."""
        return self.adjusted is None or self.adjusted.startswith(FULL_LOAD_ADJUSTMENTS)

    @property
    def jumps(self) -> bool:
        """Landing impact, under its own name or the program exercise it stands in for."""
        return is_jumping(self.name, self.pillar) or is_jumping(self.program_exercise, self.pillar)

    @property
    def program_exercise(self) -> str:
        """The exercise of the program this serves: its targets and verdicts are kept under it."""
        return self.variation_of or self.name

    @property
    def target_reps(self) -> int | None:
        """The reps one set asks for: the bottom of a range, as double progression starts there."""
        if isinstance(self.reps, str):
            return int(self.reps.split("-")[0])
        return self.reps

    def to_json(self) -> dict:
        return dict(asdict(self), weight=self.weight)


@record
class BlockPosition:
    name: str
    kind: BlockKind
    week: int
    weeks: int
    phase: Phase


@record
class PlannedDay:
    """One day of the plan: its session (or a rest day), each exercise's prescription, the day's readiness and what
    was adjusted."""
    date: str
    program: str
    block: BlockPosition
    session: tuple[str, str] | None  # (name, kind)
    readiness: float | None
    exercises: tuple[Prescription, ...]
    adjustments: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "date": self.date,
            "program": self.program,
            "block": {
                "name": self.block.name,
                "kind": self.block.kind,
                "week": self.block.week,
                "weeks": self.block.weeks,
                "phase": self.block.phase,
            },
            "session": (
                {"name": self.session[0], "kind": self.session[1]} if self.session else None
            ),
            "readiness": self.readiness,
            "exercises": [p.to_json() for p in self.exercises],
            "adjustments": list(self.adjustments),
        }


@record
class LoggedSet:
    """One set as logged: the exercise, load, reps or seconds, side, tempo and RPE, in its session on its day."""
    id: str
    exercise: str
    set_index: int
    set_type: SetType
    weight_kg: float | None
    weight: float | None  # as entered, in `unit`
    unit: str
    reps: int | None
    seconds: float | None
    side: str | None
    tempo: str | None
    rpe: float | None
    rest_s: int | None
    notes: str | None
    logged_at: str  # UTC instant, ISO 8601
    tz: str
    date: str  # the lifter's local date of the session
    session_id: str | None = None
    distance_m: float | None = None
    pillar: Pillar | None = None


@record
class Session:
    """One workout: a day can hold several (AM/PM doubles, two workouts in one Hevy export).
    Sets belong to a session; `source` says where it came from (journal, strong, hevy)."""

    id: str
    date: str
    name: str | None
    kind: str | None
    source: str
    started_at: str | None  # UTC instant, ISO 8601
    tz: str | None


@record
class Wellness:
    """A day's check-in: sleep, soreness, fatigue, stress, mood and motivation, with resting HR and notes."""
    date: str
    sleep_h: float
    sleep_quality: int
    soreness: int
    fatigue: int
    stress: int
    mood: int
    motivation: int
    resting_hr: int | None = None
    notes: str | None = None


@record
class Run:
    """A run in the calendar: its kind and race priority, its length and effort, and where it came from."""
    id: str
    date: str
    kind: RunKind
    priority: RacePriority | None = None
    minutes: float | None = None
    km: float | None = None
    rpe: float | None = None
    title: str | None = None
    time: str | None = None  # local start time HH:MM, when known
    # What a run read from a watch's or a platform's file also says (None when typed):
    start_utc: str | None = None  # ISO 8601 instant, "Z"
    utc_offset_min: int | None = None  # local time = UTC + this, at the start
    moving_s: int | None = None
    elapsed_s: int | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    elevation_gain_m: float | None = None
    source: str | None = None  # strava | garmin | fit | gpx | tcx
    source_id: str | None = None  # the source's own id for it (or the file's name)
    kind_reason: str | None = None  # why the kind was suggested; None once the runner said it
    kind_by_runner: bool = False  # the runner's word: no import changes it


@record
class Assessment:
    id: str
    date: str
    test: str
    value: float
    side: str | None = None
