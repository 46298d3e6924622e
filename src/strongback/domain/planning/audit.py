"""Audit a logged history with the same principle checks that verify a generated plan.

Workouts (logged or imported) become week views: per calendar week (Monday first), which
exercises were done on which dates, with their hard sets (warm-up sets never count), reps, effort
and best estimated max. Exercise ids resolve through the catalog plus the user's custom exercises;
ids that neither knows are left out and counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from strongback.domain.catalog import Catalog
from strongback.domain.exercise import Exercise
from strongback.domain.planning.checks import (
    CheckResult,
    Entry,
    WeekView,
    check_progression,
    check_week,
    group_volume,
)
from strongback.domain.planning.principles import GROUP_LABEL, Band, Group
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, Pattern, WeightUnit

NOT_TRAINING = frozenset({Pattern.CARDIO})

NOTHING_LOGGED = (
    "nothing logged yet: log a workout (strongback log) or import a Strong or Hevy export, "
    "then run the audit again"
)
NO_TRAINING = "no training this week"


def monday_of(day: date) -> date:
    """The Monday of the week holding this day."""
    return day - timedelta(days=day.weekday())


def _e1rm(s: PerformedSet) -> float | None:
    # Epley, kept to sets of 12 effective reps or fewer where the formulas stay valid [REY06][SSF].
    w = s.weight_kg
    if w is None or w <= 0 or not s.reps:
        return None
    effective = s.reps + (s.effective_rir or 0)
    if effective > 12:
        return None
    return w * (1 + effective / 30)


def trained_exercise(
    catalog: Catalog, exercise_id: str, sets: int, unknown: dict[str, int]
) -> Exercise | None:
    """The exercise an id names, or None: for an id the catalog does not know (its ``sets``
    counted in ``unknown``) and for what is not strength training (cardio)."""
    exercise = catalog.find(exercise_id)
    if exercise is None:
        unknown[exercise_id] = unknown.get(exercise_id, 0) + sets
        return None
    return None if exercise.pattern in NOT_TRAINING else exercise


def week_views(
    workouts: Iterable[Workout],
    catalog: Catalog,
    starts: Sequence[date],
    unit: WeightUnit = WeightUnit.KG,
) -> tuple[list[WeekView], dict[str, int]]:
    """Week views for the weeks starting on these Mondays, and the sets of unknown exercises.

    Estimated maxes are in ``unit``, the user's.
    """
    per_kg = 1 / KG_PER_LB if unit is WeightUnit.LB else 1.0
    wanted = set(starts)
    grouped: dict[tuple[date, date, str], list[PerformedSet]] = {}
    unknown: dict[str, int] = {}
    for w in workouts:
        monday = monday_of(w.day)
        if monday not in wanted:
            continue
        for s in w.sets:
            grouped.setdefault((monday, w.day, s.exercise), []).append(s)
    per_week: dict[date, list[Entry]] = {m: [] for m in starts}
    for (monday, day, ex_id), sets in sorted(grouped.items()):
        exercise = trained_exercise(catalog, ex_id, len(sets), unknown)
        if exercise is None:
            continue
        hard = [s for s in sets if not s.is_warm_up]
        rirs = [r for r in (s.effective_rir for s in hard) if r is not None]
        e1rms = [e for e in (_e1rm(s) for s in hard) if e is not None]
        reps = tuple(float(s.reps) for s in hard if s.reps)
        per_week[monday].append(
            Entry(
                day=day,
                exercise=exercise,
                hard_sets=len(hard),
                reps=reps,
                rir=sum(rirs) / len(rirs) if rirs else None,
                best_e1rm=max(e1rms) * per_kg if e1rms else None,
                best_reps=max(reps) if reps else None,
                unit=unit.value,
            )
        )
    views = [WeekView(start=m, entries=tuple(per_week[m])) for m in starts]
    return views, unknown


@dataclass(frozen=True)
class WeekAudit:
    """The checks of one week."""

    start: date
    workouts: int
    hard_sets: int
    volume: Mapping[Group, float]
    results: tuple[CheckResult, ...]
    message: str | None = None

    @property
    def trained(self) -> bool:
        """False for a week with nothing logged: its principles are not judged one by one."""
        return self.message is None

    def to_public(self) -> dict[str, Any]:
        """The week's JSON object."""
        return {
            "week_start": self.start.isoformat(),
            "trained": self.trained,
            "message": self.message,
            "workouts": self.workouts,
            "hard_sets": self.hard_sets,
            "weekly_sets": {g.value: round(v, 1) for g, v in self.volume.items()},
            "held": [r.principle for r in self.results if r.held and r.applicable],
            "failed": [r.principle for r in self.results if not r.held and r.applicable],
            "checks": [r.to_public() for r in self.results],
        }


@dataclass(frozen=True)
class AuditReport:
    """The audit of a history: the band used, each week's checks, progression over the block."""

    bands: Mapping[Group, Band]
    weeks: tuple[WeekAudit, ...]
    progression: CheckResult
    unknown_exercises: Mapping[str, int]
    level: str
    goal: str
    message: str | None = None
    unit: WeightUnit = WeightUnit.KG

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback audit --json``."""
        return {
            "message": self.message,
            "unit": self.unit.value,
            "level": self.level,
            "goal": self.goal,
            "bands": {
                g.value: {"label": GROUP_LABEL[g], "min": b.low, "max": b.high}
                for g, b in self.bands.items()
            },
            "weeks": [w.to_public() for w in self.weeks],
            "block": [self.progression.to_public()],
            "unknown_exercises": dict(self.unknown_exercises),
        }


def audit_week(
    view: WeekView, bands: Mapping[Group, Band], previous: WeekView | None, workouts: int
) -> WeekAudit:
    """The checks of one week (``previous`` for recovery across its first day), or the one
    fact that it held no training when it has no entries."""
    if view.entries:
        results = check_week(view, bands, previous)
        message = None
    else:
        message = (
            NO_TRAINING
            if not workouts
            else f"no strength training this week ({workouts} workout(s), none of known exercises)"
        )
        # A week off is one fact, not eight failed principles: say so once.
        results = [
            CheckResult(
                "training",
                False,
                (message,),
                "if this was not a planned week off, even one short session with a pull "
                "and two drills keeps the habit",
                applicable=False,
            )
        ]
    return WeekAudit(
        start=view.start,
        workouts=workouts,
        hard_sets=sum(e.hard_sets for e in view.entries),
        volume=group_volume(view.entries),
        results=tuple(results),
        message=message,
    )


def audit_history(
    workouts: Sequence[Workout],
    catalog: Catalog,
    bands: Mapping[Group, Band],
    *,
    weeks: int,
    until: date | None = None,
    level: str = "",
    goal: str = "",
    unit: WeightUnit = WeightUnit.KG,
) -> AuditReport:
    """Run every principle check over the last ``weeks`` calendar weeks of a history.

    The window ends with the week of ``until`` (default: the latest workout), so an imported
    history that stopped long ago is audited where it has data.
    """
    if not any(w.sets for w in workouts):
        return AuditReport(
            bands=bands,
            weeks=(),
            progression=CheckResult(
                "progression", True, ("nothing logged",), None, applicable=False
            ),
            unknown_exercises={},
            level=level,
            goal=goal,
            message=NOTHING_LOGGED,
            unit=unit,
        )
    if until is None:
        until = max((w.day for w in workouts), default=date.today())
    last = monday_of(until)
    starts = [last - timedelta(days=7 * k) for k in range(weeks, -1, -1)]  # one extra before
    views, unknown = week_views(workouts, catalog, starts, unit)
    counts: dict[date, int] = {}
    for w in workouts:
        counts[monday_of(w.day)] = counts.get(monday_of(w.day), 0) + 1
    audits = [
        audit_week(view, bands, prev, counts.get(view.start, 0)) for prev, view in pairwise(views)
    ]
    return AuditReport(
        bands=bands,
        weeks=tuple(audits),
        progression=check_progression(views[1:]),
        unknown_exercises=unknown,
        level=level,
        goal=goal,
        unit=unit,
    )


__all__ = [
    "NOTHING_LOGGED",
    "NO_TRAINING",
    "AuditReport",
    "WeekAudit",
    "audit_history",
    "audit_week",
    "monday_of",
    "trained_exercise",
    "week_views",
]
