"""Access to ``../shared`` (seed pages, OAI conformance data) that CI lays beside the clone.

Third-party data is read from there, never copied into the repository, and only by tests/conformance/
(``nox -s conformance``): the default suite needs nothing beside the repository. Where it is absent a
conformance test skips with a message naming it, except under ``CI=true``, where absence is a failure:
CI must never go green by skipping the conformance suites.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from specpipe.project import Project, tree_files

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(relative: str, suite: str) -> Path:
    """``../shared/<relative>``, or skip (fail under CI) naming ``suite``."""
    path = SHARED / relative
    if not path.exists():
        message = f"{suite}: {path} is absent (it lives beside the clone, in ../shared)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


SEED_PAGE = "seeds/000_72d470a500cba706.txt"


def shared_cases(relative: str, suite: str, pattern: str = "*") -> list[Any]:
    """pytest params, one per entry of ``../shared/<relative>`` matching ``pattern`` (id: its path there).

    Each value is the path to hand to ``shared_path`` in the test. With nothing to list, one param
    whose ``shared_path`` call skips (fails under CI) naming ``suite``, so absence is never silent.
    """
    folder = SHARED / relative
    matches = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not matches:
        return [pytest.param(f"{relative}/{pattern}", id=f"{suite}: nothing at {relative}/{pattern}")]
    names = [match.relative_to(folder).as_posix() for match in matches]
    return [pytest.param(f"{relative}/{name}", id=name) for name in names]


# What the pipeline reads and writes: a copy of these is a repository the pipeline can run in.
PIPELINE_FILES = (
    "openapi",
    "overlay",
    "generator-config.yaml",
    "generator-lock.txt",
    "templates",
    "generated",
    "CHANGELOG.md",
    "LICENSE",
)


def copy_pipeline(destination: Path) -> Path:
    """Copy the repository's pipeline inputs and committed output into ``destination``.

    Tests that generate or sync run there, never in the working tree.
    """
    for name in PIPELINE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copyfile(source, destination / name)
    return destination


def fingerprint(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` but build artefacts: equal means byte-identical trees."""
    return {
        relative.as_posix(): hashlib.sha256((root / relative).read_bytes()).hexdigest() for relative in tree_files(root)
    }


def local_sources(root: Path, folder: Path, *names: str) -> None:
    """Point the manifest URL of each source named (default: all) at a copy of its vendored document in
    ``folder`` (raw JSON), so a sync in a test reads no network and finds the sources it is not given unchanged."""
    project = Project.at(root)
    manifest = project.manifest.read_text(encoding="utf-8")
    for source in project.sources():
        if names and source.name not in names:
            continue
        copy = folder / f"{source.name}.json"
        shutil.copyfile(project.vendored(source.name), copy)
        manifest = manifest.replace(f"url: {source.url}", f"url: {copy}")
    project.manifest.write_text(manifest, encoding="utf-8")
