"""Today: the next session of the plan, each exercise's prescription, one tap to log a set."""

from __future__ import annotations

from datetime import date
from functools import partial

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput, NotFound
from strongback.services import profile, today, training_log
from strongback.web import forms
from strongback.web.deps import (
    Caller,
    caller,
    csrf_protect,
    current_account,
    current_scope,
    strongback_of,
)
from strongback.web.errors import error_for_domain
from strongback.web.kept_pages import CSRF_PLACEHOLDER, kept_pages, page_key, serve_kept
from strongback.web.responses import see_other
from strongback.web.templating import render, render_text

router = APIRouter(dependencies=[Depends(csrf_protect)])

PATH = "/today"
KEPT_AS = "today"  # the page's name among a user's kept pages (the fast lane's too)


@router.get(PATH)
async def today_page(request: Request, who: Caller = Depends(caller)) -> Response:
    """The next session, or the way to a plan: kept per user until their data changes (or the
    day), since it is the page a user sees most."""
    # The scope is made here, not by the current_scope dependency: each dependency costs a
    # resolution per request, and a kept page is served with no more than the caller.
    scope = strongback_of(request).scope((await current_account(who)).id)
    day = date.today()
    html = await kept_pages(request).page(
        page_key(KEPT_AS, who, day), partial(run_in_threadpool, _today_html, request, scope, day)
    )
    return serve_kept(request, who, html)


def _today_html(request: Request, scope: UserScope, day: date) -> str:
    from strongback.charts.bodymap import body_map_rows, body_map_svg, legend

    session, week = today.today_and_week(scope, day)
    context = {
        "title": "Today",
        "nav": "today",
        "session": session,
        "body_map": body_map_svg(week, "sets", labels=False, ids="today-map"),
        "map_rows": body_map_rows(week, "sets"),
        "legend": legend("sets"),
    }
    return render_text(request, "today.html", context, csrf_token=CSRF_PLACEHOLDER)


def _item_of(scope: UserScope, exercise: str) -> today.TodayItem:
    found = [i for i in today.today_session(scope).items if i.exercise.id == exercise]
    if not found:
        raise NotFound(f"{exercise} is not in today's session", field="exercise")
    return found[0]


@router.post("/today/log")
def log_set(
    request: Request,
    exercise: str = Form(...),
    weight: str = Form(""),
    reps: str = Form(""),
    seconds: str = Form(""),
    rir: str = Form(""),
    pain: str = Form(""),
    note: str = Form(""),
    scope: UserScope = Depends(current_scope),
) -> Response:
    """Log one set; htmx gets the exercise's card back, a plain form the page."""
    error: InvalidInput | None = None
    try:
        load = forms.optional_number(weight, "weight", low=0, high=1000)
        count = forms.optional_whole(reps, "reps", low=0, high=1000)
        held = forms.optional_number(seconds, "seconds", low=0, high=3600)
        training_log.log_sets(
            scope,
            training_log.LogRequest(
                exercise=exercise,
                reps=(count,) if count is not None else (),
                seconds=(held,) if held is not None else (),
                weights=(load,) if load is not None else (),
                unit=profile.get_profile(scope).unit if load is not None else None,
                rir=forms.optional_number(rir, "rir", low=0, high=10),
                pain=forms.optional_whole(pain, "pain", low=0, high=10),
                notes=note.strip() or None,
            ),
        )
    except InvalidInput as exc:
        error = exc
    if not request.headers.get("HX-Request"):
        if error is not None:
            raise error
        return see_other(request, f"/today#ex-{exercise}")
    body = error_for_domain(error) if error is not None else None
    return render(
        request,
        "_today_item.html",
        {"it": _item_of(scope, exercise), "error": body, "values": {"weight": weight, "reps": reps,
         "seconds": seconds, "rir": rir, "pain": pain, "note": note} if error else None},
        status_code=body.status if body is not None else 200,
    )  # fmt: skip


__all__ = ["KEPT_AS", "PATH", "router"]
