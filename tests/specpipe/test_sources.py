"""specpipe.sources and Project's per-source paths: the manifest is checked, overlays belong to a source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specpipe.errors import InputError
from specpipe.project import Project
from specpipe.sources import Source, load_manifest

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_manifest_lists_v3_first() -> None:
    sources = load_manifest(ROOT / "openapi" / "sources.yaml")
    assert sources == [
        Source("heygen-external-api", "https://developers.heygen.com/reference/get-video.md", "HeyGen External API"),
        Source("heygen-api", "https://docs.heygen.com/reference/delete-a-video.md", "heygen-api"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: []", "'sources' must be a non-empty list"),
        ("sources: [{name: a, url: u}]", r"sources\[0\]: title must be a non-empty string"),
        ("sources: [{name: A b, url: u, title: t}]", "must be lower-case letters"),
        ("sources: [{name: a, url: u, title: t, extra: 1}]", "unknown field"),
        ("sources: [{name: a, url: u, title: t, operations: [fetch /x]}]", r"operations\[0\]: 'fetch /x' is not"),
        ("sources: [{name: a, url: u, title: t}, {name: a, url: v, title: t}]", "listed twice: a"),
    ],
)
def test_a_malformed_manifest_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_manifest(path)


def test_operations_are_read_as_method_and_path(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [{name: a, url: u, title: t, operations: ['DELETE /v3/videos/{id}']}]", encoding="utf-8")
    assert load_manifest(path)[0].operations == (("delete", "/v3/videos/{id}"),)


def test_overlays_belong_to_their_source_and_a_stray_one_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path / "openapi")
    shutil.copytree(ROOT / "overlay", tmp_path / "overlay")
    project = Project.at(tmp_path)
    owned = project.overlays_by_source(project.sources())
    assert {name: [path.name for path in paths] for name, paths in owned.items()} == {
        "heygen-external-api": ["heygen-external-api.overlay.yaml"],
        "heygen-api": ["heygen-api.overlay.yaml"],
    }
    (tmp_path / "overlay" / "heygen-apj.overlay.yml").write_text("overlay: 1.0.0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"heygen-apj.overlay.yml: overlay: matches no source of sources.yaml"):
        project.overlays_by_source(project.sources())
