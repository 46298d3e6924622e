"""Alembic migrations of the strongback schema, shipped inside the package."""
