"""Body weights an import added: ``body_weights.import_id`` (undo removes exactly those).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the import a weighing came from (None: entered by hand)."""
    with op.batch_alter_table("body_weights") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("body_weights") as batch:
        batch.drop_column("import_id")
