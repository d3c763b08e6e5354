"""The Today screen checks the coach's promises over the day it shows, after the day is on screen."""

from __future__ import annotations

import pendulum

from journal.core import day_plan

from .conftest import settle

SIZE = (100, 30)
BROKEN = "The coach broke a promise (please report this)"


def a_marathon_on_sunday(journal) -> None:
    journal.add_run(pendulum.date(2026, 9, 13), "race", priority="A", km="42.2", title="Marathon")


async def test_the_today_screen_says_when_the_coach_broke_a_promise(app_factory, monkeypatch):
    thursday = "2026-09-17T18:00:00"  # Lower B, four days after the marathon
    kept = app_factory(when=thursday, setup=a_marathon_on_sunday)
    async with kept.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n for n in kept._notifications if n.title == BROKEN] == []
    monkeypatch.setattr(day_plan, "DAY_RULES", tuple(r for r in day_plan.DAY_RULES
                                                     if r is not day_plan.spare_legs_after_a_race))
    broken = app_factory(when=thursday, setup=a_marathon_on_sunday)
    async with broken.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [note] = [n for n in broken._notifications if n.title == BROKEN]
        assert "Trap bar deadlift in the recovery after the 42.2 km race" in note.message
