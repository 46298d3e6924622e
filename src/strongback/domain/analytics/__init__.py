"""Progress analytics of a training history, pure: weekly sets per muscle against their bands,
the pull balance, mobility, rep ranges, tonnage, time under tension, estimated maxes and records,
consistency, the pain trend, recovery per muscle and the back-health benchmarks."""

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
    muscle_bands,
    window,
)
from strongback.domain.analytics.trends import BENCHMARKS

__all__ = [
    "BENCHMARKS",
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "REP_BUCKETS",
    "Benchmark",
    "BenchmarkPoint",
    "Consistency",
    "E1rmPoint",
    "ExerciseTrend",
    "MuscleBand",
    "MuscleRecovery",
    "PainDay",
    "Progress",
    "RecoveryState",
    "WeekSummary",
    "analyse",
    "muscle_bands",
    "window",
]
