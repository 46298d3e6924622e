"""``strongback serve``: the web app, and ``strongback demo``: a demo athlete to look around."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from strongback.cli.common import DbOption
from strongback.cli.context import database_url


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``demo`` to the root command."""
    app.command("serve")(serve)
    app.command("demo")(demo)


def demo(ctx: typer.Context, db: DbOption = None) -> None:
    """Create a demo athlete (clearly marked) with a plan and twelve weeks of generated training,
    and print how to sign in as it. Delete it in the web app's settings like any account."""
    import secrets

    from strongback.cli.context import app_for
    from strongback.services import accounts
    from strongback.services.demo import create_demo

    strongback = app_for(ctx, db)
    account = create_demo(strongback, strongback.catalog)
    password = secrets.token_urlsafe(12)
    accounts.set_password(strongback, account.id, password)
    typer.echo(f"created the demo athlete {account.email} (password: {password})")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Server processes (they share the database).")
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the web app (pages and the JSON API) with uvicorn."""
    from strongback.settings import load_settings
    from strongback.web.server import serve as run

    url = database_url(ctx, db)
    given: dict[str, Any] = {"host": host, "port": port, "workers": workers}
    if url:  # else the environment's, as everywhere
        given["database_url"] = url
    settings = load_settings(**given)
    typer.echo(f"Strongback serves at http://{_shown(settings.host)}:{settings.port}", err=True)
    run(settings)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


__all__ = ["demo", "register", "serve"]
