"""``strongback db``: apply migrations and show which database is in use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from strongback.cli.common import DbOption, JsonOption, database_url, print_json

if TYPE_CHECKING:
    from strongback.storage import Database, UnitOfWork

app = typer.Typer(
    help="The database: apply migrations, show which one is in use.", no_args_is_help=True
)

LOCAL_USER = "local"


@contextmanager
def open_db(ctx: typer.Context, db: str | None = None) -> Iterator[Database]:
    """The database for this command (``--db``, else the environment, else the default file),
    migrated to the current schema; disposed afterwards."""
    from strongback.storage import open_database

    database = open_database(database_url(ctx, db))
    try:
        yield database
    finally:
        database.dispose()


@contextmanager
def local_uow(
    ctx: typer.Context, db: str | None = None, *, write: bool = False
) -> Iterator[UnitOfWork]:
    """A unit of work for the local user of the CLI; rolls back unless committed.

    ``write=True`` for a command that writes: it then waits its turn behind other writers.
    """
    with (
        open_db(ctx, db) as database,
        database.unit_of_work(user=LOCAL_USER, write=write) as uow,
    ):
        yield uow


@app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Apply pending migrations (on SQLite or PostgreSQL) and print the revision reached."""
    from strongback.storage import open_database

    database = open_database(database_url(ctx, db), migrate=False)
    try:
        before = database.revision()
        after = database.upgrade()
    finally:
        database.dispose()
    if before == after:
        typer.echo(f"database already at revision {after} ({database.display_url})")
    else:
        typer.echo(
            f"database upgraded from {before or 'empty'} to revision {after} "
            f"({database.display_url})"
        )


@app.command("info")
def info(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the database URL (password masked), its engine and schema revision."""
    from strongback.storage import head_revision

    with open_db(ctx, db) as database:
        with database.unit_of_work(user=LOCAL_USER) as uow:
            n_workouts, n_sets = uow.workouts.count()
        data = {
            "url": database.display_url,
            "engine": database.dialect,
            "revision": database.revision(),
            "head": head_revision(),
            "workouts": n_workouts,
            "sets": n_sets,
        }
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        typer.echo(f"{key}: {value}")
