"""Program generation: the profile, the principles, the week (its values and score), the two
CP-SAT formulations and the strategy that picks between them, the generator's stages, the
athlete's history (kept exercises, first loads), the audit (of sets, or of a week's set
tallies), explanations and the plan as a typed
value.

Submodules load when first used (PEP 562), so importing one does not load the others.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = [
    "audit",
    "checks",
    "cpsat",
    "doses",
    "explain",
    "filling",
    "first_loads",
    "generator",
    "history",
    "item_model",
    "plan",
    "plan_profile",
    "plan_warnings",
    "principles",
    "session_model",
    "solving",
    "tallies",
    "templates",
    "week",
    "week_input",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
