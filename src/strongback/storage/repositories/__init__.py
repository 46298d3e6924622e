"""Repositories: map rows to domain values and back. Every query is scoped to one user.

``rows`` maps sets and workouts to rows, ``bulk`` is the import's bulk path, ``workouts`` the
workouts repository, ``user_data`` the profile, custom exercises and plans, ``workout_edits``
the API's paged reads, client-keyed creates and replacements, ``trash`` the deleted workouts,
``history`` the last sessions of given exercises (what the progression rules read),
``sessions`` the guided sessions, ``body_weights`` the user's weighings.
"""

from strongback.domain.planning.plan import StoredPlan
from strongback.storage.repositories.body_weights import BodyWeightRepository
from strongback.storage.repositories.history import HistoryRepository
from strongback.storage.repositories.rows import SET_COLUMNS, key_hash, wall_clock
from strongback.storage.repositories.sessions import SessionRepository
from strongback.storage.repositories.trash import TrashRepository
from strongback.storage.repositories.user_data import (
    CustomExerciseRepository,
    PlanRepository,
    ProfileRepository,
)
from strongback.storage.repositories.workout_edits import WorkoutEditRepository
from strongback.storage.repositories.workouts import WorkoutRepository

__all__ = [
    "SET_COLUMNS",
    "BodyWeightRepository",
    "CustomExerciseRepository",
    "HistoryRepository",
    "PlanRepository",
    "ProfileRepository",
    "SessionRepository",
    "StoredPlan",
    "TrashRepository",
    "WorkoutEditRepository",
    "WorkoutRepository",
    "key_hash",
    "wall_clock",
]
