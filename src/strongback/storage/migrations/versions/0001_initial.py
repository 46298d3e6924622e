"""The first schema: users, profiles, workouts, performed sets, custom exercises, plans.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.Column("dumbbells", sa.JSON(), nullable=False),
        sa.Column("kettlebells", sa.JSON(), nullable=False),
        sa.Column("plates", sa.JSON(), nullable=False),
        sa.Column("bar_weight", sa.Float(), nullable=True),
        sa.Column("cable_step", sa.Float(), nullable=True),
        sa.Column("pain_threshold", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=False), nullable=False),
        sa.CheckConstraint("unit = 'kg' OR unit = 'lb'", name=op.f("ck_profiles_unit")),
        sa.CheckConstraint(
            "pain_threshold BETWEEN 0 AND 10", name=op.f("ck_profiles_pain_threshold")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_profiles")),
    )
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workouts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
        sa.UniqueConstraint("id", "user_id", name=op.f("uq_workouts_id_user_id")),
    )
    op.create_index("ix_workouts_user_started", "workouts", ["user_id", "started_at"])
    op.create_table(
        "performed_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=200), nullable=False),
        sa.Column("imported_as", sa.Text(), nullable=True),
        sa.Column("set_order", sa.Integer(), nullable=False),
        sa.Column("set_type", sa.String(length=16), nullable=False),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=2), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("tempo", sa.String(length=16), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("rest_seconds", sa.Float(), nullable=True),
        sa.Column("superset", sa.String(length=64), nullable=True),
        sa.Column("source_key", sa.String(length=255), nullable=True),
        sa.Column("source_hash", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "(source_key IS NULL) = (source_hash IS NULL)",
            name=op.f("ck_performed_sets_source_hash"),
        ),
        sa.CheckConstraint(
            "set_type = 'warm-up' OR set_type = 'working' OR set_type = 'drop' "
            "OR set_type = 'failure'",
            name=op.f("ck_performed_sets_set_type"),
        ),
        sa.CheckConstraint("unit = 'kg' OR unit = 'lb'", name=op.f("ck_performed_sets_unit")),
        sa.CheckConstraint("side = 'left' OR side = 'right'", name=op.f("ck_performed_sets_side")),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name=op.f("ck_performed_sets_pain")),
        sa.CheckConstraint("rpe BETWEEN 0 AND 10", name=op.f("ck_performed_sets_rpe")),
        sa.CheckConstraint("rir >= 0", name=op.f("ck_performed_sets_rir")),
        sa.CheckConstraint("reps >= 0", name=op.f("ck_performed_sets_reps")),
        sa.ForeignKeyConstraint(
            ["workout_id", "user_id"],
            ["workouts.id", "workouts.user_id"],
            name=op.f("fk_performed_sets_workout_id_user_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performed_sets")),
        sa.UniqueConstraint(
            "user_id", "source_hash", name=op.f("uq_performed_sets_user_id_source_hash")
        ),
    )
    op.create_index("ix_performed_sets_workout", "performed_sets", ["workout_id", "set_order"])
    op.create_table(
        "custom_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_custom_exercises_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_exercises")),
        sa.UniqueConstraint("user_id", "slug", name=op.f("uq_custom_exercises_user_id_slug")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_plans_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index("ix_plans_user_current", "plans", ["user_id", "is_current"])


def downgrade() -> None:
    """Drop every table, children first."""
    op.drop_index("ix_plans_user_current", table_name="plans")
    op.drop_table("plans")
    op.drop_table("custom_exercises")
    op.drop_index("ix_performed_sets_workout", table_name="performed_sets")
    op.drop_table("performed_sets")
    op.drop_index("ix_workouts_user_started", table_name="workouts")
    op.drop_table("workouts")
    op.drop_table("profiles")
    op.drop_table("users")
