"""The one way a command reaches the app: the composition root for this invocation and the
scope of the CLI's user, built from ``--db`` (given before or after the command group)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from strongback.app import Strongback, UserScope


def database_url(ctx: typer.Context, db: str | None = None) -> str | None:
    """The URL given to this command, else the one given before the command group, else None."""
    if db:
        return db
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    value = obj.get("db")
    return value if isinstance(value, str) else None


def app_for(ctx: typer.Context, db: str | None = None) -> Strongback:
    """The app of this invocation (built once, closed when the command ends)."""
    from strongback.app import Strongback
    from strongback.settings import load_settings

    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    found = root.obj.get("app")
    if found is None:
        url = database_url(ctx, db)
        settings = load_settings(database_url=url) if url else load_settings()
        found = Strongback(settings)
        root.obj["app"] = found
        root.call_on_close(found.close)
    app: Strongback = found
    return app


def user_email(ctx: typer.Context) -> str | None:
    """The account given with ``--user EMAIL`` before the command group, or None."""
    root = ctx.find_root()
    user = root.obj.get("user") if isinstance(root.obj, dict) else None
    return user if isinstance(user, str) and user else None


def scope_for(ctx: typer.Context, db: str | None = None) -> UserScope:
    """The scope of the CLI's user: the local user, or the account named by ``--user EMAIL``
    (NotFound when no account has that email)."""
    app = app_for(ctx, db)
    email = user_email(ctx)
    if email is None:
        return app.local_scope()
    from strongback.services.accounts import account_by_email

    return app.scope(account_by_email(app, email).id)


__all__ = ["app_for", "database_url", "scope_for", "user_email"]
