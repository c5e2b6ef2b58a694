"""MkDocs hooks: the parts of the site written from the code at build time, so they cannot drift from it.

- ``<!-- specpipe-checks -->`` in a page becomes the table ``specpipe diff --list-checks`` prints.
- ``<!-- specpipe-modules -->`` becomes the map of ``src/specpipe``: each module, its docstring's first
  line and the specpipe modules it imports, read from the source with ``ast``.
- After the build, ``$MERMAID_JS`` (a mermaid.min.js the ``docs`` nox session takes from the npm
  registry) is copied to ``javascripts/mermaid.min.js``, so the diagrams render with no network.

Nothing here is committed output: the build writes it into ``site_dir`` only.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SPECPIPE = ROOT / "src" / "specpipe"
CHECKS = "<!-- specpipe-checks -->"
MODULES = "<!-- specpipe-modules -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def checks_table() -> str:
    """The diff's checks, one row each, as ``specpipe diff --list-checks`` (this tree's) prints them."""
    completed = subprocess.run(
        [sys.executable, "-m", "specpipe", "diff", "--list-checks"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    rows = [line.split("\t") for line in completed.stdout.splitlines() if line.strip()]
    lines = ["| id | level | origin | status |", "| --- | --- | --- | --- |"]
    lines += [f"| `{row[0]}` | {row[1]} | {row[2]} | {_cell(row[3])} |" for row in rows]
    return "\n".join(lines)


def module_name(path: Path) -> str:
    parts = path.relative_to(SPECPIPE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, module: str) -> set[str]:
    """The specpipe modules ``path`` imports, absolute or relative, at any depth of its body."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "specpipe")
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            target = ".".join(filter(None, [base, node.module or ""]))
            if target.split(".")[0] != "specpipe":
                continue
            # `from . import x` names a submodule when there is one.
            submodules = [f"{target}.{alias.name}" for alias in node.names]
            modules = {name for name in submodules if _source(name) is not None}
            found.update(modules or {target})
    found.discard(module)
    return found


def _source(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for candidate in (SPECPIPE / relative.with_suffix(".py"), SPECPIPE / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def modules_table() -> str:
    lines = ["| module | what it is for | imports (specpipe) |", "| --- | --- | --- |"]
    for path in sorted(SPECPIPE.rglob("*.py")):
        module = module_name(path)
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        summary = " ".join(docstring.split("\n\n", 1)[0].split())
        imports = ", ".join(f"`{name.removeprefix('specpipe.')}`" for name in sorted(imports_of(path, module)))
        lines.append(f"| `{module}` | {_cell(summary)} | {imports or '—'} |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, **_: Any) -> str:
    if CHECKS in markdown:
        markdown = markdown.replace(CHECKS, checks_table())
    if MODULES in markdown:
        markdown = markdown.replace(MODULES, modules_table())
    return markdown


def on_post_build(config: Any, **_: Any) -> None:
    mermaid = os.environ.get("MERMAID_JS")
    if mermaid:
        target = Path(config["site_dir"]) / "javascripts" / "mermaid.min.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(mermaid, target)
