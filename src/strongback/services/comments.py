"""Use cases of comments between an athlete and their coaches: on a workout or one of its sets,
both ways, with unread marks and the list of what is new.

The athlete comments on their own workouts; a coach on their athlete's, with either permission
(through the coach's scope: the live link is checked in the same transaction).
"""

from __future__ import annotations

from datetime import datetime

from strongback.app import UserScope
from strongback.domain.coaching import Comment, Permission, comment_body
from strongback.domain.errors import NotFound
from strongback.services.coaching import MAX_ID, athlete_scope, utc_now
from strongback.services.ports import Scope
from strongback.services.training_log import find_set, find_workout


def _thread_scope(actor: UserScope, athlete_id: int) -> Scope:
    """The athlete's scope for the actor: their own, or a coach's that may comment."""
    if athlete_id == actor.user_id:
        return actor
    return athlete_scope(actor, athlete_id, Permission.VIEW, comments_only=True)


def add_comment(
    actor: UserScope,
    athlete_id: int,
    workout_id: int,
    body: str,
    *,
    set_id: int | None = None,
    now: datetime | None = None,
) -> Comment:
    """Comment on the athlete's workout (or one of its sets). NotFound for a workout or set the
    actor may not reach; InvalidInput (``body``) for an empty or too long text."""
    text = comment_body(body)
    scope = _thread_scope(actor, athlete_id)
    with scope.unit_of_work(write=True) as uow:
        find_workout(uow, workout_id)
        if set_id is not None:
            workout, _ = find_set(uow, set_id)
            if workout.id != workout_id:
                raise NotFound(f"no set with id {set_id}", field="set_id")
        comment_id = uow.comments.add(workout_id, set_id, actor.user_id, text, now or utc_now())
        found = [
            c for c in uow.comments.on_workouts(actor.user_id, workout_id) if c.id == comment_id
        ]
        uow.commit()
    return found[0]


def comments(actor: UserScope, athlete_id: int, *, workout_id: int | None = None) -> list[Comment]:
    """The comments on the athlete's workouts (one workout's with ``workout_id``), oldest first,
    with the actor's unread marks."""
    scope = _thread_scope(actor, athlete_id)
    with scope.unit_of_work() as uow:
        if workout_id is not None:
            find_workout(uow, workout_id)
        return uow.comments.on_workouts(actor.user_id, workout_id)


def whats_new(scope: Scope) -> list[Comment]:
    """The comments by others the user has not read, on every thread they may see."""
    with scope.unit_of_work() as uow:
        return uow.comments.unread()


def mark_read(scope: Scope, comment_ids: list[int], *, now: datetime | None = None) -> int:
    """Mark comments as read by the user (those they may see); returns how many were new."""
    ids = [i for i in comment_ids if 1 <= i <= MAX_ID]
    with scope.unit_of_work(write=True) as uow:
        count = uow.comments.mark_read(ids, now or utc_now())
        uow.commit()
    return count


__all__ = ["add_comment", "comments", "mark_read", "whats_new"]
