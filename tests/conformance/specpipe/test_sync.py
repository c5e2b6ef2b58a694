"""``specpipe sync`` end to end over the real published pages (../shared/seeds/ and ../shared/upstream/), the v1 one
served over loopback, the v3 one read as a file: both unchanged, nothing is written."""

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
    v3 = shared_path("upstream/developers.heygen.com/get-video.md", "sync end to end")  # the real v3 page
    before = fingerprint(project.root)
    report = tmp_path / "report.md"
    assert (
        main(
            [
                "sync",
                url,
                "--for",
                "heygen-api",
                f"--from=heygen-external-api={v3}",
                "--report",
                str(report),
                "--root",
                str(project.root),
            ]
        )
        == EXIT_OK
    )
    assert fingerprint(project.root) == before
    assert not report.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unchanged" in captured.err
    assert len(httpserver.log) == 1
