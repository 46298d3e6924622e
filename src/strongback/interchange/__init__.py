"""Files in and out, pure: Strong and Hevy CSV, free-exercise-db, the JSON backup, iCalendar.

Submodules load when first used (PEP 562), so importing one does not load the others.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = [
    "backup_json",
    "csv_input",
    "exercise_names",
    "files",
    "free_exercise_db",
    "hevy",
    "ics",
    "strong",
    "strong_export",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
