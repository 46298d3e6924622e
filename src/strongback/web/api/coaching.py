"""Coaching, the athlete's side and the invites: /api/v1/coaching.

Any account turns coaching on or off (``GET`` and ``PUT /coaching/settings``); with it on, a
coach makes a one-time invite (``POST /coaching/invites``); the athlete accepts it choosing
what the coach may do (``POST /coaching/invites/{token}/accept``), lists their coaches, changes
a permission or revokes it (``DELETE /coaching/coaches/{id}``), and the coach's access ends at
once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.coaching import CoachingLink, Permission
from strongback.services import coaching
from strongback.web.api.models import RequestModel, errors
from strongback.web.deps import current_scope

router = APIRouter(prefix="/coaching", tags=["coaching"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
Token = Annotated[str, Path(min_length=1, max_length=coaching.MAX_TOKEN)]
Id = Annotated[int, Path(ge=1, le=coaching.MAX_ID)]
ACCEPT_PAGE = "/coaching/accept/"


def utc(moment: datetime) -> str:
    """A stored UTC time as ISO 8601 with its ``Z``."""
    return moment.isoformat() + "Z"


class InviteOut(BaseModel):
    """A fresh invite: the token (shown once), the page that accepts it, when it expires."""

    token: str
    url: str
    expires_at: str = Field(description="UTC, ISO 8601")


class AcceptIn(RequestModel):
    """What the athlete lets the coach do."""

    permission: Permission


class CoachOut(BaseModel):
    """A coach with access to the user's data."""

    coach_id: int
    name: str
    permission: Permission
    since: str
    coaching_on: bool = Field(
        description="False while the coach has turned coaching off: the link stays, and the "
        "coach sees nothing of yours until they turn it on again."
    )

    @classmethod
    def of(cls, link: CoachingLink) -> CoachOut:
        """The answer for a link."""
        return cls(
            coach_id=link.coach_id,
            name=link.coach_name,
            permission=link.permission,
            since=utc(link.created_at),
            coaching_on=link.coaching_on,
        )


class CoachList(BaseModel):
    """The user's coaches (one page: ``next`` is always null)."""

    items: list[CoachOut]
    next: str | None = None


class CoachingSettings(RequestModel):
    """The account's coaching switch: on, the coach's dashboard, roster and invites are open."""

    coaching: bool


@router.get("/settings", response_model=CoachingSettings)
def get_settings(scope: Scope) -> CoachingSettings:
    """Whether coaching is on for your account."""
    return CoachingSettings(coaching=coaching.coaching_on(scope))


@router.put("/settings", response_model=CoachingSettings, responses=errors(422))
def put_settings(scope: Scope, body: CoachingSettings) -> CoachingSettings:
    """Turn coaching on (invites, the roster and the dashboard open) or off (they close; your
    athletes' links stay theirs to change or revoke)."""
    return CoachingSettings(coaching=coaching.set_coaching(scope, body.coaching))


@router.post(
    "/invites",
    response_model=InviteOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(409),
)
def create_invite(scope: Scope, request: Request) -> InviteOut:
    """A one-time invite to send an athlete: single use, expires after 7 days. 409 while
    coaching is off for your account."""
    invite = coaching.create_invite(scope)
    url = str(request.base_url).rstrip("/") + ACCEPT_PAGE + invite.token
    return InviteOut(token=invite.token, url=url, expires_at=utc(invite.expires_at))


@router.post("/invites/{token}/accept", response_model=CoachOut, responses=errors(404, 422))
def accept_invite(scope: Scope, token: Token, body: AcceptIn) -> CoachOut:
    """Accept an invite as athlete: the coach may ``view`` your data, or also ``assign``
    plans and edit your profile. An unknown, used or expired invite answers 404."""
    return CoachOut.of(coaching.accept_invite(scope, token, body.permission))


@router.get("/coaches", response_model=CoachList)
def list_coaches(scope: Scope) -> CoachList:
    """Your coaches and what each may do."""
    return CoachList(items=[CoachOut.of(c) for c in coaching.coaches(scope)])


@router.put("/coaches/{coach_id}", response_model=CoachOut, responses=errors(404, 422))
def change_coach(scope: Scope, coach_id: Id, body: AcceptIn) -> CoachOut:
    """Change what a coach may do, at once."""
    return CoachOut.of(coaching.change_permission(scope, coach_id, body.permission))


@router.delete("/coaches/{coach_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404))
def revoke_coach(scope: Scope, coach_id: Id) -> Response:
    """End a coach's access to your data, at once."""
    coaching.revoke_coach(scope, coach_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


__all__ = ["ACCEPT_PAGE", "CoachOut", "CoachingSettings", "InviteOut", "router", "utc"]
