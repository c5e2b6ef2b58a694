"""What a sync tells the reviewer beyond the diffs: overlay actions the new document made stale (and,
with --suggest, the overlay without them) and operations past their sunset, in the report (the PR body).

Negative control: the plain version bump of test_sync (nothing published that our overlay sets) has
neither section (``test_nothing_to_review``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from specpipe.cli import EXIT_OK, main
from specpipe.overlay import load_overlay
from specpipe.project import Project
from tests.specpipe import test_sync
from tests.specpipe.test_sync import _operation, _page, _serve, _vendored

# test_sync's fixtures: a copy of the repository's pipeline with a generated client, per test.
pristine = test_sync.pristine
project = test_sync.project

STALE_HEADING = "### Overlay actions now stale"
SUNSET_HEADING = "### Operations past their sunset"


def _sync(project: Project, source: str, tmp_path: Path, *extra: str) -> str:
    report = tmp_path / "report.md"
    argv = ["sync", source, "--for", test_sync.V1, "--report", str(report), "--root", str(project.root), *extra]
    assert main(argv) == EXIT_OK
    return report.read_text(encoding="utf-8")


def _bumped(project: Project) -> dict[str, Any]:
    document = copy.deepcopy(_vendored(project))
    document["info"]["version"] = "4.0.9"
    return document


@pytest.mark.e2e
def test_upstream_publishing_our_deprecation_makes_the_action_stale(
    project: Project, httpserver: HTTPServer, tmp_path: Path
) -> None:
    published = _bumped(project)
    _operation(published).update(
        {"deprecated": True, "x-sunset": "2026-11-01", "x-replaced-by": "DELETE /v3/videos/{video_id}"}
    )
    suggestion = tmp_path / "pruned.overlay.yaml"
    report = _sync(project, _serve(httpserver, _page(published)), tmp_path, "--suggest", str(suggestion))
    stale_part = report.split(STALE_HEADING, 1)[1]
    assert "action 7 (target $.paths['/v1/video.delete'].delete): stale: 'Decision: this v1 operation is" in stale_part
    assert SUNSET_HEADING in report  # the sync runs today, after 2026-11-01
    ours = load_overlay(project.overlays[0])
    kept = load_overlay(suggestion)
    # Every action but the seventh (later ones, such as the client-naming decision, stay).
    assert [action.target for action in kept.actions] == [
        action.target for index, action in enumerate(ours.actions, start=1) if index != 7
    ]
    assert len(kept.actions) == len(ours.actions) - 1


@pytest.mark.e2e
def test_nothing_to_review(project: Project, httpserver: HTTPServer, tmp_path: Path) -> None:
    published = _bumped(project)
    del published["servers"]  # any change; the overlay's actions all still do something
    suggestion = tmp_path / "pruned.overlay.yaml"
    report = _sync(project, _serve(httpserver, _page(published)), tmp_path, "--suggest", str(suggestion))
    assert STALE_HEADING not in report
    assert not suggestion.exists()
