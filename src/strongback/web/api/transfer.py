"""Files in and out: /api/v1/imports (upload an export of any supported app, or a JSON backup)
and /api/v1/export/... (Strong CSV, JSON backup, the current plan as iCalendar)."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Response, UploadFile, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput, NotFound
from strongback.domain.vocab import WeightUnit
from strongback.services import backup, importing, planning
from strongback.web.api.models import errors
from strongback.web.deps import current_scope

router = APIRouter(tags=["import and export"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
_CHUNK = 1024 * 1024


class ImportOut(BaseModel):
    """What an import did: ``format`` is the app (or ``backup``), ``summary`` its counts, the
    names matched and the unmatched ones with the closest catalog entries."""

    format: str
    summary: dict[str, Any]


def _save_upload(upload: UploadFile, folder: Path) -> Path:
    """The upload written to ``folder`` (413 beyond MAX_UPLOAD_BYTES)."""
    path = folder / "upload"
    size = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(_CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                raise HTTPException(
                    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                    f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
                )
            out.write(chunk)
    return path


def _is_json(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def _restore(scope: UserScope, path: Path, name: str) -> ImportOut:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{name}: not valid JSON ({exc})", field="file", literal=True) from None
    summary = backup.restore_backup(scope, data, source=name)
    return ImportOut(format="backup", summary=summary.to_public())


@router.post("/imports", response_model=ImportOut, responses=errors(409, 413, 422))
def import_file(
    scope: Scope,
    file: Annotated[UploadFile, File(description="An export of Strong, Hevy, ... or a backup")],
    app: Annotated[
        str | None,
        Form(max_length=32, description="The app the file comes from; default: detected"),
    ] = None,
    unit: Annotated[WeightUnit | None, Form(description="For files that do not say")] = None,
) -> ImportOut:
    """Import a file: an export of any supported app (detected from its content) or a JSON
    backup (restored into an empty account). A second import of one file adds nothing."""
    name = Path(file.filename or "upload").name[:200] or "upload"
    with tempfile.TemporaryDirectory(prefix="strongback-upload-") as folder:
        path = _save_upload(file, Path(folder))
        if _is_json(path):
            return _restore(scope, path, name)
        summary = importing.import_file(scope, app or None, path, unit=unit, display_path=name)
    return ImportOut(format=summary.source, summary=summary.to_public())


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/export/strong.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "A Strong CSV"}},
)
def export_strong(scope: Scope, unit: WeightUnit | None = None) -> Response:
    """The whole history as a Strong CSV (weights in ``unit``, the profile's by default)."""
    with tempfile.TemporaryDirectory(prefix="strongback-export-") as folder:
        path = Path(folder) / "strong.csv"
        importing.export_strong(scope, path, unit=unit)
        content = path.read_bytes()
    return _download(content, "text/csv; charset=utf-8", "strongback-strong.csv")


class BackupOut(BaseModel):
    """The JSON backup (``interchange/backup_json.py`` documents its fields)."""

    format: str = Field(description="strongback-backup")
    version: int
    profile: dict[str, Any]
    custom_exercises: list[dict[str, Any]]
    plans: list[dict[str, Any]]
    workouts: list[dict[str, Any]]


@router.get("/export/backup.json", response_model=BackupOut)
def export_backup(scope: Scope, response: Response) -> Any:
    """Everything stored for the user, as the JSON backup."""
    response.headers["Content-Disposition"] = 'attachment; filename="strongback-backup.json"'
    return backup.export_backup(scope)


@router.get(
    "/export/plan.ics",
    response_class=Response,
    responses=errors(
        404, also={200: {"content": {"text/calendar": {}}, "description": "iCalendar"}}
    ),
)
def export_plan_calendar(scope: Scope) -> Response:
    """The current plan as an iCalendar file: one all-day event per session."""
    plan = planning.current_plan(scope)
    if plan is None:
        raise NotFound("no current plan: generate one and save it first")
    start = plan.start_date or planning.first_monday(date.today())
    content = planning.plan_calendar(scope.catalog, plan, start)
    return _download(content, "text/calendar; charset=utf-8", "strongback-plan.ics")


__all__ = ["MAX_UPLOAD_BYTES", "router"]
