"""Coaches and their athletes, pure: the permission and link between two accounts, invites,
comments, daily check-ins and the attention figures of a coach's roster."""

from __future__ import annotations

from strongback.domain.coaching.athlete_data import AthleteData, PlanCalendar
from strongback.domain.coaching.attention import (
    COMPLIANCE_DROP,
    INACTIVE_DAYS,
    READ_DAYS,
    Attention,
    Compliance,
    attention_of,
    red_flags,
    roster_order,
)
from strongback.domain.coaching.checkins import (
    CheckIn,
    CheckInTrend,
    checkin_pain,
    checkin_trends,
    make_checkin,
)
from strongback.domain.coaching.comments import MAX_COMMENT, Comment, comment_body
from strongback.domain.coaching.links import (
    COACHING_OFF,
    INVITE_DAYS,
    CoachingLink,
    Invite,
    Permission,
    coaching_off,
    invite_expiry,
    new_token,
    parse_permission,
    token_hash,
)

__all__ = [
    "COACHING_OFF",
    "COMPLIANCE_DROP",
    "INACTIVE_DAYS",
    "INVITE_DAYS",
    "MAX_COMMENT",
    "READ_DAYS",
    "AthleteData",
    "Attention",
    "CheckIn",
    "CheckInTrend",
    "CoachingLink",
    "Comment",
    "Compliance",
    "Invite",
    "Permission",
    "PlanCalendar",
    "attention_of",
    "checkin_pain",
    "checkin_trends",
    "coaching_off",
    "comment_body",
    "invite_expiry",
    "make_checkin",
    "new_token",
    "parse_permission",
    "red_flags",
    "roster_order",
    "token_hash",
]
