"""``strongback db``: apply migrations and show which database is in use."""

from __future__ import annotations

import typer

from strongback.cli.common import DbOption, JsonOption, print_json
from strongback.cli.context import app_for, database_url, scope_for

app = typer.Typer(
    help="The database: apply migrations, show which one is in use.", no_args_is_help=True
)


@app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Apply pending migrations (on SQLite or PostgreSQL) and print the revision reached."""
    from strongback.storage import mask_password, resolve_database_url

    app = app_for(ctx, db)
    before, after = app.upgrade_database()
    shown = mask_password(resolve_database_url(app.settings.url))
    if before == after:
        typer.echo(f"database already at revision {after} ({shown})")
    else:
        typer.echo(f"database upgraded from {before or 'empty'} to revision {after} ({shown})")


@app.command("info")
def info(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the database URL (password masked), its engine and schema revision."""
    from strongback.services.training_log import count

    data: dict[str, object] = dict(app_for(ctx, db).describe_database())
    data["workouts"], data["sets"] = count(scope_for(ctx, db))
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        typer.echo(f"{key}: {value}")


__all__ = ["app", "database_url"]
