"""The runtime depends on nothing document-specific: it imports only itself, the standard library and the
client's declared dependencies (never ``client``, ``models``, ``api`` or ``resources``, which templates render)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parents[3] / "templates" / "runtime"
# The generated package's runtime dependencies and its aiohttp extra (templates/pyproject_pdm.toml.jinja).
DEPENDENCIES = frozenset({"httpx", "httpcore", "attrs", "httpx_retries", "anyio", "httpx_aiohttp", "aiohttp"})


def _problems(source: str) -> list[str]:
    siblings = {path.stem for path in RUNTIME.glob("*.py")}
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            problems += [f"line {node.lineno}: .{name}" for name in names if name.split(".")[0] not in siblings]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            top = node.module.split(".")[0]
            if top not in sys.stdlib_module_names and top not in DEPENDENCIES:
                problems.append(f"line {node.lineno}: {node.module}")
        elif isinstance(node, ast.Import):
            problems += [
                f"line {node.lineno}: {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] not in sys.stdlib_module_names | DEPENDENCIES
            ]
    return problems


@pytest.mark.parametrize("module", sorted(path.name for path in RUNTIME.glob("*.py")))
def test_a_runtime_module_imports_only_the_runtime_and_dependencies(module: str) -> None:
    assert _problems((RUNTIME / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    ["from .client import API_KEY_ENV", "from . import models", "import heygen_api_client", "from specpipe import x"],
)
def test_the_check_sees_a_document_specific_import(line: str) -> None:
    """The negative control of the test above."""
    assert _problems(line + "\n") != []
