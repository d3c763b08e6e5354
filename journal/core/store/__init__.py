"""The only code that touches SQLite: the journal file (store.py), its schema (schema.py), and its
rows by what they hold (enrolments.py, sets.py, body.py, plans.py)."""

from .schema import MIGRATIONS, SCHEMA_VERSION, new_id
from .store import Store, quick_check_aside

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "new_id", "quick_check_aside"]
