"""Opening a current database decides without alembic: the head read from the migration files'
text is alembic's head, and a database at an older revision is still migrated."""

from __future__ import annotations

from pathlib import Path

from strongback.storage.database import declared_head, head_revision


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert declared_head() is not None
    assert declared_head() == head_revision()


def test_a_database_behind_the_head_is_still_migrated(tmp_path: Path) -> None:
    from strongback.storage import open_database

    url = f"sqlite:///{tmp_path / 'old.db'}"
    db = open_database(url, migrate=False)
    try:
        db.upgrade("0004")
        assert db.revision() == "0004"
        db.ensure_current()
        assert db.revision() == head_revision()
    finally:
        db.dispose()
