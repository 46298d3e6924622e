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


def _modules(room: str) -> list[Path]:
    return sorted((SRC / room).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_import_no_edge_and_no_storage(path: Path) -> None:
    # Services reach storage through the ports (services/ports.py), never directly.
    edges = ("strongback.cli", "strongback.web", "strongback.storage", "typer", "rich", "fastapi")
    bad = {n for n in _imports(path) if n.startswith(edges)}
    assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _modules("interchange"), ids=lambda p: p.name)
def test_interchange_imports_no_storage_and_no_edge(path: Path) -> None:
    bad = {
        n
        for n in _imports(path)
        if n.startswith(("strongback.storage", "strongback.services", "strongback.cli"))
        or n.startswith(("strongback.web", "sqlalchemy"))
    }
    assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _modules("cli"), ids=lambda p: p.name)
def test_no_cli_command_commits_or_opens_a_transaction(path: Path) -> None:
    # The use cases own their units of work; the CLI only calls them.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & {"commit", "rollback", "unit_of_work", "begin", "connect"}, path.name
    assert not {n for n in _imports(path) if n.startswith("strongback.storage.")} - {
        "strongback.storage.urls"
    }, path.name


def _packages() -> list[Path]:
    return sorted(p.parent for p in SRC.rglob("__init__.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("package", _packages(), ids=lambda p: str(p.relative_to(SRC.parent)))
def test_each_package_all_names_exactly_what_it_exports(package: Path) -> None:
    import importlib

    dotted = ".".join(package.relative_to(SRC.parent).parts)
    module = importlib.import_module(dotted)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{dotted}/__init__.py has no __all__"
    assert len(exported) == len(set(exported)), f"{dotted}: a name is listed twice"
    missing = [name for name in exported if not hasattr(module, name)]
    assert not missing, f"{dotted} lists names it does not have: {missing}"
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    defined = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("strongback")
        for alias in node.names
    } | {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_")
    }
    unlisted = sorted(
        n for n in defined - set(exported) if not n.startswith("_") and n != "annotations"
    )
    assert not unlisted, f"{dotted} imports or defines public names it does not list: {unlisted}"


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
