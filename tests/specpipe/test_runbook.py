"""The upstream-change runbook end to end, as a newcomer runs it on a fresh clone (issue 18): no tag yet;
sync a page that adds a field; commit, release and tag (minor); sync a page that removes a field our
overlay patches, updating the overlay in the same change; release (major). At each step the changelog
holds every change so far and the drift gate is green.

Negative controls live with each piece (test_release: the first release without a tag; test_sync: the
before side of a sync with an edited overlay); here a step that lost a change fails the changelog checks.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from specpipe import documents
from specpipe.cli import EXIT_ERROR, EXIT_OK, main
from specpipe.project import Project
from tests.specpipe import test_release
from tests.specpipe.test_release import TODAY, commit_all, git, optional_field_added

# test_release's fixtures: a tagged copy of the repository's pipeline, per test.
tagged = test_release.tagged
project = test_release.project

V1 = "heygen-api"
MSG = ".properties.msg"  # the overlay's two actions on the v1 200 body's `msg` target paths ending so

# The whole pipeline on a git repository, regenerating the client at each step: `nox -s e2e`.
pytestmark = pytest.mark.e2e


def _page(project: Project, tmp_path: Path, name: str, document: dict[str, Any]) -> list[str]:
    """``sync`` arguments reading the v1 source from ``document`` and v3 unchanged, both from local files."""
    v1 = tmp_path / f"{name}.json"
    v1.write_text(json.dumps(document), encoding="utf-8")
    v3 = tmp_path / "heygen-external-api.json"
    shutil.copyfile(project.vendored("heygen-external-api"), v3)
    return ["sync", "--from", f"{V1}={v1}", "--from", f"heygen-external-api={v3}", "--root", str(project.root)]


def _msg_removed(project: Project) -> dict[str, Any]:
    """The v1 page without `msg`, in its schema and its documented example."""
    document = copy.deepcopy(documents.load_mapping(project.vendored(V1)))
    content = document["paths"]["/v1/video.delete"]["delete"]["responses"]["200"]["content"]["application/json"]
    del content["schema"]["properties"]["msg"]
    for example in content.get("examples", {}).values():
        example["value"].pop("msg", None)
    return document


def _without_msg_actions(overlay: Path) -> None:
    """Delete the overlay's actions on `msg` (each action is a `  - target:` item of the list)."""
    head, *actions = overlay.read_text(encoding="utf-8").split("\n  - target: ")
    kept = [action for action in actions if not action.split("\n", 1)[0].endswith((MSG, f"{MSG}.type"))]
    assert len(kept) == len(actions) - 2
    overlay.write_text("\n  - target: ".join([head, *kept]), encoding="utf-8")


def _release(project: Project) -> int:
    return main(["release", "--root", str(project.root), "--today", TODAY.isoformat()])


def _green(project: Project) -> None:
    assert main(["check", "--root", str(project.root)]) == EXIT_OK


def test_the_runbook_from_a_fresh_clone_to_a_major_release(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project.root, "tag", "-d", "v4.0.8")  # a fresh clone: no tag yet
    changelog = project.changelog

    # 1. Sync a page that adds a field; the pull request is merged.
    added = copy.deepcopy(documents.load_mapping(project.vendored(V1)))
    optional_field_added(added)
    assert main(_page(project, tmp_path, "added", added)) == EXIT_OK
    assert "response-optional-property-added" in changelog.read_text(encoding="utf-8")
    _green(project)
    commit_all(project.root, "sync: a field added")

    # 2. Release (minor: the v3 operations and the field are additions), commit, tag.
    assert _release(project) == EXIT_OK
    text = changelog.read_text(encoding="utf-8")
    assert "\n## 4.1.0 (" in text
    assert "response-optional-property-added" in text, "the sync's entry is folded into the release"
    _green(project)
    commit_all(project.root, "heygen-api-client 4.1.0")
    git(project.root, "tag", "v4.1.0")

    # 3. Upstream removes `msg`, which two overlay actions patch: the sync stops, naming the action ...
    removed = _msg_removed(project)
    capsys.readouterr()
    assert main(_page(project, tmp_path, "removed", removed)) == EXIT_ERROR
    assert "matched nothing" in capsys.readouterr().err
    # ... the overlay loses those actions in the same change, and the same sync goes through.
    _without_msg_actions(project.root / "overlay" / f"{V1}.overlay.yaml")
    assert main(_page(project, tmp_path, "removed", removed)) == EXIT_OK
    text = changelog.read_text(encoding="utf-8")
    assert "\n## Unreleased (" in text
    assert "response-optional-property-added" in text, "the first change is still recorded"
    _green(project)
    commit_all(project.root, "sync: msg removed upstream; its overlay actions deleted")

    # 4. Release: major (the client's DeleteVideoResponse loses its `msg` attribute).
    assert _release(project) == EXIT_OK
    text = changelog.read_text(encoding="utf-8")
    assert "\n## 5.0.0 (" in text
    assert text.index("\n## 5.0.0 (") < text.index("\n## 4.1.0 (")
    assert "\n## Unreleased (" not in text
    assert "msg" in text.split("\n## 4.1.0 (", 1)[0], "the removal is in the major release's notes"
    assert "response-optional-property-added" in text.split("\n## 4.1.0 (", 1)[1], "the minor release kept its entry"
    _green(project)
