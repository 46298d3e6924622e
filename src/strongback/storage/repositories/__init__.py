"""Repositories: map rows to domain values and back. Every query is scoped to one user.

``rows`` maps sets and workouts to rows, ``bulk`` is the import's bulk path, ``workouts`` the
workouts repository, ``user_data`` the profile, custom exercises and plans, ``sessions`` the
guided sessions.
"""

from strongback.domain.planning.plan import StoredPlan
from strongback.storage.repositories.rows import SET_COLUMNS, key_hash, wall_clock
from strongback.storage.repositories.sessions import SessionRepository
from strongback.storage.repositories.user_data import (
    CustomExerciseRepository,
    PlanRepository,
    ProfileRepository,
)
from strongback.storage.repositories.workouts import WorkoutRepository

__all__ = [
    "SET_COLUMNS",
    "CustomExerciseRepository",
    "PlanRepository",
    "ProfileRepository",
    "SessionRepository",
    "StoredPlan",
    "WorkoutRepository",
    "key_hash",
    "wall_clock",
]
