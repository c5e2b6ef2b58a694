"""The package version: upstream info.version, .postN for changes on our side, kept in a committed ledger."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.errors import GenerateError
from specpipe.generate import drift, generate
from specpipe.project import Project
from specpipe.version import Ledger, inputs_digest, next_ledger, read_ledger
from tests.shared import copy_pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("previous", "upstream", "digest", "expected"),
    [
        pytest.param(None, "4.0.8", "a", Ledger("4.0.8", "a", 0), id="first-generation"),
        pytest.param(Ledger("4.0.8", "a", 0), "4.0.8", "a", Ledger("4.0.8", "a", 0), id="nothing-changed"),
        pytest.param(Ledger("4.0.8", "a", 0), "4.0.8", "b", Ledger("4.0.8", "b", 1), id="our-side-changed"),
        pytest.param(Ledger("4.0.8", "b", 1), "4.0.8", "c", Ledger("4.0.8", "c", 2), id="our-side-changed-again"),
        pytest.param(Ledger("4.0.8", "c", 2), "4.0.9", "d", Ledger("4.0.9", "d", 0), id="upstream-bump-resets"),
        pytest.param(Ledger("4.0.8", "c", 2), "4.0.9", "c", Ledger("4.0.9", "c", 0), id="upstream-bump-same-digest"),
        pytest.param(None, "4.1.0rc1", "a", Ledger("4.1.0rc1", "a", 0), id="pre-release-upstream"),
    ],
)
def test_next_ledger(previous: Ledger | None, upstream: str, digest: str, expected: Ledger) -> None:
    assert next_ledger(previous, upstream, digest) == expected


@pytest.mark.parametrize(
    ("ledger", "version"),
    [
        pytest.param(Ledger("4.0.8", "a", 0), "4.0.8", id="post-0"),
        pytest.param(Ledger("4.0.8", "a", 1), "4.0.8.post1", id="post-1"),
        pytest.param(Ledger("4.1.0rc1", "a", 3), "4.1.0rc1.post3", id="pre-release-post-3"),
    ],
)
def test_version_string(ledger: Ledger, version: str) -> None:
    assert ledger.version == version
    assert ledger.as_json()["version"] == version


@pytest.mark.parametrize(
    ("upstream", "message"),
    [
        pytest.param("v4 beta", "not a PEP 440 version", id="not-pep440"),
        pytest.param("4.0.8.post2", "own post-release or local part", id="upstream-post"),
        pytest.param("4.0.8+heygen", "own post-release or local part", id="upstream-local"),
    ],
)
def test_unusable_upstream_versions(upstream: str, message: str) -> None:
    with pytest.raises(GenerateError, match=message) as error:
        next_ledger(None, upstream, "a")
    assert error.value.step == "version"


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "generator-config.yaml"
    config.write_text("literal_enums: true\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "model.py.jinja").write_text("{{ model }}\n", encoding="utf-8")
    return config, templates


def test_digest_covers_every_input_and_nothing_else(tmp_path: Path) -> None:
    config, templates = _inputs(tmp_path)
    tools = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}
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


def test_read_ledger(tmp_path: Path) -> None:
    path = tmp_path / "version.json"
    assert read_ledger(path) is None
    documents.write_atomic(path, documents.dumps(Ledger("4.0.8", "abc", 2).as_json()))
    assert read_ledger(path) == Ledger("4.0.8", "abc", 2)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[]", id="not-an-object"),
        pytest.param('{"upstream_version": "4.0.8", "post": 0}', id="missing-digest"),
        pytest.param('{"upstream_version": "4.0.8", "inputs_sha256": "a", "post": "x"}', id="post-not-a-number"),
        pytest.param('{"upstream_version": "4.0.8", "inputs_sha256": "a", "post": -1}', id="post-negative"),
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


def _package_version(project: Project) -> str:
    pyproject = (project.client / "pyproject.toml").read_text(encoding="utf-8")
    init = (project.client / "heygen_api_client" / "__init__.py").read_text(encoding="utf-8")
    (from_pyproject,) = re.findall(r'^version = "([^"]+)"$', pyproject, re.M)
    (from_init,) = re.findall(r'^__version__ = "([^"]+)"$', init, re.M)
    assert from_pyproject == from_init
    return str(from_pyproject)


def _ledger(project: Project) -> dict[str, object]:
    data: dict[str, object] = json.loads(project.version_ledger.read_text(encoding="utf-8"))
    return data


def _edit_template(project: Project) -> None:
    assert project.templates is not None
    template = project.templates / "package_init.py.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def _bump_upstream(project: Project) -> None:
    spec = documents.load_mapping(project.vendored_spec)
    spec["info"]["version"] = "4.0.9"
    documents.write_atomic(project.vendored_spec, documents.dumps(spec))


def test_version_follows_upstream_then_post_releases(project: Project) -> None:
    shutil.rmtree(project.generated, ignore_errors=True)
    upstream = documents.load_mapping(project.vendored_spec)["info"]["version"]
    generate(project)
    assert _package_version(project) == upstream
    assert _ledger(project)["post"] == 0

    _edit_template(project)
    assert drift(project), "check must flag a template change that was not regenerated"
    generate(project)
    assert _package_version(project) == f"{upstream}.post1"
    assert drift(project) == ""

    _bump_upstream(project)
    generate(project)
    assert _package_version(project) == "4.0.9"
    ledger = _ledger(project)
    assert (ledger["version"], ledger["upstream_version"], ledger["post"]) == ("4.0.9", "4.0.9", 0)
    assert drift(project) == ""


@pytest.mark.parametrize(
    "change",
    [pytest.param(_edit_template, id="template-edited"), pytest.param(_bump_upstream, id="upstream-bumped")],
)
def test_forgotten_regeneration_shows_in_the_version(project: Project, change: Callable[[Project], None]) -> None:
    shutil.rmtree(project.generated, ignore_errors=True)
    generate(project)
    change(project)
    diff = drift(project)
    assert "version.json" in diff
    assert '-version = "' in diff
