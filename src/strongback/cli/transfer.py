"""``strongback import`` and ``strongback export``: history in from another app's export or a
backup, and out as a Strong CSV or a backup; imports listed, undone, and names mapped.

Each import is one transaction: a bad file exits with code 2 and one line on stderr naming the
file, its physical line, the field and the value, and the database is left unchanged. Storage
is imported inside the commands so ``strongback --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from strongback.cli.common import DbOption, JsonOption, parse_unit, print_json
from strongback.cli.context import scope_for
from strongback.domain.vocab import WeightUnit
from strongback.domain.wording import count_of

if TYPE_CHECKING:
    from strongback.services.importing import ImportSummary

# The apps ``strongback import APP FILE`` takes (the registry's names, listed here so that
# ``--help`` imports no parser).
APPS = ("strong", "hevy", "fitnotes", "liftosaur", "jefit")


class _ImportGroup(TyperGroup):
    """``strongback import FILE`` reads a file of any known app: a first word that is not a
    subcommand is the file, given to the hidden ``file`` command."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "file", self.commands["file"], args
        return super().resolve_command(ctx, args)


import_app = typer.Typer(
    cls=_ImportGroup,
    help="Bring workouts in from Strong, Hevy, FitNotes, Liftosaur or JEFIT (strongback import "
    "FILE detects the app), list and undo imports, map names, or restore a backup.",
    no_args_is_help=True,
)
export_app = typer.Typer(
    help="Write your history as a Strong CSV or as a complete JSON backup.",
    no_args_is_help=True,
)

FileArgument = Annotated[Path, typer.Argument(help="The file to read.", show_default=False)]
OutArgument = Annotated[Path, typer.Argument(help="The file to write.", show_default=False)]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="kg or lb: the unit of the weights when the file does not say (default: the "
        "profile's unit).",
        show_default=False,
    ),
]
SkipOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Import every valid record and list the bad ones by line instead of stopping.",
    ),
]
# A progress bar is worth drawing from this size on.
PROGRESS_MIN_BYTES = 256 * 1024


def _unit(text: str | None) -> WeightUnit | None:
    return parse_unit(text) if text is not None else None


@contextmanager
def _progress_bar(path: Path) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for a large file, only when stderr is a terminal."""
    try:
        big = path.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        big = False
    if not (big and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(f"reading {path.name}", total=None)

        def update(done: int, total: int) -> None:
            # Once the whole file is read, the sets are being written.
            label = f"saving {path.name}" if done >= total else f"reading {path.name}"
            bar.update(task, completed=done, total=total, description=label)

        yield update


def _print_summary(summary: ImportSummary) -> None:
    out = typer.echo
    out(
        f"imported {count_of(summary.sets, 'set')} in {count_of(summary.workouts, 'workout')} "
        f"from {summary.path} "
        f"({summary.source}, weights in {summary.weights_in})"
    )
    if summary.duplicates:
        out(f"{count_of(summary.duplicates, 'set')} already stored, left as they are")
    for stored_unit, count in sorted(summary.kept_units.items()):
        out(
            f"warning: {count} sets already stored in {stored_unit} were left as they are "
            f"(this import read the file in {summary.unit})"
        )
    if summary.rest_rows:
        out(f"{count_of(summary.rest_rows, 'rest-timer row')} kept as the rest after their sets")
    if summary.matched:
        out(f"{count_of(len(summary.matched), 'exercise name')} matched the catalog:")
        for name, ex_id in sorted(summary.matched.items()):
            out(f"  {name} -> {ex_id} ({summary.match_kinds.get(name, '')})")
    for what, count in sorted(summary.not_imported.items()):
        out(f"not imported: {what}: {count}")
    if summary.body_weights_in_file:
        kept = summary.body_weights_in_file - summary.body_weights
        out(f"{summary.body_weights} body weights added to your weighings (strongback body list)"
            + (f"; {kept} days already weighed were left as they are" if kept else ""))  # fmt: skip
    if summary.mapped:
        out(f"{count_of(len(summary.mapped), 'name')} resolved by your mappings")
    if summary.unmatched:
        out(f"{count_of(len(summary.unmatched), 'name')} kept as custom exercises (map one with "
            "'strongback import map NAME EXERCISE'):")  # fmt: skip
        for name, ex_id in sorted(summary.unmatched.items()):
            near = ", ".join(summary.suggestions.get(name, []))
            out(f"  {name} -> {ex_id}" + (f" (closest: {near})" if near else ""))
    if summary.unit_hint:
        out(
            f"warning: the loads look like {summary.unit_hint} but were read as {summary.unit}: "
            f"undo with 'strongback import undo {summary.import_id}' and import again with "
            f"--unit {summary.unit_hint}"
        )
    if summary.import_id is not None:
        out(f"recorded as import {summary.import_id} (undo: strongback import undo "
            f"{summary.import_id})")  # fmt: skip
    if summary.skipped:
        out(f"{count_of(len(summary.skipped), 'invalid record')} skipped:")
        for s in summary.skipped:
            out(f"  line {s.line}: {s.reason}")


def _import(
    ctx: typer.Context,
    kind: str | None,
    file: Path,
    unit: str | None,
    as_json: bool,
    skip_invalid: bool,
    db: str | None,
) -> None:
    from strongback.services.importing import import_file

    weight_unit = _unit(unit)
    shown = str(file)
    scope = scope_for(ctx, db)
    with _progress_bar(file) as progress:
        summary = import_file(
            scope,
            kind,
            file,
            unit=weight_unit,
            skip_invalid=skip_invalid,
            progress=progress,
            display_path=shown,
        )
    if as_json:
        print_json(summary.to_public())
    else:
        _print_summary(summary)


@import_app.command("file", hidden=True)
def import_detected(
    ctx: typer.Context,
    file: FileArgument,
    unit: UnitOption = None,
    as_json: JsonOption = False,
    skip_invalid: SkipOption = False,
    db: DbOption = None,
) -> None:
    """Import an export of any known app, detected from the file's content."""
    _import(ctx, None, file, unit, as_json, skip_invalid, db)


def _app_command(app: str, doc: str) -> None:
    def command(
        ctx: typer.Context,
        file: FileArgument,
        unit: UnitOption = None,
        as_json: JsonOption = False,
        skip_invalid: SkipOption = False,
        db: DbOption = None,
    ) -> None:
        _import(ctx, app, file, unit, as_json, skip_invalid, db)

    command.__doc__ = doc
    import_app.command(app)(command)


_app_command("strong", "Import a Strong CSV export (any layout, comma or semicolon, translated "
             "headers).")  # fmt: skip
_app_command("hevy", "Import a Hevy CSV export (kg or lbs, km or miles, dates in the app's "
             "language).")  # fmt: skip
_app_command("fitnotes", "Import a FitNotes CSV export (one day is one workout).")
_app_command("liftosaur", "Import a Liftosaur CSV export (sets not done are counted, not "
             "imported).")  # fmt: skip
_app_command("jefit", "Import a JEFIT export (the sectioned CSV file).")


@import_app.command("map")
def import_map(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The name as the other app wrote it.")],
    exercise: Annotated[str, typer.Argument(help="The exercise id it means.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Map a name from another app to an exercise.

    The sets imported under the name move to the exercise, and every later import uses it.
    """
    from strongback.services.importing import map_name

    result = map_name(scope_for(ctx, db), name, exercise)
    if as_json:
        print_json({"name": result.name, "exercise": result.exercise, "moved": result.moved})
    else:
        typer.echo(f"'{result.name}' is now {result.exercise} ({result.moved} sets moved)")


@import_app.command("mappings")
def import_mappings(ctx: typer.Context, as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the names you mapped to exercises."""
    from strongback.services.importing import mappings

    found = mappings(scope_for(ctx, db))
    if as_json:
        print_json([{"name": n, "exercise": e} for n, e in found.items()])
    elif not found:
        typer.echo("no names mapped yet")
    else:
        for n, e in found.items():
            typer.echo(f"{n} -> {e}")


@import_app.command("list")
def import_list(ctx: typer.Context, as_json: JsonOption = False, db: DbOption = None) -> None:
    """List your imports (id, app, file, unit, when, what each added)."""
    from strongback.services.importing import import_to_public, list_imports

    records = [import_to_public(r) for r in list_imports(scope_for(ctx, db))]
    if as_json:
        print_json(records)
        return
    if not records:
        typer.echo("no imports yet")
    for r in records:
        typer.echo(
            f"{r['id']:>4}  {r['imported_at']}  {r['app']:<9} {r['unit'] or '-':<2}  "
            f"{count_of(r['workouts'], 'workout')}, {count_of(r['sets'], 'set')}  {r['file']}"
        )


@import_app.command("undo")
def import_undo(
    ctx: typer.Context,
    import_id: Annotated[int, typer.Argument(help="The id shown by 'strongback import list'.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Remove exactly the workouts, sets and body weights an import added (one transaction)."""
    from strongback.services.importing import undo_import

    done = undo_import(scope_for(ctx, db), import_id)
    if as_json:
        print_json({"id": import_id, "workouts": done.workouts, "sets": done.sets,
                    "body_weights": done.body_weights})  # fmt: skip
    else:
        weighed = f" and {count_of(done.body_weights, 'body weight')}" if done.body_weights else ""
        typer.echo(
            f"undid import {import_id} ({done.record.app}, {done.record.file}): removed "
            f"{count_of(done.sets, 'set')} in {count_of(done.workouts, 'workout')}{weighed}"
        )


def _read_backup(file: Path) -> Any:
    from strongback.domain.errors import ImportFormatError

    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFormatError("no such file", path=str(file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"cannot read the backup ({exc})", path=str(file)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"not valid JSON ({exc.msg})", path=str(file), line=exc.lineno
        ) from None


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: FileArgument,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Restore a strongback JSON backup into an empty database."""
    from strongback.services.backup import restore_backup

    data = _read_backup(file)
    counts = restore_backup(scope_for(ctx, db), data, source=str(file)).to_public()
    if as_json:
        print_json({"file": str(file), **counts})
    else:
        typer.echo(
            f"restored {counts['workouts']} workouts with {counts['sets']} sets, "
            f"{counts['custom_exercises']} custom exercises and {counts['plans']} plans "
            f"from {file}"
        )


def _counts(data: Any) -> dict[str, int]:
    """Workouts and sets in a backup document."""
    workouts = data.get("workouts", []) if isinstance(data, dict) else []
    return {
        "workouts": len(workouts),
        "sets": sum(len(w.get("sets", [])) for w in workouts if isinstance(w, dict)),
    }


@export_app.command("json")
def export_json(
    ctx: typer.Context,
    file: OutArgument,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Write everything of yours (profile, custom exercises, plans, workouts) as a JSON backup."""
    from strongback.interchange.files import write_atomically
    from strongback.services.backup import export_backup

    data = export_backup(scope_for(ctx, db))
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    write_atomically(file, text.encode("utf-8"))
    counts = _counts(data)
    if as_json:
        print_json({"file": str(file), "format": "strongback-backup", **counts})
    else:
        typer.echo(f"wrote {counts['workouts']} workouts with {counts['sets']} sets to {file}")


@export_app.command("strong")
def export_strong_command(
    ctx: typer.Context,
    file: OutArgument,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="kg or lb for the weights (default: the profile's unit).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Write your history as Strong's 12-column CSV, which other apps accept from Strong."""
    from strongback.services.importing import export_strong

    summary = export_strong(scope_for(ctx, db), file, unit=_unit(unit))
    if as_json:
        print_json(summary.to_public())
    else:
        typer.echo(
            f"wrote {summary.sets} sets in {summary.workouts} workouts to {file} "
            f"(weights in {summary.unit})"
        )


def register(app: typer.Typer) -> None:
    """Add the ``import`` and ``export`` groups to the root command."""
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")


__all__ = ["export_app", "import_app", "register"]
