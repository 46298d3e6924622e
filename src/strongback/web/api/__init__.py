"""The JSON API under ``/api/v1``: ``router`` gathers every area's routes; each area is a module
here (``me``: ``GET /api/v1/me``; ``workouts``, ``log``, ``exercises``, ``profile``, ``plans``,
``insights``, ``transfer``, ``import_records``, ``body`` (body weight); ``coaching``,
``athletes`` and ``athlete_side``: coaches and their athletes; ``docs``: the page listing the
endpoints) whose ``router`` is included below.

Authenticated by ``Authorization: Bearer <token>`` (or the browser's session cookie, then with
the CSRF token in ``X-CSRF-Token`` on every state-changing request).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from strongback.web.api import (
    athlete_side,
    athletes,
    body,
    coaching,
    docs,
    exercises,
    import_records,
    insights,
    log,
    me,
    plans,
    profile,
    sessions,
    transfer,
    workouts,
)
from strongback.web.deps import csrf_protect as _csrf_protect

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(_csrf_protect)])
for _area in (
    me,
    exercises,
    profile,
    plans,
    workouts,
    log,
    insights,
    transfer,
    import_records,
    body,
    docs,
):
    router.include_router(_area.router)
for _area in (coaching, athletes, athlete_side, sessions):
    router.include_router(_area.router)

__all__ = [
    "athlete_side",
    "athletes",
    "body",
    "coaching",
    "docs",
    "exercises",
    "import_records",
    "insights",
    "log",
    "me",
    "plans",
    "profile",
    "router",
    "sessions",
    "transfer",
    "workouts",
]
