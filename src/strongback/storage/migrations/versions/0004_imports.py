"""Imports that can be undone, and names remembered: the ``imports`` and ``name_mappings``
tables, and the import that added each workout and set.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the import records and name mappings; tie workouts and sets to their import."""
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("app", sa.String(length=32), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=2), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("workouts", sa.Integer(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("created_exercises", sa.JSON(), nullable=False),
        sa.CheckConstraint("unit = 'kg' OR unit = 'lb'", name=op.f("ck_imports_unit")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_imports_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_index("ix_imports_user", "imports", ["user_id", "id"])
    op.create_table(
        "name_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("exercise", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_name_mappings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_name_mappings")),
        sa.UniqueConstraint("user_id", "name", name=op.f("uq_name_mappings_user_id_name")),
    )
    op.add_column("workouts", sa.Column("import_id", sa.Integer(), nullable=True))
    op.add_column("performed_sets", sa.Column("import_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop the import records, the name mappings and the import columns."""
    with op.batch_alter_table("performed_sets") as batch:
        batch.drop_column("import_id")
    with op.batch_alter_table("workouts") as batch:
        batch.drop_column("import_id")
    op.drop_table("name_mappings")
    op.drop_index("ix_imports_user", table_name="imports")
    op.drop_table("imports")
