"""Repositories: map rows to domain values and back. Every query is scoped to one user.

``rows`` maps sets and workouts to rows, ``bulk`` is the import's bulk path, ``workouts`` the
workouts repository, ``user_data`` the profile, custom exercises and plans, ``workout_edits``
the API's paged reads, client-keyed creates and replacements, ``trash`` the deleted workouts,
``history`` the last sessions of given exercises (what the progression rules read),
``aggregates`` what the progress report reads of a history beyond its window,
``sessions`` the guided sessions, ``body_weights`` the user's weighings, ``coaching`` the
coaching links and invites, comments and check-ins, ``roster`` the coach's bulk reads of their
athletes.
"""

from strongback.domain.planning.plan import StoredPlan
from strongback.storage.repositories.aggregates import AggregateRepository
from strongback.storage.repositories.body_weights import BodyWeightRepository
from strongback.storage.repositories.coaching import (
    CheckInRepository,
    CoachingRepository,
    CommentRepository,
)
from strongback.storage.repositories.history import HistoryRepository
from strongback.storage.repositories.roster import RosterRepository
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
    "AggregateRepository",
    "BodyWeightRepository",
    "CheckInRepository",
    "CoachingRepository",
    "CommentRepository",
    "CustomExerciseRepository",
    "HistoryRepository",
    "PlanRepository",
    "ProfileRepository",
    "RosterRepository",
    "SessionRepository",
    "StoredPlan",
    "TrashRepository",
    "WorkoutEditRepository",
    "WorkoutRepository",
    "key_hash",
    "wall_clock",
]
