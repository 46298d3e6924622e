"""Coaches and their athletes: coaching links and invites, comments and their read marks, daily
check-ins, who assigned a plan and when its sessions fall.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _user_fk(column: str, table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def _checkins() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sleep", sa.Integer(), nullable=True),
        sa.Column("energy", sa.Integer(), nullable=True),
        sa.Column("soreness", sa.Integer(), nullable=True),
        sa.Column("back_pain", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        *(
            sa.CheckConstraint(f"{c} BETWEEN 0 AND 10", name=op.f(f"ck_checkins_{c}"))
            for c in ("back_pain", "energy", "sleep", "soreness")
        ),
        _user_fk("user_id", "checkins"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_checkins_user_id_day")),
    )


def _coaching() -> None:
    op.create_table(
        "coaching_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_by", sa.Integer(), nullable=True),
        _user_fk("accepted_by", "coaching_invites", "SET NULL"),
        _user_fk("user_id", "coaching_invites"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_invites")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_coaching_invites_token_hash")),
    )
    op.create_table(
        "coaching_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "permission = 'view' OR permission = 'assign'",
            name=op.f("ck_coaching_links_permission"),
        ),
        _user_fk("coach_id", "coaching_links"),
        _user_fk("user_id", "coaching_links"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_links")),
        sa.UniqueConstraint("user_id", "coach_id", name=op.f("uq_coaching_links_user_id_coach_id")),
    )
    op.create_index("ix_coaching_links_coach", "coaching_links", ["coach_id"], unique=False)


def _comments() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _user_fk("author_id", "comments"),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["performed_sets.id"],
            name=op.f("fk_comments_set_id_performed_sets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id", "user_id"],
            ["workouts.id", "workouts.user_id"],
            name=op.f("fk_comments_workout_id_user_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_index("ix_comments_user_workout", "comments", ["user_id", "workout_id"], unique=False)
    op.create_table(
        "comment_reads",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comments.id"],
            name=op.f("fk_comment_reads_comment_id_comments"),
            ondelete="CASCADE",
        ),
        _user_fk("user_id", "comment_reads"),
        sa.PrimaryKeyConstraint("user_id", "comment_id", name=op.f("pk_comment_reads")),
    )


def upgrade() -> None:
    """Create the coaching tables and record who assigned a plan."""
    _checkins()
    _coaching()
    _comments()
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("assigned_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("calendar", sa.JSON(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_plans_assigned_by_users"),
            "users",
            ["assigned_by"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    """Drop the coaching tables and the plans' ``assigned_by``."""
    with op.batch_alter_table("plans") as batch:
        batch.drop_constraint(op.f("fk_plans_assigned_by_users"), type_="foreignkey")
        batch.drop_column("calendar")
        batch.drop_column("assigned_by")
    op.drop_table("comment_reads")
    op.drop_index("ix_comments_user_workout", table_name="comments")
    op.drop_table("comments")
    op.drop_index("ix_coaching_links_coach", table_name="coaching_links")
    op.drop_table("coaching_links")
    op.drop_table("coaching_invites")
    op.drop_table("checkins")
