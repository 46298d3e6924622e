"""Guided sessions: ``training_sessions`` (one active per user) and the sets entered in them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the sessions and their sets."""
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("active", name=op.f("ck_training_sessions_active")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_training_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
        sa.UniqueConstraint("id", "user_id", name=op.f("uq_training_sessions_id_user_id")),
        sa.UniqueConstraint("user_id", "active", name=op.f("uq_training_sessions_user_id_active")),
    )
    op.create_table(
        "training_session_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=200), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=2), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("pain_where", sa.Text(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=False), nullable=False),
        sa.CheckConstraint(
            "unit = 'kg' OR unit = 'lb'", name=op.f("ck_training_session_sets_unit")
        ),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name=op.f("ck_training_session_sets_pain")),
        sa.CheckConstraint("rir >= 0", name=op.f("ck_training_session_sets_rir")),
        sa.CheckConstraint("reps >= 0", name=op.f("ck_training_session_sets_reps")),
        sa.ForeignKeyConstraint(
            ["session_id", "user_id"],
            ["training_sessions.id", "training_sessions.user_id"],
            name=op.f("fk_training_session_sets_session_id_user_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session_sets")),
        sa.UniqueConstraint(
            "user_id", "client_id", name=op.f("uq_training_session_sets_user_id_client_id")
        ),
    )
    op.create_index(
        "ix_training_session_sets_session", "training_session_sets", ["session_id", "id"]
    )


def downgrade() -> None:
    """Drop the sets, then the sessions (the workouts written from them stay)."""
    op.drop_index("ix_training_session_sets_session", table_name="training_session_sets")
    op.drop_table("training_session_sets")
    op.drop_table("training_sessions")
