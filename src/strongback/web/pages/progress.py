"""Progress: this week's and the last weeks' numbers, the body map and the charts.

The charts are matplotlib SVG documents served by their own route (an ``<img>`` on the page, with
the same numbers in the page's tables as their text alternative); the body map is the project's
own SVG, inline. matplotlib is imported by the chart route only, so the page stays light.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.analytics import DEFAULT_WEEKS, MAX_WEEKS, Progress
from strongback.domain.errors import InvalidInput, NotFound
from strongback.services import analytics, names
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])

Scope = Annotated[UserScope, Depends(current_scope)]
Weeks = Annotated[int, Query(ge=1, le=MAX_WEEKS)]
Exercise = Annotated[str, Query(max_length=120)]
WEEK_CHOICES = (4, 8, 12, 26, 52)
CHART_NAMES = ("sets", "pulls", "e1rm", "pain")
# The chart is a document of its own: matplotlib writes its colours as style attributes, which
# the pages' policy (no inline style) would drop if the SVG were opened by itself. No script.
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def _chosen(found: Progress, exercise: str, known: dict[str, str]) -> tuple[str | None, str]:
    """The exercise whose estimated max is charted: the one asked for, else the most trained
    (with a note when the one asked for has no loaded sets in these weeks)."""
    if exercise and exercise in {t.exercise for t in found.exercises}:
        return exercise, ""
    if exercise and exercise not in known:
        raise InvalidInput(f"no exercise {exercise}: pick one from the list", field="exercise")
    first = found.exercises[0].exercise if found.exercises else None
    if not exercise:
        return first, ""
    return first, f"No loaded sets of {known[exercise]} in these weeks."


@router.get("/progress")
def progress_page(
    request: Request, scope: Scope, weeks: Weeks = DEFAULT_WEEKS, exercise: Exercise = ""
) -> Response:
    """The numbers of this week and the last ``weeks`` weeks, the body map and the charts."""
    from strongback.charts.bodymap import body_map_rows, body_map_svg, legend

    found = analytics.progress(scope, weeks=weeks)
    known = names.exercise_names(scope)
    chosen, note = _chosen(found, exercise, known)
    trend = next((t for t in found.exercises if t.exercise == chosen), None)
    context: dict[str, Any] = {
        "title": "Progress",
        "nav": "progress",
        "p": found,
        "week": found.this_week,
        "weeks": weeks,
        "week_choices": sorted({*WEEK_CHOICES, weeks}),
        "exercise": chosen,
        "note": note,
        "trend": trend,
        "names": known,
        "body_map": body_map_svg(found, "sets", labels=False, ids="progress-map"),
        "map_rows": body_map_rows(found, "sets"),
        "legend": legend("sets"),
        "query": f"weeks={weeks}" + (f"&exercise={chosen}" if chosen else ""),
        "pain_rose": [d for d in found.pain if d.rose],
        "trained": any(w.sessions for w in found.weeks) or bool(found.exercises),
    }
    return render(request, "progress.html", context)


@router.get("/progress/charts/{name}.svg")
def chart_svg(
    scope: Scope,
    name: Annotated[str, Path(max_length=20)],
    weeks: Weeks = DEFAULT_WEEKS,
    exercise: Exercise = "",
) -> Response:
    """One chart of the progress page as an SVG document."""
    if name not in CHART_NAMES:
        raise NotFound(f"no chart named {name}", field="name")
    from strongback.charts.plots import chart, to_bytes

    found = analytics.progress(scope, weeks=weeks, exercise=exercise or None)
    body = to_bytes(chart(found, name, narrow=True), "svg")
    headers = {"Content-Security-Policy": CHART_POLICY, "Cache-Control": "private, max-age=60"}
    return Response(body, media_type="image/svg+xml", headers=headers)


__all__ = ["CHART_NAMES", "router"]
