"""Use case of the import page: the names imported that no catalog entry matched and that the
user has not mapped yet, each with the closest catalog entries."""

from __future__ import annotations

from dataclasses import dataclass

from strongback.services.ports import Scope


@dataclass(frozen=True)
class PendingName:
    """A name from another app kept as a custom exercise, and the catalog ids closest to it."""

    name: str
    custom_id: str
    suggestions: tuple[str, ...]


def pending_names(scope: Scope, limit: int = 3) -> list[PendingName]:
    """The user's imported names still waiting for a mapping, in name order."""
    with scope.unit_of_work() as uow:
        customs = uow.custom_exercises.list()
        mapped = uow.name_mappings.all()
    waiting = sorted((e for e in customs if e.name not in mapped), key=lambda e: e.name.lower())
    if not waiting:
        return []
    near = scope.catalog.closest
    return [PendingName(e.name, e.id, tuple(near(e.name, limit))) for e in waiting]


__all__ = ["PendingName", "pending_names"]
