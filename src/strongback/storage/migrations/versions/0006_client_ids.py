"""Workouts created through the API: a client's id that makes a create safe to retry, the
deleted workouts kept so a delete can be undone, and an index to find an exercise's last
sessions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add workouts.client_id (unique per user), the deleted_workouts table and the index of
    sets by user and exercise."""
    op.create_index(
        "ix_performed_sets_user_exercise",
        "performed_sets",
        ["user_id", "exercise", "workout_id"],
    )
    op.add_column("workouts", sa.Column("client_id", sa.String(length=36), nullable=True))
    op.create_index("uq_workouts_user_client_id", "workouts", ["user_id", "client_id"], unique=True)
    op.create_table(
        "deleted_workouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_deleted_workouts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_workouts")),
    )
    op.create_index(
        "ix_deleted_workouts_user_workout", "deleted_workouts", ["user_id", "workout_id"]
    )
    op.create_index(
        "ix_deleted_workouts_user_client_id", "deleted_workouts", ["user_id", "client_id"]
    )


def downgrade() -> None:
    """Drop the deleted workouts, the client ids and the index of sets by exercise."""
    op.drop_index("ix_performed_sets_user_exercise", table_name="performed_sets")
    op.drop_index("ix_deleted_workouts_user_client_id", table_name="deleted_workouts")
    op.drop_index("ix_deleted_workouts_user_workout", table_name="deleted_workouts")
    op.drop_table("deleted_workouts")
    op.drop_index("uq_workouts_user_client_id", table_name="workouts")
    with op.batch_alter_table("workouts") as batch:
        batch.drop_column("client_id")
