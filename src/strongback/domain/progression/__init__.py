"""Progressive overload: from what a user did to what they do next, with the reason.

``prescription`` holds the values (Prescription, Rule, Settings, DeloadWeek); ``sessions`` reads a
history; ``dose`` finds the dose to aim for and the exercise's kind; ``gates`` runs the gates every
exercise passes (cardio, pain, deload, comeback) before its kind progresses it (``loaded``,
``bodyweight``, ``timed``, ``drill``); ``pipeline`` puts them together; ``deload`` decides the
lighter weeks; ``loads`` and ``ladders`` know which weights a user can load; ``plan`` reads a saved
plan's items.
"""

from __future__ import annotations

from strongback.domain.progression.deload import DELOAD_EVERY_WEEKS, continuous_weeks, deload_due
from strongback.domain.progression.gates import BREAK_DAYS, PAIN_TOO_MUCH
from strongback.domain.progression.ladders import load_ladder, start_load
from strongback.domain.progression.loaded import STALL_SESSIONS
from strongback.domain.progression.loads import Implement, LoadLadder, implements_for, ladder
from strongback.domain.progression.pipeline import is_stalled, prescribe
from strongback.domain.progression.plan_view import (
    NextSession,
    PlanItem,
    PlanView,
    next_session,
    read_plan,
)
from strongback.domain.progression.prescription import (
    DeloadWeek,
    Kind,
    Prescription,
    Rule,
    Settings,
    fmt,
)
from strongback.domain.progression.sessions import is_cardio, working_sets

__all__ = [
    "BREAK_DAYS",
    "DELOAD_EVERY_WEEKS",
    "PAIN_TOO_MUCH",
    "STALL_SESSIONS",
    "DeloadWeek",
    "Implement",
    "Kind",
    "LoadLadder",
    "NextSession",
    "PlanItem",
    "PlanView",
    "Prescription",
    "Rule",
    "Settings",
    "continuous_weeks",
    "deload_due",
    "fmt",
    "implements_for",
    "is_cardio",
    "is_stalled",
    "ladder",
    "load_ladder",
    "next_session",
    "prescribe",
    "read_plan",
    "start_load",
    "working_sets",
]
