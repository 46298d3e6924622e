"""The JSON backup of one user: everything stored, in a documented and versioned shape.

    {"format": "strongback-backup", "version": 1,
     "profile": {...UserProfile.to_public()...},
     "custom_exercises": [{...Exercise fields...}],
     "plans": [{"id", "name", "created_at", "is_current", "plan": {...}}],
     "body_weights": [{"date", "weight", "unit"}],
     "workouts": [{"id", "started_at", "ended_at", "title", "notes", "source",
                   "sets": [{"id", "exercise", "imported_as", "order", "set_type", "weight",
                             "unit", "reps", "seconds", "distance_m", "side", "rpe", "rir",
                             "tempo", "pain", "notes", "rest_seconds", "superset",
                             "source_key"}]}]}

Times are ISO 8601 local wall-clock times without an offset, as stored. Weights keep the unit
they were entered in. This module is pure: a document to values and back; restoring into a
database is the backup service's work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from strongback.domain.body_weight import BodyWeight
from strongback.domain.errors import ImportFormatError, InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.profile import UserProfile
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit

FORMAT = "strongback-backup"
VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SetRecord(_Model):
    """One performed set in a backup."""

    id: int | None = None
    exercise: str = Field(min_length=1, max_length=200)
    imported_as: str | None = None
    order: int = Field(ge=0)
    set_type: SetType = SetType.WORKING
    # Negative: the help of an assisted machine, as the apps write it; the bounds of the importers.
    weight: float | None = Field(default=None, ge=-2000.0, le=2000.0, allow_inf_nan=False)
    unit: WeightUnit | None = None
    reps: int | None = Field(default=None, ge=0)
    seconds: float | None = Field(default=None, ge=0)
    distance_m: float | None = Field(default=None, ge=0)
    side: Side | None = None
    rpe: float | None = Field(default=None, ge=0, le=10)
    rir: float | None = Field(default=None, ge=0)
    tempo: str | None = Field(default=None, max_length=16)
    pain: int | None = Field(default=None, ge=0, le=10)
    notes: str | None = None
    rest_seconds: float | None = Field(default=None, ge=0)
    superset: str | None = Field(default=None, max_length=64)
    source_key: str | None = Field(default=None, max_length=255)


class WorkoutRecord(_Model):
    """One workout with its sets in a backup."""

    id: int | None = None
    started_at: datetime
    ended_at: datetime | None = None
    title: str
    notes: str | None = None
    source: str = Field(default="backup", min_length=1, max_length=32)
    sets: list[SetRecord] = []


class PlanRecord(_Model):
    """One stored plan in a backup."""

    id: int | None = None
    name: str | None = None
    created_at: datetime
    is_current: bool = False
    plan: dict[str, Any]


class BodyWeightRecord(_Model):
    """One weighing in a backup."""

    date: date
    weight: float = Field(gt=0, le=2000.0, allow_inf_nan=False)
    unit: WeightUnit


class Backup(_Model):
    """The whole document (``body_weights`` may be absent: files written before it existed)."""

    format: Literal["strongback-backup"]
    version: Literal[1]
    profile: UserProfile = UserProfile()
    custom_exercises: list[Exercise] = []
    plans: list[PlanRecord] = []
    body_weights: list[BodyWeightRecord] = []
    workouts: list[WorkoutRecord] = []


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def set_record(s: PerformedSet) -> dict[str, Any]:
    """One performed set in the backup's shape."""
    return {
        "id": s.id,
        "exercise": s.exercise,
        "imported_as": s.imported_as,
        "order": s.order,
        "set_type": SetType(s.set_type).value,
        "weight": s.weight,
        "unit": s.unit.value if s.unit is not None else None,
        "reps": s.reps,
        "seconds": s.seconds,
        "distance_m": s.distance_m,
        "side": s.side.value if s.side is not None else None,
        "rpe": s.rpe,
        "rir": s.rir,
        "tempo": s.tempo,
        "pain": s.pain,
        "notes": s.notes,
        "rest_seconds": s.rest_seconds,
        "superset": s.superset,
        "source_key": s.source_key,
    }


def backup_document(
    profile: UserProfile,
    custom_exercises: Sequence[Exercise],
    plans: Sequence[StoredPlan],
    workouts: Sequence[Workout],
    body_weights: Sequence[BodyWeight] = (),
) -> dict[str, Any]:
    """Everything stored for one user, in the backup shape (version 1)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": profile.to_public(),
        "custom_exercises": [e.model_dump(mode="json") for e in custom_exercises],
        "plans": [
            {
                "id": p.id,
                "name": p.name,
                "created_at": _time(p.created_at),
                "is_current": p.is_current,
                "plan": p.plan.to_public(),
            }
            for p in plans
        ],
        "body_weights": [
            {"date": b.day.isoformat(), "weight": b.weight, "unit": b.unit.value}
            for b in body_weights
        ],
        "workouts": [workout_record(w) for w in workouts],
    }


def workout_record(w: Workout) -> dict[str, Any]:
    """One workout with its sets in the backup's shape (the API's shape too)."""
    return {
        "id": w.id,
        "started_at": _time(w.started_at),
        "ended_at": _time(w.ended_at),
        "title": w.title,
        "notes": w.notes,
        "source": w.source,
        "sets": [set_record(s) for s in w.sets],
    }


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse(data: Any, source: str) -> Backup:
    if not isinstance(data, dict):
        raise ImportFormatError("not a strongback backup (expected a JSON object)", path=source)
    if data.get("format") != FORMAT:
        raise ImportFormatError(
            f"not a strongback backup (expected format '{FORMAT}')",
            path=source,
            field="format",
            value=_shown(data.get("format")),
        )
    if data.get("version") != VERSION:
        raise ImportFormatError(
            f"backup version not supported (this version reads version {VERSION})",
            path=source,
            field="version",
            value=_shown(data.get("version")),
        )
    try:
        backup = Backup.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ImportFormatError(
            str(err["msg"]).removeprefix("Value error, "),
            path=source,
            field=_path(tuple(err["loc"])),
            value=_shown(err.get("input")),
        ) from None
    _check_consistency(backup, source)
    return backup


def _check_consistency(backup: Backup, source: str) -> None:
    """What field types alone cannot check: tempos, units with weights, unique source keys."""
    seen: set[str] = set()
    for wi, w in enumerate(backup.workouts):
        for si, s in enumerate(w.sets):
            where = f"workouts[{wi}].sets[{si}]"
            if s.tempo is not None:
                try:
                    Tempo.parse(s.tempo)
                except InvalidInput as exc:
                    raise ImportFormatError(
                        str(exc), path=source, field=f"{where}.tempo", value=s.tempo
                    ) from None
            if s.weight is not None and s.unit is None:
                raise ImportFormatError(
                    "a weight needs its unit (kg or lb)", path=source, field=f"{where}.unit"
                )
            if s.source_key is not None:
                if s.source_key in seen:
                    raise ImportFormatError(
                        "source key repeated in the backup",
                        path=source,
                        field=f"{where}.source_key",
                        value=s.source_key,
                    )
                seen.add(s.source_key)


def _workout(record: WorkoutRecord) -> Workout:
    return Workout(
        started_at=record.started_at,
        ended_at=record.ended_at,
        title=record.title,
        notes=record.notes,
        source=record.source,
        sets=tuple(
            PerformedSet(
                exercise=s.exercise,
                imported_as=s.imported_as,
                order=s.order,
                set_type=s.set_type,
                weight=s.weight,
                unit=s.unit,
                reps=s.reps,
                seconds=s.seconds,
                distance_m=s.distance_m,
                side=s.side,
                rpe=s.rpe,
                rir=s.rir,
                tempo=s.tempo,
                pain=s.pain,
                notes=s.notes,
                rest_seconds=s.rest_seconds,
                superset=s.superset,
                source_key=s.source_key,
            )
            for s in record.sets
        ),
    )


@dataclass(frozen=True)
class SavedPlanRecord:
    """A plan of a backup with its bookkeeping, ready to be stored."""

    name: str | None
    created_at: datetime
    is_current: bool
    plan: Plan


@dataclass(frozen=True)
class BackupContents:
    """A checked backup document as values."""

    profile: UserProfile
    custom_exercises: tuple[Exercise, ...]
    plans: tuple[SavedPlanRecord, ...]
    workouts: tuple[Workout, ...]
    body_weights: tuple[BodyWeight, ...] = ()

    def exercise_ids(self) -> set[str]:
        """Every exercise id the backup's sets name."""
        return {s.exercise for w in self.workouts for s in w.sets}


def read_backup(data: Any, *, source: str = "backup file") -> BackupContents:
    """Check a whole backup document and return its values.

    A wrong format or version, or a bad field, raises ImportFormatError naming the field path
    (``workouts[3].sets[2].reps``) and ``source`` (the file name, for the message). A plan saved
    without a start date starts on the Monday on or after the day it was saved.
    """
    backup = _parse(data, source)
    plans = []
    for i, record in enumerate(backup.plans):
        try:
            plan = Plan.from_public(record.plan)
        except InvalidInput as exc:
            raise ImportFormatError(str(exc), path=source, field=f"plans[{i}].plan") from None
        if plan.start_date is None:
            day = record.created_at.date()
            plan = plan.starting(day + timedelta(days=(7 - day.weekday()) % 7))
        plans.append(SavedPlanRecord(record.name, record.created_at, record.is_current, plan))
    return BackupContents(
        profile=backup.profile,
        custom_exercises=tuple(backup.custom_exercises),
        plans=tuple(plans),
        workouts=tuple(_workout(w) for w in backup.workouts),
        body_weights=tuple(BodyWeight(b.date, b.weight, b.unit) for b in backup.body_weights),
    )


def unknown_exercise_field(contents: BackupContents, known: set[str]) -> tuple[str, str] | None:
    """The path and id of the first set whose exercise is neither known nor defined in the
    backup, or None."""
    defined = known | {e.id for e in contents.custom_exercises}
    for wi, w in enumerate(contents.workouts):
        for si, s in enumerate(w.sets):
            if s.exercise not in defined:
                return f"workouts[{wi}].sets[{si}].exercise", s.exercise
    return None


__all__ = [
    "FORMAT",
    "VERSION",
    "Backup",
    "BackupContents",
    "BodyWeightRecord",
    "SavedPlanRecord",
    "backup_document",
    "read_backup",
    "set_record",
    "unknown_exercise_field",
    "workout_record",
]
