"""Writing workouts as Strong's classic 12-column CSV, the format other apps accept from Strong.

``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
Workout Notes,RPE``: comma-separated, text fields quoted, the date as local wall-clock time.
Weights are converted to the chosen unit here, on the way out only; distances are written in
kilometres for a kilogram file and in miles for a pound file, as Strong does. A set's rest
becomes a ``Rest Timer`` row after it. The file is written to a temporary file beside the
target and renamed over it, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, SetType, WeightUnit

HEADER = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
_TAGS = {SetType.WARM_UP: "W", SetType.DROP: "D", SetType.FAILURE: "F"}
METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344


def format_duration(seconds: float | None) -> str:
    """Strong's duration text: ``55s``, ``59m``, ``2h``, ``1h 43m``."""
    if seconds is None or seconds <= 0:
        return "0s"
    total = round(seconds)
    if total < 60:
        return f"{total}s"
    hours, rest = divmod(total, 3600)
    minutes = round(rest / 60)
    if minutes == 60:
        hours, minutes = hours + 1, 0
    if hours and minutes:
        return f"{hours}h {minutes}m"
    return f"{hours}h" if hours else f"{minutes}m"


def convert_weight(weight: float, unit: WeightUnit | None, to: WeightUnit) -> float:
    """A load in another unit (1 lb = 0.45359237 kg exactly); unchanged when the unit agrees."""
    if unit is None or unit is to:
        return weight
    if to is WeightUnit.LB:
        return round(weight / KG_PER_LB, 3)
    return round(weight * KG_PER_LB, 3)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:.1f}"
    return repr(float(value))


def strong_rows(
    workouts: Iterable[Workout], unit: WeightUnit, name_of: Callable[[PerformedSet], str]
) -> Iterable[list[str]]:
    """The data rows of a Strong export for these workouts (oldest first as given)."""
    per_distance = METRES_PER_MILE if unit is WeightUnit.LB else METRES_PER_KM
    for w in workouts:
        date = w.started_at.strftime("%Y-%m-%d %H:%M:%S")
        duration = format_duration(
            (w.ended_at - w.started_at).total_seconds() if w.ended_at is not None else None
        )
        first = True
        previous_name: str | None = None
        number = 0
        for s in w.sets:
            name = name_of(s)
            if name != previous_name:
                number = 0
                previous_name = name
            if s.set_type in _TAGS:
                order = _TAGS[s.set_type]
            else:
                number += 1
                order = str(number)
            weight = "" if s.weight is None else _number(convert_weight(s.weight, s.unit, unit))
            distance = "0" if not s.distance_m else _number(round(s.distance_m / per_distance, 6))
            yield [
                date,
                w.title,
                duration,
                name,
                order,
                weight,
                "" if s.reps is None else str(s.reps),
                distance,
                _number(s.seconds) if s.seconds else "0",
                s.notes or "",
                (w.notes or "") if first else "",
                "" if s.rpe is None else _number(s.rpe),
            ]
            first = False
            if s.rest_seconds:
                yield [date, w.title, duration, name, "Rest Timer", "0", "0", "0",
                       _number(s.rest_seconds), "", "", ""]  # fmt: skip


def write_strong_csv(
    workouts: Iterable[Workout],
    path: str | Path,
    *,
    unit: WeightUnit,
    name_of: Callable[[PerformedSet], str],
) -> int:
    """Write the workouts as a Strong CSV, atomically; returns the number of sets written."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writerow(HEADER)
            for row in strong_rows(workouts, unit, name_of):
                writer.writerow(row)
                if row[4] != "Rest Timer":
                    count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return count


__all__ = ["HEADER", "convert_weight", "format_duration", "strong_rows", "write_strong_csv"]
