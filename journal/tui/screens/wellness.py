"""The daily check-in: sleep, soreness, fatigue, stress, mood, motivation."""

from __future__ import annotations

from functools import partial

from ...core.entry import parse_number, parse_scale
from ...core.model import Wellness
from ..validators import EntryValidator
from .form import Field, FormScreen

SCALES = (
    ("sleep_quality", "Sleep quality", "1 poor … 5 great"),
    ("soreness", "Soreness", "1 none … 5 very sore"),
    ("fatigue", "Fatigue", "1 fresh … 5 exhausted"),
    ("stress", "Stress", "1 calm … 5 very stressed"),
    ("mood", "Mood", "1 low … 5 great"),
    ("motivation", "Motivation", "1 none … 5 eager"),
)


class WellnessScreen(FormScreen):
    """Prefilled with the last check-in, so a normal day is a few presses of enter."""

    title_text = "How are you today?"

    def __init__(self, date: str, last: Wellness | None = None) -> None:
        self.title_text = f"Check-in for {date}: how are you today?"

        def value(name: str) -> str:
            found = getattr(last, name, None) if last else None
            return "" if found is None else f"{found:g}"

        fields = [Field("sleep_h", "Sleep (hours)", value("sleep_h"),
                        EntryValidator(partial(parse_number, field="sleep", low=0, high=24)), "e.g. 7.5")]
        fields += [
            Field(name, f"{label} ({scale})", value(name),
                  EntryValidator(partial(parse_scale, field=name.replace("_", "-"))))
            for name, label, scale in SCALES
        ]
        fields += [
            Field("resting_hr", "Resting HR (optional)", "",
                  EntryValidator(partial(parse_number, field="resting-hr", low=25, high=220), optional=True)),
            Field("notes", "Notes (optional)", ""),
        ]
        super().__init__(fields)
