"""Where the key goes: a plain-http default server is a doctor finding unless a reviewed overlay action
set ``x-specpipe-insecure-server-evidence`` on it; a published document may not set it itself.

Negative control: the same document with an https first server has no finding
(``test_an_https_default_is_fine``), and an http server that is not the first one is not the default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from specpipe.cli import EXIT_FINDINGS, EXIT_OK, main
from specpipe.doctor import INSECURE_SERVER_EVIDENCE, diagnose, upstream_claims


def _document(*urls: str, **server: Any) -> dict[str, Any]:
    servers = [{"url": url} for url in urls]
    servers[0].update(server)
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": servers, "paths": {}}


def test_an_https_default_is_fine() -> None:
    assert diagnose(_document("https://api.example.com", "http://localhost:8080")) == []


@pytest.mark.parametrize(
    "document",
    [
        _document("http://api.example.com"),
        _document("HTTP://api.example.com/v1"),
        _document("{scheme}://api.example.com", variables={"scheme": {"default": "http", "enum": ["http", "https"]}}),
    ],
)
def test_a_plain_http_default_is_a_finding(document: dict[str, Any]) -> None:
    (finding,) = diagnose(document)
    assert (finding.pointer, finding.keyword) == ("/servers/0/url", "servers")
    assert "is not https" in finding.message
    assert INSECURE_SERVER_EVIDENCE in finding.message


def test_evidence_must_say_something() -> None:
    assert diagnose(_document("http://api.example.com", **{INSECURE_SERVER_EVIDENCE: "  "}))
    assert (
        diagnose(_document("http://api.example.com", **{INSECURE_SERVER_EVIDENCE: "HeyGen's sandbox, see ..."})) == []
    )


def test_only_an_overlay_may_vouch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.json"
    overlay = tmp_path / "fixes.overlay.yaml"
    spec.write_text(json.dumps(_document("http://api.example.com")), encoding="utf-8")
    action = {
        "target": "$.servers[0]",
        "description": "Decision: the sandbox is http only (evidence ...).",
        "update": {INSECURE_SERVER_EVIDENCE: "HeyGen's sandbox serves http only: <evidence>"},
    }
    overlay.write_text(
        yaml.safe_dump({"overlay": "1.0.0", "info": {"title": "x", "version": "1"}, "actions": [action]}),
        encoding="utf-8",
    )
    assert main(["doctor", str(spec), "--today", "2026-01-01"]) == EXIT_FINDINGS
    assert main(["doctor", str(spec), "--overlay", str(overlay), "--today", "2026-01-01"]) == EXIT_OK
    vouching = _document("http://api.example.com", **{INSECURE_SERVER_EVIDENCE: "trust me"})
    spec.write_text(json.dumps(vouching), encoding="utf-8")
    capsys.readouterr()
    assert main(["doctor", str(spec), "--overlay", str(overlay), "--today", "2026-01-01"]) == EXIT_FINDINGS
    assert "the published document sets" in capsys.readouterr().out
    assert [finding.pointer for finding in upstream_claims(vouching)] == [f"/servers/0/{INSECURE_SERVER_EVIDENCE}"]
