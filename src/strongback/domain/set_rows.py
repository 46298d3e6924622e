"""The layout of a set as a plain row: the one shape importers produce and storage bulk-inserts.

A row holds the values of :data:`ROW_FIELDS` (PerformedSet field names) in that order; set type
and unit are their slugs (plain text binds faster than an enum member). Importers build rows by
position for speed, so the positions are named here once.
"""

from __future__ import annotations

ROW_FIELDS: tuple[str, ...] = (
    "exercise",
    "order",
    "set_type",
    "weight",
    "unit",
    "reps",
    "seconds",
    "distance_m",
    "rpe",
    "notes",
    "imported_as",
    "rest_seconds",
    "superset",
    "source_key",
)
(
    EXERCISE,
    ORDER,
    SET_TYPE,
    WEIGHT,
    UNIT,
    REPS,
    SECONDS,
    DISTANCE_M,
    RPE,
    NOTES,
    IMPORTED_AS,
    REST_SECONDS,
    SUPERSET,
    SOURCE_KEY,
) = range(len(ROW_FIELDS))

__all__ = [
    "DISTANCE_M",
    "EXERCISE",
    "IMPORTED_AS",
    "NOTES",
    "ORDER",
    "REPS",
    "REST_SECONDS",
    "ROW_FIELDS",
    "RPE",
    "SECONDS",
    "SET_TYPE",
    "SOURCE_KEY",
    "SUPERSET",
    "UNIT",
    "WEIGHT",
]
