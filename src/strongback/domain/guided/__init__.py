"""Guided sessions: the session's state and its actions (``session``), its stored JSON
(``codec``) and the exercises one can be swapped for (``swaps``).

Exports GuidedSession, SessionItem, EnteredSet, Stage, the actions (start_set, enter_set,
skip_set, add_set, add_item, swap_item, mark_pain), SwapOption and swap_options.
"""

from __future__ import annotations

from strongback.domain.guided.session import (
    EnteredSet,
    GuidedSession,
    SessionItem,
    Stage,
    add_item,
    add_set,
    enter_set,
    mark_pain,
    skip_set,
    start_set,
    swap_item,
)
from strongback.domain.guided.swaps import SwapOption, swap_options

__all__ = [
    "EnteredSet",
    "GuidedSession",
    "SessionItem",
    "Stage",
    "SwapOption",
    "add_item",
    "add_set",
    "enter_set",
    "mark_pain",
    "skip_set",
    "start_set",
    "swap_item",
    "swap_options",
]
