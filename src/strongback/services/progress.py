"""Use cases of progression: the next prescriptions and the personal records, from the database.

Both read one unit of work: the profile, the custom exercises, the current plan and the workouts;
the rules themselves live in ``strongback.domain.progression`` and ``strongback.domain.strength``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from strongback.domain.catalog import Catalog, suggest
from strongback.domain.coaching.checkins import CHECKIN_PAIN_DAYS, CheckIn, checkin_pain
from strongback.domain.errors import UnknownExercise
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan
from strongback.domain.profile import UserProfile
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
from strongback.domain.vocab import Muscle, Pattern
from strongback.services.ports import Scope, UnitOfWork

# With no plan, `next` covers the exercises logged in the last 4 weeks.
RECENT_DAYS = 28
# What `next` reads (not the whole history, so the today page stays fast on years of it): every
# workout of the last 12 weeks (the deload decision looks back 6 weeks and 4 before those), and
# for each exercise to prescribe with fewer sessions than that in them, its last sessions before.
HISTORY_WEEKS = 12
SESSIONS_BEFORE = 6


@dataclass(frozen=True)
class NextResult:
    """The prescriptions of ``strongback next`` and where the list of exercises came from."""

    prescriptions: tuple[Prescription, ...]
    source: str  # "plan", "exercise", "recent" or "all"
    deload: DeloadWeek | None = None
    message: str | None = None
    plan_week: int | None = None


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
    scope: Scope,
    *,
    exercise: str | None = None,
    every_logged: bool = False,
    today: date | None = None,
) -> NextResult:
    """The next prescription for each exercise of the current plan (or the one named, or those
    logged in the last 4 weeks, or with ``every_logged`` every exercise ever logged).

    Raises UnknownExercise (with suggestions) for an id neither the catalog nor the history knows.
    """
    today = today or date.today()
    with scope.unit_of_work() as uow:
        cat = scope.catalog.with_extra(uow.custom_exercises.list())
        profile = uow.profile.get()
        plan = uow.plans.current()
        if every_logged:
            workouts = uow.workouts.list()
        else:
            found = cat.find(exercise) if exercise is not None else None
            named = [found.id if found else exercise] if exercise is not None else None
            workouts = history_for(uow, plan, today, exercises=named)
        checkins = recent_checkins(uow, today)
    return prescriptions_for(
        cat,
        profile,
        workouts,
        plan,
        exercise=exercise,
        every_logged=every_logged,
        today=today,
        checkins=checkins,
    )


def recent_checkins(uow: UnitOfWork, today: date) -> list[CheckIn]:
    """The check-ins that may still speak for the next session (``prescriptions_for``'s
    ``checkins``): high back pain in one regresses the prescriptions like logged pain."""
    return uow.checkins.list(since=today - timedelta(days=CHECKIN_PAIN_DAYS), until=today)


def history_for(
    uow: UnitOfWork, plan: Plan | None, today: date, *, exercises: list[str] | None = None
) -> list[Workout]:
    """What the rules read to prescribe ``exercises`` (default: the plan's) on ``today``: the
    :func:`bounded_history`, not every workout ever logged."""
    if exercises is None:
        exercises = list(read_plan(plan, today).items) if plan is not None else []
    return bounded_history(uow, exercises, today)


def bounded_history(uow: UnitOfWork, wanted: list[str], today: date) -> list[Workout]:
    """The workouts of the last HISTORY_WEEKS, with the last SESSIONS_BEFORE sessions before
    them of each exercise ``wanted`` or trained in the last RECENT_DAYS that they hold fewer
    times (those workouts hold only its sets)."""
    since = datetime.combine(today - timedelta(weeks=HISTORY_WEEKS), time.min)
    recent = uow.history.since(since)
    # Sessions counted before today: today's may be partly logged, and may be left out.
    seen = Counter(ex for w in recent if w.day < today for ex in w.exercises())
    # The exercises of the last 4 weeks are prescribed without a plan and judged for stalls.
    lately = datetime.combine(today - timedelta(days=RECENT_DAYS), time.min)
    active = [ex for w in recent if w.started_at >= lately for ex in w.exercises()]
    short = [ex for ex in dict.fromkeys([*wanted, *active]) if seen[ex] < SESSIONS_BEFORE]
    older = uow.history.last_sessions(short, since, SESSIONS_BEFORE)
    if not recent and not older:
        older = uow.workouts.list(last=1)  # whether anything was logged at all
    return [*older, *recent]


def prescriptions_for(
    cat: Catalog,
    profile: UserProfile,
    workouts: list[Workout],
    plan: Plan | None,
    *,
    exercise: str | None = None,
    every_logged: bool = False,
    today: date | None = None,
    checkins: Sequence[CheckIn] = (),
) -> NextResult:
    """:func:`next_prescriptions` over values already read (the benchmark times this part).

    High back pain in a recent check-in (``checkins``) regresses the prescriptions like pain
    logged on the last session."""
    today = today or date.today()
    histories = history_by_exercise(workouts)
    view: PlanView | None = read_plan(plan, today) if plan is not None else None

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
        profile = profile.model_copy(update={"equipment": plan.profile.equipment})
    last_day = workouts[-1].day if workouts else None
    settings = Settings(profile, today, reported_pain=checkin_pain(checkins, today, last_day))
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


def records(scope: Scope, *, exercise: str | None = None) -> dict[str, ExerciseRecords]:
    """Personal records per exercise (only the named one with ``exercise``).

    Raises UnknownExercise for an id neither the catalog nor the history knows.
    """
    with scope.unit_of_work() as uow:
        if exercise is None:
            return personal_records(uow.workouts.list())
        workouts = uow.workouts.list(exercise=exercise)
        cat = scope.catalog.with_extra(uow.custom_exercises.list())
    resolve_exercise(exercise, cat, history_by_exercise(workouts))
    return {k: v for k, v in personal_records(workouts).items() if k == exercise}


__all__ = [
    "HISTORY_WEEKS",
    "RECENT_DAYS",
    "SESSIONS_BEFORE",
    "NextResult",
    "bounded_history",
    "history_for",
    "next_prescriptions",
    "prescriptions_for",
    "recent_checkins",
    "records",
    "resolve_exercise",
]
