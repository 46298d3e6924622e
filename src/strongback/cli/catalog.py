"""``strongback catalog``: browse, filter and read the exercise catalog.

The catalog is data shipped with the package, so these commands need no database. Unknown names
raise the domain's UnknownName / UnknownExercise; the root app prints them as one line (exit 2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import JsonOption, print_json
from strongback.cli.tables import emit

if TYPE_CHECKING:
    from rich.console import JustifyMethod, RenderableType

    from strongback.domain.catalog import Catalog
    from strongback.domain.exercise import Exercise
    from strongback.domain.tempo import Tempo
    from strongback.domain.vocab import Equipment

app = typer.Typer(help="Browse the exercise catalog.", no_args_is_help=True)

# How each equipment slug reads in a sentence.
_EQUIPMENT_WORDS = {
    "pull-up-bar": "a pull-up bar",
    "cable-station": "a cable station",
    "lat-pulldown": "a lat-pulldown machine",
    "dumbbells": "dumbbells",
    "kettlebell": "a kettlebell",
    "barbell": "a barbell",
    "bench": "a bench",
    "back-extension-bench": "a back-extension bench",
    "band": "a resistance band",
    "mat": "a mat",
    "machine": "a machine",
    "other": "other equipment",
}


def _catalog(include_extended: bool) -> Catalog:
    from strongback.domain.catalog import load_catalog

    return load_catalog(extended=include_extended)


def _ordered(items: frozenset[Equipment]) -> list[Equipment]:
    """Items in vocabulary order (the main piece before the bench it rests on)."""
    order = list(type(next(iter(items)))) if items else []
    return sorted(items, key=order.index)


def equipment_short(exercise: Exercise) -> str:
    """Equipment alternatives in compact slugs: ``dumbbells + bench``, ``cable-station | band``."""
    if exercise.needs_nothing:
        return "none"
    return " | ".join(
        " + ".join(item.value for item in _ordered(alt)) for alt in exercise.equipment
    )


def equipment_words(exercise: Exercise) -> str:
    """Equipment alternatives as a phrase: ``a cable station, or a resistance band``."""
    if exercise.needs_nothing:
        return "nothing (bodyweight)"
    options = []
    for alt in exercise.equipment:
        words = [_EQUIPMENT_WORDS.get(item.value, item.value) for item in _ordered(alt)]
        options.append(" and ".join(words))
    return ", or ".join(options)


def tempo_words(tempo: Tempo) -> str:
    """A tempo spelt out phase by phase, with the seconds one rep takes."""

    def phase(seconds: int, doing: str, where: str) -> str:
        return f"{doing} {seconds} s{where}" if seconds else f"no {doing}{where}"

    parts = [
        phase(tempo.lower, "lower", ""),
        phase(tempo.pause, "pause", " in the stretched position"),
        phase(tempo.lift, "lift", ""),
        phase(tempo.squeeze, "squeeze", " at the top"),
    ]
    return f"{tempo} (lower-pause-lift-squeeze): {', '.join(parts)}; {tempo.rep_seconds} s a rep"


@app.command("list")
def list_exercises(
    muscle: Annotated[
        str | None,
        typer.Option("--muscle", "-m", help="Only exercises that train this muscle (e.g. lats)."),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            "--equipment",
            "-e",
            help="Comma-separated equipment you have (e.g. dumbbells,bench); 'none' for nothing. "
            "Keeps what that equipment allows; exercises that need nothing always pass.",
        ),
    ] = None,
    pattern: Annotated[
        str | None,
        typer.Option("--pattern", "-p", help="Only this movement pattern (e.g. vertical-pull)."),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section", "-s", help="Only this section: back, hinge-squat, mobility-core."
        ),
    ] = None,
    include_all: Annotated[
        bool,
        typer.Option(
            "--all", "-a", help="Add the extended entries imported from free-exercise-db."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List the curated exercises (or, with --all, the extended ones too), filtered."""
    from strongback.domain.catalog import (
        parse_equipment_list,
        parse_muscle,
        parse_pattern,
        parse_section,
    )

    # Validate every filter before loading anything, so a typo fails fast with one line.
    wanted_muscle = parse_muscle(muscle) if muscle is not None else None
    owned = parse_equipment_list(equipment) if equipment is not None else None
    wanted_pattern = parse_pattern(pattern) if pattern is not None else None
    wanted_section = parse_section(section) if section is not None else None

    found = _catalog(include_all).filter(
        muscle=wanted_muscle,
        equipment=owned,
        pattern=wanted_pattern,
        section=wanted_section,
        include_extended=include_all,
    )
    if as_json:
        print_json([e.to_public() for e in found])
        return
    _print_table(found)


def _print_table(found: list[Exercise]) -> None:
    from strongback.cli.tables import Column, table_or_records

    if not found:
        emit(["No exercise matches these filters."])
        return
    columns = [
        Column("id", no_wrap=True), Column("name"), Column("section"), Column("pattern"),
        Column("primary muscles"), Column("equipment"), Column("dose", no_wrap=True),
    ]  # fmt: skip
    rows = [
        [
            e.id,
            e.name,
            e.section.value if e.section else "-",
            e.pattern.value,
            ", ".join(m.value for m in e.primary_muscles),
            equipment_short(e),
            e.dose.describe() if e.dose else "-",
        ]
        for e in found
    ]
    noun = "exercise" if len(found) == 1 else "exercises"
    emit([*table_or_records(columns, rows, keys=2), f"{len(found)} {noun}"])


@app.command("show")
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id, e.g. pull-up.")],
    as_json: JsonOption = False,
) -> None:
    """Show one exercise as a card: muscles, equipment, steps, cues, mistakes, tempo and dose."""
    # The curated entries load in a blink; the extended ones only when the id is not curated.
    catalog = _catalog(False)
    if catalog.find(exercise_id) is None:
        catalog = _catalog(True)
    exercise = catalog.get(exercise_id)
    if as_json:
        print_json(exercise.to_public())
        return
    _print_card(exercise, catalog)


def _print_card(e: Exercise, catalog: Catalog) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table

    out: list[RenderableType] = []

    def heading(title: str) -> None:
        out.extend(["", f"[bold]{title}[/bold]"])

    def paragraph(text: str) -> None:
        out.append(Padding(escape(text), (0, 0, 0, 2)))

    def items(rows: list[tuple[str, str]], justify: JustifyMethod = "right") -> None:
        # A two-column grid gives wrapped lines a hanging indent under their text.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify=justify, no_wrap=True)
        grid.add_column()
        for mark, text in rows:
            grid.add_row(mark, escape(text))
        out.append(Padding(grid, (0, 0, 0, 2)))

    def other(target: str | None) -> str:
        if target is None:
            return "-"
        found = catalog.find(target)
        return f"{found.name} ({target})" if found else target

    source = "" if e.source == "strongback" else f"  [dim]from {e.source}[/dim]"
    out.append(f"[bold underline]{escape(e.name)}[/bold underline]  ({escape(e.id)}){source}")
    facts = [
        ("Section", e.section.value if e.section else "-"),
        ("Pattern", e.pattern.value),
        ("Sides", e.laterality.value),
        ("Load", "loaded" if e.loaded else "bodyweight"),
        ("Primary muscles", ", ".join(m.value for m in e.primary_muscles)),
        ("Secondary muscles", ", ".join(m.value for m in e.secondary_muscles) or "-"),
        ("Equipment", equipment_words(e)),
        ("Dose", e.dose.describe() if e.dose else "-"),
        ("Tempo", tempo_words(e.default_tempo) if e.default_tempo else "-"),
    ]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in facts:
        grid.add_row(f"{label}:", escape(value))
    out.append(grid)
    if e.setup:
        heading("Setup")
        paragraph(e.setup)
    if e.instructions:
        heading("Steps")
        items([(f"{n}.", step) for n, step in enumerate(e.instructions, start=1)])
    if e.why:
        heading("Why it works")
        paragraph(e.why)
    if e.cues:
        heading("Cues")
        items([("-", cue) for cue in e.cues])
    if e.mistakes:
        heading("Common mistakes")
        rows: list[tuple[str, str]] = []
        for m in e.mistakes:
            rows += [("-", m.mistake), ("", f"Fix: {m.cue}")]
        items(rows)
    heading("Easier / harder")
    items(
        [("Regression:", other(e.regression)), ("Progression:", other(e.progression))],
        justify="left",
    )
    emit(out)
