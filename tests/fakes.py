"""An in-memory unit of work that satisfies the services' ports, for fast use-case tests.

It keeps one user's data in dictionaries; a unit of work works on a copy and publishes it on
commit, so an error before the commit leaves the data as it was (as a rolled-back transaction).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from types import TracebackType
from typing import Any, Self

from strongback.domain.analytics.reach import heaviest
from strongback.domain.body_weight import BodyWeight
from strongback.domain.catalog import Catalog, load_catalog
from strongback.domain.coaching import CheckIn
from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import LOG_SOURCE, PerformedSet, Workout


@dataclass
class _Data:
    profile: UserProfile | None = None
    workouts: dict[int, Workout] = field(default_factory=dict)
    customs: dict[str, Exercise] = field(default_factory=dict)
    plans: list[StoredPlan] = field(default_factory=list)
    body_weights: dict[date, BodyWeight] = field(default_factory=dict)
    checkins: dict[date, CheckIn] = field(default_factory=dict)
    next_id: int = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


class _Profiles:
    def __init__(self, data: _Data) -> None:
        self._d = data

    def get(self) -> UserProfile:
        return self._d.profile or UserProfile()

    def exists(self) -> bool:
        return self._d.profile is not None

    def save(self, profile: UserProfile) -> None:
        self._d.profile = profile


class _Workouts:
    def __init__(self, data: _Data) -> None:
        self._d = data
        self.last_kept_units: dict[str, int] = {}

    def add(self, workout: Workout) -> Workout:
        wid = self._d.new_id()
        sets = tuple(replace(s, id=self._d.new_id()) for s in workout.sets)
        stored = replace(workout, id=wid, sets=sets)
        self._d.workouts[wid] = stored
        return stored

    def add_many(self, workouts_in: Iterable[Workout]) -> int:
        return sum(len(self.add(w).sets) for w in workouts_in if w.sets)

    def add_rows(
        self, batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]], fields: Sequence[str]
    ) -> tuple[int, int]:
        raise NotImplementedError("the bulk path is storage's; test it on a real database")

    def can_stream(self) -> bool:
        return False  # imports are stored by storage's bulk path; see add_rows

    def append_sets(
        self, workout_id: int, sets: Sequence[PerformedSet], *, owned: bool = False
    ) -> tuple[PerformedSet, ...]:
        if workout_id not in self._d.workouts:
            raise InvalidInput(f"no workout with id {workout_id}")
        added = tuple(replace(s, id=self._d.new_id()) for s in sets)
        w = self._d.workouts[workout_id]
        self._d.workouts[workout_id] = replace(w, sets=w.sets + added)
        return added

    def log_workout_for(self, day: date, started_at: datetime, title: str) -> tuple[int, bool]:
        for w in sorted(self._d.workouts.values(), key=lambda w: w.started_at, reverse=True):
            if w.source == LOG_SOURCE and w.day == day:
                assert w.id is not None
                return w.id, False
        return self.add(Workout(started_at, title, source=LOG_SOURCE)).id or 0, True

    def next_set_order(self, workout_id: int) -> int:
        return 1 + max((s.order for s in self._d.workouts[workout_id].sets), default=0)

    def log_to_day(
        self,
        day: date,
        started_at: datetime,
        title: str,
        sets: Sequence[PerformedSet],
        *,
        commit: bool = False,
    ) -> tuple[int, bool, tuple[PerformedSet, ...]]:
        workout_id, created = self.log_workout_for(day, started_at, title)
        first = self.next_set_order(workout_id)
        numbered = [replace(s, order=first + i) for i, s in enumerate(sets)]
        return workout_id, created, self.append_sets(workout_id, numbered)

    def delete_set(self, set_id: int) -> bool:
        for wid, w in list(self._d.workouts.items()):
            kept = tuple(s for s in w.sets if s.id != set_id)
            if len(kept) != len(w.sets):
                if kept:
                    self._d.workouts[wid] = replace(w, sets=kept)
                else:
                    del self._d.workouts[wid]
                return True
        return False

    def delete_workout(self, workout_id: int) -> bool:
        return self._d.workouts.pop(workout_id, None) is not None

    def list(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        exercise: str | None = None,
        last: int | None = None,
    ) -> list[Workout]:
        found = sorted(self._d.workouts.values(), key=lambda w: (w.started_at, w.id or 0))
        found = [
            w
            for w in found
            if (since is None or w.started_at >= since) and (until is None or w.started_at < until)
        ]
        if exercise is not None:
            found = [
                replace(w, sets=tuple(s for s in w.sets if s.exercise == exercise))
                for w in found
                if any(s.exercise == exercise for s in w.sets)
            ]
        return found[-last:] if last is not None else found

    def get(self, workout_id: int) -> Workout | None:
        return self._d.workouts.get(workout_id)

    def workout_of_set(self, set_id: int) -> int | None:
        return next(
            (wid for wid, w in self._d.workouts.items() if any(s.id == set_id for s in w.sets)),
            None,
        )

    def count(self) -> tuple[int, int]:
        return len(self._d.workouts), sum(len(w.sets) for w in self._d.workouts.values())


class _History:
    def __init__(self, workouts: _Workouts) -> None:
        self._w = workouts

    def last_sessions(
        self, exercises: Sequence[str], before: datetime, per_exercise: int
    ) -> list[Workout]:
        chosen: dict[int, set[str]] = {}
        for ex in exercises:
            held = [w for w in self._w.list(until=before) if ex in w.exercises()]
            for w in held[-per_exercise:] if per_exercise > 0 else []:
                chosen.setdefault(w.id or 0, set()).add(ex)
        return [
            replace(w, sets=tuple(s for s in w.sets if s.exercise in chosen[w.id or 0]))
            for w in self._w.list()
            if (w.id or 0) in chosen
        ]

    def since(self, moment: datetime, until: datetime | None = None) -> list[Workout]:
        return self._w.list(since=moment, until=until)


class _Aggregates:
    """The progress report's aggregates, worked out over every workout in Python."""

    def __init__(self, workouts: _Workouts) -> None:
        self._w = workouts

    def last_day(self) -> date | None:
        return max((w.day for w in self._w.list() if w.sets), default=None)

    def heaviest_sets(self, before: datetime, exercises: Sequence[str]) -> list[PerformedSet]:
        wanted = set(exercises)
        sets = [s for w in self._w.list(until=before) for s in w.sets if s.exercise in wanted]
        return heaviest(sets)

    def last_pain(self, before: datetime) -> int | None:
        by_day: dict[date, int] = {}
        for w in self._w.list(until=before):
            for s in w.sets:
                if s.pain is not None:
                    by_day[w.day] = max(by_day.get(w.day, 0), s.pain)
        return by_day[max(by_day)] if by_day else None

    def days(self, before: datetime) -> list[date]:
        return [w.day for w in self._w.list(until=before)]

    def holding(self, exercises: Sequence[str]) -> list[Workout]:
        wanted = set(exercises)
        found = (replace(w, sets=tuple(s for s in w.sets if s.exercise in wanted))
                 for w in self._w.list())  # fmt: skip
        return [w for w in found if w.sets]

    def logged_exercises(self) -> list[str]:
        return sorted({s.exercise for w in self._w.list() for s in w.sets})


class _Customs:
    def __init__(self, data: _Data) -> None:
        self._d = data

    def list(self) -> list[Exercise]:
        return list(self._d.customs.values())

    def get(self, exercise_id: str) -> Exercise | None:
        return self._d.customs.get(exercise_id)

    def add(self, exercise: Exercise) -> None:
        self.add_many([exercise])

    def add_many(self, exercises: Iterable[Exercise]) -> int:
        added = 0
        for e in exercises:
            if e.id not in self._d.customs:
                self._d.customs[e.id] = e.model_copy(update={"source": "custom"})
                added += 1
        return added


class _Plans:
    def __init__(self, data: _Data) -> None:
        self._d = data

    def save(
        self,
        plan: Plan,
        *,
        name: str | None = None,
        current: bool = True,
        created_at: datetime | None = None,
        assigned_by: int | None = None,
    ) -> int:
        if current:
            self._d.plans = [replace(p, is_current=False) for p in self._d.plans]
        pid = self._d.new_id()
        self._d.plans.append(
            StoredPlan(pid, name, created_at or datetime.now(), current, plan, assigned_by)
        )
        return pid

    def current(self) -> Plan | None:
        stored = self.current_stored()
        return stored.plan if stored else None

    def current_stored(self) -> StoredPlan | None:
        return next((p for p in reversed(self._d.plans) if p.is_current), None)

    def list(self) -> list[StoredPlan]:
        return list(self._d.plans)


class _BodyWeights:
    def __init__(self, data: _Data) -> None:
        self._d = data

    def list(self) -> list[BodyWeight]:
        return [self._d.body_weights[d] for d in sorted(self._d.body_weights)]

    def put(self, entry: BodyWeight) -> BodyWeight:
        saved = replace(entry, id=self._d.new_id())
        self._d.body_weights[entry.day] = saved
        return saved

    def add_imported(self, entries: Sequence[BodyWeight], import_id: int) -> int:
        added = [e for e in entries if e.day not in self._d.body_weights]
        for entry in added:
            self.put(entry)
        return len(added)


class _CheckIns:
    def __init__(self, data: _Data) -> None:
        self._d = data

    def save(self, checkin: CheckIn, now: datetime) -> None:
        self._d.checkins[checkin.day] = checkin

    def list(self, *, since: date | None = None, until: date | None = None) -> list[CheckIn]:
        return [
            c
            for d, c in sorted(self._d.checkins.items())
            if (since is None or d >= since) and (until is None or d <= until)
        ]


class FakeUnitOfWork:
    """One transaction on the in-memory data: a copy, published on commit."""

    def __init__(self, store: FakeScope) -> None:
        self._store = store
        self.user_id = store.user_id
        self.commits = 0

    def __enter__(self) -> Self:
        self._data = copy.deepcopy(self._store.data)
        self.profile = _Profiles(self._data)
        self.workouts = _Workouts(self._data)
        self.history = _History(self.workouts)
        self.aggregates = _Aggregates(self.workouts)
        self.custom_exercises = _Customs(self._data)
        self.plans = _Plans(self._data)
        self.body_weights = _BodyWeights(self._data)
        self.checkins = _CheckIns(self._data)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self._store.data = copy.deepcopy(self._data)
        self._store.commits += 1

    def rollback(self) -> None:
        self._data = copy.deepcopy(self._store.data)


@dataclass
class FakeScope:
    """A scope over in-memory data: what the services need, without a database."""

    user_id: int = 1
    data: _Data = field(default_factory=_Data)
    commits: int = 0
    _catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_catalog()
        return self._catalog

    def unit_of_work(self, *, write: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)


def day_start(day: date) -> datetime:
    """Midnight of a day."""
    return datetime.combine(day, time(0, 0))


__all__ = ["FakeScope", "FakeUnitOfWork", "day_start", "timedelta"]
