"""Storage adapter: SQLAlchemy 2 tables, repositories, unit of work and Alembic migrations.

db = open_database(url)                 # creates, configures and migrates as needed
with db.unit_of_work(user="local", write=True) as uow:   # write=True: waits its turn
    uow.workouts.add(workout)
    uow.commit()
db.dispose()

A busy database (another writer past the busy timeout) raises DatabaseBusy, a read-only one
DatabaseReadOnly: one line each, exit code 2.
"""

from strongback.storage.database import Database, head_revision, open_database
from strongback.storage.errors import DatabaseBusy, DatabaseError, DatabaseReadOnly
from strongback.storage.repositories import StoredPlan
from strongback.storage.unit_of_work import CoachAccess, UnitOfWork
from strongback.storage.urls import default_database_path, mask_password, resolve_database_url

__all__ = [
    "CoachAccess",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseReadOnly",
    "StoredPlan",
    "UnitOfWork",
    "default_database_path",
    "head_revision",
    "mask_password",
    "open_database",
    "resolve_database_url",
]
