"""Files in and out, pure: other apps' exports (``importers``), free-exercise-db, the JSON
backup, iCalendar.

Submodules load when first used (PEP 562), so importing one does not load the others.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = [
    "app_aliases",
    "backup_json",
    "exercise_names",
    "files",
    "free_exercise_db",
    "free_exercise_db_vocab",
    "ics",
    "importers",
    "strong_export",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
