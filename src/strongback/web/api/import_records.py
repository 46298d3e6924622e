"""What imports left behind: /api/v1/imports (the list, and undoing one) and /api/v1/names (the
names from other apps tied to an exercise, so the sets under a name move to it and every later
import uses it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput, NotFound
from strongback.services import importing
from strongback.web.api.models import RequestModel, Text, errors
from strongback.web.deps import current_scope

router = APIRouter(tags=["import and export"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
# The largest id any engine stores (PostgreSQL's INTEGER); beyond it there is nothing to find.
_MAX_ID = 2**31 - 1


class ImportRecordOut(BaseModel):
    """One import of a file and what it added."""

    id: int
    app: str
    file: str
    unit: str | None
    imported_at: str
    workouts: int
    sets: int
    duplicates: int
    skipped: int


class ImportList(BaseModel):
    """The user's imports, oldest first (one page: ``next`` is always null)."""

    items: list[ImportRecordOut]
    next: str | None = None


class UndoneOut(BaseModel):
    """What undoing an import removed."""

    id: int
    workouts: int
    sets: int


class NameMapping(RequestModel):
    """A name as another app wrote it, and the exercise it means."""

    name: Annotated[Text, Field(min_length=1, max_length=200)]
    exercise: Annotated[Text, Field(min_length=1, max_length=200)]


class MappedOut(BaseModel):
    """The mapping stored, and how many sets already imported under the name moved."""

    name: str
    exercise: str
    moved: int


class NameOut(BaseModel):
    """A name as another app wrote it, and the exercise it is tied to."""

    name: str
    exercise: str


class NameList(BaseModel):
    """The user's name mappings (one page: ``next`` is always null)."""

    items: list[NameOut]
    next: str | None = None


@router.get("/imports", response_model=ImportList)
def list_imports(scope: Scope) -> ImportList:
    """The user's imports, oldest first."""
    records = importing.list_imports(scope)
    return ImportList(
        items=[ImportRecordOut.model_validate(importing.import_to_public(r)) for r in records]
    )


@router.delete("/imports/{import_id}", response_model=UndoneOut, responses=errors(404))
def undo_import(scope: Scope, import_id: int) -> UndoneOut:
    """Undo an import: exactly the workouts and sets it added go, and its record."""
    missing = NotFound(f"no import with id {import_id}", field="import_id")
    if not 1 <= import_id <= _MAX_ID:
        raise missing
    try:
        done = importing.undo_import(scope, import_id)
    except InvalidInput as exc:
        if exc.field == "id":
            raise missing from None
        raise
    return UndoneOut(id=done.record.id, workouts=done.workouts, sets=done.sets)


@router.get("/names", response_model=NameList)
def list_names(scope: Scope) -> NameList:
    """The names the user tied to an exercise."""
    found = sorted(importing.mappings(scope).items())
    return NameList(items=[NameOut(name=n, exercise=e) for n, e in found])


@router.post("/names", response_model=MappedOut, responses=errors(422))
def map_name(scope: Scope, body: NameMapping) -> MappedOut:
    """Tie a name from another app to an exercise: the sets imported under it move to the
    exercise, and every later import uses it."""
    done = importing.map_name(scope, body.name, body.exercise)
    return MappedOut(name=done.name, exercise=done.exercise, moved=done.moved)


__all__ = ["router"]
