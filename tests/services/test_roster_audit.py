"""The roster audits each athlete's week from set tallies (one SQL aggregate); the full audit
reads the sets. On generated athletes both agree on every weekly check and every roster figure
(SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from strongback.app import Strongback, UserScope
from strongback.domain.exercise import Exercise
from strongback.domain.planning.principles import volume_bands
from strongback.domain.planning.tallies import audit_tallied_week
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, Goal, Level, Muscle, Pattern, SetType, WeightUnit
from strongback.services import coaching, roster
from strongback.storage import Database, open_database
from tests.builders import app_of

NOW = datetime(2026, 6, 1, 9, 0)
# A Monday (the week in progress is young), a Wednesday and a Sunday.
DAYS = (date(2026, 6, 15), date(2026, 6, 17), date(2026, 6, 21))
POOL = (
    "lat-pulldown", "pull-up", "seated-cable-row", "incline-dumbbell-row", "face-pull",
    "prisoner-back-extension", "kettlebell-rdl", "goblet-squat", "scorpion-reach", "crab-reach",
    "plank-with-reach", "pallof-press", "bicycling", "own-row", "never-heard-of-it",
)  # fmt: skip
REPS = (None, 0, 3, 5, 6, 8, 10, 12, 13, 20)
OWN_ROW = Exercise(
    id="own-row",
    name="Own row",
    source="custom",
    pattern=Pattern.HORIZONTAL_PULL,
    primary_muscles=(Muscle.LATS,),
    secondary_muscles=(Muscle.REAR_DELTS,),
    equipment=(frozenset({Equipment.CABLE_STATION}),),
    loaded=True,
)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _sets(rng: random.Random) -> tuple[PerformedSet, ...]:
    out: list[PerformedSet] = []
    for exercise in rng.sample(POOL, rng.randint(1, 6)):
        for _ in range(rng.randint(1, 5)):
            kind = SetType.WARM_UP if rng.random() < 0.2 else rng.choice(list(SetType))
            out.append(
                PerformedSet(exercise, len(out) + 1, kind, weight=20.0, unit=WeightUnit.KG,
                             reps=rng.choice(REPS), pain=rng.choice((None, None, 2, 6)))
            )  # fmt: skip
    return tuple(out)


def _history(rng: random.Random, last: date) -> list[Workout]:
    out = []
    for back in range(24):
        day = last - timedelta(days=back)
        for hour in (7, 18):
            if rng.random() < 0.3:
                started = datetime(day.year, day.month, day.day, hour, rng.randint(0, 59))
                out.append(Workout(started, "Generated", _sets(rng) if rng.random() < 0.9 else ()))
    return out


def _generated_roster(app: Strongback, athletes: int) -> UserScope:
    coach = app.scope(app.database.user_id("coach"))
    rng = random.Random(14)
    for n in range(athletes):
        scope = app.scope(app.database.user_id(f"athlete-{n:02d}"))
        coaching.set_coaching(coach, True)
        invite = coaching.create_invite(coach, now=NOW)
        coaching.accept_invite(scope, invite.token, "view", now=NOW)
        with scope.unit_of_work(write=True) as uow:
            if n % 3 == 0:
                uow.custom_exercises.add(OWN_ROW)
            uow.workouts.add_many(_history(rng, DAYS[-1]))
            uow.commit()
    return coach


def test_the_roster_tallied_audit_agrees_with_the_full_audit_on_generated_athletes(
    db: Database,
) -> None:
    app = app_of(db)
    coach = _generated_roster(app, 16)
    seen: set[tuple[str, ...]] = set()
    for today in DAYS:
        lines = roster.roster(coach, today=today)
        with coach.unit_of_work() as uow:
            tallies = uow.roster.set_tallies(today - timedelta(days=today.weekday() + 8))
            sessions = uow.roster.sessions(today - timedelta(days=30), today)
        for line in lines:
            # Every roster figure, from the tallies, equals the one from the full audit.
            assert roster.athlete_attention(coach, line.athlete_id, today=today) == line
            seen.add(line.broken_principles)
            athlete = coaching.athlete_scope(coach, line.athlete_id)
            with athlete.unit_of_work() as uow:
                catalog = athlete.catalog.with_extra(uow.custom_exercises.list())
                workouts = uow.workouts.list(
                    since=datetime.combine(roster.audit_start(today), datetime.min.time())
                )
            full = roster.week_of(roster.audit_of(workouts, catalog, None, WeightUnit.KG, today))
            days = [d for d, _ in sessions.get(line.athlete_id, [])]
            week = roster.audited_week(days, today)
            fast = audit_tallied_week(
                tallies.get(line.athlete_id, []),
                catalog,
                volume_bands(Level.INTERMEDIATE, Goal.HYPERTROPHY),
                week,
                sum(1 for d in days if week <= d < week + timedelta(days=7)),
            )
            assert full is not None
            assert (fast.start, fast.trained) == (full.start, full.trained)
            if full.trained:
                # The same checks with the same evidence; the week's volume and sets alike.
                assert fast.results == full.results
                assert (fast.hard_sets, fast.volume) == (full.hard_sets, full.volume)
    # The generated weeks break different principles: the comparison is not vacuous.
    assert len(seen) >= 4 and any("recovery" in b for b in seen)
