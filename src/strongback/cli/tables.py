"""Tables that read in any terminal, 80 columns included.

A table whose columns fit the terminal with every word whole is drawn as a table; one that does
not fit is printed in a narrow layout instead: one record per entry, its key (an id, a name) on
the first line and the other fields wrapped under it. Ids, dates and names are never cut into
pieces, and nothing is dropped.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# Width used when stdout is not a terminal and COLUMNS is not set (a pipe, a file): long lines,
# no hard wraps, so a line stays one line for grep.
PIPE_WIDTH = 200
# Spaces between two columns of a table drawn without outer edges: the padding after a cell
# and the (blank) rule between them.
_GAP = 2
# A field this short stays on one line in the narrow layout ("rest: 120 s", not "120" and "s").
_SHORT_FIELD = 24
_NBSP = "\u00a0"
# Indent of the fields under an entry's key in the narrow layout.
INDENT = "    "


def terminal_width() -> int:
    """The width to print at: $COLUMNS, else the terminal's, else :data:`PIPE_WIDTH`."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return PIPE_WIDTH


def console() -> Console:
    """A Rich console on the current stdout at :func:`terminal_width` (tests swap stdout)."""
    from rich.console import Console

    return Console(file=sys.stdout, width=terminal_width(), highlight=False, soft_wrap=False)


def emit(renderables: Iterable[RenderableType | str]) -> None:
    """Print to stdout without the padding Rich leaves at the end of lines."""
    out = console()
    with out.capture() as captured:
        for item in renderables:
            out.print(item)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    sys.stdout.write("\n".join(lines) + "\n")


@dataclass(frozen=True)
class Column:
    """A column: its header, whether its cells may wrap (ids and dates may not), its alignment,
    and whether it heads a group of rows (a day of a plan: filled on the group's first row only,
    printed as a heading line of its own in the narrow layout)."""

    header: str
    no_wrap: bool = False
    justify: Literal["left", "right"] = "left"
    group: bool = False


def _narrowest(column: Column, cells: Iterable[str]) -> int:
    # A wrapping cell needs room for its longest word; a cell that may not wrap, for all of it.
    texts = [column.header, *cells]
    if column.no_wrap:
        return max(len(line) for t in texts for line in (t.splitlines() or [""]))
    return max((len(word) for t in texts for word in t.split()), default=0)


def _widest(cells: Iterable[str]) -> int:
    return max((len(line) for t in cells for line in (t.splitlines() or [""])), default=0)


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[int] | None:
    """The width of each column so the table fits ``width`` with every word whole (the widest
    columns give up room first), or None when it cannot fit."""
    least = [_narrowest(c, (r[i] for r in rows)) for i, c in enumerate(columns)]
    widths = [max(_widest([c.header, *(r[i] for r in rows)]), 1) for i, c in enumerate(columns)]
    room = width - _GAP * (len(columns) - 1)
    if sum(least) > room:
        return None
    # One column at a time, the one with the most room to spare gives up a column.
    for _ in range(sum(widths) - room):
        i = max(range(len(widths)), key=lambda k: widths[k] - least[k])
        widths[i] -= 1
    return widths


def fits(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> bool:
    """True when the table can be drawn in ``width`` columns with every word whole."""
    return column_widths(columns, rows, width) is not None


def _table(
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
    for c, w in zip(columns, widths, strict=True):
        # Widths set here, not by Rich: Rich narrows the widest column below its longest word.
        table.add_column(c.header, no_wrap=c.no_wrap, overflow="fold", justify=c.justify, width=w)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _field(header: str, cell: str) -> str:
    text = f"{header}: {' '.join(cell.split())}"
    # textwrap breaks at spaces only, not at no-break spaces: a short field keeps together.
    return text.replace(" ", _NBSP) if len(text) <= _SHORT_FIELD else text


def narrow_lines(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    keys: int = 1,
) -> list[str]:
    """The narrow layout: per row, its first ``keys`` cells on one line, then the other
    non-empty cells as ``header: value``, wrapped under it. The cells of group columns (among
    the keys) make a heading line of their own when filled."""
    lines: list[str] = []
    for row in rows:
        heading = [cell for c, cell in zip(columns[:keys], row, strict=False) if c.group and cell]
        if heading:
            lines.append("  ".join(heading))
        key = [cell for c, cell in zip(columns[:keys], row, strict=False) if not c.group and cell]
        lines.append("  ".join(key))
        fields = [
            _field(c.header, cell)
            for c, cell in zip(columns[keys:], row[keys:], strict=True)
            if cell.strip()
        ]
        if fields:
            wrapped = textwrap.wrap(
                "; ".join(fields),
                width=max(width, 20),
                initial_indent=INDENT,
                subsequent_indent=INDENT,
                break_long_words=False,
                break_on_hyphens=False,
            )
            lines.extend(line.replace(_NBSP, " ") for line in wrapped)
    return lines


def table_or_records(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    keys: int = 1,
    width: int | None = None,
) -> list[RenderableType | str]:
    """What to print for these rows: a table when it fits ``width`` (default: the terminal's),
    else the narrow layout (see :func:`narrow_lines`) under the title."""
    from rich.text import Text

    width = width or terminal_width()
    widths = column_widths(columns, rows, width)
    if widths is not None:
        return [_table(title, columns, rows, widths)]
    head: list[RenderableType | str] = [Text(title, style="italic")] if title else []
    return [*head, *(Text(line) for line in narrow_lines(columns, rows, width, keys=keys))]


def paragraph(text: str) -> RenderableType:
    """A line of prose the console wraps at the terminal's width (never one 600-column line)."""
    from rich.text import Text

    return Text(text)


__all__ = [
    "INDENT",
    "PIPE_WIDTH",
    "Column",
    "column_widths",
    "console",
    "emit",
    "fits",
    "narrow_lines",
    "paragraph",
    "table_or_records",
    "terminal_width",
]
