"""The exercise catalog with its filters and each exercise's card; records and e1RM per
exercise, and the audit of the last weeks."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput, NotFound
from strongback.domain.vocab import Equipment, Muscle, Pattern, Section
from strongback.services import names, planning, progress
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])

E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], field: str, text: str | None) -> E | None:
    if not text:
        return None
    try:
        return enum(text)
    except ValueError:
        raise InvalidInput(f"{{{field}}}: unknown {field} '{text}'", field=field) from None


@router.get("/catalog")
def catalog_page(
    request: Request,
    muscle: str | None = None,
    equipment: str | None = None,
    pattern: str | None = None,
    section: str | None = None,
    scope: UserScope = Depends(current_scope),
) -> Response:
    """The curated exercises, filtered by muscle, equipment, pattern and section."""
    owned = _choice(Equipment, "equipment", equipment)
    found = scope.catalog.filter(
        muscle=_choice(Muscle, "muscle", muscle),
        equipment=frozenset({owned}) if owned is not None else None,
        pattern=_choice(Pattern, "pattern", pattern),
        section=_choice(Section, "section", section),
    )
    context = {
        "title": "Exercises",
        "nav": "catalog",
        "exercises": found,
        "chosen": {
            "muscle": muscle,
            "equipment": equipment,
            "pattern": pattern,
            "section": section,
        },
        "filters": {
            "muscle": [m.value for m in Muscle],
            "equipment": [e.value for e in Equipment],
            "pattern": [p.value for p in Pattern],
            "section": [s.value for s in Section],
        },
    }
    return render(request, "catalog.html", context)


@router.get("/catalog/{exercise_id}")
def exercise_page(
    request: Request, exercise_id: str, scope: UserScope = Depends(current_scope)
) -> Response:
    """One exercise's card: setup, steps, cues, mistakes and fixes, tempo, dose, easier and
    harder movements."""
    exercise = names.find_exercise(scope, exercise_id)
    if exercise is None:
        raise NotFound(f"no exercise with the id {exercise_id}", field="exercise", literal=True)
    related = {
        key: scope.catalog.find(value) if value else None
        for key, value in (("easier", exercise.regression), ("harder", exercise.progression))
    }
    context = {
        "title": exercise.name,
        "nav": "catalog",
        "back": ("/catalog", "Exercises"),
        "ex": exercise,
        "related": related,
    }
    return render(request, "exercise.html", context)


@router.get("/records")
def records_page(
    request: Request, weeks: int = 4, scope: UserScope = Depends(current_scope)
) -> Response:
    """Personal records and the best e1RM of each exercise, then the audit of the last weeks."""
    records = progress.records(scope)
    known = names.exercise_names(scope)
    rows: list[dict[str, Any]] = sorted(
        (
            {"id": ex_id, "name": known.get(ex_id, ex_id.replace("-", " ")), "records": r}
            for ex_id, r in records.items()
        ),
        key=lambda row: str(row["name"]).lower(),
    )
    report = planning.audit(scope, weeks=weeks) if records else None
    context = {"title": "Records and audit", "nav": "records", "rows": rows, "audit": report}
    return render(request, "records.html", context)


__all__ = ["router"]
