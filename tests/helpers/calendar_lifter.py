"""The calendars #21's audit tried, and those the drawn calendars found, for the tests: each is
lived by `journal.core.rehearsal.live`."""

from __future__ import annotations

from journal.core.rehearsal import Calendar, live  # noqa: F401  (the tests use these from here)

# The calendars #21's audit tried, each as it was tried.
MONDAY_LONG_THURSDAY_TEMPO = Calendar(weeks=16, key_runs=((0, "long", "08:00"), (3, "quality", "08:00")))
SUNDAY_LONG_WEDNESDAY_INTERVALS_LB = Calendar(program="runner-experienced", units="lb", weeks=16,
                                              key_runs=((6, "long", "08:00"), (2, "quality", "18:30")))
MARATHON_AFTER_A_HALF = Calendar(weeks=20, races=((60, "B", 21.1), (95, "A", 42.2)))
TWO_WEEKS_AWAY = Calendar(weeks=16, travel=((30, 14),))
FIVE_POOR_NIGHTS = Calendar(weeks=16, poor_nights=frozenset(range(36, 41)))
FAILED_REPS = Calendar(weeks=16, failed=frozenset({16, 23, 30}))
PAIN_IN_THE_PLYOMETRIC_BLOCK = Calendar(program="runner-experienced", weeks=26, pain_weeks=frozenset({18}))
# Found by the drawn calendars: a session moved into a race's recovery without a note; a week away,
# back on a Wednesday, and the next Monday at full load again.
A_30_KM_RACE_ON_SUNDAY = Calendar(weeks=22, key_runs=((0, "long", "05:00"), (1, "quality", "05:00")),
                                  races=((146, "A", 30.0),), tests_pass_week=None, rpe=None)
# Found reading an unscripted lifter's weeks: five days away is no break, and a week of training
# after Monday is none either (the plan was cutting loads "back after 10 days" all the same).
A_SHORT_TRIP_THEN_A_FULL_WEEK = Calendar(program="runner-experienced", weeks=16, tests_pass_week=6, rpe=None,
                                         key_runs=((3, "long", "06:30"), (1, "quality", "19:00")),
                                         races=((68, "B", 21.1),), travel=((38, 5),), tz="America/New_York")
A_WEEK_AWAY_BACK_MIDWEEK = Calendar(weeks=16, key_runs=((3, "long", "05:00"), (0, "quality", "05:00")),
                                    travel=((8, 7),), tests_pass_week=None, rpe=None)
