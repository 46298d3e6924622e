"""Storage adapter: SQLAlchemy 2 tables, repositories, unit of work and Alembic migrations."""
