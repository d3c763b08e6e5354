"""The commands, in click: parse, call the core, print. No rules live here. `cli.py` hands them
every command line that is not just opening the screen."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .core.errors import EntryError, JournalError
from .core.units import plural

from .start import EXIT_USER_ERROR, clock_from_environment, error_line, open_screen


class JournalGroup(click.Group):
    """Turns every JournalError into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JournalError as error:
            click.echo(f"journal: {error_line(error)}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except Exception as error:
            from .core.salvage import as_damage

            damage = as_damage(error, _db_path(ctx))
            if damage is None:
                raise
            click.echo(f"journal: {error_line(damage)}", err=True)
            ctx.exit(EXIT_USER_ERROR)


def _clock(ctx: click.Context):
    if ctx.obj and ctx.obj.get("clock"):
        return ctx.obj["clock"]
    return clock_from_environment()


def _db_path(ctx: click.Context) -> Path:
    from .core.files import default_db_path

    root = ctx.find_root()
    db = ctx.params.get("db") or (root.params.get("db") if root is not ctx else None)
    return Path(db) if db else default_db_path()


def _journal(ctx: click.Context, create: bool = False):
    from .core.journal import Journal

    journal = Journal.open(_db_path(ctx), _clock(ctx), create=create)
    ctx.call_on_close(journal.close)
    return journal


def _print_json(document: Any) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


db_option = click.option("--db", type=click.Path(path_type=Path), help="Journal file (default: JOURNAL_DB or your data directory).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
date_option = click.option("--date", "date_text", metavar="DATE", help="YYYY-MM-DD (1900-2200), or today, yesterday, tomorrow (default: today).")


@click.group(cls=JournalGroup, invoke_without_command=True)
@db_option
@date_option
@click.option("--demo", is_flag=True, help="Open on a throwaway journal with 12 weeks of history.")
@click.version_option(package_name="journal")
@click.pass_context
def commands(ctx: click.Context, db: Path | None, date_text: str | None, demo: bool) -> None:
    """A training journal for runners who lift. With no command, opens the Today screen."""
    if ctx.invoked_subcommand is not None:
        return
    open_screen(db, date_text, demo, _clock(ctx))


@commands.command()
@db_option
@click.option("--program", "program_name", required=True, help="A shipped program name or a .toml file.")
@click.option("--start", "start_text", metavar="DATE",
              help="First day of the program (default: the coming Monday, or today on a Monday).")
@click.option("--units", type=click.Choice(["kg", "lb"]), default="kg", show_default=True)
@click.option("--bodyweight", type=str,
              help="Your bodyweight (75kg, 165lb; a bare number is in --units): scales the starting loads.")
@click.option("--load", "loads", multiple=True, metavar="EXERCISE=WEIGHT",
              help="Your own starting load, 60kg or 135lb (a bare number is in --units; repeatable).")
@click.option("--force", is_flag=True, help="Start again over an existing journal (a backup is kept beside it).")
@click.pass_context
def init(ctx, db, program_name, start_text, units, bodyweight, loads, force) -> None:
    """Enrol in a program."""
    from .core.clock import today
    from .core.engine import coming_monday
    from .core.entry import parse_date
    from .core.journal import start_journal

    overrides: dict[str, str] = {}
    for item in loads:
        name, sep, kg = item.rpartition("=")
        if not sep or not name.strip():
            raise EntryError("load", f"{item!r} is not EXERCISE=WEIGHT")
        overrides[name.strip()] = kg.strip()
    now = today(_clock(ctx))
    start = parse_date(start_text, now, "start") if start_text else coming_monday(now)
    journal, enrolled = start_journal(_db_path(ctx), _clock(ctx), program_name, start, units, bodyweight, overrides,
                                      again=force)
    ctx.call_on_close(journal.close)
    click.echo(f"Enrolled in {enrolled.program.title} from {start.isoformat()} "
               f"({journal.path}).")
    if journal.last_backup:
        click.echo(f"The journal as it was is kept in {journal.last_backup}.")


@commands.command()
@json_option
def programs(as_json: bool) -> None:
    """List the programs that ship with the journal."""
    from .core.program import load_shipped, shipped_programs

    listed = []
    for name in shipped_programs():
        program = load_shipped(name)
        listed.append({"name": name, "title": program.title, "summary": program.summary,
                       "weeks": sum(b.weeks for b in program.blocks),
                       "sessions_per_week": len({s.day for s in program.sessions})})
    if as_json:
        _print_json({"programs": listed})
        return
    for item in listed:
        click.echo(f"{item['name']:<22} {item['title']}\n{'':<22} {item['summary']}")


@commands.command("check-program")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--calendars", type=click.IntRange(0, 1000), default=10, show_default=True,
              help="Random calendars of runs, races, trips and bad days to live the program through.")
@click.option("--weeks", type=click.IntRange(1, 260), default=52, show_default=True, help="Length of each calendar.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed draws the same calendars.")
def check_program(file: Path, calendars: int, weeks: int, seed: int) -> None:
    """Validate a program file (every problem is listed with its line), then live it through
    random calendars and check that the coach keeps its promises on each."""
    from .core.program import ProgramError, load_program_file
    from .core.rehearsal import rehearse

    try:
        program = load_program_file(file)
    except ProgramError as error:
        for problem in error.problems:
            click.echo(f"{file}:{problem}", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(f"{file}: ok ({program.name}: {len(program.blocks)} blocks, "
               f"{len(program.sessions)} sessions, {len(program.exercises())} exercises)")
    if not calendars:
        return
    lived = rehearse(str(file), calendars, weeks, seed)
    broken = [(n, calendar, found) for n, (calendar, found) in enumerate(lived, 1) if found]
    if not broken:
        click.echo(f"Lived {calendars} random calendars of {weeks} weeks: every promise kept.")
        return
    click.echo(f"Lived {calendars} random calendars of {weeks} weeks: {len(broken)} broke a promise.", err=True)
    for n, calendar, found in broken:
        click.echo(f"calendar {n} ({calendar.describe()}):", err=True)
        for violation in found[:5]:
            click.echo(f"  {violation}", err=True)
    sys.exit(EXIT_USER_ERROR)


@commands.command()
@db_option
@date_option
@json_option
@click.pass_context
def today(ctx, db, date_text, as_json) -> None:
    """The session planned for a day, with the reason for every load."""
    from .render import plan_text

    journal = _journal(ctx)
    planned = journal.plan(journal.date(date_text))
    if as_json:
        _print_json(planned.to_json())
    else:
        click.echo(plan_text(planned))
    _report_broken_promises(journal.self_check([planned]))


def _report_broken_promises(broken: list[str]) -> None:
    """A plan that breaks one of the coach's promises says so (on stderr: the plan still prints)."""
    for violation in broken:
        click.echo(f"coach check: {violation} (please report this)", err=True)


@commands.command()
@db_option
@click.option("--from", "first_text", metavar="DATE", help="First day (default: this Monday).")
@click.option("--to", "last_text", metavar="DATE", help="Last day (default: this Sunday).")
@json_option
@click.pass_context
def plan(ctx, db, first_text, last_text, as_json) -> None:
    """The planned sessions in a range of days."""
    from .core.engine import monday_of
    from .render import plan_text

    journal = _journal(ctx)
    first = journal.date(first_text, "from") if first_text else monday_of(journal.today())
    last = journal.date(last_text, "to") if last_text else first.add(days=6)
    every_day = journal.plan_range(first, last)  # the promises are checked over rest days too
    days = [d for d in every_day if d.session]
    if as_json:
        _print_json({"days": [d.to_json() for d in days]})
    else:
        click.echo("\n\n".join(plan_text(d) for d in days) or "No sessions planned.")
    _report_broken_promises(journal.self_check(every_day))


# A negative number such as -10x5 is a value to refuse by name, not an unknown option.
NUMBERS_MAY_BE_NEGATIVE = {"ignore_unknown_options": True}


@commands.command(context_settings=NUMBERS_MAY_BE_NEGATIVE)
@db_option
@click.argument("exercise")
@click.argument("set_text", metavar="WEIGHTxREPS|WEIGHTxSECONDSs", required=False)
@click.option("--tempo")
@click.option("--rpe")
@click.option("--side")
@click.option("--seconds", help="Hold or carry time instead of reps.")
@click.option("--type", "set_type", type=click.Choice(["warmup", "working", "drop", "failure"]), default="working")
@click.option("--note", "notes")
@click.option("--new", is_flag=True, help="Log an exercise that is not in your program.")
@click.option("--session", "session_name",
              help="The day's session of this name (started if there is none): an AM/PM double.")
@date_option
@click.pass_context
def log(ctx, db, exercise, set_text, tempo, rpe, side, seconds, set_type, notes, new, session_name,
        date_text) -> None:
    """Log one set, e.g. `journal log squat 80x5 --rpe 8`."""
    from .core.entry import parse_set_input
    from .core.errors import UnknownExercise
    from .render import set_text as describe

    journal = _journal(ctx)
    day = journal.date(date_text)
    named = journal.session_named(day, session_name) if session_name is not None else None
    session_id = named.id if named is not None else None  # None: the day's planned session
    try:
        entry = parse_set_input(set_text, journal.units(), seconds=seconds, tempo=tempo, rpe=rpe, side=side,
                                notes=notes, set_type=set_type)
        logged = journal.log_set(exercise, day, entry, new=new, session_id=session_id)
    except UnknownExercise as error:
        raise UnknownExercise(error.field, f"{error.problem}; --new logs it anyway") from None
    taken = f" (side {logged.side}: the next in order; --side to choose)" if logged.side and not side else ""
    click.echo(f"Logged {logged.exercise} set {journal.set_label(logged)}: {describe(logged)}{taken}")
    for record in journal.records_of(logged):
        click.echo(f"New record: {record.text(journal.units())}")
    if warning := journal.spacing_warning(logged):
        click.echo(f"Note: {warning}")


@commands.command()
@db_option
@date_option
@click.option("--sleep", required=True, help="Hours slept.")
@click.option("--sleep-quality", required=True, help="1 poor … 5 great.")
@click.option("--soreness", required=True, help="1 none … 5 very sore.")
@click.option("--fatigue", required=True, help="1 fresh … 5 exhausted.")
@click.option("--stress", required=True, help="1 relaxed … 5 very stressed.")
@click.option("--mood", required=True, help="1 low … 5 great.")
@click.option("--motivation", required=True, help="1 none … 5 eager.")
@click.option("--resting-hr", help="Resting heart rate, beats per minute.")
@click.option("--notes")
@click.pass_context
def wellness(ctx, db, date_text, sleep, sleep_quality, soreness, fatigue, stress, mood,
             motivation, resting_hr, notes) -> None:
    """The daily check-in (one per day; a second one replaces the first)."""
    from .core.engine import readiness_score
    from .core.entry import parse_check_in
    from .core.readiness import readiness_text

    journal = _journal(ctx, create=True)
    saved = journal.check_in(parse_check_in(journal.date(date_text), sleep_h=sleep, sleep_quality=sleep_quality,
                             soreness=soreness, fatigue=fatigue, stress=stress, mood=mood,
                             motivation=motivation, resting_hr=resting_hr, notes=notes))
    click.echo(f"Check-in saved for {saved.date}: readiness {readiness_text(readiness_score(saved))}")


@commands.command(context_settings=NUMBERS_MAY_BE_NEGATIVE)
@db_option
@click.argument("test")
@click.argument("value")
@click.option("--side")
@date_option
@click.pass_context
def assess(ctx, db, test, value, side, date_text) -> None:
    """Record a readiness test, e.g. `journal assess knee_to_wall_cm 11 --side L`."""
    journal = _journal(ctx, create=True)
    saved = journal.assess(test, value, journal.date(date_text), side)
    click.echo(f"Recorded {saved.test} {saved.value:g}{' ' + saved.side if saved.side else ''} on {saved.date}")


@commands.group(cls=JournalGroup, invoke_without_command=True)
@click.pass_context
def run(ctx) -> None:
    """Your running calendar: runs done and planned, races, travel. Alone: the last four weeks' runs."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(run_list)


@run.command("add")
@db_option
@date_option
@click.option("--kind", required=True, help="easy, quality, long, race or travel.")
@click.option("--priority", help="A, B or C (races).")
@click.option("--minutes")
@click.option("--km")
@click.option("--rpe", help="How hard it was, 1-10.")
@click.option("--title", help="e.g. 'Valencia marathon'.")
@click.option("--time", metavar="HH:MM", help="Start time (default: the program's run hour).")
@click.option("--to", "to_text", metavar="DATE", help="Last day of a travel range.")
@click.pass_context
def run_add(ctx, db, date_text, kind, priority, minutes, km, rpe, title, time, to_text) -> None:
    """Record a run, a planned key run or race, or days of travel."""
    from .core.running import describe

    journal = _journal(ctx)
    day = journal.date(date_text)
    until = journal.date(to_text, "to") if to_text else None
    added = journal.add_run(day, kind.lower(), priority=priority, minutes=minutes, km=km, rpe=rpe,
                            title=title, time=time, until=until)
    click.echo(f"Added {describe(added[0])}" + (f" and {plural(len(added) - 1, 'more day')}" if len(added) > 1 else ""))


@run.command("import")
@db_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Say what would be added, merged and skipped; write nothing.")
@click.option("--max-hr", metavar="BPM", help="Your max heart rate, for telling quality runs "
                                              "(default: the highest of your last 12 weeks).")
@click.pass_context
def run_import(ctx, db, paths, dry_run, max_hr) -> None:
    """Runs from a Strava or Garmin export (the zip or its folder), .fit, .gpx or .tcx files (or
    .gz, or a folder of them), a CSV (date,kind,minutes,km,rpe,priority) or an .ics calendar of
    planned workouts. All or nothing; a run already here is never stored twice."""
    from .render import run_import_text

    journal = _journal(ctx)
    with _progress_bar("Reading runs", at_least=20) as progress:
        report = journal.import_runs(paths, dry_run=dry_run, progress=progress, max_hr=max_hr)
    click.echo(run_import_text(report))


@run.command("list")
@db_option
@click.option("--from", "first_text", metavar="DATE", help="First day (default: four weeks ago).")
@click.option("--to", "last_text", metavar="DATE", help="Last day (default: today).")
@click.option("--why", is_flag=True, help="Say why each kind was suggested.")
@click.pass_context
def run_list(ctx, db, first_text, last_text, why) -> None:
    """Your runs: id, when, kind (? where suggested and not yet confirmed), distance, time, title."""
    from .render import run_line

    journal = _journal(ctx)
    last = journal.date(last_text, "to")
    first = journal.date(first_text, "from") if first_text else last.subtract(days=27)
    for found in journal.runs_between(first, last):
        click.echo(run_line(found))
        if why and found.kind_reason:
            click.echo(f"          {found.kind_reason}")


@run.command("kind")
@db_option
@click.argument("run_id", metavar="ID")
@click.argument("kind", type=click.Choice(["easy", "quality", "long", "race"], case_sensitive=False))
@click.option("--priority", help="A, B or C (races).")
@click.pass_context
def run_kind(ctx, db, run_id, kind, priority) -> None:
    """Say what a run was (ID: the first characters `journal run list` shows); kept over any import."""
    from .render import run_line

    journal = _journal(ctx)
    click.echo(run_line(journal.set_run_kind(run_id, kind.lower(), priority)))


@run.command("pattern")
@db_option
@click.option("--off", "switch", flag_value="off", help="Plan only around the runs entered.")
@click.option("--on", "switch", flag_value="on", help="Plan around your usual key runs too (the default).")
@click.pass_context
def run_pattern(ctx, db, switch) -> None:
    """The key runs your last twelve weeks repeat, which the plan expects on days no run is entered for."""
    journal = _journal(ctx)
    if switch:
        journal.set_run_pattern(switch == "on")
    pattern = journal.run_pattern()
    on = journal.run_pattern_on()
    if not pattern:
        click.echo("No recurring key runs in your last twelve weeks (it takes four usual weeks of runs).")
    for slot in pattern:
        click.echo(f"{'Expected' if on else 'Seen, not planned around'}: {slot.describe()}")
    if pattern or switch:
        click.echo("The plan expects them on days no run is entered for (`journal run pattern --off` to stop)."
                   if on else "Off: the plan counts only the runs entered (`journal run pattern --on`).")


commands.add_command(run, "runs")  # `journal runs import` reads as well as `journal run import`


@commands.command()
@db_option
@click.argument("exercise")
@date_option
@json_option
@click.pass_context
def why(ctx, db, exercise, date_text, as_json) -> None:
    """The verdict and the evidence behind an exercise's next load."""
    from .render import why_text

    journal = _journal(ctx)
    found = journal.why(exercise, journal.date(date_text))
    if as_json:
        _print_json(found.to_json())
    else:
        click.echo(why_text(found))


@commands.command()
@db_option
@click.option("--week", "week_text", metavar="YYYY-Www", help="ISO week (default: this week).")
@json_option
@click.pass_context
def summary(ctx, db, week_text, as_json) -> None:
    """The weekly review: sessions, volume, PRs, wellness, load, verdicts and next week."""
    from .core.engine import monday_of
    from .core.entry import parse_iso_week
    from .render import summary_text

    journal = _journal(ctx)
    monday = parse_iso_week(week_text) if week_text else monday_of(journal.today())
    week = journal.summary(monday)
    if as_json:
        _print_json(week.to_json())
    else:
        click.echo(summary_text(week))


@commands.command()
@db_option
@click.option("--out", type=click.Path(path_type=Path), help="File to write, or - for standard output (the default).")
@click.option("--force", is_flag=True, help="Replace --out if it exists (never the journal or another database).")
@click.option("--spreadsheet-safe", is_flag=True,
              help="Prefix text starting with = + - @ with ' so a spreadsheet does not run it as a formula.")
@click.option("--what", type=click.Choice(["sets", "wellness", "runs"]), default="sets", show_default=True)
@click.option("--from", "first_text", metavar="DATE")
@click.option("--to", "last_text", metavar="DATE")
@click.pass_context
def export(ctx, db, out, force, spreadsheet_safe, what, first_text, last_text) -> None:
    """CSV of your sets (or wellness, or runs): one row per set, every stored field."""
    journal = _journal(ctx)
    first = journal.date(first_text, "from") if first_text else None
    last = journal.date(last_text, "to") if last_text else None
    if out is None or str(out) == "-":
        journal.export(sys.stdout, what, first, last, spreadsheet_safe)
        return
    count = journal.export_to(out, what, first, last, force, spreadsheet_safe)
    row = {"sets": "set", "wellness": "check-in", "runs": "run"}[what]
    click.echo(f"Exported {plural(count, row)} to {out}", err=True)


@contextmanager
def _progress_bar(label: str, at_least: int) -> Iterator[Callable[[int, int], None]]:
    """A progress callback that shows a bar on a terminal once the work is `at_least` steps
    (smaller work finishes before a bar helps)."""
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total < at_least or not sys.stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@commands.command("import")
@db_option
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "strong", "hevy", "journal"]), default="auto",
              show_default=True)
@click.option("--units", type=click.Choice(["kg", "lb"]), help="Strong's weights are in your app's unit (default: the journal's).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.pass_context
def import_(ctx, db, file, fmt, units, dry_run) -> None:
    """Import sets from Strong, Hevy or a journal export; all or nothing, and never twice."""
    from .render import import_text

    journal = _journal(ctx, create=True)
    with _progress_bar("Importing", at_least=5000) as progress:
        report = journal.import_sets(file, fmt, units, dry_run, progress)
    click.echo(import_text(report, dry_run))


@commands.command()
@db_option
@click.argument("emphasis")
@click.pass_context
def emphasis(ctx, db, emphasis) -> None:
    """Set the emphasis from a gait assessment: overpronation, hip_drop or none."""
    journal = _journal(ctx)
    journal.set_emphasis(emphasis)
    click.echo(f"Emphasis set to {emphasis}.")


@commands.command()
@db_option
@click.argument("units", type=click.Choice(["kg", "lb"]))
@click.pass_context
def units(ctx, db, units) -> None:
    """Plan and show loads in kg or lb from now on (logged sets keep the unit they were entered in)."""
    journal = _journal(ctx)
    journal.set_units(units)
    click.echo(f"Loads are planned in {units} from now on, rounded to {units} plates; history is unchanged.")


@commands.command()
@db_option
@click.option("--bar", help="Bar weight, in your unit (20 or 45).")
@click.option("--plates", help="Plate sizes you have in pairs, e.g. 25,20,15,10,5,2.5,1.25 (add 0.5 for microplates).")
@click.option("--dumbbells", help="Dumbbells you own, e.g. 4,6,8,10,12.")
@click.option("--kettlebells", help="Kettlebells you own, e.g. 8,12,16,20,24.")
@click.option("--machine-step", help="The smallest step of your machines and cables.")
@json_option
@click.pass_context
def equipment(ctx, db, bar, plates, dumbbells, kettlebells, machine_step, as_json) -> None:
    """Show or set what you load with: every prescribed load is made from it."""
    from .render import equipment_text

    journal = _journal(ctx)
    if any(v is not None for v in (bar, plates, dumbbells, kettlebells, machine_step)):
        gear = journal.set_equipment(bar=bar, plates=plates, dumbbells=dumbbells, kettlebells=kettlebells,
                                     machine_step=machine_step)
    else:
        gear = journal.equipment()
    if as_json:
        _print_json(gear.to_json())
    else:
        click.echo(equipment_text(gear))


@commands.command()
@db_option
@click.pass_context
def check(ctx, db) -> None:
    """Check the journal file: SQLite's integrity check, its links and its schema."""
    journal = _journal(ctx)
    problems, repaired = journal.check()
    for name in repaired:
        click.echo(f"made again: {name} (derived from your rows; nothing was lost)")
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        ctx.exit(EXIT_USER_ERROR)
    click.echo(f"{journal.path}: ok (schema {journal.schema_version()}, integrity ok)")


@commands.command()
@db_option
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx, db, target) -> None:
    """Copy the journal safely while it may be in use (SQLite online backup)."""
    written = _journal(ctx).backup(target)
    click.echo(f"Backed up to {written}")


@commands.command()
@db_option
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="A new journal file to hold every row that can still be read.")
@click.pass_context
def salvage(ctx, db, out) -> None:
    """Copy every readable row of a damaged journal into a new journal file (the damaged one is only read)."""
    from .core.salvage import salvage as salvage_rows

    saved = salvage_rows(_db_path(ctx), out.expanduser(), _clock(ctx))
    click.echo(f"Salvaged into {out}: " + ", ".join(f"{count} {table}" for table, count in saved.items()))
    click.echo(f"Check it with 'journal --db {out} today', then put it in place with 'journal restore {out}'.")


@commands.command()
@db_option
@click.argument("backup", type=click.Path(path_type=Path))
@click.pass_context
def restore(ctx, db, backup) -> None:
    """Put a verified backup (or a salvaged journal) in place of the journal; the old file is moved aside, never deleted."""
    from .core.salvage import restore as restore_backup

    path = _db_path(ctx)
    aside = restore_backup(path, backup.expanduser(), _clock(ctx))
    click.echo(f"Restored {path} from {backup}." + (f" The file it replaced is kept as {aside}." if aside else ""))


if __name__ == "__main__":  # pragma: no cover
    commands(prog_name="journal")
