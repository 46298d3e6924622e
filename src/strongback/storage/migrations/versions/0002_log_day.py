"""One log workout per day: ``workouts.log_day`` and its unique index.

The workout ``log add`` fills on a day is marked with that day, and a unique index on
``(user_id, log_day)`` keeps it one even when several processes log at once. Existing
databases mark, for each user and day, the latest workout logged with strongback (the one
``log add`` appended to until now).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# date(timestamp) means the same on SQLite and PostgreSQL; a later workout of the same user
# and day (by start, then id, as log add picked it) leaves the earlier ones unmarked.
_MARK_LATEST_PER_DAY = """
UPDATE workouts SET log_day = date(started_at)
WHERE source = 'strongback' AND NOT EXISTS (
    SELECT 1 FROM workouts AS later
    WHERE later.user_id = workouts.user_id
      AND later.source = 'strongback'
      AND date(later.started_at) = date(workouts.started_at)
      AND (later.started_at > workouts.started_at
           OR (later.started_at = workouts.started_at AND later.id > workouts.id))
)
"""


def upgrade() -> None:
    """Add the column, mark the existing log workouts, then make the day unique."""
    op.add_column("workouts", sa.Column("log_day", sa.Date(), nullable=True))
    op.execute(_MARK_LATEST_PER_DAY)
    op.create_index("uq_workouts_user_log_day", "workouts", ["user_id", "log_day"], unique=True)


def downgrade() -> None:
    """Drop the index and the column (the workouts stay)."""
    op.drop_index("uq_workouts_user_log_day", table_name="workouts")
    op.drop_column("workouts", "log_day")
