"""``strongback account``: turn the local user into an account, create accounts; and
``strongback token create``: a personal access token for the API."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from strongback.cli.common import DbOption
from strongback.cli.context import app_for, scope_for, user_email

app = typer.Typer(help="Accounts that sign in on the web app.", no_args_is_help=True)
tokens = typer.Typer(help="Personal access tokens for the JSON API.", no_args_is_help=True)

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (one line)."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@app.command("create")
def create(
    ctx: typer.Context,
    email: Annotated[
        str | None,
        typer.Argument(help="The account's email (default: the one given with --user)."),
    ] = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Make the database's local user an account (what the CLI logged stays), or, with
    ``strongback --user EMAIL account create``, a new account beside it."""
    from strongback.domain.errors import InvalidInput
    from strongback.services import accounts

    strongback = app_for(ctx, db)
    other = user_email(ctx)
    address = email or other
    if not address:
        raise InvalidInput("{email} is required: give EMAIL or --user EMAIL", field="email")
    password = _password(password_stdin)
    if other:
        account = accounts.sign_up(strongback, address, password)
        typer.echo(f"created the account {account.email}")
        return
    local = strongback.local_scope()
    account = accounts.claim_user(strongback, local.user_id, address, password)
    typer.echo(f"the local user is now the account {account.email}; log in with it on the web")


@tokens.command("create")
def create_token(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "",
    db: DbOption = None,
) -> None:
    """Create an API token for the account (--user EMAIL, else the local user) and print it
    once: it cannot be shown again."""
    from strongback.services import accounts

    scope = scope_for(ctx, db)
    _, secret = accounts.create_token(scope.app, scope.user_id, name)
    typer.echo(secret)


def register(root: typer.Typer) -> None:
    """Add ``account`` and ``token`` to the root command."""
    root.add_typer(app, name="account")
    root.add_typer(tokens, name="token")


__all__ = ["app", "create", "create_token", "register", "tokens"]
