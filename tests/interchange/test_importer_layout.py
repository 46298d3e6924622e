"""The shape of the interchange package: importers import no storage, modules stay short, and
every plug-in is one module listed once in the registry."""

from __future__ import annotations

import ast
from pathlib import Path

import strongback.interchange as interchange
from strongback.interchange.importers import registry

ROOT = Path(interchange.__file__).parent
IMPORTERS = ROOT / "importers"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """The modules a file imports outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_interchange_module_imports_storage_services_or_cli() -> None:
    for path in _modules(ROOT):
        for name in _imported(path):
            assert not name.startswith(
                ("strongback.storage", "strongback.services", "strongback.cli")
            ), f"{path.name} imports {name}"


def test_no_interchange_module_is_over_500_lines() -> None:
    for path in _modules(ROOT):
        assert path.read_text(encoding="utf-8").count("\n") <= MAX_MODULE_LINES, path.name


def test_importer_modules_and_functions_stay_short() -> None:
    for path in _modules(IMPORTERS):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= MAX_MODULE_LINES, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= MAX_FUNCTION_LINES, f"{path.name}: {node.name} {length} lines"


def test_every_plug_in_is_one_module_named_in_the_registry() -> None:
    modules = {type(i).__module__.rsplit(".", 1)[1] for i in registry.IMPORTERS}
    assert modules == set(registry.names())
    for name in registry.names():
        assert (IMPORTERS / f"{name}.py").is_file()
