"""The layer table of docs/maintainer/architecture.md is what the code does: every specpipe module is in
exactly one layer, and imports only from its own layer and those below it (imports read with ``ast`` by
the same code that writes the site's module map, docs_hooks.py).

Negative control: moving `locations` up to the commands row fails the test (diff.report imports it).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import docs_hooks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "maintainer" / "architecture.md"


def _short(module: str) -> str:
    return module.removeprefix("specpipe.") if module != "specpipe" else module


def _layers() -> list[list[str]]:
    """The module patterns of each row of the layer table, top (command line) to bottom."""
    table = PAGE.read_text(encoding="utf-8").split("| layer |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines()[2:]]
    return [re.findall(r"`([\w.*]+)`", row) for row in rows]


def _layer_of(module: str, layers: list[list[str]]) -> int:
    matches = [index for index, row in enumerate(layers) if any(fnmatch.fnmatchcase(module, p) for p in row)]
    assert len(matches) == 1, f"{module} is in {len(matches)} layers of {PAGE.name}"
    return matches[0]


def test_every_module_imports_only_from_its_layer_and_below() -> None:
    layers = _layers()
    assert len(layers) >= 5
    violations = []
    for path in sorted(docs_hooks.SPECPIPE.rglob("*.py")):
        module = docs_hooks.module_name(path)
        own = _layer_of(_short(module), layers)
        for imported in docs_hooks.imports_of(path, module):
            if _layer_of(_short(imported), layers) < own:
                violations.append(f"{_short(module)} imports {_short(imported)}, a layer above it")
    assert violations == []
