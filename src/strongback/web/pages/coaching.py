"""The coaching pages: the coach's dashboard (the roster, who needs attention first, and what is
new), an athlete's page (read-only, with comments and, given ``assign``, a plan to assign), the
invite's accept page, the athlete's coaches and comments, and the daily check-in.

Every page reaches an athlete through the coach's scope, like the API: anything the coach may
not see is the 404 page.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.coaching import Permission
from strongback.domain.errors import Conflict, InvalidInput, NotFound
from strongback.domain.vocab import Equipment, Goal, Level
from strongback.services import (
    analytics,
    checkins,
    coaching,
    comments,
    planning,
    profile,
    progress,
    roster,
    training_log,
)
from strongback.services.profile import ProfileChanges
from strongback.web import forms
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.errors import error_for_domain
from strongback.web.responses import see_other
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])

Scope = Annotated[UserScope, Depends(current_scope)]
AthleteId = Annotated[int, Path(ge=1, le=coaching.MAX_ID)]
RECENT_WORKOUTS = 10


def _names(scope: UserScope) -> dict[int, str]:
    """The names of the people whose comments the user may see: their athletes."""
    return {a.athlete_id: a.athlete_name for a in coaching.athletes(scope)}


def _coaching_off_page(request: Request) -> Response:
    """What a coach's page shows while coaching is off: it says so and offers to turn it on."""
    context = {
        "title": "Coach",
        "nav": "coach",
        "coaching_off": True,
        "back": ("/coaching", "Coaching"),
    }
    return render(request, "coaching/dashboard.html", context, status_code=409)


@router.get("/coach")
def dashboard(request: Request, scope: Scope, invite: str = "") -> Response:
    """The coach's dashboard: who needs attention first, then the rest; what is new. While
    coaching is off, the page says so and offers to turn it on."""
    if not coaching.coaching_on(scope):
        return _coaching_off_page(request)
    lines = roster.roster(scope)
    return render(
        request,
        "coaching/dashboard.html",
        {
            "title": "Coach",
            "nav": "coach",
            "lines": lines,
            "new": comments.whats_new(scope),
            "names": _names(scope),
            "invite_url": invite,
        },
    )


@router.post("/coach/invites")
def make_invite(request: Request, scope: Scope) -> Response:
    """Make a one-time invite and show its link on the dashboard."""
    made = coaching.create_invite(scope)
    url = str(request.base_url).rstrip("/") + "/coaching/accept/" + made.token
    return render(
        request,
        "coaching/invite.html",
        {
            "title": "Invite an athlete",
            "url": url,
            "expires_at": made.expires_at,
            "back": ("/coach", "Coach"),
        },
        status_code=201,
    )


def _athlete_context(coach: UserScope, athlete_id: int) -> dict[str, Any]:
    scope = coaching.athlete_scope(coach, athlete_id)
    link = next((a for a in coaching.athletes(coach) if a.athlete_id == athlete_id), None)
    if link is None:
        raise NotFound(f"no athlete with id {athlete_id}", field="athlete_id")
    thread = comments.comments(coach, athlete_id)
    by_workout: dict[int, list[Any]] = {}
    for c in thread:
        by_workout.setdefault(c.workout_id, []).append(c)
    workouts = list(reversed(training_log.workouts(scope, last=RECENT_WORKOUTS)))
    set_numbers = {s.id: n for w in workouts for n, s in enumerate(w.sets, 1)}
    return {
        "title": link.athlete_name,
        "athlete_id": athlete_id,
        "link": link,
        "can_assign": link.permission is Permission.ASSIGN,
        "line": roster.athlete_attention(coach, athlete_id),
        "plan": planning.current_stored_plan(scope),
        "workouts": workouts,
        "comments": by_workout,
        "set_numbers": set_numbers,
        "records": progress.records(scope),
        "audit": planning.audit(scope, weeks=2),
        "progress": analytics.progress(scope, weeks=4),
        "checkins": checkins.checkins(scope, days=14),
        "owned": profile.get_profile(scope),
        "equipment": list(Equipment),
        "levels": list(Level),
        "goals": list(Goal),
        "back": ("/coach", "Coach"),
    }


@router.get("/coach/athletes/{athlete_id}")
def athlete_page(request: Request, scope: Scope, athlete_id: AthleteId) -> Response:
    """One athlete's plan, log, records, progress, audit and check-ins, read-only (while
    coaching is off, the page saying so)."""
    try:
        context = _athlete_context(scope, athlete_id)
    except Conflict as exc:
        if exc.field != "coaching":
            raise
        return _coaching_off_page(request)
    return render(request, "coaching/athlete.html", context)


def _set_id(value: str) -> int | None:
    """The set a comment form names ("" for the whole workout)."""
    return int(value) if value.isdigit() and int(value) <= coaching.MAX_ID else None


@router.post("/coach/athletes/{athlete_id}/comments")
def comment_as_coach(
    request: Request,
    scope: Scope,
    athlete_id: AthleteId,
    workout_id: Annotated[int, Form()],
    text: Annotated[str, Form()] = "",
    set_id: Annotated[str, Form()] = "",
) -> Response:
    """Comment on one of the athlete's workouts, or one of its sets."""
    coaching.athlete_scope(scope, athlete_id)
    comments.add_comment(scope, athlete_id, workout_id, text, set_id=_set_id(set_id))
    return see_other(request, f"/coach/athletes/{athlete_id}#workout-{workout_id}")


@router.post("/coach/athletes/{athlete_id}/profile")
def edit_profile(
    request: Request,
    scope: Scope,
    athlete_id: AthleteId,
    equipment: Annotated[list[str] | None, Form()] = None,
    pain_threshold: Annotated[str, Form()] = "",
) -> Response:
    """Change the athlete's equipment and pain limit (``assign``), before assigning a plan."""
    athlete = coaching.athlete_scope(scope, athlete_id, Permission.ASSIGN)
    try:
        changes = ProfileChanges(
            equipment=forms.equipment_set(equipment or []),
            pain_threshold=forms.whole(pain_threshold, "pain_threshold", low=0, high=10),
        )
        profile.update_profile(athlete, changes)
    except InvalidInput as exc:
        if isinstance(exc, NotFound):
            raise
        context = _athlete_context(scope, athlete_id)
        context["profile_error"] = error_for_domain(exc)
        return render(request, "coaching/athlete.html", context, status_code=422)
    return see_other(request, f"/coach/athletes/{athlete_id}#profile")


@router.post("/coach/athletes/{athlete_id}/plans")
def assign_plan(
    request: Request,
    scope: Scope,
    athlete_id: AthleteId,
    days: Annotated[int, Form()],
    minutes: Annotated[int, Form()],
    level: Annotated[Level, Form()] = Level.BEGINNER,
    goal: Annotated[Goal, Form()] = Goal.HYPERTROPHY,
    weeks: Annotated[int, Form()] = 4,
    back_pain: Annotated[bool, Form()] = False,
) -> Response:
    """Generate a plan from the athlete's profile and make it their current plan."""
    request_values = planning.PlanRequest(
        days=days,
        minutes=minutes,
        equipment=frozenset(),
        level=level,
        goal=goal,
        weeks=weeks,
        back_pain=back_pain,
    )
    try:
        coaching.assign_plan(scope, athlete_id, request_values)
    except InvalidInput as exc:
        if isinstance(exc, NotFound):
            raise
        context = _athlete_context(scope, athlete_id)
        context["error"] = error_for_domain(exc)
        return render(request, "coaching/athlete.html", context, status_code=422)
    return see_other(request, f"/coach/athletes/{athlete_id}#plan")


@router.get("/coaching/accept/{token}")
def accept_form(request: Request, scope: Scope, token: str) -> Response:
    """The invite's page: the athlete chooses what the coach may do."""
    return render(
        request,
        "coaching/accept.html",
        {"title": "Accept a coach", "token": token, "back": ("/coaching", "Coaching")},
    )


@router.post("/coaching/accept/{token}")
def accept(
    request: Request, scope: Scope, token: str, permission: Annotated[str, Form()] = ""
) -> Response:
    """Accept the invite with the permission chosen."""
    try:
        coaching.accept_invite(scope, token, permission)
    except InvalidInput as exc:
        if isinstance(exc, NotFound):
            raise
        body = error_for_domain(exc)
        context = {"title": "Accept a coach", "token": token, "error": body}
        return render(request, "coaching/accept.html", context, status_code=422)
    return see_other(request, "/coaching")


@router.post("/coaching/settings")
def coaching_settings(
    request: Request, scope: Scope, coaching_on: Annotated[str, Form()] = ""
) -> Response:
    """Turn coaching on (``coaching_on`` = ``on``) or off; on, to the dashboard."""
    on = coaching.set_coaching(scope, coaching_on == "on")
    return see_other(request, "/coach" if on else "/coaching#coaching-switch")


@router.get("/coaching")
def athlete_coaching(request: Request, scope: Scope) -> Response:
    """The athlete's coaches (change, revoke), what is new and the comments on their log."""
    thread = comments.comments(scope, scope.user_id)
    return render(
        request,
        "coaching/mine.html",
        {
            "title": "Coaching",
            "nav": "coaching",
            "coaching_on": coaching.coaching_on(scope),
            "coaches": coaching.coaches(scope),
            "plan": planning.current_stored_plan(scope),
            "new": comments.whats_new(scope),
            "thread": list(reversed(thread)),
        },
    )


@router.post("/coaching/coaches/{coach_id}")
def change_coach(
    request: Request,
    scope: Scope,
    coach_id: Annotated[int, Path(ge=1, le=coaching.MAX_ID)],
    permission: Annotated[str, Form()] = "",
) -> Response:
    """Change what a coach may do, or revoke it (``permission`` = ``revoke``)."""
    if permission == "revoke":
        coaching.revoke_coach(scope, coach_id)
    else:
        coaching.change_permission(scope, coach_id, permission)
    return see_other(request, "/coaching")


@router.post("/coaching/comments")
def comment_own(
    request: Request,
    scope: Scope,
    workout_id: Annotated[int, Form()],
    text: Annotated[str, Form()] = "",
) -> Response:
    """Comment on (or answer a comment on) one of the athlete's own workouts."""
    comments.add_comment(scope, scope.user_id, workout_id, text)
    return see_other(request, "/coaching")


@router.post("/log/{workout_id}/comments")
def comment_on_own_workout(
    request: Request,
    scope: Scope,
    workout_id: Annotated[int, Path(ge=1, le=coaching.MAX_ID)],
    text: Annotated[str, Form()] = "",
    set_id: Annotated[str, Form()] = "",
) -> Response:
    """From the workout's page: comment on one of the athlete's own workouts, or on one set."""
    comments.add_comment(scope, scope.user_id, workout_id, text, set_id=_set_id(set_id))
    return see_other(request, f"/log/{workout_id}#comments")


@router.post("/coaching/read")
def mark_read(request: Request, scope: Scope, ids: Annotated[list[int], Form()]) -> Response:
    """Mark comments read, then back to where they were listed."""
    comments.mark_read(scope, ids)
    target = request.headers.get("referer", "")
    return see_other(request, "/coach" if target.endswith("/coach") else "/coaching")


@router.get("/checkin")
def checkin_form(request: Request, scope: Scope) -> Response:
    """Today's check-in and the trend of the last two weeks."""
    return _checkin_page(request, scope, {}, None)


def _checkin_page(
    request: Request, scope: UserScope, values: dict[str, str], error: InvalidInput | None
) -> Response:
    body = error_for_domain(error) if error is not None else None
    context = {
        "title": "Daily check-in",
        "nav": "checkin",
        "values": values,
        "error": body,
        "found": checkins.checkins(scope, days=14),
        "today": date.today(),
        "saved": request.query_params.get("saved") == "1",
    }
    return render(
        request, "coaching/checkin.html", context, status_code=body.status if body else 200
    )


@router.post("/checkin")
def record_checkin(
    request: Request,
    scope: Scope,
    back_pain: Annotated[str, Form()] = "",
    sleep: Annotated[str, Form()] = "",
    energy: Annotated[str, Form()] = "",
    soreness: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """Record today's check-in; a refused value is shown beside its field."""
    values = {
        "back_pain": back_pain, "sleep": sleep, "energy": energy, "soreness": soreness,
        "note": note,
    }  # fmt: skip
    given = checkins.CheckInRequest(
        back_pain=back_pain, sleep=sleep, energy=energy, soreness=soreness, note=note
    )
    try:
        checkins.record_checkin(scope, given)
    except InvalidInput as exc:
        return _checkin_page(request, scope, values, exc)
    return see_other(request, "/checkin?saved=1")


__all__ = ["router"]
