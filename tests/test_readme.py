"""The README leads with the two commands a newcomer needs, stays short, and points only at files
that exist; every page the documentation site lists exists too."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MKDOCS = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
INLINE_CODE = re.compile(r"`+[^`]*`+")
NAV_PAGE = re.compile(r"^\s*-\s*(?:[^:\n]+:\s*)?([\w./-]+\.md)\s*$")


def _code_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each code block (fenced, or indented after a blank line) as (first line index, its lines)."""
    blocks: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            start, body = i, []
            i += 1
            while i < len(lines) and not FENCE.match(lines[i]):
                body.append(lines[i])
                i += 1
            blocks.append((start, body))
        elif lines[i].startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip()):
            start, body = i, []
            while i < len(lines) and (lines[i].startswith(("    ", "\t")) or not lines[i].strip()):
                body.append(lines[i].strip())
                i += 1
            blocks.append((start, [line for line in body if line]))
            continue
        i += 1
    return blocks


def _prose(lines: list[str]) -> list[str]:
    """The lines outside code blocks, with inline code removed (links in code are not links)."""
    inside = {i for start, body in _code_blocks(lines) for i in range(start, start + len(body) + 2)}
    return [INLINE_CODE.sub("", line) for i, line in enumerate(lines) if i not in inside]


def _relative_targets(markdown: str) -> list[str]:
    """Every link target in the text that points at a file of the repository (anchors dropped)."""
    targets: list[str] = []
    for line in _prose(markdown.splitlines()):
        found = INLINE_LINK.findall(line)
        ref = REFERENCE_LINK.match(line)
        if ref:
            found.append(ref.group(1))
        for target in found:
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
                continue  # a URL (https:, mailto:) or an anchor on the same page
            targets.append(target.split("#", 1)[0])
    return targets


def _missing_targets(markdown_file: Path) -> list[str]:
    base = markdown_file.parent
    text = markdown_file.read_text(encoding="utf-8")
    return [t for t in _relative_targets(text) if not (base / t).exists()]


def _nav_pages() -> list[str]:
    """The pages named in mkdocs.yml's nav, relative to docs/."""
    pages: list[str] = []
    in_nav = False
    for line in MKDOCS.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\S", line):
            in_nav = line.startswith("nav:")
            continue
        match = NAV_PAGE.match(line)
        if in_nav and match:
            pages.append(match.group(1))
    return pages


def test_readme_opens_with_make_run_and_make_test_before_any_other_code_block() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    blocks = _code_blocks(lines)
    assert blocks, "the README has no code block"
    start, body = blocks[0]
    commands = [line.split("#", 1)[0].strip() for line in body if line.strip()]
    assert commands == ["make run", "make test"]
    before = [line for line in lines[:start] if line.strip()]
    assert before == [lines[0]] and lines[0].startswith("# "), "only the title comes before them"


def test_readme_is_under_250_lines() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 250


def test_every_relative_link_in_the_readme_exists() -> None:
    assert _relative_targets(README.read_text(encoding="utf-8")), "the README links to no docs"
    assert _missing_targets(README) == []


def test_every_page_listed_in_mkdocs_yml_exists() -> None:
    pages = _nav_pages()
    assert "index.md" in pages
    assert [page for page in pages if not (DOCS / page).is_file()] == []


def test_every_page_in_docs_is_listed_in_mkdocs_yml() -> None:
    listed = set(_nav_pages())
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert sorted(on_disk - listed) == []


def test_link_check_reports_a_missing_target_and_ignores_urls_anchors_and_code(
    tmp_path: Path,
) -> None:
    (tmp_path / "here.md").write_text("# Here\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "[ok](here.md#here) [gone](gone.md) [web](https://example.org/x.md) [top](#top)\n"
        "`[not a link](code.md)`\n\n```\n[inside](fence.md)\n```\n\n[ref]: missing/ref.md\n",
        encoding="utf-8",
    )
    assert _missing_targets(page) == ["gone.md", "missing/ref.md"]
