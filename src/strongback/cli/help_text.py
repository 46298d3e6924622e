"""Help that reads well in any terminal: it names the kind of value each option takes
(``NUMBER``, ``LIST``, ``DATE``, ``FILE``, ``URL``, ``TEXT``...) instead of the Python type Typer
would print (``<str>``, ``<bool>``), and it lets the terminal wrap the prose of each command.

Most options are read as text and parsed by ``cli/common.py``, so their Python type says nothing
to a user: one vocabulary, keyed by option name, names what each option means everywhere; an
option that declares its own ``metavar`` keeps it, and a flag shows no value at all.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

# The value each option name takes, the same in every command that has it.
VALUE_TYPES: dict[str, str] = {
    "--all": "",
    "--avoid": "LIST",
    "--body-weight": "NUMBER",
    "--bar-weight": "NUMBER",
    "--cable-step": "NUMBER",
    "--date": "DATE",
    "--days": "NUMBER",
    "--db": "URL",
    "--dumbbells": "LIST",
    "--equipment": "LIST",
    "--exercise": "ID",
    "--goal": "GOAL",
    "--html": "FILE",
    "--ics": "FILE",
    "--kettlebells": "LIST",
    "--last": "NUMBER",
    "--level": "LEVEL",
    "--minutes": "NUMBER",
    "--muscle": "MUSCLE",
    "--notes": "TEXT",
    "--pain": "NUMBER",
    "--pain-threshold": "NUMBER",
    "--pattern": "PATTERN",
    "--pdf": "FILE",
    "--plates": "LIST",
    "--png": "FILE",
    "--reps": "NUMBER",
    "--rir": "NUMBER",
    "--rpe": "NUMBER",
    "--seconds": "NUMBER",
    "--section": "SECTION",
    "--start": "DATE",
    "--svg": "FILE",
    "--tempo": "TEMPO",
    "--unit": "kg|lb",
    "--week": "NUMBER",
    "--weekdays": "LIST",
    "--weeks": "NUMBER",
    "--weight": "NUMBER",
}

# What an option or argument without an entry above takes, by its Python type.
_BY_TYPE: dict[Any, str] = {str: "TEXT", int: "NUMBER", float: "NUMBER", Path: "FILE"}


def _value_type(param: Any) -> str:
    if getattr(param, "is_flag", False):
        return ""
    for opt in param.opts:
        if opt in VALUE_TYPES:
            return VALUE_TYPES[opt]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if param.param_type_name == "argument" and annotation is str:
        return (param.name or "value").upper()
    return _BY_TYPE.get(annotation, "TEXT")


def _no_type(ctx: Any) -> None:
    return None


def _unwrapped(text: str) -> str:
    # Typer keeps the line breaks of a docstring's later paragraphs, which wrap twice in a
    # terminal narrower than the source; a line that starts a list item keeps its break.
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line.strip() for line in paragraph.strip().splitlines()]
        joined = lines[:1]
        for line in lines[1:]:
            if line.startswith(("- ", "* ", "\b")):
                joined.append(line)
            else:
                joined[-1] = f"{joined[-1]} {line}"
        paragraphs.append("\n".join(joined))
    return "\n\n".join(paragraphs)


def tidy_help(command: Any, ctx: Any = None) -> None:
    """Give every parameter of ``command`` and its subcommands (the help option included) the
    name of the value it takes, unless it declares one, and unwrap the prose of their help."""
    from typer import _click

    ctx = _click.Context(command, info_name=command.name, parent=ctx)
    if command.help:
        command.help = _unwrapped(inspect.cleandoc(command.help))
    for param in command.get_params(ctx):
        if param.metavar is None:
            param.metavar = _value_type(param)
        if param.param_type_name == "argument":
            # Typer prints an argument's Python type after its name; the name (FILE, ID) is
            # already the kind of value.
            param.display_type_rich = _no_type
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub, ctx)


__all__ = ["VALUE_TYPES", "tidy_help"]
