"""Records of the imports of other apps' exports: what ``import list`` shows and ``import undo``
removes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ImportRecord:
    """One import of a file: its app, file name, unit, time and what it added."""

    id: int
    app: str
    file: str
    unit: str | None
    imported_at: datetime
    workouts: int
    sets: int
    duplicates: int
    skipped: int


@dataclass(frozen=True)
class UndoneImport:
    """What undoing an import removed."""

    record: ImportRecord
    workouts: int
    sets: int
    body_weights: int = 0


__all__ = ["ImportRecord", "UndoneImport"]
