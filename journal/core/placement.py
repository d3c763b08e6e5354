"""Placing a week's sessions around the runs: heavy legs away from key runs, races and each other."""

from __future__ import annotations

from collections.abc import Sequence
import itertools

from pendulum import Date

from . import running
from .clock import day_text
from .context import Context, Placement, WeekPlacement
from .model import (
    SessionTemplate,
    is_jumping,
)
from .weeks import Week, active_slots, is_heavy, session_for

# --- placing the week's sessions around the runs -------------------------------------------


def heavy_template(ctx: Context, week: Week, template: SessionTemplate | None) -> bool:
    """A session with heavy lower-body work at full load (a program's lighter session is not)."""
    return bool(template) and not template.lighter and is_heavy(template, week.block, ctx.enrolment)


def placements_of(ctx: Context, week: Week) -> WeekPlacement:
    if week.monday not in ctx.placements:
        ctx.placements[week.monday] = place_week(ctx, week)
    return ctx.placements[week.monday]


def place_week(ctx: Context, week: Week) -> WeekPlacement:
    """The week's sessions by day, placed around every run known, across the week's edges.

    A heavy lower-body session goes on an easy day that keeps `heavy_spacing_h` before key
    runs and races, `heavy_gap_h` from the other heavy sessions (last week's included) and
    clear of race recovery, preferring a day that is not the day after a long run or race.
    Where no day does, it becomes the lighter variant on a hard-run day (after the run, as the
    article pairs light gym work with hard runs), and failing that stays where it is, lighter,
    naming the rules that gave way. The week's heavy sessions are placed together, to keep as
    many at full load as the runs allow; where one must be lighter, it is not the one made lighter
    the last build week while another could be (each main lift keeps its full-load days). Sessions
    they displace move to the nearest free day."""
    rules, runs, tz = ctx.rules, ctx.history.runs, ctx.history.tz
    days = week.days()
    templates = {d: session_for(ctx.program, week.block, d) for d in days}
    heavy = [d for d in days if heavy_template(ctx, week, templates[d]) and not running.travel_on(d, runs)]
    notes: dict[Date, list[str]] = {d: [] for d in days}

    def day_conflicts(d: Date) -> list[str]:
        """The rules a heavy session on `d` would break whatever else is placed."""
        found = []
        if run := running.key_run_on(d, runs):
            found.append(f"{running.describe(run)} is that day")
        if run := running.key_run_within(d, runs, rules, tz):
            found.append(f"{running.describe(run)} is within {rules.heavy_spacing_h} h")
        if race := running.recovering_from(d, runs, rules):
            found.append(f"recovery after the {running.describe(race)}")
        if d < ctx.start:
            found.append("the program has not started")
        return found

    static = {d: day_conflicts(d) for d in days}
    hard_ok = {d: (run := running.key_run_on(d, runs)) is not None and run.kind != "race"
               and static[d] == [f"{running.describe(run)} is that day"] for d in days}
    after_effort = {d: running.long_effort_before(d, runs) is not None for d in days}
    open_days = [d for d in days if not running.travel_on(d, runs) and d >= ctx.start
                 and (d in heavy or not heavy_template(ctx, week, templates[d]))]

    def gap_conflicts(d: Date, others: Sequence[Date]) -> list[str]:
        near = [o for o in others if abs((d - o).days) * 24 < rules.heavy_gap_h]
        return [f"another heavy session on {day_text(near[0], 'ddd D MMM')} is within {rules.heavy_gap_h} h"] if near else []

    before = [week.last_heavy] if week.last_heavy else []
    # Day numbers, not Date arithmetic: the search below weighs every assignment of the week.
    number = {d: d.toordinal() for d in (*days, *before)}

    def cost(assignment: Sequence[Date]) -> tuple:
        broken = lighter = again = tired = moved_onto = distance = 0
        for n, d in enumerate(assignment):
            others = before + [a for m, a in enumerate(assignment) if m != n]
            gap = any(abs(number[d] - number[o]) * 24 < rules.heavy_gap_h for o in others)
            if not static[d] and not gap:
                pass
            elif hard_ok[d] and not gap:
                lighter += 1
            else:
                broken += 1
            again += bool(static[d] or gap) and templates[heavy[n]].name == week.last_lighter
            tired += after_effort[d]
            moved_onto += d != heavy[n] and templates[d] is not None
            distance += abs(number[d] - number[heavy[n]])
        return broken, lighter, again, tired, moved_onto, distance, tuple(assignment)

    candidates = [open_days] * len(heavy) if len(heavy) <= 4 else [[d] for d in heavy]
    best = min((a for a in itertools.product(*candidates) if len(set(a)) == len(a)), key=cost,
               default=tuple(heavy))
    taken: dict[Date, SessionTemplate] = {}
    lighter: dict[Date, str] = {}
    heavy_here: list[Date] = []  # this week's full-load heavy days, in order
    made_lighter = ""
    for origin, to in sorted(zip(heavy, best), key=lambda pair: pair[1]):
        template = templates[origin]
        others = before + [d for d in best if d != to]
        gap = gap_conflicts(to, others)
        taken[to] = template
        if to != origin:
            effort = running.long_effort_before(origin, runs)
            why = "; ".join(static[origin] + gap_conflicts(origin, others)) or (
                f"the day after the {running.describe(effort)}" if effort else "a better day for the spacing")
            notes[origin].append(f"{template.name} moved to {day_text(to, 'ddd D MMM')}: {why}")
            notes[to].append(f"{template.name} moved here from {day_text(origin, 'ddd D MMM')}: {why}")
        if running.recovering_from(to, runs, rules):
            continue  # its heavy work is left out that day (the day's own rules), so it is no heavy day
        if not static[to] and not gap:
            latest = (before + heavy_here)[-1] if before or heavy_here else None
            if race := running.a_race_between(latest, to, runs, 14):
                lighter[to] = f"first heavy session after the {running.describe(race)}"
        elif hard_ok[to] and not gap:
            lighter[to] = (f"paired with the {running.describe(running.key_run_on(to, runs))}, after it: no easy "
                           f"day this week keeps {rules.heavy_spacing_h} h before the key runs and "
                           f"{rules.heavy_gap_h} h from the other heavy sessions")
        else:
            lighter[to] = "no day this week keeps every rule; gave way: " + "; ".join(static[to] + gap)
        if to not in lighter:  # a lighter session is no reason to keep next week's full one away
            heavy_here.append(to)
        elif static[to] or gap:
            made_lighter = template.name
    for d in days:  # heavy sessions on travel days stay: the day's own rules swap them
        if heavy_template(ctx, week, templates[d]) and d not in heavy:
            taken.setdefault(d, templates[d])

    placed: dict[Date, SessionTemplate | None] = dict(taken)
    light_sessions = [(d, t) for d, t in templates.items() if t and not heavy_template(ctx, week, t)]
    placed.update((d, t) for d, t in light_sessions if d not in taken)
    displaced = [(d, t) for d, t in light_sessions if d in taken]
    made_room: list[tuple[SessionTemplate, Date]] = []  # light sessions moved for another, with their own day
    for d, t in displaced:
        free = [f for f in days if placed.get(f) is None]
        if not free:
            notes[d].append(f"{t.name} left out: no free day this week")
            continue
        to = min(free, key=lambda f: (running.key_run_on(f, runs) is not None, abs((f - d).days), f))
        placed[to] = t
        made_room.append((t, d))
    _move_jumping_off_key_days(ctx, week, placed, notes, made_room)
    for t, origin in made_room:  # said once each moved session has its last day
        now = next(d for d, placed_there in placed.items() if placed_there is t)
        if now == origin:
            continue  # traded back onto its own day
        notes[origin].append(f"{t.name} moved to {day_text(now, 'ddd D MMM')} to make room")
        notes[now].append(f"{t.name} moved here from {day_text(origin, 'ddd D MMM')} to make room")
    return WeekPlacement({d: Placement(placed.get(d), tuple(notes[d]), lighter.get(d, "")) for d in days},
                         heavy_here[-1] if heavy_here else None, made_lighter)


def _move_jumping_off_key_days(ctx: Context, week: Week, placed: dict[Date, SessionTemplate | None],
                               notes: dict[Date, list[str]], made_room: list[tuple[SessionTemplate, Date]]) -> None:
    """A session built on jumping (a plyometric session) whose day is too close to a key run or
    in a race's recovery moves to the nearest day that is not: a free one, else one whose light
    session (no heavy legs, no jumping) trades places with it. It is never emptied of its
    jumping in silence: where no day will do, the plan says so."""
    runs, rules, tz = ctx.history.runs, ctx.rules, ctx.history.tz

    def light(t: SessionTemplate | None) -> bool:
        return t is not None and t.kind != "plyometric" and not heavy_template(ctx, week, t)

    for d, template in sorted(placed.items()):
        if template is None or template.kind != "plyometric" or not (why := running.landing_clash(d, runs, rules, tz)):
            continue
        if not any(is_jumping(s.exercise, s.pillar) for s in active_slots(template, week.block, ctx.enrolment)):
            continue
        clear = [f for f in week.days() if f >= ctx.start and not running.travel_on(f, runs)
                 and not running.landing_clash(f, runs, rules, tz)]
        free = [f for f in clear if placed.get(f) is None] or [f for f in clear if light(placed.get(f))]
        if not free:
            notes[d].append(f"{template.name} stays: no free day this week keeps its jumping clear of the key "
                            f"runs and races ({why})")
            continue
        to = min(free, key=lambda f: (abs((f - d).days), f))
        if (other := placed.get(to)) is not None and not any(t is other for t, _ in made_room):
            made_room.append((other, to))  # it trades places: its move is said with the others'
        placed[to], placed[d] = template, other
        notes[d].append(f"{template.name} moved to {day_text(to, 'ddd D MMM')}: {why}")
        notes[to].append(f"{template.name} moved here from {day_text(d, 'ddd D MMM')}: {why}")
