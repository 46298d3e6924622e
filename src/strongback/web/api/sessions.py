"""Guided sessions: /api/v1/sessions (start one), /api/v1/sessions/active (its state, the
timeline of its current set, actions, sets entered with a client-chosen id, finish).

Instants are ISO 8601 in UTC; every answer carries the server's ``now`` so a device computes
the time left from the deadlines whatever its own clock says.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.catalog import Catalog
from strongback.domain.errors import NotFound
from strongback.domain.guided.codec import item_to_public, state_to_public
from strongback.domain.guided.session import EnteredSet, GuidedSession, SessionItem, Stage
from strongback.domain.tempo import CHANGEOVER_SECONDS
from strongback.domain.vocab import WeightUnit
from strongback.services import sessions
from strongback.web.api.models import RequestModel, Text, errors, short_text
from strongback.web.deps import current_scope

router = APIRouter(tags=["sessions"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


class SessionStart(RequestModel):
    """Start a session: these exercises, else today's session of the plan, else an empty one."""

    exercises: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=200)]], Field(max_length=30)
    ] = Field(default_factory=list)


class Action(StrEnum):
    """What the athlete does to the current set."""

    START_SET = "start_set"
    SKIP_SET = "skip_set"
    ADD_SET = "add_set"


class ActionIn(RequestModel):
    """One action on the active session."""

    action: Action


class SetIn(RequestModel):
    """A set as entered; ``id`` is chosen by the device, so sending it again stores nothing."""

    id: short_text(64, 1)  # type: ignore[valid-type]
    item: int = Field(ge=0, le=100)
    number: int = Field(ge=1, le=20)
    exercise: short_text(200, 1)  # type: ignore[valid-type]
    reps: int | None = Field(default=None, ge=0, le=1000)
    seconds: float | None = Field(default=None, ge=0, le=3600)
    weight: float | None = Field(default=None, ge=0, le=1000)
    unit: WeightUnit | None = None
    rir: float | None = Field(default=None, ge=0, le=10)
    pain: int | None = Field(default=None, ge=0, le=10)
    pain_where: short_text(80) | None = None  # type: ignore[valid-type]

    def to_entry(self, now: datetime) -> EnteredSet:
        """The service's entered set."""
        values = self.model_dump()
        return EnteredSet(entered_at=now, **values)


class ExerciseIn(RequestModel):
    """An exercise to swap in or add: its id, an alias or its name."""

    exercise: Annotated[Text, Field(min_length=1, max_length=200)]


class SwapOut(BaseModel):
    """An exercise the current one may be swapped for, and why: easier, harder, same-pattern."""

    exercise: str
    name: str
    why: str


class SwapList(BaseModel):
    """The swaps the owned equipment allows, easier first."""

    items: list[SwapOut]


class SessionOut(BaseModel):
    """The active session: its stored state, the sets entered, the current set's timeline."""

    id: int
    now: datetime
    state: dict[str, Any]
    entered: list[dict[str, Any]]
    timeline: dict[str, Any] | None


class FinishOut(BaseModel):
    """A finished session and the workout it wrote (None when no set was entered)."""

    session_id: int
    workout_id: int | None
    sets: int


def _now() -> datetime:
    return datetime.now(UTC)


def _item(item: SessionItem, cat: Catalog) -> dict[str, Any]:
    exercise = cat.get(item.exercise)
    return {
        **item_to_public(item),
        "timeline": item.set_timeline().to_public(),
        "name": exercise.name,
        "cues": list(exercise.cues[:3]),
        "mistake": exercise.mistakes[0].mistake if exercise.mistakes else None,
        "fix": exercise.mistakes[0].cue if exercise.mistakes else None,
    }


def timeline_of(session: GuidedSession, now: datetime) -> dict[str, Any] | None:
    """The current set's timeline; ``starts_at`` is when it started (None until it has)."""
    item = session.item
    if item is None or session.stage is Stage.DONE:
        return None
    running = session.stage is Stage.WORK and session.stage_started_at is not None
    return {
        "item": session.current,
        "set": session.set_number,
        "exercise": item.exercise,
        "starts_at": session.stage_started_at.isoformat() if running else None,  # type: ignore[union-attr]
        "now": now.isoformat(),
        **item.set_timeline().to_public(),
    }


def session_out(scope: UserScope, session: GuidedSession) -> SessionOut:
    """The JSON of a session, its items named with their cues and the mistake to avoid."""
    cat = sessions.known_catalog(scope)
    state = state_to_public(session)
    state["items"] = [_item(i, cat) for i in session.items]
    state["changeover_seconds"] = CHANGEOVER_SECONDS
    now = _now()
    entered = [
        {
            "id": s.id, "item": s.item, "number": s.number, "exercise": s.exercise,
            "reps": s.reps, "seconds": s.seconds, "weight": s.weight,
            "unit": s.unit.value if s.unit else None, "rir": s.rir, "pain": s.pain,
        }
        for s in session.entered
    ]  # fmt: skip
    return SessionOut(
        id=session.id or 0, now=now, state=state, entered=entered,
        timeline=timeline_of(session, now),
    )  # fmt: skip


def _active(scope: UserScope) -> GuidedSession:
    session = sessions.active_session(scope)
    if session is None:
        raise NotFound("no active session: start one")
    return session


@router.post(
    "/sessions",
    response_model=SessionOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(409, 422),
)
def start(body: SessionStart, scope: Scope) -> SessionOut:
    """Start the session (409 when one is active already: resume that one)."""
    return session_out(scope, sessions.start_session(scope, exercises=body.exercises))


@router.get("/sessions/active", response_model=SessionOut, responses=errors(404))
def active(scope: Scope) -> SessionOut:
    """The active session, where it stands and the sets entered so far."""
    return session_out(scope, _active(scope))


@router.get("/sessions/active/timeline", responses=errors(404))
def timeline(scope: Scope) -> dict[str, Any]:
    """The current set's timeline (``strongback timeline --json`` with ``starts_at``, the
    instant its first event began, and the server's ``now``)."""
    found = timeline_of(_active(scope), _now())
    if found is None:
        raise NotFound("the session has no set left")
    return found


@router.post("/sessions/active/actions", response_model=SessionOut, responses=errors(404, 422))
def act(body: ActionIn, scope: Scope) -> SessionOut:
    """Start, skip or add a set."""
    do = {
        Action.START_SET: sessions.start_set,
        Action.SKIP_SET: sessions.skip_set,
        Action.ADD_SET: sessions.add_set,
    }[body.action]
    return session_out(scope, do(scope))


@router.get("/sessions/active/swaps", response_model=SwapList, responses=errors(404))
def swaps(scope: Scope) -> SwapList:
    """What the current exercise can be swapped for with the equipment the profile owns."""
    options = sessions.swap_options(scope)
    return SwapList(
        items=[SwapOut(exercise=o.exercise.id, name=o.exercise.name, why=o.why) for o in options]
    )


@router.post("/sessions/active/swap", response_model=SessionOut, responses=errors(404, 422))
def swap(body: ExerciseIn, scope: Scope) -> SessionOut:
    """Do another exercise for the current one's remaining sets, at its next prescription."""
    return session_out(scope, sessions.swap_exercise(scope, body.exercise))


@router.post("/sessions/active/exercises", response_model=SessionOut, responses=errors(404, 422))
def add_exercise(body: ExerciseIn, scope: Scope) -> SessionOut:
    """Add an exercise at the end of the session, at its next prescription."""
    return session_out(scope, sessions.add_exercise(scope, body.exercise))


@router.post("/sessions/active/sets", response_model=SessionOut, responses=errors(404, 422))
def enter(body: SetIn, scope: Scope) -> SessionOut:
    """Store a set once under its id, however often it is sent."""
    return session_out(scope, sessions.enter_set(scope, body.to_entry(_now())))


@router.post("/sessions/active/finish", response_model=FinishOut, responses=errors(404))
def finish(scope: Scope) -> FinishOut:
    """Write the session's sets as a workout and close it."""
    done = sessions.finish_session(scope)
    return FinishOut(session_id=done.session_id, workout_id=done.workout_id, sets=len(done.sets))


__all__ = ["SessionOut", "router", "session_out", "timeline_of"]
