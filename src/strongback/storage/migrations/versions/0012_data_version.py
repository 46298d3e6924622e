"""A per-user data version: ``users.data_version``, raised by every unit of work that wrote the
user's rows, in its own transaction. A web worker keys what it keeps of a user's pages on it
(several workers share one database, so the version lives there, not in a process).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the version, 0 for every user."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("data_version", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    """Drop the version."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("data_version")
