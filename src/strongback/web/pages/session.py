"""The guided session page (/session): the current exercise with its cues, each rep's phase
counted down, the rest timer, sets logged offline; and what makes it installable (the web
manifest, the service worker at the site's root so it may control /session)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response

from strongback.app import UserScope
from strongback.services import sessions
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.templating import STATIC_DIR, render

router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.get("/session")
def session_page(request: Request, scope: UserScope = Depends(current_scope)) -> Response:
    """The page and the exercises it offers to add; its script (static/session.js) reads and
    drives /api/v1/sessions/active."""
    choices = sessions.exercise_choices(scope)  # the rest the script fetches
    return render(
        request, "session.html", {"title": "Session", "nav": "session", "choices": choices}
    )


@router.get("/sw.js", include_in_schema=False)
def service_worker() -> Response:
    """The service worker, served from the root so its scope may cover /session; never cached
    by HTTP, so a new version is picked up on the next visit."""
    return FileResponse(
        STATIC_DIR / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


__all__ = ["router", "service_worker", "session_page"]
