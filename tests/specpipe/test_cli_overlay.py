"""`specpipe overlay`: JSON out (stdout or -o), exit 2 naming the action when strict, a warning when lenient."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from specpipe.cli import EXIT_ERROR, EXIT_OK, main

SPEC = "openapi: 3.1.0\ninfo: {title: API, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {200: {description: ok}}\n"
OVERLAY = "overlay: 1.0.0\ninfo: {title: fixes, version: '1'}\nactions:\n%s"
TITLE = "  - target: $.info\n    update: {title: Fixed}\n"
GONE = "  - target: $.paths['/gone'].get\n    update: {deprecated: true}\n"


@pytest.fixture(name="spec")
def _spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _overlay(folder: Path, actions: str, name: str = "a.overlay.yaml") -> Path:
    """An Overlay file in ``folder`` whose actions are the YAML list items ``actions``."""
    path = folder / name
    path.write_text(OVERLAY % actions, encoding="utf-8")
    return path


def test_the_spec_may_be_a_docs_page_at_a_url(
    spec: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Negative control: with SPEC typed as a Path again, the URL reads as a missing file."""
    page = f"# A page\n\n````yaml /openapi.json get /a\n{SPEC}````\n"
    httpserver.expect_request("/a.md").respond_with_data(page, content_type="text/markdown")
    assert main(["overlay", httpserver.url_for("/a.md"), str(_overlay(spec.parent, TITLE))]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["info"]["title"] == "Fixed"


def test_writes_the_overlaid_document_to_stdout(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _overlay(spec.parent, TITLE)
    second = _overlay(spec.parent, "  - target: $.info.title\n    update: Fixed twice\n", "b.overlay.yaml")
    assert main(["overlay", str(spec), str(first), str(second)]) == EXIT_OK
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["info"]["title"] == "Fixed twice"
    assert document["paths"]["/a"]["get"]["responses"] == {"200": {"description": "ok"}}  # keys stay strings
    assert captured.err == ""


def test_writes_to_output_file(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = _overlay(spec.parent, TITLE)
    output = spec.parent / "out" / "effective.json"
    assert main(["overlay", str(spec), str(overlay), "-o", str(output)]) == EXIT_OK
    assert capsys.readouterr().out == ""
    assert json.loads(output.read_text(encoding="utf-8"))["info"]["title"] == "Fixed"


def test_unmatched_target_exits_2_naming_the_action(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = _overlay(spec.parent, TITLE + GONE)
    output = spec.parent / "effective.json"
    assert main(["overlay", str(spec), str(overlay), "-o", str(output)]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert (
        captured.err == f"specpipe overlay: error: {overlay}: action 2 (target $.paths['/gone'].get) matched nothing\n"
    )
    assert captured.out == ""
    assert not output.exists()


def test_lenient_warns_and_exits_0(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = _overlay(spec.parent, TITLE + GONE)
    assert main(["overlay", str(spec), str(overlay), "--lenient"]) == EXIT_OK
    captured = capsys.readouterr()
    assert json.loads(captured.out)["info"]["title"] == "Fixed"
    assert captured.err == f"warning: {overlay}: action 2 (target $.paths['/gone'].get) matched nothing\n"


def test_invalid_overlay_exits_2_naming_file_and_schema_error(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = _overlay(spec.parent, "  - update: {title: x}\n")
    assert main(["overlay", str(spec), str(overlay)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{overlay}: not a valid Overlay document" in err
    assert "/actions/0: 'target' is a required property" in err


def test_module_entry_point(spec: Path) -> None:
    overlay = _overlay(spec.parent, GONE)
    run = subprocess.run(
        [sys.executable, "-m", "specpipe", "overlay", str(spec), str(overlay)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (EXIT_ERROR, "")
    assert "action 1 (target $.paths['/gone'].get) matched nothing" in run.stderr


REUSABLE = "components:\n  actions:\n    title:\n      fields: {update: {title: Fixed}}\n"
INVALID_1_2 = {
    "missing-action": (
        "1.2.0",
        REUSABLE + "actions:\n  - {$ref: '#/components/actions/nope', target: $.info}\n",
        "action 1 (target $.info, $ref #/components/actions/nope): no reusable action 'nope' in components.actions",
    ),
    "target-in-fields": (
        "1.2.0",
        "components:\n  actions:\n    t:\n      fields: {target: $.info, remove: true}\n"
        "actions:\n  - {$ref: '#/components/actions/t', target: $.info}\n",
        "/components/actions/t/fields: Unevaluated properties are not allowed ('target' was unexpected)",
    ),
    "ref-outside-components-actions": (
        "1.2.0",
        REUSABLE + "actions:\n  - {$ref: '#/info', target: $.info}\n",
        "/actions/0/$ref: '#/info' does not match '^#/components/actions/[^/]+$'",
    ),
    "components-in-1.1": (
        "1.1.0",
        REUSABLE + "actions:\n  - {target: $.info, update: {title: Fixed}}\n",
        "/: Unevaluated properties are not allowed ('components' was unexpected)",
    ),
}


@pytest.mark.parametrize(("version", "body", "named"), INVALID_1_2.values(), ids=INVALID_1_2.keys())
def test_an_invalid_1_2_overlay_exits_2_naming_the_action(
    spec: Path, version: str, body: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = spec.parent / "r.overlay.yaml"
    overlay.write_text(f"overlay: {version}\ninfo: {{title: fixes, version: '1'}}\n{body}", encoding="utf-8")
    output = spec.parent / "effective.json"
    assert main(["overlay", str(spec), str(overlay), "-o", str(output)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"specpipe overlay: error: {overlay}: ")
    assert named in err
    assert len(err.splitlines()) <= 2  # the error, and the one schema error under it
    assert not output.exists()


def test_a_1_2_overlay_with_a_reusable_action_applies(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = spec.parent / "r.overlay.yaml"
    overlay.write_text(
        "overlay: 1.2.0\ninfo: {title: fixes, version: '1'}\n"
        + REUSABLE
        + "actions:\n  - {$ref: '#/components/actions/title', target: $.info}\n",
        encoding="utf-8",
    )
    assert main(["overlay", str(spec), str(overlay)]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["info"]["title"] == "Fixed"
