"""The ``strongback`` command. Command groups live in their own modules and import heavy
libraries (SQLAlchemy, OR-Tools) inside the commands, so ``--help`` and ``--version`` stay fast."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

# Typer vendors click under typer._click (pyproject requires such a Typer).
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from strongback import __version__
from strongback.cli.errors import exit_code_for, message_for
from strongback.cli.help_text import tidy_help
from strongback.domain.errors import StrongbackError


class _ErrorsAsOneLine(TyperGroup):
    """Turns every error a user can cause into one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except StrongbackError as exc:
            sys.stderr.write(f"error: {message_for(exc)}\n")
            raise typer.Exit(exit_code_for(exc)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; usage errors (a bad option, a missing argument) become one line too."""
        tidy_help(self)
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
            )
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            message = " ".join(exc.format_message().split())
            sys.stderr.write(f"error: {message}{where}\n")
            sys.exit(exc.exit_code)
        except (typer.Abort, KeyboardInterrupt) as exc:
            if isinstance(exc, KeyboardInterrupt) or isinstance(exc.__cause__, KeyboardInterrupt):
                # Every command writes in one transaction, committed at its end: an interrupted
                # command has saved nothing (what earlier commands saved stays).
                sys.stderr.write("interrupted: nothing of this command was saved\n")
                sys.exit(130)
            sys.stderr.write("aborted\n")
            sys.exit(1)
        # Without standalone mode an Exit comes back as its code; a normal return is success.
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="strongback",
    cls=_ErrorsAsOneLine,
    help="Strongback: a back-training coach (catalog, log, progression, program generator).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"strongback {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL; default $STRONGBACK_DATABASE_URL, else a SQLite file in the "
            "user data directory.",
            show_default=False,
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="Act for the account with this email (default: the database's local user).",
            show_default=False,
            metavar="EMAIL",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Strongback: train your back with a plan that keeps every principle."""
    ctx.obj = {"db": db, "user": user}


def _register() -> None:
    from strongback.cli import catalog

    app.add_typer(catalog.app, name="catalog")
    from strongback.cli import body, db, log, profile

    app.add_typer(db.app, name="db")
    app.add_typer(profile.app, name="profile")
    app.add_typer(log.app, name="log")
    app.add_typer(body.app, name="body")
    from strongback.cli import progress

    progress.register(app)
    from strongback.cli import transfer

    transfer.register(app)
    from strongback.cli import plan

    plan.register(app)
    from strongback.cli import insights

    insights.register(app)
    from strongback.cli import account, serve

    account.register(app)
    serve.register(app)
    from strongback.cli import timeline

    timeline.register(app)
    from strongback.cli import session

    session.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="strongback")


__all__ = ["app", "main"]
