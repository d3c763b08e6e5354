"""Log COUNT sets of one exercise on one day, as fast as the store allows, from START (a
Unix time) on, so that several copies started together really do write at once.

    python tests/helpers/log_many.py DB TAG COUNT START
"""

from __future__ import annotations

import sys
import time

import pendulum

from journal.core.entry import parse_set_input
from journal.core.clock import FixedClock
from journal.core.journal import Journal

if __name__ == "__main__":
    db, tag, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    journal = Journal.open(db, FixedClock.at_local("2026-09-08T18:00:00", "Europe/London"), create=False)
    time.sleep(max(0.0, start - time.time()))
    for n in range(count):
        journal.log_set("Back squat", pendulum.date(2026, 9, 8), parse_set_input("60x5", journal.units(), notes=f"{tag}-{n}"))
    journal.close()
