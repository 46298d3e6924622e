"""Comments between an athlete and their coaches, on a workout or on one of its sets.

A comment belongs to the athlete whose workout it is on (its ``athlete_id``) and is written by
the athlete or one of their coaches (``author_id``). Each reader has their own unread marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from strongback.domain.errors import InvalidInput

MAX_COMMENT = 4000


@dataclass(frozen=True)
class Comment:
    """One comment; ``unread`` is from the point of view of whoever asked."""

    id: int
    athlete_id: int
    workout_id: int
    set_id: int | None
    author_id: int
    author_name: str
    body: str
    created_at: datetime
    unread: bool = False

    def to_public(self) -> dict[str, Any]:
        """The comment's JSON object."""
        return {
            "id": self.id,
            "athlete_id": self.athlete_id,
            "workout_id": self.workout_id,
            "set_id": self.set_id,
            "author_id": self.author_id,
            "author": self.author_name,
            "text": self.body,
            "created_at": self.created_at.isoformat(),
            "unread": self.unread,
        }


def comment_body(text: object) -> str:
    """The comment's text, trimmed; InvalidInput (field ``text``) when empty or too long."""
    body = str(text or "").strip()
    if not body:
        raise InvalidInput("{text} is empty", field="text")
    if len(body) > MAX_COMMENT:
        raise InvalidInput(f"{{text}} is longer than {MAX_COMMENT} characters", field="text")
    return body


__all__ = ["MAX_COMMENT", "Comment", "comment_body"]
