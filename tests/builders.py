"""Builders the tests share: workouts and sets in a line, and the app and scope for a database."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from strongback.app import Strongback, UserScope
from strongback.domain.planning.plan import Plan
from strongback.domain.training_log import PerformedSet, Workout
from strongback.settings import Settings
from strongback.storage import Database


def app_of(database: Database) -> Strongback:
    """The app around an open database (it stays open: the test disposes of it)."""
    return Strongback(Settings(database_url=database.url), database=database)


def scope_of(database: Database, user: str = "local") -> UserScope:
    """The scope of a user (by name, created on first use) of an open database."""
    return app_of(database).local_scope(user)


def at(day: date, days_ago: int = 0, hour: int = 18) -> datetime:
    """A training time ``days_ago`` days before ``day``."""
    d = day - timedelta(days=days_ago)
    return datetime(d.year, d.month, d.day, hour, 0)


def sets_of(*groups: tuple[str, list[dict[str, Any]]]) -> tuple[PerformedSet, ...]:
    """Performed sets from (exercise, [field values per set]) groups, numbered in order."""
    out: list[PerformedSet] = []
    for exercise, rows in groups:
        for row in rows:
            out.append(PerformedSet(exercise, len(out) + 1, **row))
    return tuple(out)


def workout(
    started: datetime, *groups: tuple[str, list[dict[str, Any]]], title: str = "Back day"
) -> Workout:
    """A workout at ``started`` holding the sets of the groups."""
    return Workout(started, title, sets_of(*groups))


def rows(n: int, **fields: Any) -> list[dict[str, Any]]:
    """``n`` sets with the same field values."""
    return [dict(fields) for _ in range(n)]


def add_workouts(database: Database, *workouts: Workout, user: str = "local") -> None:
    """Store workouts for a user in one transaction."""
    with database.unit_of_work(user) as uow:
        for w in workouts:
            uow.workouts.add(w)
        uow.commit()


def plan_for(
    days: int,
    minutes: int,
    equipment: str,
    *,
    weeks: int = 4,
    weekdays: str = "",
    **kw: Any,
) -> Plan:
    """A generated plan, the profile written as on the command line."""
    from strongback.domain.catalog import load_catalog, parse_equipment_list
    from strongback.services.planning import PlanRequest, build_plan

    request = PlanRequest(
        days=days,
        minutes=minutes,
        equipment=parse_equipment_list(equipment),
        weeks=weeks,
        weekdays=tuple(w for w in weekdays.split(",") if w),
        **kw,
    )
    return build_plan(load_catalog(), request)


def typed_plan(data: dict[str, Any]) -> Plan:
    """A Plan from a plan's JSON written by hand: missing profile fields get plain defaults."""
    weeks = data.get("weeks") or []
    profile = {
        "days": 3,
        "minutes": 45,
        "equipment": [],
        "level": "intermediate",
        "goal": "hypertrophy",
        "weeks": max(len(weeks), 1),
        "weekdays": ["mon", "wed", "fri"],
        **(data.get("profile") or {}),
    }
    return Plan.from_public({**data, "profile": profile})


__all__ = [
    "add_workouts",
    "app_of",
    "at",
    "plan_for",
    "rows",
    "scope_of",
    "sets_of",
    "typed_plan",
    "workout",
]
