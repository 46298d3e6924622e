"""A unit of one read (the sign-in lookups) runs outside a transaction on PostgreSQL, and its
connection goes back to the pool transactional for the next unit."""

from __future__ import annotations

import sqlalchemy as sa

from strongback.storage import open_database
from strongback.storage.tables import users


def test_a_unit_after_a_one_read_unit_still_rolls_back(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.accounts_unit(one_read=True) as unit:
            assert unit.accounts.count_accounts() == 0
        with db.accounts_unit(write=True) as unit:
            unit.connection.execute(sa.insert(users).values(name="gone", created_at=sa.func.now()))
            # no commit: the unit rolls back on exit
        with db.engine.connect() as conn:
            names = conn.execute(sa.select(users.c.name)).scalars().all()
        assert "gone" not in names
    finally:
        db.dispose()
