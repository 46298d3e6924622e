"""The values the coaching routes share: comments and check-ins, in and out."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.coaching import MAX_COMMENT, CheckIn, Comment
from strongback.domain.coaching.checkins import MAX_NOTE
from strongback.services import checkins
from strongback.services.coaching import MAX_ID
from strongback.web.api.models import RequestModel, Text

Score = Annotated[int, Field(ge=0, le=10)]


class CommentIn(RequestModel):
    """A comment on a workout, or on one of its sets."""

    workout_id: int = Field(ge=1, le=MAX_ID)
    set_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    text: Annotated[Text, Field(min_length=1, max_length=MAX_COMMENT)]


class CommentOut(BaseModel):
    """A comment; ``unread`` as the caller sees it."""

    id: int
    athlete_id: int
    workout_id: int
    set_id: int | None
    author_id: int
    author: str
    text: str
    created_at: str
    unread: bool

    @classmethod
    def of(cls, comment: Comment) -> CommentOut:
        """The answer for a comment."""
        return cls.model_validate(comment.to_public())


class CommentList(BaseModel):
    """Comments, oldest first (one page: ``next`` is always null)."""

    items: list[CommentOut]
    next: str | None = None


class CheckInIn(RequestModel):
    """A daily check-in: scores 0-10 (back pain required) and a note."""

    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        default=None, description="Default: today"
    )
    back_pain: Score
    sleep: Score | None = None
    energy: Score | None = None
    soreness: Score | None = None
    note: Annotated[Text, Field(max_length=MAX_NOTE)] | None = None


class CheckInOut(BaseModel):
    """One day's check-in."""

    date: str
    back_pain: int
    sleep: int | None
    energy: int | None
    soreness: int | None
    note: str | None

    @classmethod
    def of(cls, checkin: CheckIn) -> CheckInOut:
        """The answer for a check-in."""
        return cls.model_validate(checkin.to_public())


class TrendOut(BaseModel):
    """A score's mean over the last 7 days beside the 7 before."""

    score: str
    last_7: float | None
    previous_7: float | None
    change: float | None


class CheckInList(BaseModel):
    """Check-ins, oldest first, and the trend of each score."""

    items: list[CheckInOut]
    trends: list[TrendOut]
    next: str | None = None


def checkin_list(scope: UserScope, days: int) -> CheckInList:
    """The check-ins of the last ``days`` days with their trends."""
    found = checkins.checkins(scope, days=days)
    return CheckInList(
        items=[CheckInOut.of(c) for c in found.checkins],
        trends=[TrendOut.model_validate(t.to_public()) for t in found.trends],
    )


__all__ = [
    "CheckInIn",
    "CheckInList",
    "CheckInOut",
    "CommentIn",
    "CommentList",
    "CommentOut",
    "TrendOut",
    "checkin_list",
]
