"""Regeneration: ``specpipe generate`` end to end versus a bare ``openapi-python-client generate``.

The bare run gets the same effective spec (generated/openapi.json) and generator config, with the
generator's own templates: ours read the document's facts from the ``spec`` global only specpipe
provides (issue 23), so the bare generator cannot render them. The ratio is what the pipeline adds:
overlay, doctor, the template facts, our templates and runtime copies, the code audit, version ledger,
staging and the swap into place. Both run in a temporary copy of the repository, so the committed generated/ is never touched;
runs alternate, and the figure is the median. Goal: at most 1.3x.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import measure
from measure import Row

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
GOAL = 1.3
_NOT_COPIED = shutil.ignore_patterns(".git", ".nox", ".venv", "*cache*", ".hypothesis", "__pycache__", "build", "dist")


def _run(command: list[str], cwd: Path, pycache: Path) -> float:
    # The generator's post hooks call `ruff`: take it from this interpreter's environment. Both commands
    # write and reuse bytecode in `pycache`, whatever PYTHONDONTWRITEBYTECODE says: the editable specpipe
    # would otherwise recompile its modules on every run while site-packages' generator has its .pyc files.
    env = {
        **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPYCACHEPREFIX": str(pycache),
    }
    seconds = measure.timed(lambda: subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True))
    return seconds


def specpipe_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "specpipe", "generate", "--root", str(root)]


def bare_command(root: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "openapi_python_client", "generate",
        "--path", str(root / "generated" / "openapi.json"),
        "--config", str(root / "generator-config.yaml"),
        "--meta", "pdm",
        "--output-path", str(output),
    ]  # fmt: skip


def run() -> list[Row]:
    specpipe: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-regeneration-") as folder:
        root = Path(folder) / "repo"
        shutil.copytree(ROOT, root, ignore=_NOT_COPIED)
        for index in range(RUNS + 1):  # the first pair warms the file cache and the bytecode caches
            spent = _run(specpipe_command(root), root, Path(folder) / "pycache")
            plain = _run(bare_command(root, Path(folder) / f"bare-{index}"), root, Path(folder) / "pycache")
            if index:
                specpipe.append(spent)
                bare.append(plain)
    return [
        Row(
            "regeneration",
            f"specpipe generate, median of {RUNS}",
            statistics.median(specpipe),
            statistics.median(bare),
            "s",
            "bare openapi-python-client generate",
            GOAL,
        )
    ]


if __name__ == "__main__":
    measure.main(run, __doc__)
