"""Every command example of the README and the documentation runs as written.

The ``strongback ...`` lines of each page's code blocks run in order against a scratch database
of that page, in a folder that holds the files they name (the sample exports under those names).
An example exits 0, unless the block shows the ``error:`` line it prints (then it exits 2 with
exactly that line) or its comment says ``exit N``. Synopses (``[--json]``, ``ID``, ``FILE | ...``)
are not examples. A PostgreSQL URL in an example stands for the scratch database.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
EXIT = re.compile(r"\bexit (\d+)\b")
PLACEHOLDER = re.compile(r"^[A-Z]+$")

STRONG = sample("strong", "ys-math")
STRONG_LB = sample("strong", "eliah3")
HEVY = sample("hevy", "kg-km")
HEVY_RESAVED = sample("hevy", "resaved")
FITNOTES = sample("fitnotes", "FitNotes_Export")
# The files the examples name, and what each one is.
FILES = {
    "~/Downloads/strong.csv": STRONG,
    "~/Downloads/strong_workouts.csv": STRONG_LB,
    "workouts.csv": HEVY,
    "resaved.csv": HEVY_RESAVED,
    "export.csv": STRONG,
    "strong.csv": STRONG,
    "FitNotes_Export.csv": FITNOTES,
}
_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501


def _row(n: int, weight: str = "40", notes: str = "") -> str:
    return f"2026-01-05 18:00:00,Pull,1h,Lat Pulldown (Cable),{n},{weight},10,,,{notes},,\n"


# The broken files of the import errors the documentation shows, broken where it says.
BROKEN = {
    "bad.csv": _HEADER + "".join(_row(n) for n in range(1, 300)) + _row(300, "ten"),
    "big.csv": _HEADER + _row(1) + _row(2, "1e308"),
    "header-only.csv": _HEADER,
    "cut.csv": _HEADER + _row(1, notes='"felt go').removesuffix(",,\n"),
}


@dataclass(frozen=True)
class Example:
    """One command of a page: where it is, its words, the exit code and error line expected."""

    where: str
    argv: tuple[str, ...]
    exit_code: int
    error: str | None
    stdout_to: str | None


def _command(lines: list[str], i: int) -> tuple[str, int]:
    text = lines[i].strip().removeprefix("$ ")
    while text.endswith("\\") and i + 1 < len(lines):
        i += 1
        text = text[:-1].rstrip() + " " + lines[i].strip()
    return text, i


def _example(where: str, text: str, following: str) -> Example | None:
    comment = text.split(" #", 1)[1] if " #" in text else ""
    words = shlex.split(text, comments=True)
    if any(w.startswith(("[", "(")) or w == "|" or PLACEHOLDER.match(w) for w in words):
        return None  # a synopsis, not an example
    stdout_to = None
    if ">" in words:
        stdout_to = words[words.index(">") + 1]
        words = words[: words.index(">")]
    error = following.strip() if following.strip().startswith("error:") else None
    found = EXIT.search(comment)
    code = int(found.group(1)) if found else 2 if error else 0
    return Example(where, tuple(words[1:]), code, error, stdout_to)


def examples(page: Path) -> list[Example]:
    """The examples of one page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Example] = []
    inside, i = False, 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            inside = not inside
        elif inside and lines[i].strip().removeprefix("$ ").startswith("strongback "):
            start = i
            text, i = _command(lines, i)
            following = lines[i + 1] if i + 1 < len(lines) else ""
            found = _example(f"{page.relative_to(ROOT)}:{start + 1}", text, following)
            if found is not None:
                out.append(found)
        i += 1
    return out


def test_the_examples_are_found_and_synopses_are_left_out() -> None:
    found = {e.where.split(":")[0]: e for p in PAGES for e in examples(p)}
    assert "README.md" in found and "docs/commands/log.md" in found
    catalog = [e.argv for e in examples(ROOT / "docs" / "commands" / "catalog.md")]
    assert ("catalog", "show", "face-pull") in catalog
    assert not any("[--json]" in a or "ID" in a for a in catalog)
    strict = [e for e in examples(ROOT / "docs" / "commands" / "plan.md") if "--strict" in e.argv]
    assert strict and strict[0].exit_code == 3


def _argv(example: Example, home: Path, scratch: str) -> list[str]:
    argv = []
    for word in example.argv:
        if word.startswith("postgresql"):
            word = scratch  # the scratch database stands for the example's server
        argv.append(str(home / word[2:]) if word.startswith("~/") else word)
    return argv


def _prepare(folder: Path, home: Path) -> None:
    for name, source in FILES.items():
        target = home / name[2:] if name.startswith("~/") else folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("page", [p for p in PAGES if examples(p)], ids=lambda p: p.name)
def test_every_example_of_the_page_runs_as_written(
    page: Path, run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path.home()
    monkeypatch.chdir(tmp_path)
    _prepare(tmp_path, home)
    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    for example in examples(page):
        result = run_cli(_argv(example, home, scratch), db_url=scratch, input="n\n")
        said = f"{example.where}: strongback {' '.join(example.argv)}\n{result.stderr}"
        assert result.exit_code == example.exit_code, said
        if example.error is not None:
            assert result.stderr.strip().splitlines() == [example.error], said
        if example.stdout_to is not None:
            (tmp_path / example.stdout_to).write_text(result.stdout, encoding="utf-8")
