"""Opening a database: URLs, SQLite settings, automatic migrations."""

from __future__ import annotations

from strongback.storage import head_revision, open_database


def test_open_database_applies_migrations_on_first_use(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert db.revision() == head_revision()
    finally:
        db.dispose()
