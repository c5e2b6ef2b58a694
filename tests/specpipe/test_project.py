"""Where the pipeline finds its inputs."""

from __future__ import annotations

from pathlib import Path

from specpipe.project import Project


def test_every_overlay_spelling_is_read_in_file_name_order(tmp_path: Path) -> None:
    """`*.overlay.yml` and `*.overlay.json` used to be ignored without a word."""
    folder = tmp_path / "overlay"
    folder.mkdir()
    names = [
        "a.overlay.json",
        "b.overlay.yaml",
        "c.overlay.yml",
        "notes.md",
        "d.overlay.yaml.bak",
        "e.yaml",
        "f.overlay.x.yaml",
    ]
    for name in names:
        (folder / name).write_text("{}", encoding="utf-8")
    assert [path.name for path in Project.at(tmp_path).overlays] == [
        "a.overlay.json",
        "b.overlay.yaml",
        "c.overlay.yml",
    ]
