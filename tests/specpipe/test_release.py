"""specpipe release on small git repositories made from copies of the pipeline: each bump rule on a
synthetic old/new pair, the CHANGELOG section, and the refusals (uncommitted changes, drift)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from specpipe import documents
from specpipe.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from specpipe.errors import ReleaseError
from specpipe.generate import drift, generate
from specpipe.project import Project
from specpipe.release import last_tag, release, version_commit
from specpipe.sync import sync
from specpipe.transaction import Transaction
from specpipe.version import Bump, Ledger, read_ledger, write_ledger
from tests.crash import KILLED, Step, run_killed, specpipe
from tests.shared import copy_pipeline, fingerprint

TODAY = dt.date(2030, 1, 2)
DELETE = ("paths", "/v1/video.delete", "delete")
Edit = Callable[[dict[str, Any]], None]

# The whole pipeline on a git repository, regenerating the client at each step: `nox -s e2e`.
pytestmark = pytest.mark.e2e


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose only commit is the pipeline as it is here, tagged as the release of its version."""
    root = tmp_path_factory.mktemp("tagged")
    copy_pipeline(root)
    (root / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "pipeline")
    ledger = read_ledger(Project.at(root).version_ledger)
    assert ledger is not None
    git(root, "tag", f"v{ledger.version}")
    return root


@pytest.fixture
def project(tagged: Path, tmp_path: Path) -> Project:
    root = tmp_path / "repo"
    shutil.copytree(tagged, root, symlinks=True)
    return Project.at(root)


def api(v1: str) -> str:
    """The merged document's info.version (the ledger's api_version) with the v1 page at ``v1``."""
    return f"heygen-external-api@1.0.0, heygen-api@{v1}"


def _version(project: Project) -> str:
    ledger = read_ledger(project.version_ledger)
    assert ledger is not None
    return ledger.version


def _operation(document: dict[str, Any]) -> dict[str, Any]:
    node = document
    for key in DELETE:
        node = node[key]
    return node


def _data(document: dict[str, Any]) -> dict[str, Any]:
    schema = _operation(document)["responses"]["200"]["content"]["application/json"]["schema"]
    data: dict[str, Any] = schema["properties"]["data"]
    return data


def new_required_parameter(document: dict[str, Any]) -> None:
    """Breaking on the wire (and in Python: a new required argument)."""
    _operation(document)["parameters"].append(
        {"name": "confirm", "in": "query", "required": True, "schema": {"type": "boolean"}}
    )


def operation_id_renamed(document: dict[str, Any]) -> None:
    """Nothing changes on the wire; the client's `delete_a_video` module becomes `remove_a_video`."""
    _operation(document)["operationId"] = "remove-a-video"


def optional_field_added(document: dict[str, Any]) -> None:
    _data(document)["properties"]["Skipped"] = {"type": "array", "items": {"type": "string"}}


def description_edited(document: dict[str, Any]) -> None:
    operation = _operation(document)
    operation["description"] = f"{operation.get('description', '')} Deleted videos cannot be restored.".strip()


def change_upstream(project: Project, edit: Edit, api_version: str | None = None) -> None:
    """An upstream change, regenerated and committed, as a merged sync pull request leaves it."""
    document = copy.deepcopy(documents.load_mapping(project.vendored("heygen-api")))
    edit(document)
    if api_version is not None:
        document["info"]["version"] = api_version
    documents.write_atomic(project.vendored("heygen-api"), documents.dumps(document))
    generate(project)
    commit_all(project.root, edit.__name__)


def _release(project: Project) -> int:
    return main(["release", "--root", str(project.root), "--today", TODAY.isoformat()])


@pytest.mark.parametrize(
    ("edit", "expected", "bump", "spec_breaking", "client_breaking"),
    [
        pytest.param(new_required_parameter, "5.0.0", Bump.MAJOR, True, True, id="breaking-spec-change"),
        pytest.param(operation_id_renamed, "5.0.0", Bump.MAJOR, False, True, id="client-only-breaking-change"),
        pytest.param(optional_field_added, "4.1.0", Bump.MINOR, False, False, id="added-field"),
        pytest.param(description_edited, "4.0.9", Bump.PATCH, False, False, id="description-edit"),
    ],
)
def test_each_bump_rule(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    edit: Edit,
    expected: str,
    bump: Bump,
    spec_breaking: bool,
    client_breaking: bool,
) -> None:
    change_upstream(project, edit)
    result = release(project, TODAY)
    assert (result.base, result.previous, result.version, result.bump) == ("v4.0.8", "4.0.8", expected, bump)
    assert result.spec is not None
    assert result.client is not None
    assert (result.spec.breaking, result.client.breaking) == (spec_breaking, client_breaking)
    # The ledger, the package and the changelog carry the new version; the API version is unchanged.
    versions = {"heygen-external-api": "1.0.0", "heygen-api": "4.0.8"}
    assert read_ledger(project.version_ledger) == Ledger(expected, api("4.0.8"), _digest(project), versions)
    init = (project.client / "heygen_api_client" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{expected}"' in init
    assert f'__api_version__ = "{api("4.0.8")}"' in init
    changelog = project.changelog.read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n")
    assert f"\n## {expected} (2030-01-02)\n" in changelog
    assert f"`4.0.8` → `{expected}`, a {bump.label} release" in changelog
    assert f"HeyGen API (`info.version` of the OpenAPI document): `{api('4.0.8')}` → `{api('4.0.8')}`" in changelog
    assert "### Spec changes" in changelog
    assert "### Client API changes" in changelog
    # What release wrote is a consistent tree: the drift gate passes on it.
    assert drift(project) == ""
    capsys.readouterr()


def _digest(project: Project) -> str:
    ledger = read_ledger(project.version_ledger)
    assert ledger is not None
    return ledger.inputs_sha256


def test_regenerations_since_the_tag_bump_once(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Two upstream changes merged since the tag, a template edit, and HeyGen's 4.0.9: one minor bump."""
    change_upstream(project, optional_field_added, api_version="4.0.9")
    assert _version(project) == "4.0.8", "generation never bumps"
    change_upstream(project, description_edited)
    assert project.templates is not None
    readme = project.templates / "README.md.jinja"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nReleased with specpipe.\n", encoding="utf-8")
    generate(project)
    commit_all(project.root, "template edit")
    assert _release(project) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("## 4.1.0 (2030-01-02)\n")
    assert f"HeyGen API (`info.version` of the OpenAPI document): `{api('4.0.8')}` → `{api('4.0.9')}`" in out
    assert "response-optional-property-added" in out
    assert _version(project) == "4.1.0"


def test_the_highest_version_tag_is_the_base(project: Project) -> None:
    write_ledger(project.version_ledger, Ledger("4.2.0", "4.0.8", _digest(project)))
    generate(project)
    commit_all(project.root, "release 4.2.0")
    git(project.root, "tag", "v4.2.0")
    git(project.root, "tag", "vnext")  # not a version: ignored
    git(project.root, "tag", "v9.0.0rc1")  # not MAJOR.MINOR.PATCH: ignored
    change_upstream(project, optional_field_added)
    assert last_tag(project.root) == ("v4.2.0", "4.2.0")
    assert release(project, TODAY).version == "4.3.0"


def test_outside_a_git_repository_release_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_pipeline(tmp_path)
    project = Project.at(tmp_path)
    assert _release(project) == EXIT_ERROR
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"specpipe release: error: {tmp_path}: release: git status")
    assert "not a git repository" in line


def test_release_folds_the_unreleased_sync_sections(project: Project) -> None:
    """Their content is kept in the release's section (negative control: the old fold deleted it)."""
    project.changelog.write_text(
        "# Changelog\n\nPreamble.\n\n## Unreleased (2030-01-01)\n\nsync b\n\n"
        "## Unreleased (2029-12-31)\n\nsync a\n\n## 4.0.8 (2029-01-01)\n\nold\n",
        encoding="utf-8",
    )
    change_upstream(project, optional_field_added)
    release(project, TODAY)
    changelog = project.changelog.read_text(encoding="utf-8")
    assert "## Unreleased" not in changelog
    headings = [line for line in changelog.splitlines() if line.startswith("## ")]
    assert headings == ["## 4.1.0 (2030-01-02)", "## 4.0.8 (2029-01-01)"]
    assert changelog.startswith("# Changelog\n\nPreamble.\n\n## 4.1.0")
    released = changelog.split("## 4.0.8")[0]
    assert "sync b" in released
    assert "sync a" in released


def _worktree(project: Project) -> dict[str, str]:
    """The working tree's files and their digests, without git's own bookkeeping."""
    return {name: digest for name, digest in fingerprint(project.root).items() if not name.startswith(".git/")}


def _refused(project: Project, capsys: pytest.CaptureFixture[str]) -> str:
    before = _worktree(project)
    assert _release(project) == EXIT_ERROR
    assert _worktree(project) == before, "a refused release writes nothing"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    (line,) = captured.err.splitlines()
    return line


def test_uncommitted_changes_are_refused(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    change_upstream(project, optional_field_added)
    (project.root / "notes.txt").write_text("wip\n", encoding="utf-8")
    line = _refused(project, capsys)
    assert line.startswith("specpipe release: error: ")
    assert "uncommitted changes in notes.txt" in line


def test_drift_is_refused(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """A template edited and committed without regenerating: the release would ship a stale client."""
    assert project.templates is not None
    template = project.templates / "package_init.py.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    commit_all(project.root, "template edit, not regenerated")
    line = _refused(project, capsys)
    assert "generated/ differs from a fresh generation in" in line
    assert "generated/heygen-api-client/heygen_api_client/__init__.py" in line
    assert "generated/version.json" in line


def test_a_prepared_but_untagged_release_is_refused(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    change_upstream(project, optional_field_added)
    release(project, TODAY)
    commit_all(project.root, "release 4.1.0")  # but no tag
    line = _refused(project, capsys)
    assert "version 4.1.0 is already above the last release 4.0.8" in line
    assert "git tag v4.1.0" in line


def test_a_failed_regeneration_puts_everything_back(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    change_upstream(project, optional_field_added)
    before = _worktree(project)

    def broken(_: Project, changes: Transaction, **__: object) -> None:
        changes.add_text(project.version_ledger, "half-written")
        raise ReleaseError("generator exploded")

    monkeypatch.setattr("specpipe.release.stage", broken)
    with pytest.raises(ReleaseError, match=r"generator exploded \(nothing was changed\)"):
        release(project, TODAY)
    assert _worktree(project) == before
    assert json.loads(project.version_ledger.read_text(encoding="utf-8"))["version"] == "4.0.8"


def _synced(project: Project, tmp_path: Path, edit: Edit) -> None:
    """``specpipe sync`` of a changed document (raw JSON), committed as its merged pull request leaves it."""
    document = copy.deepcopy(documents.load_mapping(project.vendored("heygen-api")))
    edit(document)
    source = tmp_path / f"{edit.__name__}.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    v3 = tmp_path / "heygen-external-api.json"  # read unchanged, locally (its manifest URL is not reachable)
    shutil.copyfile(project.vendored("heygen-external-api"), v3)
    sync(project, None, TODAY, pages={"heygen-api": str(source), "heygen-external-api": str(v3)})
    commit_all(project.root, f"sync: {edit.__name__}")


def test_the_first_release_without_a_tag_compares_with_the_commit_that_set_the_version(
    project: Project, tmp_path: Path
) -> None:
    """Issue 18.1: with no tag, a synced optional field makes a minor release, and its sync's entry stays.

    Negative control: the old release compared with nothing: 4.0.9, a patch, "No changes", the entry gone."""
    git(project.root, "tag", "-d", "v4.0.8")
    first = git(project.root, "rev-parse", "HEAD").strip()
    _synced(project, tmp_path, optional_field_added)
    assert "the next `specpipe release` a minor one" in project.changelog.read_text(encoding="utf-8")
    assert version_commit(project.root, "4.0.8") == first
    result = release(project, TODAY)
    assert (result.base, result.previous, result.version, result.bump) == (first, "4.0.8", "4.1.0", Bump.MINOR)
    assert f"compared with commit `{first[:12]}` (the last that set version 4.0.8; no `v*` tag yet)" in result.section
    assert "response-optional-property-added" in result.section
    changelog = project.changelog.read_text(encoding="utf-8")
    assert "\n## Unreleased (" not in changelog
    assert "#### Synced 2030-01-02" in changelog
    assert "the next `specpipe release` a minor one" in changelog, "the sync's entry is folded in, not dropped"
    assert drift(project) == ""


def test_the_baseline_is_read_from_the_ledger_not_its_layout(project: Project) -> None:
    """A commit that only re-lays the ledger out (same version) is not where the version was set.

    Negative control: ``git log -1 -G'"version"'`` names the re-layout commit (checked below)."""
    git(project.root, "tag", "-d", "v4.0.8")
    first = git(project.root, "rev-parse", "HEAD").strip()
    ledger = json.loads(project.version_ledger.read_text(encoding="utf-8"))
    project.version_ledger.write_text(json.dumps(ledger), encoding="utf-8")  # one line
    commit_all(project.root, "ledger on one line")
    relaid = git(project.root, "rev-parse", "HEAD").strip()
    change_upstream(project, optional_field_added)  # regenerates: the ledger's usual layout again
    assert git(project.root, "log", "-1", "--format=%H", '-G"version"', "--", "generated/version.json").strip() in {
        relaid,
        git(project.root, "rev-parse", "HEAD").strip(),
    }
    assert version_commit(project.root, "4.0.8") == first
    assert release(project, TODAY).version == "4.1.0"


def test_nothing_to_release_exits_1_unless_allowed(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Negative control: the old release wrote a 4.0.9 patch release with no change at all."""
    assert _release(project) == EXIT_FINDINGS
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith("specpipe release: ")
    assert "nothing to release: the client is what `v4.0.8` shipped (--allow-empty releases anyway)" in line
    assert captured.out == ""
    assert _worktree_clean(project)
    assert main(["release", "--root", str(project.root), "--today", TODAY.isoformat(), "--allow-empty"]) == EXIT_OK
    assert _version(project) == "4.0.9"
    capsys.readouterr()


def test_nothing_to_release_without_a_tag_says_how_to_tag(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    git(project.root, "tag", "-d", "v4.0.8")
    first = git(project.root, "rev-parse", "HEAD").strip()
    assert _release(project) == EXIT_FINDINGS
    (line,) = capsys.readouterr().err.splitlines()
    assert f"if 4.0.8 is not tagged yet: git tag v4.0.8 {first[:12]}" in line


def _worktree_clean(project: Project) -> bool:
    return git(project.root, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_rerun_of_a_finished_release_writes_nothing_and_says_so(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    change_upstream(project, optional_field_added)
    assert _release(project) == EXIT_OK
    first = capsys.readouterr().out
    before = _worktree(project)
    assert _release(project) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out == first
    assert "4.1.0 is already prepared in the working tree: nothing written" in captured.err
    assert _worktree(project) == before


def test_a_hand_edit_beside_a_prepared_release_is_refused(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    change_upstream(project, optional_field_added)
    release(project, TODAY)
    (project.root / "notes.txt").write_text("wip\n", encoding="utf-8")
    assert "uncommitted changes in" in _refused(project, capsys)


def _assert_released(project: Project, rerun: str) -> None:
    """What every release, killed anywhere and re-run, ends with: one 4.1.0 section, a green drift gate."""
    assert _version(project) == "4.1.0"
    changelog = project.changelog.read_text(encoding="utf-8")
    assert changelog.count("\n## 4.1.0 (2030-01-02)\n") == 1
    assert rerun.startswith("## 4.1.0 (2030-01-02)\n")
    assert not (project.root / ".specpipe").exists()
    assert specpipe(project.root, "check").returncode == EXIT_OK


# Release stages four targets (the client, the effective spec, the ledger, CHANGELOG.md): the journal is
# written when the transaction begins, once per target and at the commit mark (6), deleted at the end (7).
RELEASE_KILL_STEPS = [
    pytest.param(Step(".specpipe/txn/new/*/version.json"), "rolled back", id="while-regenerating"),
    pytest.param(Step(".specpipe/journal.json", 6), "finished", id="commit-mark"),
    pytest.param(Step(".specpipe/txn/old/0"), "finished", id="client-swapped-old-set-aside"),
    pytest.param(Step("generated/version.json", 2), "finished", id="ledger-written"),
    pytest.param(Step("CHANGELOG.md", 2), "finished", id="changelog-written"),
    pytest.param(Step(".specpipe/journal.json", 7), None, id="journal-deleted"),
]


@pytest.mark.crash
@pytest.mark.parametrize(("step", "recovery"), RELEASE_KILL_STEPS)
def test_a_killed_release_converges_on_rerun(project: Project, step: Step, recovery: str | None) -> None:
    """Negative control: the old release (ledger, then generate, then changelog, each on its own) killed
    after the ledger left a dirty tree that the re-run refused as uncommitted changes."""
    change_upstream(project, optional_field_added)
    argv = ("release", "--today", TODAY.isoformat())
    killed = run_killed(project.root, step, *argv)
    assert killed.returncode == KILLED, killed.stderr
    rerun = specpipe(project.root, *argv)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    _assert_released(project, rerun.stdout)
    if recovery is not None:
        assert f"specpipe: {recovery} the interrupted `specpipe release`" in rerun.stderr


def test_a_changelog_that_is_not_utf8_is_named_and_nothing_is_written(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """Negative control: read with ``read_text`` inside the transaction, it ended as "unexpected UnicodeDecodeError"."""
    project.changelog.write_bytes(b"# Changelog\n\n\xff\n")
    change_upstream(project, optional_field_added)
    line = _refused(project, capsys)
    assert line.startswith(f"specpipe release: error: {project.root}: release: {project.changelog}: release: ")
    assert "cannot read the changelog" in line
    assert "(nothing was changed)" in line
