"""specpipe sync end to end against a local server: unchanged → nothing written; changed → spec, client,
version and changelog in one step; any failure → nothing written (or everything put back)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from specpipe import documents
from specpipe.cli import EXIT_ERROR, EXIT_OK, main
from specpipe.diff import Change, DiffReport, Level
from specpipe.errors import DiffError, SyncError
from specpipe.extract import provenance_path
from specpipe.generate import drift, generate
from specpipe.project import Project
from specpipe.sync import compose_report, prepend_changelog, sync
from tests.shared import SEED_PAGE, copy_pipeline, fingerprint, shared_path

ROOT = Path(__file__).resolve().parents[2]
DELETE = ("paths", "/v1/video.delete", "delete")
TODAY = dt.date(2030, 1, 2)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's pipeline inputs with a generated client; each test copies it again."""
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


def _operation(document: dict[str, Any]) -> dict[str, Any]:
    node = document
    for key in DELETE:
        node = node[key]
    return node


def _page(document: dict[str, Any]) -> str:
    """A published docs page (markdown export) embedding ``document``, as HeyGen publishes one."""
    return f"# Delete a Video\n\nProse.\n\n# OpenAPI definition\n\n```json\n{json.dumps(document, indent=2)}\n```\n"


def _vendored(project: Project) -> dict[str, Any]:
    return documents.load_mapping(project.vendored_spec)


def _version_bump_with_changes(project: Project) -> dict[str, Any]:
    """4.0.8 → 4.0.9, a new optional response property (info) and a new required query parameter (breaking)."""
    document = copy.deepcopy(_vendored(project))
    document["info"]["version"] = "4.0.9"
    operation = _operation(document)
    data = operation["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
    data["properties"]["Skipped"] = {"type": "array", "items": {"type": "string"}, "description": "Skipped IDs."}
    operation["parameters"].append({"name": "confirm", "in": "query", "required": True, "schema": {"type": "boolean"}})
    return document


def _deleted_renamed(project: Project) -> dict[str, Any]:
    """Upstream renames the field one of our overlay actions targets."""
    document = copy.deepcopy(_vendored(project))
    data = _operation(document)["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
    data["properties"]["Removed"] = data["properties"].pop("Deleted")
    return document


def _example_contradicts_schema(project: Project) -> dict[str, Any]:
    document = copy.deepcopy(_vendored(project))
    examples = _operation(document)["responses"]["200"]["content"]["application/json"]["examples"]
    examples["Result"]["value"]["message"] = 5
    return document


def _serve(httpserver: HTTPServer, body: str, path: str = "/delete-a-video.md") -> str:
    httpserver.expect_request(path).respond_with_data(body, content_type="text/markdown; charset=utf-8")
    return httpserver.url_for(path)


def _sync(project: Project, source: str, report: Path) -> int:
    return main(["sync", source, "--report", str(report), "--root", str(project.root)])


def test_unchanged_page_writes_nothing(
    project: Project, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = shared_path(SEED_PAGE, "sync end to end").read_text(encoding="utf-8")
    url = _serve(httpserver, seed)
    before = fingerprint(project.root)
    report = tmp_path / "report.md"
    assert _sync(project, url, report) == EXIT_OK
    assert fingerprint(project.root) == before
    assert not report.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unchanged" in captured.err
    assert len(httpserver.log) == 1


def test_unchanged_file_source_writes_nothing(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(_page(_vendored(project)), encoding="utf-8")
    before = fingerprint(project.root)
    result = sync(project, str(page))
    assert result.report is None
    assert result.upstream_version == _vendored(project)["info"]["version"]
    assert fingerprint(project.root) == before


def test_changed_page_updates_spec_client_version_and_changelog(
    project: Project, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_changelog = project.root / "CHANGELOG.md"
    old_changelog_text = old_changelog.read_text(encoding="utf-8") if old_changelog.exists() else None
    published = _version_bump_with_changes(project)
    url = _serve(httpserver, _page(published))
    report = tmp_path / "report.md"
    assert _sync(project, url, report) == EXIT_OK
    out = capsys.readouterr().out

    # Spec and provenance.
    assert _vendored(project) == published
    provenance = documents.load_mapping(provenance_path(project.vendored_spec))
    assert provenance["source"] == url
    assert provenance["info_version"] == "4.0.9"
    # Client and version: regenerated from the new document, and consistent (the drift gate passes).
    ledger = documents.load_mapping(project.version_ledger)
    assert (ledger["version"], ledger["upstream_version"], ledger["post"]) == ("4.0.9", "4.0.9", 0)
    assert 'version = "4.0.9"' in (project.client / "pyproject.toml").read_text(encoding="utf-8")
    model = (project.client / "heygen_api_client" / "models" / "delete_video_result.py").read_text(encoding="utf-8")
    assert "skipped: list[str] | Unset" in model
    assert drift(project) == ""
    # One report: stdout, the --report file and the top of CHANGELOG.md.
    assert report.read_text(encoding="utf-8") == out
    assert out.startswith("## 4.0.9 (")
    spec_part, client_part = out.split("### Client API changes", 1)
    assert "new-required-request-parameter" in spec_part
    assert "response-optional-property-added" in spec_part
    assert "python-new-required-parameter" in client_part
    assert "python-attribute-added" in client_part
    changelog = (project.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n")
    assert out in changelog
    if old_changelog_text is not None:  # everything that was there is still there, word for word
        assert changelog.replace(out, "", 1).split() == old_changelog_text.split()


def test_changed_raw_json_also_syncs(project: Project, httpserver: HTTPServer) -> None:
    document = _version_bump_with_changes(project)
    httpserver.expect_request("/spec.json").respond_with_json(document)
    result = sync(project, httpserver.url_for("/spec.json"), today=TODAY)
    assert result.package_version == "4.0.9"
    assert result.report is not None
    assert result.report.startswith(f"## 4.0.9 ({TODAY.isoformat()})")
    assert result.spec is not None
    assert result.spec.breaking
    assert _vendored(project) == document


def test_upstream_edit_without_a_version_bump_is_a_post_release(project: Project, tmp_path: Path) -> None:
    """Two different packages never share a version, even when HeyGen forgets to bump info.version."""
    document = _version_bump_with_changes(project)
    upstream = _vendored(project)["info"]["version"]
    document["info"]["version"] = upstream
    page = tmp_path / "page.md"
    page.write_text(_page(document), encoding="utf-8")
    committed = json.loads(project.version_ledger.read_text(encoding="utf-8"))["post"]
    result = sync(project, str(page), today=TODAY)
    assert result.package_version == f"{upstream}.post{committed + 1}"
    assert result.report is not None
    assert result.report.startswith(f"## {upstream}.post{committed + 1} (2030-01-02)\n")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        pytest.param(_deleted_renamed, ".Deleted", id="overlay-target-vanished"),
        pytest.param(_example_contradicts_schema, "step 'doctor'", id="doctor-finding"),
    ],
)
def test_new_document_the_pipeline_refuses_writes_nothing(
    project: Project,
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[Project], dict[str, Any]],
    named: str,
) -> None:
    url = _serve(httpserver, _page(change(project)))
    before = fingerprint(project.root)
    report = tmp_path / "report.md"
    assert _sync(project, url, report) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "stopped before writing anything" in err
    assert named in err
    assert url in err
    assert fingerprint(project.root) == before
    assert not report.exists()


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_http_errors_write_nothing(
    project: Project,
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    status: int,
    reason: str,
) -> None:
    httpserver.expect_request("/page").respond_with_data("nope", status=status)
    url = httpserver.url_for("/page")
    before = fingerprint(project.root)
    assert _sync(project, url, tmp_path / "report.md") == EXIT_ERROR
    assert f"{url}: sync: fetch failed: HTTP {status} {reason}" in capsys.readouterr().err
    assert fingerprint(project.root) == before


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound once to pick it, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_connection_refused_writes_nothing(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], closed_port: int
) -> None:
    url = f"http://127.0.0.1:{closed_port}/page"
    before = fingerprint(project.root)
    assert _sync(project, url, tmp_path / "report.md") == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{url}: sync: fetch failed: ConnectError" in err
    assert fingerprint(project.root) == before


def test_redirects_are_followed(project: Project, httpserver: HTTPServer) -> None:
    target = _serve(httpserver, _page(_vendored(project)), "/final")
    httpserver.expect_request("/moved").respond_with_data("", status=301, headers={"Location": target})
    assert sync(project, httpserver.url_for("/moved")).report is None
    assert [entry[0].path for entry in httpserver.log] == ["/moved", "/final"]


def test_other_schemes_and_missing_files_are_errors(project: Project, tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="only http"):
        sync(project, "ftp://example.test/page")
    with pytest.raises(SyncError, match="cannot read"):
        sync(project, str(tmp_path / "absent.md"))


def _break_generator(project: Project) -> None:
    """The generator fails after the new document was written (the overlay and doctor still pass)."""
    project.generator_config.write_text("class_overrides: [not, a, mapping]\n", encoding="utf-8")


def _break_api_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after generated/ was replaced."""

    def fail(old: Path, new: Path) -> None:
        raise DiffError(f"{new}: api-diff: injected failure")

    monkeypatch.setattr("specpipe.sync.api_diff", fail)


@pytest.mark.parametrize("late_step", ["generator", "api-diff"])
def test_late_failure_restores_everything(
    project: Project, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, late_step: str
) -> None:
    if late_step == "generator":
        _break_generator(project)
    else:
        _break_api_diff(monkeypatch)
    url = _serve(httpserver, _page(_version_bump_with_changes(project)))
    before = fingerprint(project.root)
    with pytest.raises(SyncError, match="were restored") as error:
        sync(project, url)
    assert ("step 'generator'" if late_step == "generator" else "injected failure") in str(error.value)
    assert fingerprint(project.root) == before


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        pytest.param(None, "# Changelog\n\n## new\n", id="created"),
        pytest.param("# Changelog\n", "# Changelog\n\n## new\n", id="title-only"),
        pytest.param(
            "# Changelog\n\nNewest first.\n\n## old\n\nx\n",
            "# Changelog\n\nNewest first.\n\n## new\n\n## old\n\nx\n",
            id="above-the-newest-entry",
        ),
    ],
)
def test_prepend_changelog(existing: str | None, expected: str) -> None:
    assert prepend_changelog(existing, "## new\n") == expected


def test_report_nests_both_diffs_under_the_release_heading() -> None:
    spec = DiffReport((Change("endpoint-added", Level.INFO, "GET /a", None, "/paths/~1a/get", "endpoint added"),))
    text = compose_report(
        source="https://docs.example/page",
        today=TODAY,
        upstream=("1", "2"),
        package=("1", "2"),
        spec=spec,
        client=DiffReport(()),
    )
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "## 2 (2030-01-02)",
        "### Spec changes (the effective spec the client is generated from)",
        "#### Info (1)",
        "### Client API changes (`heygen_api_client`)",
    ]
    assert "- `GET /a`: endpoint added (`endpoint-added`)" in text
    assert text.endswith("No changes.\n")


def _circular_ref(project: Project) -> dict[str, Any]:
    """A schema cycle that never reaches a value, with an example: doctor, generate and sync used to recurse
    until RecursionError (exit 1, a traceback)."""
    document = copy.deepcopy(_vendored(project))
    document.setdefault("components", {}).setdefault("schemas", {}).update(
        {"Loop": {"$ref": "#/components/schemas/Back"}, "Back": {"$ref": "#/components/schemas/Loop", "example": 1}}
    )
    return document


def test_a_circular_ref_stops_the_sync_before_writing(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text(_page(_circular_ref(project)), encoding="utf-8")
    before = fingerprint(project.root)
    assert _sync(project, str(page), tmp_path / "report.md") == EXIT_ERROR
    err = capsys.readouterr().err
    assert "stopped before writing anything" in err
    assert "/components/schemas/Back: $ref: circular reference" in err
    assert fingerprint(project.root) == before


def _mintlify(document: dict[str, Any]) -> str:
    """The document as developers.heygen.com publishes one: YAML in a four-backtick fence after a preamble."""
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return (
        "> ## Documentation Index\n> Fetch the complete documentation index at: https://developers.example/llms.txt\n\n"
        f"# Delete a video\n\n````yaml /openapi/external-api.json delete /v1/video.delete\n{body}````\n"
    )


def _another_api(project: Project) -> dict[str, Any]:
    document = copy.deepcopy(_vendored(project))
    document["info"].update(title="HeyGen External API", version="1.0.0")
    return document


def test_a_page_of_another_api_is_refused(
    project: Project, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _serve(httpserver, _mintlify(_another_api(project)))
    before = fingerprint(project.root)
    assert _sync(project, url, tmp_path / "report.md") == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{url}: sync: the page publishes 'HeyGen External API', not 'heygen-api'" in err
    assert "--allow-new-api" in err
    assert fingerprint(project.root) == before


def test_allow_new_api_vendors_a_developers_heygen_com_page(project: Project, httpserver: HTTPServer) -> None:
    document = _another_api(project)
    url = _serve(httpserver, _mintlify(document))
    result = sync(project, url, today=TODAY, allow_new_api=True)
    assert result.package_version == "1.0.0"
    assert _vendored(project) == document
    provenance = documents.load_mapping(provenance_path(project.vendored_spec))
    assert (provenance["page_format"], provenance["info_version"]) == ("mintlify-yaml", "1.0.0")
