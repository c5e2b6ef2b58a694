"""``specpipe sync`` end to end over the real published page (../shared/seeds/), served over loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from specpipe.cli import EXIT_OK, main
from specpipe.project import Project
from tests.shared import SEED_PAGE, fingerprint, shared_path


def test_unchanged_page_writes_nothing(
    project: Project, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = shared_path(SEED_PAGE, "sync end to end").read_text(encoding="utf-8")
    httpserver.expect_request("/delete-a-video.md").respond_with_data(seed, content_type="text/markdown; charset=utf-8")
    url = httpserver.url_for("/delete-a-video.md")
    before = fingerprint(project.root)
    report = tmp_path / "report.md"
    assert main(["sync", url, "--report", str(report), "--root", str(project.root)]) == EXIT_OK
    assert fingerprint(project.root) == before
    assert not report.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unchanged" in captured.err
    assert len(httpserver.log) == 1
