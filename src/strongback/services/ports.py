"""What the services need from storage, as Protocols: a unit of work and its repositories.

Storage (``strongback.storage``) satisfies them; the tests' in-memory fake does too, so a
service can be tested without a database. Every repository works on one user's data only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from strongback.domain.body_weight import BodyWeight
from strongback.domain.catalog import Catalog
from strongback.domain.exercise import Exercise
from strongback.domain.imports import ImportRecord, UndoneImport
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout


class ProfileRepository(Protocol):
    """The user's profile (defaults until saved)."""

    def get(self) -> UserProfile: ...
    def exists(self) -> bool: ...
    def save(self, profile: UserProfile) -> None: ...


class WorkoutRepository(Protocol):
    """The user's workouts and their performed sets."""

    def add(self, workout: Workout) -> Workout: ...
    def add_many(self, workouts_in: Iterable[Workout]) -> int: ...
    def add_rows(
        self,
        batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
        fields: Sequence[str] = ...,
        *,
        import_id: int | None = None,
    ) -> tuple[int, int]: ...
    def append_sets(
        self, workout_id: int, sets: Sequence[PerformedSet]
    ) -> tuple[PerformedSet, ...]: ...
    def log_workout_for(self, day: date, started_at: datetime, title: str) -> tuple[int, bool]: ...
    def next_set_order(self, workout_id: int) -> int: ...
    @property
    def last_kept_units(self) -> dict[str, int]: ...
    def delete_set(self, set_id: int) -> bool: ...
    def delete_workout(self, workout_id: int) -> bool: ...
    def list(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        exercise: str | None = None,
        last: int | None = None,
    ) -> list[Workout]: ...
    def get(self, workout_id: int) -> Workout | None: ...
    def workout_of_set(self, set_id: int) -> int | None: ...
    def count(self) -> tuple[int, int]: ...


class CustomExerciseRepository(Protocol):
    """Exercises the user added (imported names the catalog did not know)."""

    def list(self) -> list[Exercise]: ...
    def get(self, exercise_id: str) -> Exercise | None: ...
    def add(self, exercise: Exercise) -> None: ...
    def add_many(self, exercises: Iterable[Exercise]) -> int: ...


class PlanRepository(Protocol):
    """The user's saved plans; at most one is current."""

    def save(
        self,
        plan: Plan,
        *,
        name: str | None = None,
        current: bool = True,
        created_at: datetime | None = None,
    ) -> int: ...
    def current(self) -> Plan | None: ...
    def current_stored(self) -> StoredPlan | None: ...
    def list(self) -> list[StoredPlan]: ...


class ImportRepository(Protocol):
    """The user's import records and the rows each one added."""

    def start(self, app: str, file: str, unit: str | None, created: Sequence[str] = ()) -> int: ...
    def finish(
        self, import_id: int, *, workouts: int, sets: int, duplicates: int, skipped: int
    ) -> None: ...
    def list(self) -> list[ImportRecord]: ...
    def get(self, import_id: int) -> ImportRecord | None: ...
    def undo(self, import_id: int) -> UndoneImport: ...


class NameMappingRepository(Protocol):
    """Names from other apps that the user tied to an exercise."""

    def all(self) -> dict[str, str]: ...
    def set(self, name: str, exercise: str) -> None: ...
    def move_sets(self, name: str, exercise: str) -> int: ...


class BodyWeightRepository(Protocol):
    """The user's weighings, one per day."""

    def list(self) -> list[BodyWeight]: ...
    def put(self, entry: BodyWeight) -> BodyWeight: ...


class UnitOfWork(Protocol):
    """One transaction on one user's data; it rolls back unless committed."""

    # Read-only members, so a concrete unit of work may hold its own repository types.
    @property
    def user_id(self) -> int: ...
    @property
    def profile(self) -> ProfileRepository: ...
    @property
    def workouts(self) -> WorkoutRepository: ...
    @property
    def custom_exercises(self) -> CustomExerciseRepository: ...
    @property
    def plans(self) -> PlanRepository: ...
    @property
    def imports(self) -> ImportRepository: ...
    @property
    def name_mappings(self) -> NameMappingRepository: ...
    @property
    def body_weights(self) -> BodyWeightRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class Scope(Protocol):
    """What a use case acts within: one user, the product catalog, units of work on their data."""

    @property
    def user_id(self) -> int: ...
    @property
    def catalog(self) -> Catalog: ...
    def unit_of_work(self, *, write: bool = False) -> UnitOfWork: ...


__all__ = [
    "BodyWeightRepository",
    "CustomExerciseRepository",
    "ImportRecord",
    "ImportRepository",
    "NameMappingRepository",
    "PlanRepository",
    "ProfileRepository",
    "Scope",
    "UndoneImport",
    "UnitOfWork",
    "WorkoutRepository",
]
