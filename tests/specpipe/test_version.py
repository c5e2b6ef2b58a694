"""The client's SemVer (bumped by the diffs at release, never by generation), HeyGen's API version beside it."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.diff import Change, DiffReport, Level, compare
from specpipe.errors import GenerateError
from specpipe.generate import drift, effective_spec, generate, load_vendored
from specpipe.project import Project
from specpipe.version import FIRST_VERSION, Bump, Ledger, bumped, check_semver, decide_bump, read_ledger, write_ledger
from specpipe.version import inputs_digest as digest
from tests.shared import copy_pipeline

ROOT = Path(__file__).resolve().parents[2]


def _change(rule: str, level: Level) -> Change:
    return Change(rule, level, "DELETE /v1/video.delete", None, None, rule)


def _report(*changes: Change) -> DiffReport:
    return DiffReport(changes)


NONE = _report()
DOC_EDIT = _report(_change("api-operation-description-changed", Level.INFO))
ADDED_FIELD = _report(_change("response-optional-property-added", Level.INFO))
NEW_PARAMETER = _report(_change("python-new-optional-parameter", Level.INFO))
WARNING = _report(_change("request-property-removed", Level.WARNING))
BREAKING = _report(_change("request-parameter-became-required", Level.BREAKING))
DEPRECATED = _report(_change("endpoint-deprecated-with-sunset", Level.INFO))
REACTIVATED = _report(_change("endpoint-reactivated", Level.INFO))


@pytest.mark.parametrize(
    ("spec", "client", "bump"),
    [
        pytest.param(NONE, NONE, Bump.PATCH, id="nothing"),
        pytest.param(DOC_EDIT, NONE, Bump.PATCH, id="description-edit"),
        pytest.param(ADDED_FIELD, NONE, Bump.MINOR, id="spec-addition"),
        pytest.param(DOC_EDIT, NEW_PARAMETER, Bump.MINOR, id="client-addition"),
        pytest.param(WARNING, DOC_EDIT, Bump.MINOR, id="spec-warning"),
        pytest.param(DEPRECATED, NONE, Bump.MINOR, id="deprecation"),  # SemVer 2.0.0, item 7
        pytest.param(REACTIVATED, NONE, Bump.PATCH, id="no-longer-deprecated"),
        pytest.param(BREAKING, ADDED_FIELD, Bump.MAJOR, id="spec-breaking"),
        pytest.param(ADDED_FIELD, BREAKING, Bump.MAJOR, id="client-only-breaking"),
    ],
)
def test_decide_bump(spec: DiffReport, client: DiffReport, bump: Bump) -> None:
    assert decide_bump((spec, client)) is bump


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        pytest.param("4.0.8", Bump.PATCH, "4.0.9", id="patch"),
        pytest.param("4.0.8", Bump.MINOR, "4.1.0", id="minor"),
        pytest.param("4.1.3", Bump.MAJOR, "5.0.0", id="major"),
        pytest.param("4.9.9", Bump.PATCH, "4.9.10", id="no-carry"),
    ],
)
def test_bumped(version: str, bump: Bump, expected: str) -> None:
    assert bumped(version, bump) == expected


@pytest.mark.parametrize(
    ("version", "message"),
    [
        pytest.param("4.0.8.post2", "not MAJOR.MINOR.PATCH", id="post-release"),
        pytest.param("4.1", "not MAJOR.MINOR.PATCH", id="two-parts"),
        pytest.param("04.0.8", "not MAJOR.MINOR.PATCH", id="leading-zero"),
        pytest.param("4.0.7", "below 4.0.8", id="below-the-first"),
    ],
)
def test_client_versions_are_semver_from_4_0_8(version: str, message: str) -> None:
    with pytest.raises(GenerateError, match=message) as error:
        check_semver(version, "version.json")
    assert error.value.step == "version"


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "generator-config.yaml"
    config.write_text("literal_enums: true\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "model.py.jinja").write_text("{{ model }}\n", encoding="utf-8")
    (tmp_path / "generator-lock.txt").write_text("jinja2==3.1.6 --hash=sha256:aa\n", encoding="utf-8")
    return config, templates


def test_digest_covers_every_input_and_nothing_else(tmp_path: Path) -> None:
    config, templates = _inputs(tmp_path)
    lock = tmp_path / "generator-lock.txt"
    tools = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}

    def inputs_digest(spec: str, config: Path, templates: Path | None, tools: dict[str, str]) -> str:
        return digest(spec, config, templates, tools, lock)

    base = inputs_digest("{}\n", config, templates, tools)
    assert inputs_digest("{}\n", config, templates, tools) == base
    # Build leftovers in templates/ do not count.
    (templates / "__pycache__").mkdir()
    (templates / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert inputs_digest("{}\n", config, templates, tools) == base
    assert inputs_digest('{"a": 1}\n', config, templates, tools) != base
    assert inputs_digest("{}\n", config, templates, {**tools, "ruff": "0.18.0"}) != base
    assert inputs_digest("{}\n", config, None, tools) != base
    (templates / "model.py.jinja").rename(templates / "other.py.jinja")
    assert inputs_digest("{}\n", config, templates, tools) != base, "a renamed template counts"
    (templates / "other.py.jinja").rename(templates / "model.py.jinja")
    config.write_text("literal_enums: false\n", encoding="utf-8")
    assert inputs_digest("{}\n", config, templates, tools) != base
    config.write_text("literal_enums: true\n", encoding="utf-8")
    assert inputs_digest("{}\n", config, templates, tools) == base
    lock.write_text("jinja2==3.1.7 --hash=sha256:bb\n", encoding="utf-8")
    assert inputs_digest("{}\n", config, templates, tools) != base, "a re-locked dependency counts"


def test_read_ledger(tmp_path: Path) -> None:
    path = tmp_path / "version.json"
    assert read_ledger(path) is None
    documents.write_atomic(path, documents.dumps(Ledger("4.2.0", "4.0.9", "abc").as_json()))
    assert read_ledger(path) == Ledger("4.2.0", "4.0.9", "abc")


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        pytest.param({"upstream_version": "4.0.8", "post": 0}, Ledger("4.0.8", "4.0.8", "d"), id="release"),
        pytest.param({"upstream_version": "4.0.8", "post": 2}, Ledger("4.0.8", "4.0.8", "d"), id="post-release"),
        pytest.param({"upstream_version": "4.0.9", "post": 0}, Ledger("4.0.9", "4.0.9", "d"), id="later-upstream"),
        pytest.param({"upstream_version": "3.0.0", "post": 0}, Ledger("4.0.8", "3.0.0", "d"), id="never-below-4.0.8"),
    ],
)
def test_the_previous_schemes_ledger_migrates(tmp_path: Path, legacy: dict[str, object], expected: Ledger) -> None:
    """A ledger written before SemVer (upstream version + post number) still reads: SemVer starts from it."""
    path = tmp_path / "version.json"
    path.write_text(json.dumps({**legacy, "inputs_sha256": "d"}), encoding="utf-8")
    assert read_ledger(path) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[]", id="not-an-object"),
        pytest.param('{"version": "4.0.8", "api_version": "4.0.8"}', id="missing-digest"),
        pytest.param('{"api_version": "4.0.8", "inputs_sha256": "a"}', id="missing-version"),
        pytest.param('{"version": "4.0.8.post1", "api_version": "4.0.8", "inputs_sha256": "a"}', id="not-semver"),
        pytest.param('{"version": "1.0.0", "api_version": "4.0.8", "inputs_sha256": "a"}', id="below-4.0.8"),
        pytest.param('{"upstream_version": "v4 beta", "inputs_sha256": "a", "post": 0}', id="legacy-not-pep440"),
        pytest.param("{", id="invalid-json"),
    ],
)
def test_unreadable_ledger_names_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "version.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GenerateError, match=re.escape(str(path))) as error:
        read_ledger(path)
    assert error.value.step == "version"


# End to end: the version reaches the package, regeneration stays a fixed point, and check sees a
# forgotten regeneration.


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copy_pipeline(tmp_path)
    return Project.at(tmp_path)


def _package_versions(project: Project) -> tuple[str, str]:
    """(client version, API version) as the package declares them, after checking each is said consistently."""
    pyproject = (project.client / "pyproject.toml").read_text(encoding="utf-8")
    init = (project.client / "heygen_api_client" / "__init__.py").read_text(encoding="utf-8")
    (from_pyproject,) = re.findall(r'^version = "([^"]+)"$', pyproject, re.M)
    (from_init,) = re.findall(r'^__version__ = "([^"]+)"$', init, re.M)
    (api_in_init,) = re.findall(r'^__api_version__ = "([^"]+)"$', init, re.M)
    (api_in_metadata,) = re.findall(r'^description = ".*\(OpenAPI document version ([^"]+)\)"$', pyproject, re.M)
    assert from_pyproject == from_init
    assert api_in_init == api_in_metadata
    ledger = _ledger(project)
    assert (ledger["version"], ledger["api_version"]) == (from_init, api_in_init)
    return from_init, api_in_init


def _ledger(project: Project) -> dict[str, object]:
    data: dict[str, object] = json.loads(project.version_ledger.read_text(encoding="utf-8"))
    return data


def _edit_template(project: Project) -> None:
    assert project.templates is not None
    template = project.templates / "package_init.py.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def _bump_upstream(project: Project) -> None:
    spec = documents.load_mapping(project.vendored("heygen-api"))
    spec["info"]["version"] = "4.0.9"
    documents.write_atomic(project.vendored("heygen-api"), documents.dumps(spec))


def _relock(project: Project) -> None:
    with project.generator_lock.open("a", encoding="utf-8") as lock:
        lock.write("# re-resolved\n")


@pytest.mark.e2e
def test_generation_keeps_the_client_version_and_follows_the_api_version(project: Project) -> None:
    """Development regenerations never bump: only `specpipe release` writes a new client version."""
    shutil.rmtree(project.generated, ignore_errors=True)
    v1 = documents.load_mapping(project.vendored("heygen-api"))["info"]["version"]
    upstream = f"heygen-external-api@1.0.0, heygen-api@{v1}"  # the merged document's info.version
    generate(project)
    assert _package_versions(project) == (FIRST_VERSION, upstream)

    _edit_template(project)
    assert drift(project), "check must flag a template change that was not regenerated"
    generate(project)
    assert _package_versions(project) == (FIRST_VERSION, upstream)
    assert drift(project) == ""

    _bump_upstream(project)
    generate(project)
    bumped_upstream = "heygen-external-api@1.0.0, heygen-api@4.0.9"
    assert _package_versions(project) == (FIRST_VERSION, bumped_upstream)
    assert drift(project) == ""

    # What release does: a new client version in the ledger, which generation then keeps.
    write_ledger(project.version_ledger, Ledger("4.1.0", bumped_upstream, str(_ledger(project)["inputs_sha256"])))
    generate(project)
    assert _package_versions(project) == ("4.1.0", bumped_upstream)
    assert drift(project) == ""


@pytest.mark.e2e
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_edit_template, id="template-edited"),
        pytest.param(_bump_upstream, id="upstream-bumped"),
        pytest.param(_relock, id="generator-relocked"),
    ],
)
def test_forgotten_regeneration_shows_in_the_ledger(project: Project, change: Callable[[Project], None]) -> None:
    shutil.rmtree(project.generated, ignore_errors=True)
    generate(project)
    change(project)
    diff = drift(project)
    assert "version.json" in diff
    assert '-  "inputs_sha256": "' in diff


def test_a_missing_lock_file_stops_generation(project: Project) -> None:
    project.generator_lock.unlink()
    with pytest.raises(GenerateError, match=r"generator-lock\.txt") as error:
        generate(project)
    assert error.value.step == "version"


def test_adding_the_v3_source_asks_a_minor_release(tmp_path: Path) -> None:
    """The v1-only effective spec → the merged one: operations, schemes and tags added, nothing removed a
    caller relies on (the v1 scheme is merged into v3's equal ApiKeyAuth), so 4.0.8 → 4.1.0 at release.
    Negative control: dropping the v1 source instead (the reverse comparison) is a major change."""
    for folder in ("openapi", "overlay"):
        shutil.copytree(ROOT / folder, tmp_path / "both" / folder)
    shutil.copytree(tmp_path / "both", tmp_path / "v1")
    (tmp_path / "v1" / "openapi" / "sources.yaml").write_text(
        "sources:\n  - {name: heygen-api, url: 'https://docs.heygen.com/reference/delete-a-video.md', title: heygen-api}\n",
        encoding="utf-8",
    )
    (tmp_path / "v1" / "overlay" / "heygen-external-api.overlay.yaml").unlink()
    merged, v1 = (Project.at(tmp_path / name) for name in ("both", "v1"))
    before = effective_spec(v1, load_vendored(v1))
    after = effective_spec(merged, load_vendored(merged))
    assert decide_bump([compare(before, after)]) is Bump.MINOR
    assert bumped("4.0.8", decide_bump([compare(before, after)])) == "4.1.0"
    assert decide_bump([compare(after, before)]) is Bump.MAJOR
