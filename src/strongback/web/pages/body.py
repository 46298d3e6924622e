"""Body weight (/body): log a day's weight, see the weighings. Bodyweight exercises (pull-ups,
dips, back extensions) count it in their estimated max."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput
from strongback.services import body, profile
from strongback.web import forms
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.errors import error_for_domain
from strongback.web.responses import see_other
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])

Scope = Annotated[UserScope, Depends(current_scope)]
SHOWN = 30  # weighings listed, newest first


def _page(
    request: Request, scope: UserScope, values: dict[str, str], error: InvalidInput | None
) -> Response:
    found = body.list_body_weights(scope)
    shown_error = error_for_domain(error) if error is not None else None
    context = {
        "title": "Body weight",
        "nav": "body",
        "back": ("/records", "Records"),
        "values": values,
        "error": shown_error,
        "weighings": list(reversed(found))[:SHOWN],
        "count": len(found),
        "unit": profile.get_profile(scope).unit.value,
        "today": date.today(),
        "saved": request.query_params.get("saved") == "1",
    }
    status = shown_error.status if shown_error is not None else 200
    return render(request, "body.html", context, status_code=status)


@router.get("/body")
def body_page(request: Request, scope: Scope) -> Response:
    """The form and the last weighings."""
    return _page(request, scope, {}, None)


@router.post("/body")
def log_body_weight(
    request: Request,
    scope: Scope,
    weight: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    day: Annotated[str, Form(alias="date")] = "",
) -> Response:
    """Log the day's weight (a weighing that day is replaced); a refused value is shown beside
    its field."""
    values = {"weight": weight, "unit": unit, "date": day}
    try:
        value = forms.optional_number(weight, "body_weight")
        if value is None:
            raise InvalidInput("{body_weight} is required", field="body_weight")
        body.add_body_weight(
            scope, value, unit=forms.unit(unit), day=forms.optional_date(day, "date")
        )
    except InvalidInput as exc:
        return _page(request, scope, values, exc)
    return see_other(request, "/body?saved=1")


__all__ = ["router"]
