"""``specpipe diff OLD_ROOT NEW_ROOT``: each source and the effective spec diffed on their own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.cli import EXIT_FINDINGS, EXIT_OK, main

ROOT = Path(__file__).resolve().parents[2]


def _root(folder: Path) -> Path:
    shutil.copytree(ROOT / "openapi", folder / "openapi")
    (folder / "generated").mkdir()
    shutil.copyfile(ROOT / "generated" / "openapi.json", folder / "generated" / "openapi.json")
    return folder


def test_each_source_and_the_effective_spec_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A v1 operation removed from the vendored v1 document only: its source's report is breaking, v3's
    and the (unchanged) effective spec's are empty. Negative control: the same two roots with nothing
    changed exit 0 with three empty reports."""
    old, new = _root(tmp_path / "old"), _root(tmp_path / "new")
    assert main(["diff", str(old), str(new), "--format", "json"]) == EXIT_OK
    unchanged = json.loads(capsys.readouterr().out)
    assert list(unchanged) == ["heygen-external-api", "heygen-api", "effective spec"]
    vendored = new / "openapi" / "heygen-api.json"
    document = documents.load_mapping(vendored)
    document["paths"] = {}
    vendored.write_text(documents.dumps(document), encoding="utf-8")
    assert main(["diff", str(old), str(new), "--format", "json"]) == EXIT_FINDINGS
    reports = json.loads(capsys.readouterr().out)
    assert reports["heygen-external-api"] == unchanged["heygen-external-api"]
    assert reports["effective spec"] == unchanged["effective spec"]
    assert reports["heygen-api"] != unchanged["heygen-api"]
    assert "DELETE /v1/video.delete" in json.dumps(reports["heygen-api"])
