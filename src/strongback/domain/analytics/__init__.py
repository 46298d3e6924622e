"""Progress analytics of a training history, pure: weekly sets per muscle against their bands,
the pull balance, mobility, rep ranges, tonnage, time under tension, estimated maxes and records,
consistency, the pain trend, recovery per muscle and the back-health benchmarks; from a whole
history (``analyse``) or from the parts of it a report reads (``reach_of``, ``Bounded``,
``analyse_bounded``)."""

from __future__ import annotations

from strongback.domain.analytics.model import (
    REP_BUCKETS,
    Benchmark,
    BenchmarkPoint,
    Consistency,
    E1rmPoint,
    ExerciseTrend,
    MuscleBand,
    MuscleRecovery,
    PainDay,
    Progress,
    RecoveryState,
    WeekSummary,
)
from strongback.domain.analytics.progress import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    analyse,
    analyse_bounded,
    last_day,
    muscle_bands,
    timed_exercises,
    window,
)
from strongback.domain.analytics.reach import (
    UNTRAINED_AFTER,
    Bounded,
    Reach,
    bounded,
    reach_of,
    window_of,
)
from strongback.domain.analytics.trends import BENCHMARKS

__all__ = [
    "BENCHMARKS",
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "REP_BUCKETS",
    "UNTRAINED_AFTER",
    "Benchmark",
    "BenchmarkPoint",
    "Bounded",
    "Consistency",
    "E1rmPoint",
    "ExerciseTrend",
    "MuscleBand",
    "MuscleRecovery",
    "PainDay",
    "Progress",
    "Reach",
    "RecoveryState",
    "WeekSummary",
    "analyse",
    "analyse_bounded",
    "bounded",
    "last_day",
    "muscle_bands",
    "reach_of",
    "timed_exercises",
    "window",
    "window_of",
]
