"""Program files: the shipped programs, and every kind of mistake in a file."""

from __future__ import annotations

import pytest

from journal.core.program import ProgramError, key_lines, load_shipped, parse_program, shipped_programs

MINIMAL = """\
name = "mini"
title = "Mini"
units = "kg"

[[blocks]]
name = "Base"
kind = "base_strength"
weeks = 4

[[sessions]]
name = "A"
kind = "strength"
day = "mon"

  [[sessions.exercises]]
  exercise = "Back squat"
  pillar = "strength"
  sets = 3
  reps = 5
  tempo = "3-1-X-0"
  start_kg = 20
"""


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ProgramError) as raised:
        parse_program(text)
    return [(p.line, p.field, p.message) for p in raised.value.problems]


def test_both_shipped_programs_pass_validation():
    assert set(shipped_programs()) == {"runner-beginner", "runner-experienced"}
    for name in shipped_programs():
        program = load_shipped(name)
        assert program.name == name


ARTICLE_MOVEMENTS = ["squat", "deadlift", "lunge", "step-up", "glute bridge|hip thrust",
                     "hamstring curl", "calf raise", "plank", "pallof press", "bird-dog",
                     "suitcase carry", "ankle", "hip 90/90|couch", "thoracic"]


@pytest.mark.parametrize("name", ["runner-beginner", "runner-experienced"])
def test_shipped_programs_cover_the_article(name):
    exercises = " | ".join(load_shipped(name).exercises()).lower()
    for movement in ARTICLE_MOVEMENTS:
        assert any(m in exercises for m in movement.split("|")), movement


def test_beginner_and_experienced_weekly_templates():
    def kinds(name: str) -> list[str]:
        program = load_shipped(name)
        return sorted(s.kind for s in program.sessions if not s.blocks or "base_strength" in s.blocks)

    assert kinds("runner-beginner") == ["mobility", "stability", "strength", "strength"]
    assert kinds("runner-experienced") == ["mobility", "stability", "strength", "strength", "strength"]
    lighter = [s for s in load_shipped("runner-experienced").sessions if s.lighter]
    assert [s.kind for s in lighter] == ["strength"]


def test_every_loaded_exercise_has_a_start_load():
    for name in shipped_programs():
        for slot in load_shipped(name).exercises().values():
            if slot.load in ("kg", "percent_e1rm", "rpe"):
                assert slot.start_kg is not None, slot.exercise


def test_minimal_program_parses():
    program = parse_program(MINIMAL)
    slot = program.sessions[0].slots[0]
    assert (slot.exercise, slot.sets, slot.reps, slot.tempo, slot.start_kg) == ("Back squat", 3, 5, "3-1-X-0", 20.0)
    assert slot.progression == "linear"


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        ('tempo = "3-1-X-0"', 'tempo = "3-1-Y"', 20, "sessions[0].exercises[0].tempo", "3-1-X-0"),
        ("weeks = 4", 'weeks = "four"', 8, "blocks[0].weeks", "not a positive whole number"),
        ('pillar = "strength"', 'pillar = "cardio"', 17, "sessions[0].exercises[0].pillar", "not a known pillar"),
        ("sets = 3", "sets = 3\n  colour = \"red\"", 19, "sessions[0].exercises[0].colour", "unknown key"),
        ('day = "mon"', 'day = "funday"', 13, "sessions[0].day", "not a known weekday"),
        ('kind = "strength"', 'kind = "cardio"', 12, "sessions[0].kind", "not a known session kind"),
        ('units = "kg"', 'units = "stone"', 3, "units", "not a known unit"),
        ("reps = 5", 'reps = "12-8"', 19, "sessions[0].exercises[0].reps", "range"),
        ("start_kg = 20", "start_kg = -20", 21, "sessions[0].exercises[0].start_kg", "zero or more"),
        ("sets = 3", "sets = true", 18, "sessions[0].exercises[0].sets", "positive whole number"),
    ],
)
def test_each_problem_names_its_line_and_field(old, new, line, field, message):
    found = problems_of(MINIMAL.replace(old, new, 1))
    assert any(l == line and f == field and message in m for l, f, m in found), found


def test_every_problem_is_reported_at_once():
    broken = (MINIMAL.replace("weeks = 4", "weeks = 0").replace('tempo = "3-1-X-0"', 'tempo = "slow"')
              .replace('pillar = "strength"', 'pillar = "core"'))
    fields = {f for _, f, _ in problems_of(broken)}
    assert fields == {"blocks[0].weeks", "sessions[0].exercises[0].tempo", "sessions[0].exercises[0].pillar"}


def test_missing_pieces():
    found = problems_of(MINIMAL.replace("  reps = 5\n", "").replace('title = "Mini"\n', ""))
    assert (1, "(file)", "missing required key 'title'") in found
    assert any("needs 'reps' or 'seconds'" in m for _, _, m in found)
    no_blocks = problems_of(MINIMAL.split("[[blocks]]")[0] + "[[sessions]]" + MINIMAL.split("[[sessions]]")[1])
    assert any(f == "blocks" for _, f, _ in no_blocks)


def test_every_problem_names_a_line_even_an_unknown_top_level_table():
    found = problems_of(MINIMAL.replace("[[blocks]]", "[[block]]"))
    block_line = MINIMAL.splitlines().index("[[blocks]]") + 1
    assert (block_line, "block", next(m for _, f, m in found if f == "block")) in found
    assert all(line is not None for line, _, _ in found)


def test_a_kg_load_needs_a_start_weight():
    found = problems_of(MINIMAL.replace("  start_kg = 20\n", '  load = "kg"\n'))
    assert any(f.endswith(".load") and "start_kg" in m for _, f, m in found)


def test_two_sessions_on_one_day_are_refused():
    doubled = MINIMAL + MINIMAL[MINIMAL.index("[[sessions]]"):].replace('name = "A"', 'name = "B"')
    assert any("already has 'A'" in m for _, _, m in problems_of(doubled))


def test_syntax_errors_name_the_line():
    found = problems_of(MINIMAL.replace("weeks = 4", "weeks = = 4"))
    assert found[0][0] == 8 and found[0][1] == "(syntax)"


def test_key_lines_follow_arrays_of_tables():
    lines = key_lines(MINIMAL + MINIMAL[MINIMAL.index("[[sessions]]"):])
    assert lines[("sessions", 0, "exercises", 0, "tempo")] == 20
    assert lines[("sessions", 1, "exercises", 0, "tempo")] == 20 + 12
