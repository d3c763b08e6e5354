"""The kind a recorded run suggests, judged against the runner's own runs, with its reason; and
matching, which never stores one run twice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from journal.core.activities import Activity
from journal.core.model import Run
from journal.core.run_kinds import suggest, with_suggested_kinds
from journal.core.run_matching import SAME_DISTANCE, SAME_START_S, match


def run(date: str, minutes: float | None = 40, title: str | None = None, avg_hr: int | None = None,
        max_hr: int | None = None, kind: str = "easy") -> Run:
    return Run(f"{date}-{minutes}-{title}", date, kind, minutes=minutes, title=title, avg_hr=avg_hr, max_hr=max_hr)


WEEKS = [run(f"2026-09-{d:02d}", m) for d, m in ((1, 40), (5, 75), (8, 45), (12, 80), (15, 50), (19, 85))]


def test_a_long_run_is_long_for_this_runner():
    assert suggest(run("2026-09-26", 92), WEEKS) == ("long", "long: 1 h 32, your longest in 4 weeks")
    assert suggest(run("2026-09-26", 84), WEEKS)[0] == "easy"  # shorter than last Saturday's
    assert suggest(run("2026-09-26", 55), [])[0] == "easy"  # under an hour is never long
    assert suggest(run("2026-09-26", 110), [])[1] == "long: 1 h 50, 100 minutes or more"


def test_the_title_speaks_first_and_race_pace_intervals_are_quality():
    assert suggest(run("2026-09-26", 30, "Race pace intervals"), WEEKS) == \
        ("quality", "quality: 'interval' in the title")
    assert suggest(run("2026-09-26", 30, "Parkrun #212"), WEEKS) == ("race", "race: 'Parkrun' in the title")
    assert suggest(run("2026-09-26", 30), WEEKS, intervals=True) == \
        ("quality", "quality: its laps alternate work and rest")


def test_a_hard_heart_rate_is_quality_against_the_runners_own_max():
    hearts = [run(f"2026-09-{d:02d}", 40, avg_hr=140, max_hr=m) for d, m in ((2, 186), (9, 190), (16, 184))]
    assert suggest(run("2026-09-23", 35, avg_hr=165), hearts) == \
        ("quality", "quality: average heart rate 165, 87% of your max of the last 12 weeks (190)")
    assert suggest(run("2026-09-23", 35, avg_hr=155), hearts)[0] == "easy"
    assert suggest(run("2026-09-23", 35, avg_hr=155), [], max_hr=180)[1] == \
        "quality: average heart rate 155, 86% of the max you gave (180)"
    assert suggest(run("2026-09-23", 35, avg_hr=165), hearts[:1])[0] == "easy"  # one run is no max yet


def test_an_import_judges_each_run_against_those_before_it_and_calls_a_named_race_c():
    batch = [(run(f"2026-10-{d:02d}", m), False) for d, m in ((3, 70), (1, 45), (5, 40), (8, 50))]
    kinded = with_suggested_kinds(batch + [(run("2026-10-10", 30, "Half marathon"), False)], WEEKS[-3:])
    assert [r.date for r in kinded] == sorted(r.date for r in kinded)
    assert [(r.date, r.kind) for r in kinded][:2] == [("2026-10-01", "easy"), ("2026-10-03", "easy")]
    assert kinded[-1].kind == "race" and kinded[-1].priority == "C"


def recorded(start: datetime, km: float, source: str, n: int) -> Run:
    activity = Activity(where="test", source=source, source_id=str(n), sport="Run", start=start,
                        moving_s=km * 330, distance_m=km * 1000, avg_hr=150)
    return activity.as_run("Europe/London", "easy", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6 * 24 * 20), st.floats(3, 30)), min_size=1, max_size=12,
                unique_by=lambda t: t[0]), st.data())
def test_one_run_recorded_by_two_platforms_is_stored_once(runs, data):
    """Runs at least ten minutes apart, each recorded by Strava and perhaps Garmin (within two
    minutes, within 3 %) and perhaps typed by the runner first, in any order and in two imports:
    every run is stored exactly once."""
    base = datetime(2026, 3, 1, 6, tzinfo=timezone.utc)
    strava, garmin = [], []
    for n, (minute, km) in enumerate(runs):  # ten-minute steps: two runs are never within two minutes
        start = base + timedelta(minutes=minute * 10)
        strava.append(recorded(start, km, "strava", n))
        if data.draw(st.booleans()):
            shift = data.draw(st.integers(-SAME_START_S, SAME_START_S))
            scale = data.draw(st.floats(1 - SAME_DISTANCE * 0.9, 1 + SAME_DISTANCE * 0.9))
            garmin.append(recorded(start + timedelta(seconds=shift), km * scale, "garmin", n))
    # Some runs the runner typed first (on days with no other run: a typed run names no hour
    # precise enough to tell two runs of one day apart).
    dates = [r.date for r in strava]
    typed = [Run(f"typed-{r.id}", r.date, "long", km=r.km, time=r.time) for r in strava
             if dates.count(r.date) == 1 and data.draw(st.booleans())]
    together = data.draw(st.permutations(strava + garmin))
    split = data.draw(st.integers(0, len(together)))
    first = match(together[:split], typed)
    stored = [*(r for r in typed if r.id not in {b.id for b, _ in first.merged}),
              *(now for _, now in first.merged), *first.added]
    second = match(together[split:], stored)
    stored = [*(r for r in stored if r.id not in {b.id for b, _ in second.merged}),
              *(now for _, now in second.merged), *second.added]
    assert len(stored) == len(runs)
    assert len({r.id for r in stored}) == len(stored)


def test_a_runs_load_is_its_rpe_else_its_heart_rate_else_an_easy_effort():
    from journal.core.training_load import run_load_by_day

    import math
    runs = [Run("a", "2026-09-01", "easy", minutes=40, rpe=4),
            Run("b", "2026-09-02", "quality", minutes=50, avg_hr=160, max_hr=190),
            Run("c", "2026-09-03", "easy", minutes=30),
            Run("d", "2026-09-04", "long", minutes=90, source="expected"),  # not run yet: no load
            Run("e", "2026-09-09", "easy", minutes=30)]  # after the week asked about
    loads = run_load_by_day(runs, "2026-09-07", resting_hr=[52, 50, 55])
    reserve = (160 - 52) / (190 - 52)  # the median resting heart rate, the highest max seen
    assert loads.by_day == {"2026-09-01": 160.0, "2026-09-02": round(50 * reserve * 0.64 * math.exp(1.92 * reserve), 1),
                            "2026-09-03": 90.0}
    assert loads.how == {"2026-09-01": "your RPE", "2026-09-02": "heart rate (TRIMP)", "2026-09-03": "an easy RPE 3"}


def test_a_typed_run_and_its_two_recordings_in_one_import_are_one_run():
    """The runner typed Saturday's long run; the Strava and the Garmin export, imported together,
    each hold it: the first recording fills the typed run, the second finds it there."""
    typed = Run("typed", "2026-03-07", "long", minutes=100, km=18.0, time="08:00")
    start = datetime(2026, 3, 7, 8, 3, tzinfo=timezone.utc)
    strava = recorded(start, 18.1, "strava", 1)
    garmin = recorded(start + timedelta(seconds=40), 18.0, "garmin", 1)
    matched = match([strava, garmin], [typed])
    assert matched.added == [] and [before.id for before, _ in matched.merged] == ["typed"]
    (now,) = [now for _, now in matched.merged]
    assert (now.kind, now.source, now.time) == ("long", "strava", "08:03")
