"""The API's docs page at /api/v1/docs: every endpoint of /openapi.json with its summary, its
parameters, its body and its answers, rendered on the server (no script, no CDN), so it works
under the app's Content-Security-Policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from strongback.web.templating import render

router = APIRouter()

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Endpoint:
    """One operation as the page lists it."""

    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[tuple[str, str, bool, str], ...]  # name, where, required, description
    body: str | None
    answers: tuple[tuple[str, str], ...]  # status, description


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return ref.rsplit("/", 1)[-1]
    return None


def _body(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media, item in content.items():
        name = _ref_name(item.get("schema", {}))
        return f"{media}: {name}" if name else media
    return None


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """The API's operations from an OpenAPI document, in path order."""
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = tuple(
                (
                    str(p["name"]),
                    str(p.get("in", "")),
                    bool(p.get("required")),
                    str(p.get("description", "")),
                )
                for p in op.get("parameters", [])
            )
            answers = tuple(
                (str(code), str(r.get("description", "")))
                for code, r in op.get("responses", {}).items()
            )
            found.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=str(op.get("summary", "")),
                    description=str(op.get("description", "")),
                    parameters=params,
                    body=_body(op),
                    answers=answers,
                )
            )
    return found


@router.get("/docs", include_in_schema=False)
def docs_page(request: Request) -> Response:
    """The page listing every endpoint, for people; machines read /openapi.json."""
    schema = request.app.openapi()
    listed = [e for e in endpoints(schema) if e.path.startswith("/api/")]
    return render(request, "api_docs.html", {"title": "API", "endpoints": listed})


__all__ = ["Endpoint", "endpoints", "router"]
