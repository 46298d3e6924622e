"""The house rules that keep the domain pure and the CLI fast."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "strongback"
OUTWARD = (
    "strongback.storage",
    "strongback.interchange",
    "strongback.services",
    "strongback.cli",
    "strongback.web",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "typer",
    "rich",
    "fastapi",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((SRC / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_module_imports_nothing_from_adapters(path: Path) -> None:
    bad = {n for n in _imports(path) if n.startswith(OUTWARD)}
    assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_help_and_version_import_no_heavy_library() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from strongback.cli.app import app;"
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output;"
        "r = CliRunner().invoke(app, ['--version']); assert r.exit_code == 0, r.output;"
        "heavy = [m for m in ('ortools', 'sqlalchemy', 'fastapi', 'matplotlib', 'pandas',"
        " 'alembic', 'psycopg') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"heavy modules imported at start-up: {out.stdout.strip()}"


def test_domain_package_exports_every_name_it_lists() -> None:
    import strongback.domain as domain

    missing = [name for name in domain.__all__ if getattr(domain, name, None) is None]
    assert not missing
