"""Use cases of progression: the next prescriptions and the personal records, from the database.

Both read one unit of work: the profile, the custom exercises, the current plan and the workouts;
the rules themselves live in ``strongback.domain.progression`` and ``strongback.domain.strength``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from strongback.domain.catalog import Catalog, load_catalog, suggest
from strongback.domain.errors import UnknownExercise
from strongback.domain.exercise import Exercise
from strongback.domain.progression import (
    DeloadWeek,
    PlanView,
    Prescription,
    Settings,
    continuous_weeks,
    deload_due,
    is_stalled,
    prescribe,
    read_plan,
    working_sets,
)
from strongback.domain.strength import ExerciseRecords, personal_records
from strongback.domain.training_log import ExerciseHistory, Workout, history_by_exercise
from strongback.domain.vocab import Equipment, Muscle, Pattern

# With no plan, `next` covers the exercises logged in the last 4 weeks.
RECENT_DAYS = 28


class _Uow(Protocol):
    profile: Any
    workouts: Any
    custom_exercises: Any
    plans: Any


@dataclass(frozen=True)
class NextResult:
    """The prescriptions of ``strongback next`` and where the list of exercises came from."""

    prescriptions: tuple[Prescription, ...]
    source: str  # "plan", "exercise", "recent" or "all"
    deload: DeloadWeek | None = None
    message: str | None = None
    plan_week: int | None = None


def catalog_for(uow: _Uow, catalog: Catalog | None = None) -> Catalog:
    """The product catalog plus the user's custom exercises."""
    return (catalog or load_catalog()).with_extra(uow.custom_exercises.list())


def _fallback_exercise(exercise_id: str, history: ExerciseHistory | None) -> Exercise:
    # A logged id the catalog no longer knows: progress it from its history alone. The muscle is
    # a placeholder the rules never read.
    name = exercise_id.replace("-", " ")
    if history is not None:
        for _, sets in history.sessions:
            for s in sets:
                if s.imported_as:
                    name = s.imported_as
                    break
    return Exercise(
        id=exercise_id, name=name, source="custom", pattern=Pattern.OTHER,
        primary_muscles=(Muscle.LATS,),
    )  # fmt: skip


def resolve_exercise(
    exercise_id: str, catalog: Catalog, histories: Mapping[str, ExerciseHistory]
) -> Exercise:
    """The exercise for an id: the catalog's, or a stand-in for one only the history knows."""
    found = catalog.find(exercise_id)
    if found is not None:
        return found
    if exercise_id in histories:
        return _fallback_exercise(exercise_id, histories[exercise_id])
    hints = suggest(exercise_id, [*histories, *(e.id for e in catalog.curated())])
    raise UnknownExercise(exercise_id, hints or suggest(exercise_id, [e.id for e in catalog]))


def _plan_with_start(uow: _Uow, plan: dict[str, Any]) -> dict[str, Any]:
    # The plan's JSON has no start date; the week in progress counts from when it was saved.
    if any(k in plan for k in ("start_date", "starts_on", "start", "created_at", "saved_at")):
        return plan
    lister = getattr(uow.plans, "list", None)
    if lister is None:
        return plan
    for stored in reversed(lister()):
        if getattr(stored, "is_current", False):
            created = getattr(stored, "created_at", None)
            if isinstance(created, datetime):
                # Like the plan's calendar, the plan starts on the Monday after it was saved.
                day = created.date()
                start = day + timedelta(days=(7 - day.weekday()) % 7)
                return {**plan, "start_date": start.isoformat()}
    return plan


def _plan_equipment(plan: Mapping[str, Any]) -> frozenset[Equipment]:
    raw = plan.get("profile")
    listed = raw.get("equipment") if isinstance(raw, Mapping) else None
    out = set()
    for slug in listed if isinstance(listed, list) else []:
        try:
            out.add(Equipment(str(slug)))
        except ValueError:
            continue
    return frozenset(out)


def _workout_days(workouts: Iterable[Workout]) -> list[tuple[date, int]]:
    return [(w.day, len(working_sets(w.sets))) for w in workouts]


def _recent(histories: Mapping[str, ExerciseHistory], today: date) -> list[str]:
    since = today - timedelta(days=RECENT_DAYS)
    recent = [
        (h.sessions[-1][0], ex)
        for ex, h in histories.items()
        if h.sessions and h.sessions[-1][0].date() >= since
    ]
    # The exercise waiting longest since it was last trained comes first.
    return [ex for _, ex in sorted(recent, key=lambda p: p[0])]


def next_prescriptions(
    uow: _Uow,
    *,
    exercise: str | None = None,
    every_logged: bool = False,
    today: date | None = None,
    catalog: Catalog | None = None,
    workouts: list[Workout] | None = None,
) -> NextResult:
    """The next prescription for each exercise of the current plan (or the one named, or those
    logged in the last 4 weeks, or with ``every_logged`` every exercise ever logged).

    Raises UnknownExercise (with suggestions) for an id neither the catalog nor the history knows.
    """
    today = today or date.today()
    cat = catalog_for(uow, catalog)
    profile = uow.profile.get()
    if workouts is None:
        workouts = uow.workouts.list()
    histories = history_by_exercise(workouts)
    plan = uow.plans.current()
    view: PlanView | None = None
    if plan is not None:
        view = read_plan(_plan_with_start(uow, plan), today)

    if exercise is not None:
        ids = [resolve_exercise(exercise, cat, histories).id]
        source = "exercise"
    elif every_logged:
        ids = list(histories)
        source = "all"
    elif view is not None and view.items:
        ids = list(view.items)
        source = "plan"
    else:
        ids = _recent(histories, today)
        source = "recent"

    if plan is not None and not profile.equipment:
        # A profile that never listed equipment borrows the plan's, so a goblet squat planned
        # for dumbbells is loaded with dumbbells.
        profile = profile.model_copy(update={"equipment": _plan_equipment(plan)})
    settings = Settings(profile, today)
    if view is not None:
        settings = replace(
            settings, goal=view.goal or settings.goal, level=view.level or settings.level
        )
    items = view.items if view is not None else {}

    def exercise_of(ex_id: str) -> Exercise:
        return resolve_exercise(ex_id, cat, histories)

    # The deload decision covers the whole week, so it looks at every exercise trained lately.
    active = _recent(histories, today)
    stalled = [
        ex
        for ex in active
        if is_stalled(exercise_of(ex), histories.get(ex), settings, items.get(ex))
    ]
    deload = deload_due(
        plan_deload=view.deload if view is not None else False,
        weeks_in_a_row=continuous_weeks(_workout_days(workouts), today),
        stalled=stalled,
        active=len(active),
    )
    settings = replace(settings, deload=deload)

    out: list[Prescription] = []
    for ex_id in ids:
        ex = exercise_of(ex_id)
        regression = cat.find(ex.regression) if ex.regression else None
        out.append(
            prescribe(
                ex,
                histories.get(ex_id),
                settings,
                item=items.get(ex_id),
                regression=regression,
                regression_history=histories.get(regression.id) if regression else None,
            )
        )

    message = None
    if not out:
        message = (
            "Nothing logged in the last 4 weeks and no current plan: log a workout "
            "(strongback log add) or save a plan (strongback plan --save), then ask again."
            if workouts
            else "No training logged yet and no current plan: log a workout "
            "(strongback log add), import one (strongback import strong FILE) or save a plan "
            "(strongback plan --save)."
        )
    elif exercise is not None and exercise not in histories:
        message = f"No sets of {exercise} logged yet: here is a first prescription."
    return NextResult(
        tuple(out), source, deload, message, plan_week=view.week if view is not None else None
    )


def records(
    uow: _Uow, *, exercise: str | None = None, catalog: Catalog | None = None
) -> dict[str, ExerciseRecords]:
    """Personal records per exercise (only the named one with ``exercise``).

    Raises UnknownExercise for an id neither the catalog nor the history knows.
    """
    if exercise is not None:
        workouts = uow.workouts.list(exercise=exercise)
        histories = history_by_exercise(workouts)
        resolve_exercise(exercise, catalog_for(uow, catalog), histories)
        return {k: v for k, v in personal_records(workouts).items() if k == exercise}
    return personal_records(uow.workouts.list())


__all__ = ["RECENT_DAYS", "NextResult", "catalog_for", "next_prescriptions", "records"]
