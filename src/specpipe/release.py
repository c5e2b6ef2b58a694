"""``specpipe release``: the next client version, decided by both diffs since the last release tag.

The last release is the highest ``vX.Y.Z`` tag reachable from HEAD. Its tree (``git archive``) holds
the effective spec and the client it shipped; the spec diff of that effective spec against today's
and the client API diff of the two clients decide the bump (``specpipe.version.decide_bump``):
major on a breaking change in either, minor on an addition or a warning, patch otherwise. Comparing
with the tag rather than the last regeneration is what keeps development regenerations from bumping
twice. With no tag yet, the committed ledger's version is the base and the first release is a patch.

Release writes the version into the ledger, regenerates, and puts one CHANGELOG section above the
``Unreleased`` sections that ``sync`` wrote since the tag (folded into it: its diffs cover theirs).
It refuses to start on uncommitted changes or drift, so on any failure ``git`` puts back exactly the
committed state; it never commits or tags (the maintainer reviews, commits and pushes the tag).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from packaging.version import Version

from specpipe import documents
from specpipe.api_diff import api_diff
from specpipe.diff import DiffReport, compare
from specpipe.errors import ReleaseError, SpecpipeError
from specpipe.extract import extract_info_version
from specpipe.generate import drift, generate
from specpipe.project import EFFECTIVE_SPEC_NAME, Project
from specpipe.sync import UNRELEASED, compose_report, prepend_changelog
from specpipe.version import SEMVER, Bump, bumped, decide_bump, read_ledger, write_ledger

TAG_PATTERN = "v*"
# What release writes; restored from HEAD when a step fails.
_WRITES = ("generated", "CHANGELOG.md")


@dataclass(frozen=True, slots=True)
class Release:
    """What ``release`` decided and wrote."""

    tag: str | None
    previous: str
    version: str
    bump: Bump
    section: str
    spec: DiffReport
    client: DiffReport


def _git(root: Path, *args: str) -> bytes:
    try:
        completed = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as exc:
        raise ReleaseError(f"{root}: release: cannot run git: {exc}") from exc
    if completed.returncode != 0:
        cause = completed.stderr.decode(errors="replace").strip().splitlines()
        raise ReleaseError(
            f"{root}: release: git {' '.join(args)} failed: {cause[-1] if cause else completed.returncode}"
        )
    return completed.stdout


def _refuse_uncommitted(root: Path) -> None:
    status = _git(root, "status", "--porcelain", "--untracked-files=all").decode().splitlines()
    if status:
        names = ", ".join(line[3:] for line in status[:10]) + (" ..." if len(status) > 10 else "")
        raise ReleaseError(f"{root}: release: refused: uncommitted changes in {names} (commit or stash them)")


def _refuse_drift(project: Project) -> None:
    diff = drift(project)
    if diff:
        names = sorted({line[6:] for line in diff.splitlines() if line.startswith("+++ b/")})
        raise ReleaseError(
            f"{project.root}: release: refused: generated/ differs from a fresh generation in "
            f"{', '.join(f'generated/{name}' for name in names)} (run `specpipe generate` and commit)"
        )


def last_tag(root: Path) -> tuple[str, str] | None:
    """The highest ``vX.Y.Z`` tag reachable from HEAD and its version; other ``v*`` tags are ignored."""
    tags = _git(root, "tag", "--list", TAG_PATTERN, "--merged", "HEAD").decode().split()
    versions = {Version(tag[1:]): tag for tag in tags if SEMVER.fullmatch(tag[1:])}
    if not versions:
        return None
    newest = max(versions)
    return versions[newest], str(newest)


def _unpack_tag(root: Path, tag: str, destination: Path) -> Project:
    """The tree the tag points at, as a project in ``destination`` (only what the diffs read)."""
    archive = _git(root, "archive", "--format=tar", tag, "generated")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    project = Project.at(destination)
    for needed in (project.effective_spec, project.client):
        if not needed.exists():
            raise ReleaseError(f"{root}: release: {tag} has no {needed.relative_to(destination)} to compare with")
    return project


def _diffs(project: Project, tag: str, old: Project) -> tuple[str | None, DiffReport, DiffReport]:
    """HeyGen's API version at the tag, and both diffs from the tag to the working tree."""
    old_spec = documents.load_mapping(old.effective_spec)
    spec = compare(
        old_spec,
        documents.load_mapping(project.effective_spec),
        old_name=f"{tag}:generated/{EFFECTIVE_SPEC_NAME}",
        new_name=f"generated/{EFFECTIVE_SPEC_NAME}",
    )
    return extract_info_version(old_spec), spec, api_diff(old.client, project.client)


def fold_unreleased(changelog: str) -> str:
    """``changelog`` without the ``## Unreleased`` sections: the release section's diffs cover them."""
    sections = re.split(r"(?m)^(?=## )", changelog)
    return "".join(section for section in sections if not section.startswith(f"## {UNRELEASED}"))


def _why(bump: Bump) -> str:
    return {
        Bump.MAJOR: "a breaking change in the spec diff or the client API diff",
        Bump.MINOR: "an addition or a warning, nothing breaking",
        Bump.PATCH: "no addition, warning or breaking change",
    }[bump]


def release(project: Project, today: dt.date | None = None) -> Release:
    """``specpipe release``: see the module docstring for the steps and the guarantees."""
    _refuse_uncommitted(project.root)
    committed = read_ledger(project.version_ledger)
    if committed is None:
        raise ReleaseError(f"{project.version_ledger}: release: no version ledger: run `specpipe generate` first")
    _refuse_drift(project)
    found = last_tag(project.root)
    tag: str | None = None
    previous = committed.version
    old_api: str | None = committed.api_version
    spec = client = DiffReport(())
    if found is not None:
        tag, previous = found
        with tempfile.TemporaryDirectory(prefix="specpipe-release-") as tmp:
            old_api, spec, client = _diffs(project, tag, _unpack_tag(project.root, tag, Path(tmp)))
    if Version(committed.version) > Version(previous):
        raise ReleaseError(
            f"{project.version_ledger}: release: refused: version {committed.version} is already above the last "
            f"release {previous}: tag the commit that prepared it (git tag v{committed.version}) or revert it"
        )
    bump = Bump.PATCH if tag is None else decide_bump((spec, client))
    version = bumped(previous, bump)
    day = today or dt.datetime.now(dt.UTC).date()
    compared = f"compared with `{tag}`" if tag else "the first release: no earlier `v*` tag to compare with"
    section = compose_report(
        heading=f"{version} ({day.isoformat()})",
        summary=(
            f"heygen-api-client `{previous}` → `{version}`, a {bump.label} release ({_why(bump)}), {compared}. "
            f"HeyGen API (`info.version` of the OpenAPI document): `{old_api}` → `{committed.api_version}`."
        ),
        spec=spec,
        client=client,
    )
    try:
        write_ledger(project.version_ledger, replace(committed, version=version))
        generate(project)
        text = project.changelog.read_text(encoding="utf-8") if project.changelog.exists() else None
        documents.write_atomic(project.changelog, prepend_changelog(fold_unreleased(text) if text else None, section))
    except BaseException as exc:
        _git(project.root, "checkout", "HEAD", "--", *_WRITES)
        _git(project.root, "clean", "-fdq", "--", *_WRITES)
        if isinstance(exc, SpecpipeError):
            raise ReleaseError(f"{project.root}: release: {exc} (generated/ and CHANGELOG.md were restored)") from exc
        raise
    return Release(tag, previous, version, bump, section, spec, client)
