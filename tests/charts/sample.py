"""A small hand-built history shared by the picture tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from strongback.domain.analytics import Progress, analyse
from strongback.domain.catalog import load_catalog
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit

MONDAY = date(2026, 11, 2)


def _w(day: date, exercise: str, rows: list[dict[str, Any]]) -> Workout:
    sets = tuple(PerformedSet(exercise, i + 1, **row) for i, row in enumerate(rows))
    return Workout(datetime(day.year, day.month, day.day, 8), "Session", sets)


def history() -> list[Workout]:
    """Four weeks of rows, pull-ups and face pulls, rising loads and some pain."""
    out = []
    for k in range(4):
        day = MONDAY + timedelta(days=7 * k)
        load = 60 + 5 * k
        out.append(
            _w(
                day,
                "seated-cable-row",
                [{"weight": load, "unit": WeightUnit.KG, "reps": 8, "pain": 2 + (k % 2)}] * 3,
            )
        )
        out.append(_w(day + timedelta(2), "pull-up", [{"reps": 6 + k}] * 3))
        out.append(
            _w(
                day + timedelta(2),
                "face-pull",
                [{"weight": 10, "unit": WeightUnit.KG, "reps": 12}] * 3,
            )
        )
    return out


def progress(unit: WeightUnit = WeightUnit.KG) -> Progress:
    """The analytics of :func:`history` over its four weeks."""
    return analyse(
        history(),
        load_catalog(),
        unit=unit,
        weeks=4,
        today=MONDAY + timedelta(days=25),
        now=datetime(2026, 11, 28, 8),
    )
