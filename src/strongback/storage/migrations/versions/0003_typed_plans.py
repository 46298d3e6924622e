"""Saved plans carry an explicit start date.

A plan saved before this revision had no start date in its JSON; its weeks counted from the
Monday on or after the day it was saved (or from one of the keys ``starts_on``, ``start``,
``created_at``, ``saved_at`` when a hand-made plan had one). That date is now written as
``start_date`` and the other keys are dropped, so there is one way to read it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_OLD_KEYS = ("starts_on", "start", "created_at", "saved_at")

_plans = sa.table(
    "plans",
    sa.column("id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("data", sa.JSON),
)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def _start_of(data: dict[str, Any], saved: datetime) -> date:
    profile = data.get("profile")
    for holder in (data, profile if isinstance(profile, dict) else {}):
        for key in ("start_date", *_OLD_KEYS):
            found = _as_date(holder.get(key))
            if found is not None:
                return found
    day = saved.date()
    return day + timedelta(days=(7 - day.weekday()) % 7)


def upgrade() -> None:
    """Write ``start_date`` into every saved plan that lacks one."""
    conn = op.get_bind()
    for plan_id, created_at, raw in conn.execute(sa.select(_plans)).all():
        data = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        if not isinstance(data, dict):
            continue
        start = _start_of(data, created_at)
        for key in _OLD_KEYS:
            data.pop(key, None)
        data["start_date"] = start.isoformat()
        conn.execute(sa.update(_plans).where(_plans.c.id == plan_id).values(data=data))


def downgrade() -> None:
    """Nothing to undo: revision 0001 reads ``start_date`` first."""
