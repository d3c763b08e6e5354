"""The enrolment, the kit and the settings, as rows."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..errors import NotEnrolled
from ..model import Enrolment, Equipment
from .schema import new_id


class StoredEnrolment:
    """The Store's enrolment rows."""

    def enrol(self, enrolment: Enrolment, program_toml: str) -> None:
        enrolled_at, tz = self._stamp()
        enrolment_id = new_id()
        with self.write():
            self.db["enrolments"].insert(
                {"id": enrolment_id, "program": enrolment.program, "program_toml": program_toml,
                 "start": enrolment.start, "units": enrolment.units,
                 "emphasis": enrolment.emphasis, "bodyweight_kg": enrolment.bodyweight_kg,
                 "enrolled_at": enrolled_at, "tz": tz}
            )
            self.db["start_loads"].insert_all(
                {"enrolment_id": enrolment_id, "exercise": name, "weight_kg": kg}
                for name, kg in enrolment.loads.items()
            )
            self._plans_change_from("0000-01-01")

    def _active_enrolment_row(self) -> dict | None:
        rows = list(self._query("select * from enrolments order by rowid desc limit 1"))
        return rows[0] if rows else None

    def enrolment(self) -> tuple[Enrolment, str] | None:
        """The active enrolment and the program text it was made with."""
        row = self._active_enrolment_row()
        if row is None:
            return None
        loads = {
            r["exercise"]: r["weight_kg"]
            for r in self._query(
                "select exercise, weight_kg from start_loads where enrolment_id = ?", [row["id"]]
            )
        }
        enrolment = Enrolment(row["program"], row["start"], row["units"], row["emphasis"],
                              row["bodyweight_kg"], loads, self.equipment())
        return enrolment, row["program_toml"]

    def equipment(self) -> Equipment | None:
        """The lifter's own equipment, when they have set it (else the defaults for their unit)."""
        found = self.conn.execute("select value from settings where key = 'equipment'").fetchone()
        if found is None:
            return None
        try:
            record = json.loads(found[0])
            return Equipment(record["unit"], float(record["bar_kg"]), tuple(record["plates_kg"]),
                             tuple(record["dumbbells_kg"]), tuple(record["kettlebells_kg"]),
                             float(record["machine_step_kg"]))
        except (ValueError, KeyError, TypeError):
            return None  # an edited row: the defaults serve until it is set again

    def set_equipment(self, equipment: Equipment | None) -> None:
        with self.write():
            self.conn.execute("delete from settings where key = 'equipment'")
            if equipment is not None:
                self.conn.execute("insert into settings (key, value) values ('equipment', ?)",
                                  [json.dumps(asdict(equipment))])
            self._plans_change_from("0000-01-01")

    def set_emphasis(self, emphasis: str | None) -> None:
        self._update_enrolment("emphasis", emphasis)

    def set_units(self, units: str) -> None:
        self._update_enrolment("units", units)

    def _update_enrolment(self, column: str, value: str | None) -> None:
        """One setting of the active enrolment; every plan may change with it."""
        row = self._active_enrolment_row()
        if row is None:
            raise NotEnrolled(column, "no program enrolled yet")
        with self.write():
            self.conn.execute(f"update enrolments set {column} = ? where id = ?", [value, row["id"]])
            self._plans_change_from("0000-01-01")
