"""A structural audit of a generated package: what no API document can legitimately make it contain.

A backstop behind the templates' escaping, not a proof: document text that escaped a string literal or
a docstring shows up as a statement, and what an attack wants a statement for is running a program,
touching files or reaching interpreter internals. So, in every module:

- module level holds only imports, definitions, assignments, docstrings, ``if TYPE_CHECKING:`` and
  argument-less calls of the module's own functions (``_log_from_env()``);
- no module that runs programs, touches files or loads code is imported;
- no builtin that evaluates code, opens files or reaches the interpreter's namespaces is named;
- no dunder attribute is read outside the few the templates use (also not by ``getattr`` or a subscript
  with a constant name), nor a frame's globals, nor an ``os``/``sys`` attribute outside theirs.

Written by hand: linters (ruff's bandit rules) judge a style, not "could a template have produced this".
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from specpipe.errors import GenerateError

_MODULE_LEVEL = (
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Assign,
    ast.AnnAssign,
)
_DENIED_MODULES = frozenset(
    {
        "_posixsubprocess", "builtins", "code", "codeop", "ctypes", "fileinput", "glob", "importlib", "marshal",
        "multiprocessing", "pathlib", "pdb", "pickle", "posix", "nt", "pty", "runpy", "shelve", "shutil",
        "subprocess", "tempfile", "webbrowser",
    }
)  # fmt: skip
_DENIED_NAMES = frozenset(
    {
        "__builtins__", "__import__", "__loader__", "__spec__", "breakpoint", "compile", "delattr", "eval", "exec",
        "globals", "input", "locals", "open", "setattr", "vars",
    }
)  # fmt: skip
_DUNDERS = frozenset(
    {
        "__aenter__", "__aexit__", "__all__", "__await__", "__cause__", "__class__", "__dict__", "__doc__", "__enter__", "__exit__",
        "__init__", "__module__", "__name__", "__new__", "__qualname__", "__version__",
    }
)  # fmt: skip
# Interpreter internals reachable from a frame, a function or a generator: the way around a denied name.
_INTERNALS = frozenset({"cr_frame", "f_builtins", "f_globals", "gi_frame", "tb_frame"})
# The attributes of these modules the templates use; any other (os.system, sys.modules) is a finding.
_MODULE_ATTRIBUTES = {
    "os": frozenset({"environ", "getenv", "getpid", "register_at_fork"}),
    "sys": frozenset({"_getframe", "platform", "stderr", "stdout", "version_info"}),
}


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_type_checking(statement: ast.stmt) -> bool:
    test = statement.test if isinstance(statement, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_own_setup_call(statement: ast.stmt, defined: set[str]) -> bool:
    """``_log_from_env()``: a call, without arguments, of a function the module itself defines."""
    call = statement.value if isinstance(statement, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id in defined
        and not call.args
        and not call.keywords
    )


def _module_level(body: list[ast.stmt]) -> Iterator[tuple[int, str]]:
    defined = {statement.name for statement in body if isinstance(statement, ast.FunctionDef)}
    for statement in body:
        if _is_type_checking(statement):
            assert isinstance(statement, ast.If)
            yield from _module_level(statement.body + statement.orelse)
        elif not (
            isinstance(statement, _MODULE_LEVEL) or _is_docstring(statement) or _is_own_setup_call(statement, defined)
        ):
            yield statement.lineno, f"a module-level {type(statement).__name__} statement"


def _imported(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif node.level == 0 and node.module is not None:
        yield node.module
        yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _denied_attribute(name: str) -> bool:
    return (name.startswith("__") and name not in _DUNDERS) or name in _INTERNALS or name in _DENIED_NAMES


def _constant_name(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _by_name(node: ast.AST) -> str | None:
    """The attribute or key a ``getattr``/``hasattr`` call or a subscript names by a string constant."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"getattr", "hasattr"}:
        return _constant_name(node.args[1]) if len(node.args) > 1 else None
    if isinstance(node, ast.Subscript):
        return _constant_name(node.slice)
    return None


def _nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree``, as ``ast.walk`` (in another order), without its per-node generators:
    the walk was most of the audit's time (bench/regeneration.py)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                stack.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)


def _import_findings(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[int, str]]:
    for name in _imported(node):
        top, _, rest = name.partition(".")
        allowed = _MODULE_ATTRIBUTES.get(top)
        if top in _DENIED_MODULES or (allowed is not None and rest and rest.split(".")[0] not in allowed):
            yield node.lineno, f"an import of {name}"
            return


def _attribute_findings(node: ast.Attribute) -> Iterator[tuple[int, str]]:
    if _denied_attribute(node.attr):
        yield node.lineno, f"the attribute {node.attr}"
    elif isinstance(node.value, ast.Name) and node.attr not in _MODULE_ATTRIBUTES.get(node.value.id, {node.attr}):
        yield node.lineno, f"the attribute {node.value.id}.{node.attr}"


def _by_name_findings(node: ast.Call | ast.Subscript) -> Iterator[tuple[int, str]]:
    named = _by_name(node)
    if named is not None and _denied_attribute(named):
        yield node.lineno, f"the attribute {named} (named by a string)"


def _name_findings(node: ast.Name) -> Iterator[tuple[int, str]]:
    if node.id in _DENIED_NAMES:
        yield node.lineno, f"the builtin {node.id}"


# The node types a finding can be about, each with its check; any other node is only walked through.
_CHECKS: dict[type[ast.AST], Callable[[Any], Iterator[tuple[int, str]]]] = {
    ast.Import: _import_findings,
    ast.ImportFrom: _import_findings,
    ast.Attribute: _attribute_findings,
    ast.Call: _by_name_findings,
    ast.Subscript: _by_name_findings,
    ast.Name: _name_findings,
}


def _node_findings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in _nodes(tree):
        check = _CHECKS.get(type(node))
        if check is not None:
            yield from check(node)


@functools.lru_cache(maxsize=512)
def _findings(source: str) -> tuple[tuple[int, str], ...]:
    """One module's findings by line, kept per source text for the process: ``check`` audits the committed
    client and then a fresh build of the same bytes, and tests build the same client many times."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:
        return ((getattr(exc, "lineno", 0) or 0, f"not valid Python ({type(exc).__name__})"),)
    found = sorted({*_module_level(tree.body), *_node_findings(tree)})
    return tuple((line, f"{what} no API document can produce") for line, what in found)


def audit_source(source: str, filename: str) -> list[str]:
    """The findings in one module's source, each as ``file:line: what``."""
    return [f"{filename}:{line}: {what}" for line, what in _findings(source)]


def audit(package: Path) -> list[str]:
    """The findings in every module under ``package`` (a generated client's folder), in file order."""
    findings: list[str] = []
    for path in sorted(package.rglob("*.py")):
        findings += audit_source(path.read_text(encoding="utf-8", errors="replace"), str(path))
    return findings


def require_clean(client: Path) -> None:
    """Refuse (``GenerateError``, step ``audit``) a generated client with any finding, listing them all.

    Only its packages (folders beside ``pyproject.toml`` with an ``__init__.py``) are read: build
    leftovers (``.pdm-build/``, ``dist/``) hold copies that the drift gate ignores too.
    """
    findings = [finding for init in sorted(client.glob("*/__init__.py")) for finding in audit(init.parent)]
    if findings:
        listed = "\n  ".join(findings)
        raise GenerateError("audit", f"{client} holds code no API document can produce:\n  {listed}")
