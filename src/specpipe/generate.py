"""Regenerate the client: overlay → doctor → effective spec → openapi-python-client → swap into place.

Everything is built in a temporary folder first; ``generated/`` is replaced only when every step
succeeded, so a failure never leaves the committed client half-written. ``drift`` builds the same tree
and diffs it against ``generated/`` (the CI gate).
"""

from __future__ import annotations

import difflib
import importlib.metadata
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement

from specpipe import documents, generator
from specpipe.doctor import diagnose
from specpipe.errors import GenerateError, SpecpipeError
from specpipe.extract import extract_info_version
from specpipe.licence import add_client_licence
from specpipe.overlay import apply_overlays, load_overlay
from specpipe.project import (
    CLIENT_DIR_NAME,
    EFFECTIVE_SPEC_NAME,
    VERSION_LEDGER_NAME,
    Project,
    is_build_artefact,
    tree_files,
)
from specpipe.version import Ledger
from specpipe.version import resolve as resolve_version


def _pinned_tools_check() -> dict[str, str]:
    """Refuse to generate with a generator or formatter other than the exact versions pyproject pins.

    The pins live once, in specpipe's own metadata; a different version writes different bytes.
    Returns the pins, which the package version's input digest covers.
    """
    pinned: dict[str, str] = {}
    for requirement in map(Requirement, importlib.metadata.requires("specpipe") or []):
        pins = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        if not pins:
            continue
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != pins[0]:
            raise GenerateError("tools", f"{requirement.name} {installed} is installed; pyproject.toml pins {pins[0]}")
        pinned[requirement.name] = installed
    return pinned


def effective_spec(project: Project, spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` (a vendored document) with the project's overlays applied strictly, doctor-clean."""
    try:
        result = apply_overlays(spec, [load_overlay(path) for path in project.overlays], strict=True)
    except SpecpipeError as exc:
        raise GenerateError("overlay", str(exc)) from exc
    findings = diagnose(result.document)
    if findings:
        listed = "\n  ".join(str(finding) for finding in findings)
        raise GenerateError("doctor", f"the effective spec has {len(findings)} finding(s):\n  {listed}")
    return result.document


def run_generator(project: Project, spec: Path, output: Path, version: str | None = None) -> None:
    """Run the pinned generator with the project's config and templates on ``spec`` into ``output``.

    ``version`` overrides the package version (default: the spec's ``info.version``).
    """
    generator.run(project.generator_config, project.templates, spec, output, version)
    leftovers = [str(path.relative_to(output)) for path in output.rglob("*") if is_build_artefact(Path(path.name))]
    if leftovers:
        raise GenerateError("generator", f"cache folders left in the output: {', '.join(sorted(leftovers))}")


def build(project: Project, destination: Path) -> Ledger:
    """Write a complete ``generated/`` tree (effective spec + client) into the empty ``destination``.

    Returns the version ledger it wrote (the package version and what it was derived from).
    """
    tools = _pinned_tools_check()
    spec = documents.load_mapping(project.vendored_spec)
    upstream = extract_info_version(spec)
    spec_text = documents.dumps(effective_spec(project, spec))
    ledger = resolve_version(project, upstream, spec_text, tools)
    spec_path = destination / EFFECTIVE_SPEC_NAME
    documents.write_atomic(spec_path, spec_text)
    documents.write_atomic(destination / VERSION_LEDGER_NAME, documents.dumps(ledger.as_json()))
    run_generator(project, spec_path, destination / CLIENT_DIR_NAME, ledger.version)
    add_client_licence(project, destination / CLIENT_DIR_NAME)
    return ledger


def _swap_in(new: Path, target: Path) -> None:
    """Replace the folder ``target`` with ``new`` by renames, so it is always one tree or the other."""
    backup = target.with_name(f".{target.name}.old")
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    new.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def generate(project: Project) -> Ledger:
    """``specpipe generate``: rebuild ``generated/`` all or nothing; returns the new version ledger."""
    project.generated.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=project.generated, prefix=".build-") as tmp:
        staging = Path(tmp)
        ledger = build(project, staging)
        _swap_in(staging / CLIENT_DIR_NAME, project.client)
        os.replace(staging / EFFECTIVE_SPEC_NAME, project.effective_spec)
        os.replace(staging / VERSION_LEDGER_NAME, project.version_ledger)
    return ledger


def tree_diff(expected: Path, actual: Path) -> str:
    """A unified diff from the ``actual`` tree to the ``expected`` one; empty when they are equal."""
    expected_files = set(tree_files(expected)) if expected.exists() else set()
    actual_files = set(tree_files(actual)) if actual.exists() else set()
    chunks: list[str] = []
    for relative in sorted(expected_files | actual_files):
        old = (
            (actual / relative).read_text(encoding="utf-8").splitlines(keepends=True)
            if relative in actual_files
            else []
        )
        new = (
            (expected / relative).read_text(encoding="utf-8").splitlines(keepends=True)
            if relative in expected_files
            else []
        )
        if old != new:
            name = relative.as_posix()
            chunks.extend(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))
    return "".join(chunks)


def drift(project: Project) -> str:
    """``specpipe check``: how the committed ``generated/`` differs from a fresh build (empty: none)."""
    with tempfile.TemporaryDirectory(prefix="specpipe-check-") as tmp:
        fresh = Path(tmp)
        build(project, fresh)
        return tree_diff(fresh, project.generated)
