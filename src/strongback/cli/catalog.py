"""``strongback catalog``: browse and filter the exercise catalog."""

from __future__ import annotations

import typer

app = typer.Typer(help="Browse the exercise catalog.", no_args_is_help=True)


@app.command("list")
def list_exercises() -> None:
    """List catalog entries."""
    from strongback.domain.catalog import load_catalog

    for e in load_catalog(extended=False).curated():
        typer.echo(f"{e.id}\t{e.name}")
