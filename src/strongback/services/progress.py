"""Use cases of progression: the next prescriptions and the personal records, from the database.

Both read one unit of work: the profile, the custom exercises, the current plan and the workouts;
the rules themselves live in ``strongback.domain.progression`` and ``strongback.domain.strength``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from strongback.domain.body_weight import body_weights
from strongback.domain.catalog import Catalog
from strongback.domain.coaching.checkins import CHECKIN_PAIN_DAYS, CheckIn, checkin_pain
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan
from strongback.domain.profile import UserProfile
from strongback.domain.progression import (
    DeloadWeek,
    NextSession,
    PlanItem,
    PlanView,
    Prescription,
    Settings,
    continuous_weeks,
    deload_due,
    is_stalled,
    next_session,
    prescribe,
    read_plan,
    working_sets,
)
from strongback.domain.strength import (
    BodyWeights,
    ExerciseRecords,
    carries_body,
    personal_records,
)
from strongback.domain.training_log import ExerciseHistory, Workout, history_by_exercise
from strongback.services.exercise_ids import resolve_exercise
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
    source: str  # "session", "plan", "exercise", "recent" or "all"
    deload: DeloadWeek | None = None
    message: str | None = None
    plan_week: int | None = None
    session: NextSession | None = None  # the plan's next session, when source is "session"

    def to_public(self) -> dict[str, object]:
        """``next --json``: the session (day, weekday, title, plan week; null without one), where
        the exercises came from, the deload reason, a message and the prescriptions."""
        session = self.session.to_public() if self.session else {
            "day": None, "weekday": None, "title": None, "plan_week": self.plan_week,
        }  # fmt: skip
        return {
            **session,
            "source": self.source,
            "deload": self.deload.reason if self.deload else None,
            "message": self.message,
            "prescriptions": [p.to_public() for p in self.prescriptions],
        }


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
    whole_plan: bool = False,
    today: date | None = None,
) -> NextResult:
    """The next prescription for each exercise of the plan's next session (with ``whole_plan``
    every exercise of the plan; or the one named; or, with no plan, those logged in the last 4
    weeks; or with ``every_logged`` every exercise ever logged).

    Raises UnknownExercise (with suggestions) for an id neither the catalog nor the history knows.
    """
    today = today or date.today()
    with scope.unit_of_work() as uow:
        cat = scope.catalog.with_extra(uow.custom_exercises.list())
        profile = uow.profile.get()
        plan = uow.plans.current()
        weighed = body_weights(uow.body_weights.list())
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
        Asked(exercise=exercise, every_logged=every_logged, whole_plan=whole_plan),
        today=today,
        body=weighed,
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


@dataclass(frozen=True)
class Asked:
    """Which exercises ``next`` covers: one, every one ever logged, the whole plan, or (by
    default) the plan's next session."""

    exercise: str | None = None
    every_logged: bool = False
    whole_plan: bool = False


@dataclass(frozen=True)
class _Chosen:
    ids: list[str]
    source: str
    items: dict[str, PlanItem]
    session: NextSession | None = None


def _choose(
    asked: Asked,
    cat: Catalog,
    histories: Mapping[str, ExerciseHistory],
    plan: Plan | None,
    view: PlanView | None,
    today: date,
) -> _Chosen:
    """The exercises to prescribe, where they came from, and the plan items they follow."""
    items = dict(view.items) if view is not None else {}
    if asked.exercise is not None:
        return _Chosen([resolve_exercise(asked.exercise, cat, histories).id], "exercise", items)
    if asked.every_logged:
        return _Chosen(list(histories), "all", items)
    if plan is None or view is None or not view.items:
        return _Chosen(_recent(histories, today), "recent", items)
    trained_today = any(s[0].date() == today for h in histories.values() for s in h.sessions)
    coming = None if asked.whole_plan else next_session(plan, today, trained_today=trained_today)
    if coming is None:
        return _Chosen(list(view.items), "plan", items)
    # The session's own items win: its sets and reps are the ones to do that day.
    session_items = {
        i.exercise: view.carrying_start_load(i) for i in reversed(coming.session.items)
    }
    return _Chosen(list(dict.fromkeys(i.exercise for i in coming.session.items)), "session",
                   {**items, **session_items}, coming)  # fmt: skip


def _settings(
    profile: UserProfile,
    plan: Plan | None,
    view: PlanView | None,
    today: date,
    body: BodyWeights | None,
    reported_pain: int = 0,
) -> Settings:
    if plan is not None and not profile.equipment:
        # A profile that never listed equipment borrows the plan's, so a goblet squat planned
        # for dumbbells is loaded with dumbbells.
        profile = profile.model_copy(update={"equipment": plan.profile.equipment})
    weight = body.on(today) if body else None
    settings = Settings(profile, today, body_weight_kg=weight, reported_pain=reported_pain)
    if view is None:
        return settings
    return replace(settings, goal=view.goal or settings.goal, level=view.level or settings.level)


def _deload(
    workouts: list[Workout],
    histories: Mapping[str, ExerciseHistory],
    exercise_of: Callable[[str], Exercise],
    settings: Settings,
    view: PlanView | None,
) -> DeloadWeek | None:
    # The deload decision covers the whole week, so it looks at every exercise trained lately.
    items = view.items if view is not None else {}
    active = _recent(histories, settings.today)
    stalled = [
        ex
        for ex in active
        if is_stalled(exercise_of(ex), histories.get(ex), settings, items.get(ex))
    ]
    return deload_due(
        plan_deload=view.deload if view is not None else False,
        weeks_in_a_row=continuous_weeks(_workout_days(workouts), settings.today),
        stalled=stalled,
        active=len(active),
    )


def _message(
    found: list[Prescription], workouts: list[Workout], exercise: str | None, logged: bool
) -> str | None:
    if not found:
        return (
            "Nothing logged in the last 4 weeks and no current plan: log a workout "
            "(strongback log add) or save a plan (strongback plan --save), then ask again."
            if workouts
            else "No training logged yet and no current plan: log a workout "
            "(strongback log add), import one (strongback import strong FILE) or save a plan "
            "(strongback plan --save)."
        )
    if exercise is not None and not logged:
        return f"No sets of {exercise} logged yet: here is a first prescription."
    return None


def prescriptions_for(
    cat: Catalog,
    profile: UserProfile,
    workouts: list[Workout],
    plan: Plan | None,
    asked: Asked | None = None,
    *,
    today: date | None = None,
    body: BodyWeights | None = None,
    checkins: Sequence[CheckIn] = (),
) -> NextResult:
    """:func:`next_prescriptions` over values already read (the benchmark times this part);
    ``body`` is the body weight logged over time. High back pain in a recent check-in
    (``checkins``) regresses the prescriptions like pain logged on the last session."""
    today = today or date.today()
    asked = asked or Asked()
    histories = history_by_exercise(workouts)
    view = read_plan(plan, today) if plan is not None else None
    chosen = _choose(asked, cat, histories, plan, view, today)

    def exercise_of(ex_id: str) -> Exercise:
        return resolve_exercise(ex_id, cat, histories)

    last_day = workouts[-1].day if workouts else None
    reported = checkin_pain(checkins, today, last_day)
    settings = _settings(profile, plan, view, today, body, reported)
    deload = _deload(workouts, histories, exercise_of, settings, view)
    settings = replace(settings, deload=deload)
    out: list[Prescription] = []
    for ex_id in chosen.ids:
        ex = exercise_of(ex_id)
        regression = cat.find(ex.regression) if ex.regression else None
        out.append(
            prescribe(
                ex,
                histories.get(ex_id),
                settings,
                item=chosen.items.get(ex_id),
                regression=regression,
                regression_history=histories.get(regression.id) if regression else None,
            )
        )
    message = _message(out, workouts, asked.exercise, asked.exercise in histories)
    week = view.week if view is not None else None
    return NextResult(tuple(out), chosen.source, deload, message, week, chosen.session)


def records(scope: Scope, *, exercise: str | None = None) -> dict[str, ExerciseRecords]:
    """Personal records per exercise (only the named one with ``exercise``). A movement that
    carries the body (a pull-up) counts the body weight logged nearest before each set in its
    best estimated max.

    Raises UnknownExercise for an id neither the catalog nor the history knows.
    """
    with scope.unit_of_work() as uow:
        workouts = uow.workouts.list(exercise=exercise)
        cat = scope.catalog.with_extra(uow.custom_exercises.list())
        weighed = body_weights(uow.body_weights.list())
    histories = history_by_exercise(workouts)
    if exercise is not None:
        resolve_exercise(exercise, cat, histories)
    found = personal_records(
        workouts, body_weight=weighed if weighed.entries else None,
        carries_body=_carrying_body(cat, histories),
    )  # fmt: skip
    return found if exercise is None else {k: v for k, v in found.items() if k == exercise}


def _carrying_body(cat: Catalog, ids: Iterable[str]) -> set[str]:
    found = (cat.find(ex) for ex in ids)
    return {ex.id for ex in found if ex is not None and carries_body(ex)}


__all__ = [
    "HISTORY_WEEKS",
    "RECENT_DAYS",
    "SESSIONS_BEFORE",
    "Asked",
    "NextResult",
    "bounded_history",
    "history_for",
    "next_prescriptions",
    "prescriptions_for",
    "recent_checkins",
    "records",
    "resolve_exercise",
]
