"""Server-rendered pages: the Jinja2 templates and the one way a page is rendered.

Every page gets ``account`` (None when anonymous), ``csrf_token`` (for its forms and, through
``hx-headers`` on ``<body>``, for every htmx request) and ``title``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from strongback.domain.wording import count_of
from strongback.web.deps import Caller, caller, expected_csrf_token

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
HTMX_FILE = "vendor/htmx-2.0.11.min.js"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals["htmx_file"] = HTMX_FILE


def _format_number(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    # Only a fraction's trailing zeros go: 2480 with no digits stays 2480.
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("", "-0") else text


templates.env.filters["num"] = _format_number
templates.env.filters["count"] = count_of  # {{ n|count("set") }}: "1 set", "3 sets"


def _page_values(
    request: Request, context: dict[str, Any] | None, csrf: str | None = None
) -> dict[str, Any]:
    who = getattr(request.state, "caller", None)
    if not isinstance(who, Caller):
        try:
            who = caller(request)
        except Exception:  # an error page must render even when the database is down
            who = Caller(None)
    values: dict[str, Any] = {
        "account": who.account,
        "csrf_token": csrf if csrf is not None else expected_csrf_token(request, who),
        "title": "Strongback",
    }
    values.update(context or {})
    return values


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> Response:
    """Render a page template with the account and CSRF token of the request."""
    values = _page_values(request, context)
    return templates.TemplateResponse(request, name, values, status_code=status_code)


def render_text(request: Request, name: str, context: dict[str, Any], *, csrf_token: str) -> str:
    """A page template rendered to text as :func:`render` does, with ``csrf_token`` where the
    browser's token goes (a kept page's placeholder)."""
    values = _page_values(request, context, csrf_token)
    return templates.get_template(name).render({**values, "request": request})


__all__ = ["HTMX_FILE", "STATIC_DIR", "TEMPLATES_DIR", "render", "render_text", "templates"]
