"""Regenerate the client: overlay → doctor → effective spec → openapi-python-client → swap into place.

Everything is built in the transaction's staging area first (``specpipe.transaction``); ``generated/``
is replaced only when every step succeeded, so a failure or a kill never leaves the committed client
half-written, and build leftovers the client's ``.gitignore`` lists are carried into the new tree.
``drift`` builds the same tree and diffs it against ``generated/`` (the CI gate), leftovers aside.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pathspec
from packaging.requirements import Requirement

from specpipe import code_audit, documents, generator, transaction
from specpipe.doctor import diagnose, upstream_claims
from specpipe.errors import GenerateError, SpecpipeError
from specpipe.gc_pause import paused_gc
from specpipe.licence import add_client_licence
from specpipe.merge_sources import merge_documents, source_versions
from specpipe.overlay import apply_overlays, load_overlay
from specpipe.project import (
    CLIENT_DIR_NAME,
    EFFECTIVE_SPEC_NAME,
    VERSION_LEDGER_NAME,
    Project,
    is_build_artefact,
    leftover_rules,
    split_tree,
)
from specpipe.slice import slice_document
from specpipe.sources import Source
from specpipe.transaction import Transaction
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


Vendored = Mapping[str, dict[str, Any]]


def load_vendored(project: Project, sources: list[Source] | None = None) -> dict[str, dict[str, Any]]:
    """Every source's committed vendored document, by source name."""
    return {
        source.name: documents.load_mapping(project.vendored(source.name)) for source in sources or project.sources()
    }


def sliced(project: Project, source: Source, document: dict[str, Any]) -> dict[str, Any]:
    """One source's published document, title-checked and sliced to its manifest's operations."""
    where = project.vendored(source.name)
    if (title := documents.info_title(document)) != source.title:
        raise GenerateError("sources", f"{where}: carries info.title {title!r}, the manifest says {source.title!r}")
    if source.operations is None:
        return document
    try:
        return slice_document(document, source.operations, str(where))
    except SpecpipeError as exc:
        raise GenerateError("slice", str(exc)) from exc


def source_spec(project: Project, source: Source, document: dict[str, Any], overlays: list[Path]) -> dict[str, Any]:
    """One source's document as it enters the merge: sliced to its manifest's operations, then overlaid.

    Sliced first, so the overlay patches exactly what the client ships and an action aimed at an
    operation the slice drops fails (strictly) instead of patching nothing.
    """
    document = sliced(project, source, document)
    try:
        return apply_overlays(document, [load_overlay(path) for path in overlays], strict=True).document
    except SpecpipeError as exc:
        raise GenerateError("overlay", f"source {source.name}: {exc}") from exc


@paused_gc()
def effective_spec(project: Project, vendored: Vendored) -> dict[str, Any]:
    """The sources' documents (by name), each sliced and overlaid on its own, merged, doctor-clean.

    What only an overlay may claim (``upstream_claims``) is refused in each published document first.
    The collector is paused throughout (``specpipe.gc_pause``), the merge included: with 10 sources x
    2,000 operations alive, its rescans were 90 % of the merge's time (bench/sources.py).
    """
    sources = project.sources()
    overlays = project.overlays_by_source(sources)
    claims = [finding for source in sources for finding in upstream_claims(vendored[source.name])]
    parts = [
        (source.name, source_spec(project, source, vendored[source.name], overlays[source.name])) for source in sources
    ]
    try:
        merged = merge_documents(parts)
    except SpecpipeError as exc:
        raise GenerateError("merge", str(exc)) from exc
    findings = claims + diagnose(merged)
    if findings:
        listed = "\n  ".join(str(finding) for finding in findings)
        raise GenerateError("doctor", f"the effective spec has {len(findings)} finding(s):\n  {listed}")
    return merged


def run_generator(project: Project, spec: Path, output: Path, version: str | None = None) -> None:
    """Run the pinned generator with the project's config and templates on ``spec`` into ``output``.

    ``version`` overrides the package version (default: the spec's ``info.version``).
    """
    generator.run(project.generator_config, project.templates, spec, output, version)
    leftovers = [str(path.relative_to(output)) for path in output.rglob("*") if is_build_artefact(Path(path.name))]
    if leftovers:
        raise GenerateError("generator", f"cache folders left in the output: {', '.join(sorted(leftovers))}")


def build(project: Project, destination: Path, vendored: Vendored | None = None, version: str | None = None) -> Ledger:
    """Write a complete ``generated/`` tree (effective spec + client) into the empty ``destination``.

    ``vendored`` are the sources' documents to build from (default: the committed ones; sync passes the
    new ones before they are committed); ``version`` the client version (default: the ledger's; release
    passes the next one). Returns the version ledger it wrote.
    """
    tools = _pinned_tools_check()
    spec = effective_spec(project, vendored if vendored is not None else load_vendored(project))
    spec_text = documents.dumps(spec)
    ledger = resolve_version(
        project, spec["info"]["version"], source_versions(spec["info"]["version"]), spec_text, tools
    )
    if version is not None:
        ledger = replace(ledger, version=version)
    spec_path = destination / EFFECTIVE_SPEC_NAME
    documents.write_atomic(spec_path, spec_text)
    documents.write_atomic(destination / VERSION_LEDGER_NAME, documents.dumps(ledger.as_json()))
    run_generator(project, spec_path, destination / CLIENT_DIR_NAME, ledger.version)
    code_audit.require_clean(destination / CLIENT_DIR_NAME)
    add_client_licence(project, destination / CLIENT_DIR_NAME)
    return ledger


def stage(
    project: Project, changes: Transaction, vendored: Vendored | None = None, version: str | None = None
) -> tuple[Ledger, Path]:
    """Build the new ``generated/`` in the transaction's staging area and stage its three parts.

    Returns the new ledger and the staged client (for sync's API diff before anything is committed).
    """
    workspace = changes.scratch()
    ledger = build(project, workspace, vendored, version)
    client = workspace / CLIENT_DIR_NAME
    changes.add(project.client, client)
    changes.add(project.effective_spec, workspace / EFFECTIVE_SPEC_NAME)
    changes.add(project.version_ledger, workspace / VERSION_LEDGER_NAME)
    return ledger, client


def require_inputs(project: Project, step: str) -> None:
    """Fail (naming what is missing) before anything is created when run from the wrong folder."""
    project.require(step, project.manifest, project.generator_config)
    project.require(step, *(project.vendored(source.name) for source in project.sources()))


def generate(project: Project) -> Ledger:
    """``specpipe generate``: rebuild ``generated/`` all or nothing; returns the new version ledger."""
    require_inputs(project, "generate")
    with transaction.begin(project.root, "generate", "specpipe generate") as changes:
        ledger, _ = stage(project, changes)
    return ledger


def regenerate(project: Project) -> list[Path]:
    """``generate``, returning the files of ``generated/`` it changed (added, rewritten or removed), so the
    command can say truthfully whether anything changed; build leftovers are not counted."""
    before = _digests(project.generated)
    generate(project)
    after = _digests(project.generated)
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def _digests(generated: Path) -> dict[Path, str]:
    if not generated.is_dir():  # none yet, or a file in its place (generate names that error)
        return {}
    rules = leftover_rules(generated / CLIENT_DIR_NAME)
    return {
        path: hashlib.sha256((generated / path).read_bytes()).hexdigest() for path in _output_files(generated, rules)
    }


def _output_files(generated: Path, rules: pathspec.GitIgnoreSpec) -> set[Path]:
    """The files of a ``generated/`` tree but the client's build leftovers (what ``rules`` ignore in it)."""
    prefix = f"{CLIENT_DIR_NAME}/"

    def leftover(path: str) -> bool:
        return path.startswith(prefix) and len(path) > len(prefix) and rules.match_file(path[len(prefix) :])

    return set(split_tree(generated, leftover)[0]) if generated.is_dir() else set()


def _lines(data: bytes | None) -> list[str]:
    return data.decode("utf-8").splitlines(keepends=True) if data is not None else []


def tree_diff(expected: Path, actual: Path) -> str:
    """A unified diff from the ``actual`` tree to the ``expected`` one; empty when they are equal.

    What the expected client's ``.gitignore`` ignores (build and install leftovers) is not compared;
    any other extra or missing file is a difference (``/dev/null`` on the side it is missing from). Files
    that are not UTF-8 show as "Binary files … differ", a symlink (never generated) as one line, unread.
    """
    rules = leftover_rules(expected / CLIENT_DIR_NAME)
    expected_files = _output_files(expected, rules)
    actual_files = _output_files(actual, rules)
    chunks: list[str] = []
    for relative in sorted(expected_files | actual_files):
        if (actual / relative).is_symlink():  # never followed: a committed link could print any file here
            chunks.append(f"Symbolic link a/{relative.as_posix()} differs (specpipe does not follow it)\n")
            continue
        old = (actual / relative).read_bytes() if relative in actual_files else None
        new = (expected / relative).read_bytes() if relative in expected_files else None
        if old == new:
            continue
        before = f"a/{relative.as_posix()}" if old is not None else "/dev/null"
        after = f"b/{relative.as_posix()}" if new is not None else "/dev/null"
        try:
            lines = list(difflib.unified_diff(_lines(old), _lines(new), before, after))
        except UnicodeDecodeError:
            lines = [f"Binary files {before} and {after} differ\n"]
        chunks.extend(lines or [f"--- {before}\n", f"+++ {after}\n"])  # an empty file, extra or missing
    return "".join(chunks)


def drift(project: Project) -> str:
    """``specpipe check``: how the committed ``generated/`` differs from a fresh build (empty: none).

    Code in the committed client that no document can produce (``code_audit``) fails first. Never writes
    to the repository: with an interrupted transaction pending it fails, naming the command
    whose re-run finishes or undoes it.
    """
    require_inputs(project, "check")
    transaction.ensure_none_pending(project.root, "check")
    if project.client.is_dir():
        code_audit.require_clean(project.client)
    with tempfile.TemporaryDirectory(prefix="specpipe-check-") as tmp:
        fresh = Path(tmp)
        build(project, fresh)
        return tree_diff(fresh, project.generated)
