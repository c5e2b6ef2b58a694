"""specpipe sync end to end against a local server: unchanged → nothing written; changed → spec, client,
version and changelog in one step; any failure → nothing written (or everything put back)."""

from __future__ import annotations

import copy
import datetime as dt
import errno
import json
import os
import random
import shutil
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from specpipe import documents
from specpipe.cli import EXIT_ERROR, EXIT_OK, main
from specpipe.errors import DiffError, SyncError, TransactionError
from specpipe.extract import provenance_path
from specpipe.generate import drift, generate
from specpipe.project import Project
from specpipe.sync import sync as specpipe_sync
from specpipe.transaction import recover
from tests.crash import KILLED, Step, run_killed, run_killed_after, specpipe
from tests.github_actions import parse_github_output
from tests.shared import copy_pipeline, fingerprint, local_sources

ROOT = Path(__file__).resolve().parents[2]
DELETE = ("paths", "/v1/video.delete", "delete")
TODAY = dt.date(2030, 1, 2)
CLIENT_VERSION = json.loads((ROOT / "generated" / "version.json").read_text(encoding="utf-8"))["version"]


V1 = "heygen-api"  # the source these tests change; the v3 source is read, unchanged, from a local page
V1_URL = "https://docs.heygen.com/reference/delete-a-video.md"


def api_version(v1: str) -> str:
    """The merged document's info.version (``__api_version__``) with the v1 page at ``v1``."""
    return f"heygen-external-api@1.0.0, heygen-api@{v1}"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's pipeline inputs with a generated client; each test copies it again."""
    root = tmp_path_factory.mktemp("pristine")
    copy_pipeline(root)
    project = Project.at(root)
    local_sources(root, tmp_path_factory.mktemp("pages"), "heygen-external-api")  # read unchanged, locally
    if not project.client.is_dir():
        generate(project)
    return root


def sync(project: Project, location: str, **options: Any) -> Any:
    """``specpipe.sync.sync`` of the v1 page from ``location`` (the other source from its manifest entry)."""
    return specpipe_sync(project, location, for_source=V1, **options)


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
    return documents.load_mapping(project.vendored("heygen-api"))


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
    return main(["sync", source, "--for", V1, "--report", str(report), "--root", str(project.root)])


def test_unchanged_page_writes_nothing(
    project: Project, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A page in the published form (markdown export) over the vendored document; the seed page itself
    # is served in tests/conformance/specpipe/test_sync.py.
    url = _serve(httpserver, _page(_vendored(project)))
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
    assert result.upstream_version == api_version(_vendored(project)["info"]["version"])
    assert fingerprint(project.root) == before


@pytest.mark.e2e
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
    provenance = documents.load_mapping(provenance_path(project.vendored("heygen-api")))
    assert provenance["source"] == V1_URL, "provenance names the page's real URL"
    assert provenance["read_from"] == url
    assert provenance["info_version"] == "4.0.9"
    # Client and version: regenerated from the new document, and consistent (the drift gate passes).
    # The client version waits for `specpipe release`; the API version follows HeyGen's.
    ledger = documents.load_mapping(project.version_ledger)
    assert (ledger["version"], ledger["api_version"]) == (CLIENT_VERSION, api_version("4.0.9"))
    assert f'version = "{CLIENT_VERSION}"' in (project.client / "pyproject.toml").read_text(encoding="utf-8")
    init = (project.client / "heygen_api_client" / "__init__.py").read_text(encoding="utf-8")
    assert f'__api_version__ = "{api_version("4.0.9")}"' in init
    model = (project.client / "heygen_api_client" / "models" / "delete_video_result.py").read_text(encoding="utf-8")
    assert "skipped: list[str] | Unset" in model
    assert drift(project) == ""
    # One report: stdout, the --report file and the top of CHANGELOG.md.
    assert report.read_text(encoding="utf-8") == out
    assert out.startswith("## Unreleased (")
    assert "`4.0.8` → `4.0.9`" in out
    assert "the next `specpipe release` a major one" in out
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


@pytest.mark.e2e
def test_changed_raw_json_also_syncs(project: Project, httpserver: HTTPServer) -> None:
    document = _version_bump_with_changes(project)
    httpserver.expect_request("/spec.json").respond_with_json(document)
    result = sync(project, httpserver.url_for("/spec.json"), today=TODAY)
    assert result.package_version == CLIENT_VERSION
    assert result.report is not None
    assert result.report.startswith(f"## Unreleased ({TODAY.isoformat()})")
    assert result.spec is not None
    assert result.spec.breaking
    assert _vendored(project) == document


def _operation_id_renamed(project: Project) -> dict[str, Any]:
    """Nothing changes on the wire, but the client's function module is renamed: breaking for Python callers."""
    document = copy.deepcopy(_vendored(project))
    _operation(document)["operationId"] = "remove-a-video"
    return document


def _optional_field_added(project: Project) -> dict[str, Any]:
    document = copy.deepcopy(_vendored(project))
    data = _operation(document)["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
    data["properties"]["Skipped"] = {"type": "array", "items": {"type": "string"}}
    return document


def _sync_for_the_workflow(project: Project, page: Path, github_output: Path) -> Path:
    """``sync`` of the v1 page as the upstream-sync workflow runs it: outputs appended, verdict written."""
    verdict = github_output.with_name("verdict.json")
    argv = ["sync", str(page), "--for", V1, "--outputs", str(github_output), "--verdict", str(verdict)]
    assert main([*argv, "--root", str(project.root)]) == EXIT_OK
    return verdict


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("change", "spec_breaking", "outputs"),
    [
        pytest.param(
            _version_bump_with_changes,
            True,
            {
                "changed": "true",
                "breaking": "true",
                "bump": "major",
                "api_version": api_version("4.0.9"),
                "version": CLIENT_VERSION,
            },
            id="spec-breaking",
        ),
        pytest.param(
            _operation_id_renamed,
            False,
            {
                "changed": "true",
                "breaking": "true",
                "bump": "major",
                "api_version": api_version("4.0.8"),
                "version": CLIENT_VERSION,
            },
            id="client-only-breaking",
        ),
        pytest.param(
            _optional_field_added,
            False,
            {
                "changed": "true",
                "breaking": "false",
                "bump": "minor",
                "api_version": api_version("4.0.8"),
                "version": CLIENT_VERSION,
            },
            id="addition",
        ),
        pytest.param(
            _vendored,
            False,
            {"changed": "false", "breaking": "false", "bump": "", "api_version": api_version("4.0.8"), "version": ""},
            id="unchanged",
        ),
    ],
)
def test_outputs_label_breaking_when_either_diff_is(
    project: Project,
    tmp_path: Path,
    change: Callable[[Project], dict[str, Any]],
    spec_breaking: bool,
    outputs: dict[str, str],
) -> None:
    """The verdict the upstream-sync workflow labels its pull request from, as JSON and as $GITHUB_OUTPUT
    entries (appended, read back as GitHub's runner reads them)."""
    page = tmp_path / "page.md"
    page.write_text(_page(change(project)), encoding="utf-8")
    github_output = tmp_path / "github-output"
    github_output.write_text("earlier=kept\n", encoding="utf-8")
    verdict = _sync_for_the_workflow(project, page, github_output)
    assert parse_github_output(github_output.read_text(encoding="utf-8")) == {"earlier": "kept", **outputs}
    as_json = json.loads(verdict.read_text(encoding="utf-8"))
    assert as_json == {
        "changed": outputs["changed"] == "true",
        "breaking": outputs["breaking"] == "true",
        "bump": outputs["bump"] or None,
        "api_version": outputs["api_version"],
        "version": outputs["version"] or None,
    }
    assert documents.load_mapping(project.version_ledger)["version"] == CLIENT_VERSION, "sync never bumps"
    if outputs["changed"] == "true":  # the breaking label is not the spec diff's alone
        section = project.changelog.read_text(encoding="utf-8").split("\n## ")[1]
        spec_part = section.split("### Client API changes")[0]
        assert ("#### Breaking" in spec_part) is spec_breaking


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
    with pytest.raises(SyncError, match="nothing was changed") as error:
        sync(project, url)
    assert ("step 'generator'" if late_step == "generator" else "injected failure") in str(error.value)
    assert fingerprint(project.root) == before


def _published_page(project: Project, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    published = _version_bump_with_changes(project)
    page = tmp_path / "page.md"
    page.write_text(_page(published), encoding="utf-8")
    return published, page


def _assert_synced(project: Project, published: dict[str, Any], report: Path) -> None:
    """What every sync, killed anywhere and re-run, must end with: new document, client and one changelog entry."""
    assert _vendored(project) == published
    ledger = documents.load_mapping(project.version_ledger)
    assert (ledger["version"], ledger["api_version"]) == (CLIENT_VERSION, api_version("4.0.9"))
    changelog = project.changelog.read_text(encoding="utf-8")
    assert changelog.count("\n## Unreleased (") == 1
    assert report.read_text(encoding="utf-8") in changelog
    assert not (project.root / ".specpipe").exists()
    assert main(["check", "--root", str(project.root)]) == EXIT_OK


# Steps are named by what the process last did to the file system (tests/crash.py). The journal is
# written when the transaction begins, once per staged target (7 here) and at the commit mark; a kill
# after every single step is tests/specpipe/test_transaction.py's job.
KILL_STEPS = [
    pytest.param(Step(".specpipe/txn/new/*/version.json"), "rolled back", id="while-regenerating"),
    pytest.param(Step(".specpipe/journal.json", 9), "finished", id="commit-mark"),
    pytest.param(Step("openapi/heygen-api.json"), "finished", id="vendored-document"),
    pytest.param(Step(".specpipe/txn/old/2"), "finished", id="client-swapped-old-set-aside"),
    pytest.param(Step("generated/openapi.json"), "finished", id="effective-spec-backed-up"),
    pytest.param(Step("generated/version.json"), "finished", id="before-the-changelog"),
    pytest.param(Step("CHANGELOG.md", 2), "finished", id="changelog-written"),
    pytest.param(Step(".specpipe/journal.json", 10), None, id="journal-deleted"),
]


@pytest.mark.crash
@pytest.mark.parametrize(("step", "recovery"), KILL_STEPS)
def test_a_killed_sync_converges_on_rerun(project: Project, tmp_path: Path, step: Step, recovery: str | None) -> None:
    published, page = _published_page(project, tmp_path)
    argv = ("sync", str(page), "--for", V1, "--report", str(tmp_path / "report.md"))
    killed = run_killed(project.root, step, *argv)
    assert killed.returncode == KILLED, killed.stderr
    rerun = specpipe(project.root, *argv)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    _assert_synced(project, published, tmp_path / "report.md")
    if recovery is not None:
        assert f"specpipe: {recovery} the interrupted `specpipe sync {page} --for heygen-api --report" in rerun.stderr


@pytest.mark.crash
def test_sync_killed_at_a_random_time_converges(project: Project, tmp_path: Path) -> None:
    published, page = _published_page(project, tmp_path)
    argv = ("sync", str(page), "--for", V1, "--report", str(tmp_path / "report.md"))
    run_killed_after(project.root, random.Random(9).uniform(1.0, 3.0), *argv)
    assert specpipe(project.root, *argv).returncode == EXIT_OK
    _assert_synced(project, published, tmp_path / "report.md")


@pytest.mark.crash
def test_sigterm_after_the_mark_finishes_the_sync(project: Project, tmp_path: Path) -> None:
    published, page = _published_page(project, tmp_path)
    argv = ("sync", str(page), "--for", V1, "--report", str(tmp_path / "report.md"))
    stopped = run_killed(project.root, Step(".specpipe/txn/old/2"), *argv, signame="SIGTERM")
    assert stopped.returncode == 128 + signal.SIGTERM
    assert "specpipe sync: interrupted by SIGTERM after the commit mark: finished the change first" in stopped.stderr
    _assert_synced(project, published, tmp_path / "report.md")


@pytest.mark.crash
def test_sigterm_before_the_mark_changes_nothing(project: Project, tmp_path: Path) -> None:
    _, page = _published_page(project, tmp_path)
    before = fingerprint(project.root)
    argv = ("sync", str(page), "--for", V1, "--report", str(tmp_path / "report.md"))
    stopped = run_killed(project.root, Step(".specpipe/txn/new/*/version.json"), *argv, signame="SIGTERM")
    assert stopped.returncode == 128 + signal.SIGTERM
    assert "interrupted by SIGTERM before the commit: rolled back, nothing was changed" in stopped.stderr
    assert fingerprint(project.root) == before
    assert not (project.root / ".specpipe").exists()
    assert not (tmp_path / "report.md").exists()


@pytest.mark.crash
def test_check_with_a_pending_sync_exits_2_and_writes_nothing(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published, page = _published_page(project, tmp_path)
    argv = ("sync", str(page), "--for", V1)
    assert run_killed(project.root, Step(".specpipe/txn/old/2"), *argv).returncode == KILLED
    before = fingerprint(project.root)
    assert {path.name for path in (project.root / ".specpipe").iterdir()} == {"journal.json", "txn"}
    assert main(["check", "--root", str(project.root)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert (
        f"an interrupted `specpipe sync {page} --for heygen-api` is pending; re-run `specpipe sync {page} --for heygen-api` (it finishes it)"
        in err
    )
    assert fingerprint(project.root) == before
    assert specpipe(project.root, *argv).returncode == EXIT_OK
    assert _vendored(project) == published
    assert main(["check", "--root", str(project.root)]) == EXIT_OK


@pytest.mark.e2e
def test_a_folder_as_report_fails_before_anything_is_committed(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, page = _published_page(project, tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    before = fingerprint(project.root)
    assert main(["sync", str(page), "--for", V1, "--report", str(folder), "--root", str(project.root)]) == EXIT_ERROR
    assert f"{folder}: sync: is a folder, cannot be replaced by a file" in capsys.readouterr().err
    assert fingerprint(project.root) == before
    assert not (project.root / ".specpipe").exists()


@pytest.mark.e2e
def test_undo_goes_on_past_a_file_it_cannot_restore(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CHANGELOG.md cannot be replaced (applying fails there), and the vendored document, already replaced,
    cannot be put back: everything else still is, and the error names it; once the cause is gone the next
    command finishes the undo."""
    _, page = _published_page(project, tmp_path)
    before = fingerprint(project.root)
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        undoing = ".specpipe/txn/old" in str(source)
        if Path(target) == project.changelog or (undoing and Path(target) == project.vendored("heygen-api")):
            raise OSError(errno.EACCES, "Permission denied (injected)")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(TransactionError) as error:
        sync(project, str(page))
    assert f"{project.changelog}: sync: cannot be written: Permission denied (injected)" in str(error.value)
    assert "could not restore 1 target(s)" in str(error.value)
    assert f"({project.vendored(V1)}: Permission denied (injected))" in str(error.value)
    assert "\n" not in str(error.value)
    outside_the_journal = {
        name: digest for name, digest in fingerprint(project.root).items() if ".specpipe" not in name
    }
    unrestored = "openapi/heygen-api.json"
    assert outside_the_journal.pop(unrestored) != before[unrestored]
    assert outside_the_journal == {name: digest for name, digest in before.items() if name != unrestored}
    monkeypatch.undo()
    assert main(["check", "--root", str(project.root)]) == EXIT_ERROR  # the undo is pending
    recovered = recover(project.root)
    assert recovered is not None
    assert not recovered.finished
    assert fingerprint(project.root) == before


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
    """The manifest's title decides (it replaced --allow-new-api): a v3 page offered as the v1 source stops the
    sync naming the source. Negative control: with the title check removed from ``_read`` the page syncs."""
    url = _serve(httpserver, _mintlify(_another_api(project)))
    before = fingerprint(project.root)
    assert _sync(project, url, tmp_path / "report.md") == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{url}: sync: source heygen-api: the page publishes 'HeyGen External API', not 'heygen-api'" in err
    assert fingerprint(project.root) == before


@pytest.mark.e2e
def test_a_mintlify_page_with_the_manifest_title_syncs(project: Project, httpserver: HTTPServer) -> None:
    """A developers.heygen.com page (four-backtick YAML fence) is vendored with its real URL in the provenance."""
    document = _version_bump_with_changes(project)
    url = _serve(httpserver, _mintlify(document))
    result = sync(project, url, today=TODAY)
    assert result.package_version == CLIENT_VERSION
    assert _vendored(project) == document
    provenance = documents.load_mapping(provenance_path(project.vendored("heygen-api")))
    assert (provenance["source"], provenance["read_from"]) == (V1_URL, url)
    assert (provenance["page_format"], provenance["info_version"]) == ("mintlify-yaml", "4.0.9")


def test_one_location_with_several_sources_needs_for(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text(_page(_vendored(project)), encoding="utf-8")
    before = fingerprint(project.root)
    assert main(["sync", str(page), "--root", str(project.root)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "the manifest lists 2 sources (heygen-external-api, heygen-api): say which one LOCATION is for" in err
    assert main(["sync", str(page), "--for", "nope", "--root", str(project.root)]) == EXIT_ERROR
    assert "no source named nope in the manifest" in capsys.readouterr().err
    assert fingerprint(project.root) == before


def test_sync_without_location_reads_every_manifest_url(project: Project, tmp_path: Path) -> None:
    """No LOCATION: each source from its manifest URL (here both local pages), unchanged → nothing written."""
    page = tmp_path / "v1.md"
    page.write_text(_page(_vendored(project)), encoding="utf-8")
    project.manifest.write_text(
        project.manifest.read_text(encoding="utf-8").replace(V1_URL, str(page)), encoding="utf-8"
    )
    before = fingerprint(project.root)
    result = specpipe_sync(project)
    assert result.report is None
    assert result.upstream_version == api_version("4.0.8")
    assert fingerprint(project.root) == before


def test_a_failing_source_leaves_every_file_as_it_was(project: Project, tmp_path: Path) -> None:
    """v1 changed, v3's page has another title: one transaction for the whole sync, so nothing is written."""
    v1 = tmp_path / "v1.md"
    v1.write_text(_page(_version_bump_with_changes(project)), encoding="utf-8")
    v3 = tmp_path / "v3.md"
    v3.write_text(_page(_vendored(project)), encoding="utf-8")  # the v1 document offered as v3
    before = fingerprint(project.root)
    with pytest.raises(SyncError, match="source heygen-external-api: the page publishes 'heygen-api'"):
        specpipe_sync(project, pages={V1: str(v1), "heygen-external-api": str(v3)})
    assert fingerprint(project.root) == before


@pytest.mark.e2e
def test_before_side_is_the_committed_effective_spec(project: Project, tmp_path: Path) -> None:
    """Issue 18.2: upstream removes the field two overlay actions patch and the same change deletes those
    actions. Sync must not re-run the old vendored document through the edited overlay (the old document
    would then fail doctor: Deleted typed string, documented as a list); it compares with the committed
    generated/openapi.json. Negative control: comparing ``_effective(project, old vendored)`` instead fails
    this test with "stopped before writing anything"."""
    document = copy.deepcopy(_vendored(project))
    data = _operation(document)["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
    data["properties"]["Deleted"] = {"type": "array", "items": {"type": "string"}, "description": "Deleted IDs."}
    data["properties"]["Failed"] = {"type": "array", "items": {"type": "string"}, "description": "Failed IDs."}
    overlay_path = project.root / "overlay" / "heygen-api.overlay.yaml"
    overlay = yaml.safe_load(overlay_path.read_text(encoding="utf-8"))
    overlay["actions"] = [a for a in overlay["actions"] if not a["target"].endswith((".Deleted", ".Failed"))]
    assert len(overlay["actions"]) == len(yaml.safe_load(overlay_path.read_text(encoding="utf-8"))["actions"]) - 2
    overlay_path.write_text(yaml.safe_dump(overlay, sort_keys=False), encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(_page(document), encoding="utf-8")
    result = sync(project, str(page), today=TODAY)
    assert result.report is not None
    assert _vendored(project) == document
    assert drift(project) == ""


@pytest.mark.e2e
def test_a_sync_from_local_files_converges(project: Project, tmp_path: Path) -> None:
    """Both sources given as local files (--from): the first run vendors the change, the second changes
    nothing, and the drift gate is green."""
    v1 = tmp_path / "v1.md"
    v1.write_text(_page(_version_bump_with_changes(project)), encoding="utf-8")
    v3 = tmp_path / "v3.md"
    v3.write_text(_mintlify(documents.load_mapping(project.vendored("heygen-external-api"))), encoding="utf-8")
    argv = ["sync", f"--from={V1}={v1}", f"--from=heygen-external-api={v3}", "--root", str(project.root)]
    assert main(argv) == EXIT_OK
    after_first = fingerprint(project.root)
    assert main(argv) == EXIT_OK
    assert fingerprint(project.root) == after_first
    assert drift(project) == ""


HOSTILE_VERSION = "4.0.9\nbreaking=false"


@pytest.mark.e2e
def test_a_hostile_info_version_cannot_forge_the_verdict(project: Project, tmp_path: Path) -> None:
    """A breaking change whose page sets ``info.version`` to a newline and ``breaking=false``: read back as
    GitHub reads $GITHUB_OUTPUT, and as the workflow reads the JSON verdict, it stays breaking.

    Negative control: the raw ``name=value`` lines sync wrote before (kept below) are forged by it."""
    document = _version_bump_with_changes(project)
    document["info"]["version"] = HOSTILE_VERSION
    page = tmp_path / "page.md"
    page.write_text(_page(document), encoding="utf-8")
    github_output = tmp_path / "github-output"
    verdict = _sync_for_the_workflow(project, page, github_output)
    outputs = parse_github_output(github_output.read_text(encoding="utf-8"))
    assert outputs["breaking"] == "true"
    assert HOSTILE_VERSION in outputs["api_version"]
    assert json.loads(verdict.read_text(encoding="utf-8"))["breaking"] is True
    raw = "".join(f"{name}={value}\n" for name, value in outputs.items())  # how sync wrote them before
    assert parse_github_output(raw)["breaking"] == "false", "the control: raw lines are forged"


@pytest.mark.e2e
def test_two_syncs_on_one_day_share_one_heading_and_keep_both_changes(project: Project, tmp_path: Path) -> None:
    """Negative control: prepending each report (what sync did) writes the day's heading twice."""
    first = _optional_field_added(project)
    page = tmp_path / "page.md"
    page.write_text(_page(first), encoding="utf-8")
    assert main(["sync", str(page), "--for", V1, "--root", str(project.root)]) == EXIT_OK
    second = copy.deepcopy(first)
    _operation(second)["operationId"] = "remove-a-video"
    page.write_text(_page(second), encoding="utf-8")
    assert main(["sync", str(page), "--for", V1, "--root", str(project.root)]) == EXIT_OK
    changelog = project.changelog.read_text(encoding="utf-8")
    day = dt.datetime.now(dt.UTC).date().isoformat()
    assert changelog.count(f"\n## Unreleased ({day})\n") == 1
    assert changelog.count("\n## ") == CHANGELOG_SECTIONS + 1
    assert "response-optional-property-added" in changelog, "the first sync's change"
    assert "remove_a_video" in changelog, "the second sync's change"
    assert changelog.index("remove_a_video") < changelog.index("response-optional-property-added"), "newest first"
    assert main(["check", "--root", str(project.root)]) == EXIT_OK


CHANGELOG_SECTIONS = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").count("\n## ")
