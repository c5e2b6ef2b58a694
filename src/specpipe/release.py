"""``specpipe release``: the next client version, decided by both diffs since the last release.

The last release is the highest ``vX.Y.Z`` tag reachable from HEAD. With no such tag yet, it is the
last commit (on HEAD's first-parent line) that set the committed client version: the oldest commit of
the newest run whose ``generated/version.json`` holds today's ``version`` in the SemVer scheme (the
ledger is read as JSON, so its layout does not matter). Its tree (``git archive``) holds the effective
spec and the client it shipped; the spec diff of that effective spec against today's and the client
API diff of the two clients decide the bump (``specpipe.version.decide_bump``): major on a breaking
change in either, minor on an addition or a warning, patch otherwise. Comparing with the release
rather than the last regeneration is what keeps development regenerations from bumping twice. When
the inputs digest and HeyGen's version are those of the last release there is nothing to release:
refused (exit 1) unless ``allow_empty``.

Release writes the version into the ledger, regenerates, and puts one CHANGELOG section on top with
the content of every ``Unreleased`` section ``sync`` wrote folded into it (``specpipe.changelog``),
all in one transaction (``specpipe.transaction``): a killed release is finished or undone by the next
run, which then ends as an uninterrupted one would. It refuses to start on uncommitted changes or
drift; it never commits or tags (the maintainer reviews, commits and pushes the tag).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shlex
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from specpipe import documents, transaction
from specpipe.api_diff import api_diff
from specpipe.changelog import compose_report, release_changelog, split
from specpipe.changelog import read as read_changelog
from specpipe.diff import DiffReport, compare
from specpipe.diff.exceptions import load_if_present
from specpipe.errors import ReleaseError, SpecpipeError
from specpipe.generate import drift, stage
from specpipe.project import EFFECTIVE_SPEC_NAME, VERSION_LEDGER_NAME, Project
from specpipe.transaction import Recovered
from specpipe.version import SEMVER, Bump, bumped, decide_bump, read_ledger

TAG_PATTERN = "v*"
GENERATED = "generated"
LEDGER = f"{GENERATED}/{VERSION_LEDGER_NAME}"
CHANGELOG = "CHANGELOG.md"


class NothingToRelease(ReleaseError):
    """The client is what the last release shipped (the CLI exits 1, not 2)."""


@dataclass(frozen=True, slots=True)
class Release:
    """What ``release`` decided and wrote."""

    base: str | None  # the tag, or the commit that set the version; None: already prepared (``_prepared``)
    previous: str
    version: str
    bump: Bump
    section: str
    spec: DiffReport | None  # None: already prepared, the diffs are not taken again
    client: DiffReport | None
    recovered: Recovered | None = None


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


def _ledger_version_at(root: Path, commit: str) -> str | None:
    """The SemVer-scheme client version in ``commit``'s ledger (``None``: none, unreadable, or the old scheme)."""
    try:
        data = json.loads(_git(root, "show", f"{commit}:{LEDGER}"))
    except (ReleaseError, ValueError):
        return None
    if not isinstance(data, dict) or "api_version" not in data or not isinstance(data.get("version"), str):
        return None
    return str(data["version"])


def version_commit(root: Path, version: str) -> str | None:
    """The last commit that set the client version to ``version`` (see the module docstring)."""
    found = None
    for commit in _git(root, "log", "--first-parent", "--format=%H", "--", LEDGER).decode().split():
        if _ledger_version_at(root, commit) != version:
            break
        found = commit
    return found


def _unpack(root: Path, revision: str, name: str, destination: Path) -> Project:
    """The tree at ``revision``, as a project in ``destination`` (only what the diffs read)."""
    archive = _git(root, "archive", "--format=tar", revision, GENERATED)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    project = Project.at(destination)
    for needed in (project.effective_spec, project.client):
        if not needed.exists():
            raise ReleaseError(f"{root}: release: {name} has no {needed.relative_to(destination)} to compare with")
    return project


def _diffs(
    project: Project, base: str, old: Project, today: dt.date | None
) -> tuple[str | None, DiffReport, DiffReport]:
    """HeyGen's API version at the last release, and both diffs from it to the working tree (sunsets
    measured against ``today``; the project's reviewed diff exceptions applied)."""
    old_spec = documents.load_mapping(old.effective_spec)
    spec = compare(
        old_spec,
        documents.load_mapping(project.effective_spec),
        old_name=f"{base}:{GENERATED}/{EFFECTIVE_SPEC_NAME}",
        new_name=f"{GENERATED}/{EFFECTIVE_SPEC_NAME}",
        today=today,
        exceptions=load_if_present(project.diff_exceptions),
    )
    return documents.info_version(old_spec), spec, api_diff(old.client, project.client)


def _why(bump: Bump) -> str:
    return {
        Bump.MAJOR: "a breaking change in the spec diff or the client API diff",
        Bump.MINOR: "an addition or a warning, nothing breaking",
        Bump.PATCH: "no addition, warning or breaking change",
    }[bump]


def _prepared(project: Project, recovered: Recovered | None) -> Release | None:
    """The release the working tree already holds uncommitted (a run that finished, or that recovery finished).

    Recognised only when every uncommitted change is in ``generated/`` or CHANGELOG.md, the ledger's
    version is above HEAD's, the changelog's newest section is that version's and there is no drift:
    then a re-run ends as the first run did, writing nothing. Anything else is refused as uncommitted.
    """
    status = _git(project.root, "status", "--porcelain", "--untracked-files=all").decode().splitlines()
    if not status or any(line[3:] != CHANGELOG and not line[3:].startswith(f"{GENERATED}/") for line in status):
        return None
    ledger = read_ledger(project.version_ledger)
    head = _ledger_version_at(project.root, "HEAD")
    changelog = read_changelog(project.changelog, "release")
    if ledger is None or head is None or Version(ledger.version) <= Version(head) or changelog is None:
        return None
    sections = split(changelog)[1]
    if not sections or not sections[0].title.startswith(f"{ledger.version} (") or drift(project):
        return None
    old, new = Version(head), Version(ledger.version)
    bump = Bump.MAJOR if new.major > old.major else Bump.MINOR if new.minor > old.minor else Bump.PATCH
    return Release(None, head, ledger.version, bump, sections[0].text, None, None, recovered)


def release(project: Project, today: dt.date | None = None, *, allow_empty: bool = False) -> Release:
    """``specpipe release``: see the module docstring for the steps and the guarantees."""
    recovered = transaction.recover(project.root)
    prepared = _prepared(project, recovered)
    if prepared is not None:
        return prepared
    _refuse_uncommitted(project.root)
    committed = read_ledger(project.version_ledger)
    if committed is None:
        raise ReleaseError(f"{project.version_ledger}: release: no version ledger: run `specpipe generate` first")
    _refuse_drift(project)
    found = last_tag(project.root)
    if found is not None:
        base, previous = found
        name = f"`{base}`"
    else:
        commit = version_commit(project.root, committed.version)
        if commit is None:
            raise ReleaseError(f"{project.version_ledger}: release: no commit holds version {committed.version}")
        base, previous = commit, committed.version
        name = f"commit `{commit[:12]}` (the last that set version {previous}; no `v*` tag yet)"
    if Version(committed.version) > Version(previous):
        raise ReleaseError(
            f"{project.version_ledger}: release: refused: version {committed.version} is already above the last "
            f"release {previous}: tag the commit that prepared it (git tag v{committed.version}) or revert it"
        )
    with tempfile.TemporaryDirectory(prefix="specpipe-release-") as tmp:
        old = _unpack(project.root, base, name, Path(tmp))
        old_api, spec, client = _diffs(project, base, old, today)
        shipped = read_ledger(old.version_ledger)
    if not allow_empty and shipped is not None and shipped.inputs_sha256 == committed.inputs_sha256:
        hint = "" if found is not None else f"; if {previous} is not tagged yet: git tag v{previous} {base[:12]}"
        raise NothingToRelease(
            f"{project.root}: release: nothing to release: the client is what {name} shipped{hint} "
            "(--allow-empty releases anyway)"
        )
    bump = decide_bump((spec, client))
    version = bumped(previous, bump)
    day = today or dt.datetime.now(dt.UTC).date()
    section = compose_report(
        heading=f"{version} ({day.isoformat()})",
        summary=(
            f"heygen-api-client `{previous}` → `{version}`, a {bump.label} release ({_why(bump)}), "
            f"compared with {name}. "
            f"HeyGen API (`info.version` of the OpenAPI document): `{old_api}` → `{committed.api_version}`."
        ),
        spec=spec,
        client=client,
    )
    rerun = shlex.join(["specpipe", "release", *(["--allow-empty"] if allow_empty else [])])
    with transaction.begin(project.root, "release", rerun) as changes:
        try:
            stage(project, changes, version=version)
            text = read_changelog(project.changelog, "release")
            changes.add_text(project.changelog, release_changelog(text, section))
        except SpecpipeError as exc:
            raise ReleaseError(f"{project.root}: release: {exc} (nothing was changed)") from exc
    return Release(base, previous, version, bump, section, spec, client, recovered)
