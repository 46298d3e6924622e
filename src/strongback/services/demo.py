"""Use case of the demo athlete: an account, clearly marked as a demo, with a plan and twelve
weeks of generated training behind it, so a newcomer sees every page with data.

The history follows the plan: each week's sessions on their weekdays, each item's sets at the
middle of its range, loads creeping up every other week, every fourth week a lighter one (one set
per exercise); a few sessions are missed, as in life.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from strongback.domain.accounts import Account
from strongback.domain.catalog import Catalog
from strongback.domain.planning.plan import Plan, PlanItem
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, Goal, Level, WeightUnit
from strongback.services import accounts
from strongback.services.planning import PlanRequest, build_plan, save_plan
from strongback.services.ports import Deployment

HISTORY_WEEKS = 12
DEMO_DOMAIN = "demo.strongback.example"
DEMO_EQUIPMENT = frozenset(
    {Equipment.DUMBBELLS, Equipment.BENCH, Equipment.PULL_UP_BAR, Equipment.BARBELL, Equipment.MAT}
)
DEMO_PROFILE = UserProfile(
    equipment=DEMO_EQUIPMENT,
    unit=WeightUnit.KG,
    dumbbells=tuple(2.5 * k for k in range(1, 17)),
    plates=(1.25, 2.5, 5.0, 10.0, 20.0),
    bar_weight=20.0,
)
_START_LOAD = {True: 20.0, False: 6.0}  # kg: a barbell starts empty, a dumbbell light


def _sets_for(
    item: PlanItem, catalog: Catalog, week: int, rng: random.Random, *, light: bool
) -> list[PerformedSet]:
    exercise = catalog.find(item.exercise)
    barbell = exercise is not None and any(Equipment.BARBELL in alt for alt in exercise.equipment)
    loaded = exercise is not None and exercise.loaded
    load = _START_LOAD[barbell] + (2.5 if barbell else 1.0) * (week // 2) if loaded else None
    if load is not None and not barbell:
        load = round(load / 2.5) * 2.5 or 2.5
    span = item.reps or item.reps_per_side
    out = []
    for n in range(1 if light else item.sets):
        reps = (span.min + span.max) // 2 + rng.choice((-1, 0, 0, 1)) if span else None
        out.append(
            PerformedSet(
                exercise=item.exercise,
                order=n + 1,
                weight=load,
                unit=WeightUnit.KG if load is not None else None,
                reps=max(reps, 1) if reps is not None else None,
                seconds=float(item.seconds) if span is None and item.seconds else None,
                rir=float(item.target_rir) if item.target_rir is not None else None,
                pain=rng.choice((0, 0, 0, 1, 2)),
                tempo=item.tempo,
            )
        )
    return out


def history(plan: Plan, catalog: Catalog, first_day: date, *, seed: int = 7) -> list[Workout]:
    """Twelve weeks of workouts following the plan's sessions from ``first_day`` (a Monday)."""
    rng = random.Random(seed)
    out: list[Workout] = []
    for week in range(HISTORY_WEEKS):
        plan_week = plan.weeks[week % len(plan.weeks)]
        for session in plan_week.sessions:
            if rng.random() < 0.1:
                continue  # a missed session
            day = first_day + timedelta(weeks=week, days=session.day - 1)
            sets: list[PerformedSet] = []
            for item in session.items:
                sets.extend(_sets_for(item, catalog, week, rng, light=week % 4 == 3))
            sets = [replace(s, order=i + 1) for i, s in enumerate(sets)]
            started = datetime.combine(day, time(18, 0))
            out.append(
                Workout(
                    started_at=started,
                    ended_at=started + timedelta(minutes=session.estimated_minutes),
                    title=f"{session.title} (demo)",
                    sets=tuple(sets),
                    source="demo",
                )
            )
    return out


def create_demo(deployment: Deployment, catalog: Catalog, *, today: date | None = None) -> Account:
    """A new demo athlete (``is_demo``) with a profile, a current plan and twelve weeks of
    history before it. Nobody knows its password: it is signed in by whoever created it and
    deleted like any account."""
    day = today or date.today()
    email = f"demo-{secrets.token_hex(4)}@{DEMO_DOMAIN}"
    account = accounts.sign_up(deployment, email, secrets.token_urlsafe(24), is_demo=True)
    scope = deployment.scope(account.id)
    plan = build_plan(
        catalog,
        PlanRequest(
            days=3, minutes=45, equipment=DEMO_EQUIPMENT, level=Level.INTERMEDIATE,
            goal=Goal.HYPERTROPHY, weeks=4,
        ),
    )  # fmt: skip
    this_monday = day - timedelta(days=day.weekday())
    workouts = history(plan, catalog, this_monday - timedelta(weeks=HISTORY_WEEKS))
    with scope.unit_of_work(write=True) as uow:
        uow.profile.save(DEMO_PROFILE)
        uow.workouts.add_many(workouts)
        uow.commit()
    save_plan(scope, plan, start=this_monday, name="Demo plan")
    return account


__all__ = ["DEMO_DOMAIN", "HISTORY_WEEKS", "create_demo", "history"]
