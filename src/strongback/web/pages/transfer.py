"""Import (upload any supported export, the summary, the names to map; or a JSON backup into an
empty account) and export (Strong CSV, JSON backup, the plan's calendar)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput
from strongback.services import backup, import_review, importing, planning
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.errors import error_for_domain
from strongback.web.responses import see_other
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])
MAX_UPLOAD = 64 * 1024 * 1024  # bytes: a decade of daily training fits many times over
CHUNK = 1024 * 1024


def _import_page(request: Request, scope: UserScope, **extra: object) -> Response:
    error = extra.pop("error", None)
    body = error_for_domain(error) if isinstance(error, InvalidInput) else None
    names = {e.id: e.name for e in scope.catalog}
    context = {
        "title": "Import",
        "nav": "import",
        "pending": import_review.pending_names(scope),
        "imports": list(reversed(importing.list_imports(scope)))[:10],
        "names": names,
        "error": body,
        **extra,
    }
    return render(
        request, "import.html", context, status_code=body.status if body is not None else 200
    )


@router.get("/import")
def import_form(
    request: Request, mapped: str | None = None, scope: UserScope = Depends(current_scope)
) -> Response:
    """The upload form, the names still to map and the recent imports."""
    return _import_page(request, scope, mapped=mapped)


async def _saved_upload(upload: UploadFile, folder: Path) -> Path:
    name = Path(upload.filename or "upload.csv").name or "upload.csv"
    path = folder / name
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise InvalidInput(
                    f"{{file}} is larger than {MAX_UPLOAD // (1024 * 1024)} MB", field="file"
                )
            out.write(chunk)
    if size == 0:
        raise InvalidInput("{file}: choose a file to import", field="file")
    return path


@router.post("/import")
async def import_upload(
    request: Request,
    file: UploadFile | None = File(None),
    scope: UserScope = Depends(current_scope),
) -> Response:
    """Import the uploaded file (its app detected from its content) and show the summary."""
    try:
        if file is None:
            raise InvalidInput("{file}: choose a file to import", field="file")
        with tempfile.TemporaryDirectory(prefix="strongback-upload-") as folder:
            path = await _saved_upload(file, Path(folder))
            if path.suffix.lower() == ".json":
                restored = backup.restore_backup(scope, _json_of(path), source=path.name)
                return _import_page(request, scope, restored=restored, restored_from=path.name)
            summary = importing.import_file(scope, None, path, display_path=path.name)
    except InvalidInput as exc:
        return _import_page(request, scope, error=exc)
    return _import_page(request, scope, summary=summary)


def _json_of(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{{file}}: {path.name} is not JSON: {exc}", field="file") from None


@router.post("/import/map")
def map_name(
    request: Request,
    name: str = Form(...),
    exercise: str = Form(""),
    other: str = Form(""),
    scope: UserScope = Depends(current_scope),
) -> Response:
    """Tie an imported name to a catalog exercise (its sets move there): the suggestion
    chosen, or the exercise id typed in ``other``."""
    try:
        importing.map_name(scope, name, other.strip() or exercise)
    except InvalidInput as exc:
        return _import_page(request, scope, error=exc)
    return see_other(request, f"/import?mapped={name}")


@router.get("/export")
def export_page(request: Request, scope: UserScope = Depends(current_scope)) -> Response:
    """The downloads."""
    context = {
        "title": "Export",
        "nav": "import",
        "back": ("/import", "Import"),
        "has_plan": planning.current_plan(scope) is not None,
    }
    return render(request, "export.html", context)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/export/strong.csv")
def export_strong(scope: UserScope = Depends(current_scope)) -> Response:
    """The whole history as a Strong CSV."""
    with tempfile.TemporaryDirectory(prefix="strongback-export-") as folder:
        path = Path(folder) / "strongback.csv"
        importing.export_strong(scope, path)
        data = path.read_bytes()
    return Response(data, media_type="text/csv", headers=_attachment("strongback-strong.csv"))


@router.get("/export/backup.json")
def export_backup(scope: UserScope = Depends(current_scope)) -> Response:
    """Everything stored for the account, as the JSON backup."""
    data = json.dumps(backup.export_backup(scope), ensure_ascii=False, indent=2, default=str)
    return Response(
        data.encode(), media_type="application/json", headers=_attachment("strongback-backup.json")
    )


__all__ = ["router"]
