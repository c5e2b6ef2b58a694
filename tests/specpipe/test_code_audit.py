"""The audit of a generated package: today's client is clean; each way injected code runs is a finding
with its file and line (each case below is its own negative control: the clean variants next to it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from specpipe.code_audit import _nodes, audit, audit_source, require_clean
from specpipe.errors import GenerateError

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "generated" / "heygen-api-client"

INJECTED = {
    "module-level call": ('x = "a"\nprint("b")\n', 2, "a module-level Expr statement"),
    "dynamic import": ('def f():\n    """d"""\n    __import__("os")\n', 3, "the builtin __import__"),
    "exec": ("def f():\n    return exec\n", 2, "the builtin exec"),
    "open": ('x = "";open("M","w");""\n', 1, "the builtin open"),
    "import": ("def f():\n    import subprocess\n", 2, "an import of subprocess"),
    "os function": ("from os import system\n", 1, "an import of os.system"),
    "os attribute": ("import os\n\n\ndef f():\n    os.system('x')\n", 5, "the attribute os.system"),
    "sys.modules": ("import sys\nm = sys.modules\n", 2, "the attribute sys.modules"),
    "dunder walk": ("x = ().__class__.__base__\n", 1, "the attribute __base__"),
    "not Python": ('"""a""" b\n', 1, "not valid Python"),
    "NUL": ('x = "\x00"\n', 0, "not valid Python"),
    "getattr": ('x = getattr(str, "__base__")\n', 1, "the attribute __base__ (named by a string)"),
    "subscript": ('def f(g):\n    return g["__builtins__"]\n', 2, "the attribute __builtins__ (named by a string)"),
    "frame globals": ("import sys\n\n\ndef f():\n    return sys._getframe().f_globals\n", 5, "the attribute f_globals"),
    "module-level loop": ("for x in []:\n    pass\n", 1, "a module-level For statement"),
}
LEGITIMATE = {
    "type-checking imports": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .models import A\n",
    "attribute docstring": 'X = "a"\n"""What X is."""\n',
    "own setup call": "def _setup() -> None:\n    pass\n\n\n_setup()\n",
    "optional attribute": 'def f(x: object) -> object:\n    return getattr(x, "_request", None)\n',
    "environment": "import os\n\n\ndef f() -> str:\n    return os.environ.get('X', '')\n",
}


def test_the_committed_client_is_clean() -> None:
    assert audit(CLIENT / "heygen_api_client") == []
    require_clean(CLIENT)


@pytest.mark.parametrize("case", INJECTED)
def test_injected_code_is_a_finding_with_its_line(case: str) -> None:
    source, line, what = INJECTED[case]
    assert any(finding.startswith(f"m.py:{line}: {what}") for finding in audit_source(source, "m.py")), case


@pytest.mark.parametrize("case", LEGITIMATE)
def test_what_templates_write_is_not(case: str) -> None:
    assert audit_source(LEGITIMATE[case], "m.py") == []


def test_require_clean_lists_every_finding_and_skips_build_leftovers(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("import shutil\neval\n", encoding="utf-8")
    leftover = tmp_path / ".pdm-build" / "pkg"
    leftover.mkdir(parents=True)
    (leftover / "__init__.py").write_text("import shutil\n", encoding="utf-8")
    with pytest.raises(GenerateError) as refused:
        require_clean(tmp_path)
    message = str(refused.value)
    assert "step 'audit'" in message
    assert f"{package / '__init__.py'}:1: an import of shutil" in message
    assert f"{package / '__init__.py'}:2: the builtin eval" in message
    assert ".pdm-build" not in message


def test_the_walk_reaches_every_node_ast_walk_does() -> None:
    """Negative control: a walk that skips list fields (bodies, arguments) misses most nodes here."""
    for path in sorted((CLIENT / "heygen_api_client").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert sorted(map(id, _nodes(tree))) == sorted(map(id, ast.walk(tree))), path.name


def test_a_source_audited_before_is_reported_under_each_name() -> None:
    """The findings are kept per source text; the file they are reported in is each call's."""
    source = "import shutil\n"
    assert audit_source(source, "a.py") == ["a.py:1: an import of shutil no API document can produce"]
    assert audit_source(source, "b.py") == ["b.py:1: an import of shutil no API document can produce"]
