"""Progressive overload: from what a user did to what they do next, with the reason.

``loads`` knows which weights a user can load; ``plan`` reads a saved plan's items; ``rules`` holds
the rules themselves and the deload decision.
"""

from __future__ import annotations

from strongback.domain.progression.loads import Implement, LoadLadder, implements_for, ladder
from strongback.domain.progression.plan import PlanItem, PlanView, read_plan
from strongback.domain.progression.rules import (
    BREAK_DAYS,
    DELOAD_EVERY_WEEKS,
    PAIN_TOO_MUCH,
    STALL_SESSIONS,
    DeloadWeek,
    Kind,
    Prescription,
    Rule,
    Settings,
    continuous_weeks,
    deload_due,
    is_stalled,
    load_ladder,
    prescribe,
    start_load,
    working_sets,
)

__all__ = [
    "BREAK_DAYS",
    "DELOAD_EVERY_WEEKS",
    "PAIN_TOO_MUCH",
    "STALL_SESSIONS",
    "DeloadWeek",
    "Implement",
    "Kind",
    "LoadLadder",
    "PlanItem",
    "PlanView",
    "Prescription",
    "Rule",
    "Settings",
    "continuous_weeks",
    "deload_due",
    "implements_for",
    "is_stalled",
    "ladder",
    "load_ladder",
    "prescribe",
    "read_plan",
    "start_load",
    "working_sets",
]
