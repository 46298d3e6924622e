"""Program generation: the profile, the principles, the CP-SAT model, the audit, explanations
and the plan as a typed value.

Submodules load when first used (PEP 562), so importing one does not load the others.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["audit", "checks", "explain", "generator", "model", "plan", "profile", "rules"]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
