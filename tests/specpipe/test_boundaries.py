"""The pipeline writes, deletes and restores only inside the repository root, and follows no symlink there.

The attacks, each from a pull request CI runs ``specpipe check`` on, or from a hostile working tree: a
symlink at a path the pipeline manages pointing outside the repository, and a forced-in journal whose
entries name paths outside it. Each must end in exit 2 and one line before anything changes, the folder
outside byte-identical. Negative control: on the code before ``specpipe.boundary`` existed, every test
here failed (generate and sync rewrote or deleted the outside folder and exited 0, check followed the
link, recovery wrote ``../outside/x`` and renamed an outside folder into the repository).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from specpipe.cli import EXIT_ERROR, main
from specpipe.errors import SpecpipeError
from specpipe.generate import generate
from specpipe.project import Project
from specpipe.transaction import recover
from tests.shared import copy_pipeline, fingerprint

MANAGED = ("generated", "generated/heygen-api-client", ".specpipe", ".specpipe/txn", "openapi", "overlay")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    copy_pipeline(root)
    project = Project.at(root)
    if not project.client.is_dir():
        generate(project)
    return root


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Project:
    root = tmp_path / "repo"
    shutil.copytree(pristine, root)
    return Project.at(root)


def _outside_tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256 (``fingerprint`` leaves caches out; nothing is left out here)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else "folder"
        for path in sorted(folder.rglob("*"))
    }


def _link_outside(project: Project, tmp_path: Path, managed: str) -> Path:
    """Move the managed folder out of the repository (or make one) and leave a symlink to it in its place;
    the outside folder also holds a ``txn`` folder (what recovery's tidying deletes under ``.specpipe``)."""
    inside = project.root / managed
    outside = tmp_path / "outside"
    if inside.is_dir():
        shutil.move(inside, outside)
    outside.mkdir(exist_ok=True)
    (outside / "txn").mkdir(exist_ok=True)
    (outside / "txn" / "precious.txt").write_text("not the pipeline's\n", encoding="utf-8")
    (outside / "precious.txt").write_text("not the pipeline's either\n", encoding="utf-8")
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.symlink_to(outside, target_is_directory=True)
    return outside


def _changed_page(project: Project, tmp_path: Path) -> Path:
    """A page publishing the vendored document with a new version: a sync that would write everything."""
    vendored = project.root / "openapi" / "heygen-api.json"
    source = vendored if vendored.is_file() else tmp_path / "outside" / "heygen-api.json"
    document: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    document["info"]["version"] = "9.9.9"
    page = tmp_path / "page.json"
    page.write_text(json.dumps(document), encoding="utf-8")
    return page


def _argv(command: str, project: Project, tmp_path: Path) -> list[str]:
    if command == "sync":
        v3 = tmp_path / "heygen-external-api.json"  # read locally, unchanged (its manifest URL is not reachable)
        vendored_v3 = project.root / "openapi" / "heygen-external-api.json"
        if vendored_v3.is_file():
            shutil.copyfile(vendored_v3, v3)
        page = _changed_page(project, tmp_path)
        return [
            "sync",
            "--from",
            f"heygen-api={page}",
            "--from",
            f"heygen-external-api={v3}",
            "--root",
            str(project.root),
        ]
    return [command, "--root", str(project.root)]


@pytest.mark.parametrize("command", ["generate", "sync", "check"])
@pytest.mark.parametrize("managed", MANAGED)
def test_a_symlinked_managed_path_is_refused_before_anything_changes(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], managed: str, command: str
) -> None:
    outside = _link_outside(project, tmp_path, managed)
    argv = _argv(command, project, tmp_path)
    before, inside_before = _outside_tree(outside), fingerprint(project.root)
    assert main(argv) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"{project.root / managed}: is a symbolic link" in err
    assert _outside_tree(outside) == before
    assert fingerprint(project.root) == inside_before
    assert os.path.islink(project.root / managed)


def test_a_symlinked_parent_of_a_written_file_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CHANGELOG.md is a file sync writes: a symlink there is refused, not replaced or written through."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "CHANGELOG.md").write_text("# someone else's\n", encoding="utf-8")
    project.changelog.unlink()
    project.changelog.symlink_to(outside / "CHANGELOG.md")
    before = _outside_tree(outside)
    assert main(_argv("sync", project, tmp_path)) == EXIT_ERROR
    assert f"{project.changelog}: is a symbolic link" in capsys.readouterr().err
    assert _outside_tree(outside) == before
    assert not (project.root / ".specpipe").exists()


def _hostile_journal(root: Path, change: dict[str, Any], *, staged_text: str | None = "evil\n") -> Path:
    """A committed journal with one change, as a forced-in commit or a hostile tree would hold it."""
    folder = root / ".specpipe"
    (folder / "txn" / "new" / "0").mkdir(parents=True)
    if staged_text is not None:
        (folder / "txn" / "new" / "0" / "x").write_text(staged_text, encoding="utf-8")
    entry = {
        "target": "openapi/x",
        "tree": False,
        "staged": "txn/new/0/x",
        "backup": "txn/old/0",
        "old_sha256": None,
        "new_sha256": hashlib.sha256(b"evil\n").hexdigest(),
        "staged_inode": None,
        **change,
    }
    journal = folder / "journal.json"
    journal.write_text(json.dumps({"command": "specpipe generate", "state": "committed", "changes": [entry]}))
    return journal


def _hostile_cases(tmp_path: Path) -> list[tuple[str, dict[str, Any], str]]:
    outside = tmp_path / "outside"
    return [
        ("../outside/x", {"target": "../outside/x"}, "../outside/x"),
        ("absolute", {"target": str(outside / "x")}, str(outside / "x")),
        ("symlinked-parent", {"target": "link/x"}, "link/x"),
        ("staged-outside", {"target": "generated/taken", "tree": True, "staged": "../../outside"}, "../../outside"),
        ("backup-outside", {"backup": "../../outside/x"}, "../../outside/x"),
        ("not-normalised", {"target": "openapi/../openapi/x"}, "openapi/../openapi/x"),
    ]


@pytest.mark.parametrize(
    "case", ["../outside/x", "absolute", "symlinked-parent", "staged-outside", "backup-outside", "not-normalised"]
)
def test_recovery_refuses_a_hostile_journal_and_leaves_it_alone(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x").write_text("precious\n", encoding="utf-8")
    (project.root / "link").symlink_to(outside, target_is_directory=True)
    change, entry = next((change, entry) for name, change, entry in _hostile_cases(tmp_path) if name == case)
    journal = _hostile_journal(project.root, change)
    before, inside_before = _outside_tree(outside), fingerprint(project.root)
    specpipe_before = _outside_tree(project.root / ".specpipe")
    with pytest.raises(SpecpipeError) as error:
        recover(project.root)
    assert str(journal) in str(error.value)
    assert entry in str(error.value)
    assert main(["generate", "--root", str(project.root)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(journal) in err
    assert _outside_tree(outside) == before
    assert fingerprint(project.root) == inside_before
    assert _outside_tree(project.root / ".specpipe") == specpipe_before


def test_a_report_through_a_symlinked_folder_in_the_repository_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--report`` outside the repository is the user's own path; inside it, a symlinked parent is refused."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (project.root / "reports").symlink_to(outside, target_is_directory=True)
    before = fingerprint(project.root)
    argv = [*_argv("sync", project, tmp_path), "--report", str(project.root / "reports" / "r.md")]
    assert main(argv) == EXIT_ERROR
    assert f"{project.root / 'reports'}: is a symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert fingerprint(project.root) == before


def test_check_does_not_read_through_a_symlink_inside_the_client(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed link in generated/ is drift, shown without reading its target (which CI would print)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("a secret CI must not print\n", encoding="utf-8")
    readme = project.client / "README.md"
    readme.unlink()
    readme.symlink_to(secret)
    assert main(["check", "--root", str(project.root)]) == 1
    out = capsys.readouterr().out
    assert "Symbolic link a/heygen-api-client/README.md differs (specpipe does not follow it)" in out
    assert "secret" not in out


def test_a_report_outside_the_repository_is_recovered_only_by_the_command_naming_it(tmp_path: Path) -> None:
    """A killed ``sync --report ../report.md`` journals a target outside the root: recovery from another
    command refuses it (a forced-in journal could name any file), the same ``--report`` finishes it."""
    root = tmp_path / "repo"
    root.mkdir()
    report = tmp_path / "report.md"
    journal = _hostile_journal(root, {"target": "../report.md"}, staged_text="the report\n")
    with pytest.raises(SpecpipeError, match="outside the repository"):
        recover(root)
    assert journal.exists()
    assert not report.exists()
    recovered = recover(root, [report])
    assert recovered is not None
    assert recovered.finished
    assert report.read_text(encoding="utf-8") == "the report\n"
    assert not (root / ".specpipe").exists()
