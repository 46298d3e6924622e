"""The migrations: they run both ways on both engines and agree with the table definitions."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from strongback.storage import head_revision, open_database
from strongback.storage.tables import metadata


def test_upgrade_downgrade_upgrade_round_trip(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        assert db.upgrade() == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert set(metadata.tables) <= tables
        assert db.downgrade("base") is None
        left = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert left == set()
        assert db.upgrade() == head_revision()
        assert set(metadata.tables) <= set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()


def test_migrations_and_table_definitions_agree(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
        assert diff == []
    finally:
        db.dispose()


def test_upgrading_a_current_database_changes_nothing(db_url: str) -> None:
    db = open_database(db_url)
    try:
        before = db.revision()
        assert db.upgrade() == before == head_revision()
    finally:
        db.dispose()
