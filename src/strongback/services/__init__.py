"""The use cases, shared by the CLI and the web app: each opens and commits its own unit of work,
takes typed values and returns typed results; ``ports`` types what storage provides.

Submodules load when first used (PEP 562), so importing one does not load the others.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = [
    "accounts",
    "analytics",
    "backup",
    "checkins",
    "coaching",
    "comments",
    "demo",
    "exercises",
    "import_review",
    "importing",
    "names",
    "planning",
    "ports",
    "profile",
    "progress",
    "roster",
    "timeline",
    "today",
    "training_log",
    "workouts",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
