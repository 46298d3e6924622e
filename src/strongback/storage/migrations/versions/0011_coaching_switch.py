"""The per-account coaching switch: ``users.coaching`` (on: the account coaches; its dashboard,
roster and invites are open). Accounts that already coach (made an invite, or have athletes)
start with it on.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the switch, on for accounts that coach already."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("coaching", sa.Boolean(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE users SET coaching = TRUE WHERE id IN (SELECT user_id FROM coaching_invites) "
        "OR id IN (SELECT coach_id FROM coaching_links)"
    )


def downgrade() -> None:
    """Drop the switch."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("coaching")
