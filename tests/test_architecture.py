"""The import rules of docs/maintainer/architecture.md: import-linter's contracts (pyproject.toml), no import
cycle anywhere (imports under ``TYPE_CHECKING`` count), and every module of specpipe on the page."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "specpipe"
MAP = ROOT / "docs" / "maintainer" / "architecture.md"

configuration.configure()  # what the lint-imports command does first: config readers, graph builder


def cycles(package: str) -> list[list[str]]:
    """Every set of modules that import each other, directly or not (Tarjan's strongly connected components)."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    kept = lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def test_a_broken_layer_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Negative control for the test above: ``errors`` placed above ``documents``, which imports it."""
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "specpipe"\n\n[[tool.importlinter.contracts]]\nid = "upside-down"\n'
        'name = "upside down"\ntype = "layers"\ncontainers = ["specpipe"]\nlayers = ["errors", "documents"]\n',
        encoding="utf-8",
    )
    assert not lint_imports(config_filename=str(config), cache_dir=None, no_logo=True)
    assert "specpipe.documents -> specpipe.errors" in capsys.readouterr().out


def test_no_import_cycle_type_checking_imports_included() -> None:
    assert cycles("specpipe") == []


def test_a_cycle_hidden_behind_type_checking_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control for the test above: ``a`` imports ``b``, and ``b`` imports ``a`` for its types only."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from cyclic import b\n", encoding="utf-8")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from cyclic import a\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "cyclic", raising=False)
    assert cycles("cyclic") == [["cyclic.a", "cyclic.b"]]


def test_every_module_is_on_the_map() -> None:
    text = MAP.read_text(encoding="utf-8")
    modules = {path.stem for path in SOURCE.glob("*.py")} - {"__init__"}
    packages = {path.name for path in SOURCE.iterdir() if (path / "__init__.py").is_file()}
    missing = {name for name in modules if f"`{name}`" not in text} | {
        name for name in packages if f"`{name}/`" not in text
    }
    assert missing == set()
