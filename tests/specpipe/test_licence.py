"""generate writes the client's LICENSE from the repository's licence and the templates' notice."""

from __future__ import annotations

from pathlib import Path

from specpipe.licence import add_client_licence
from specpipe.project import Project


def _project(root: Path, *, licence: bool, notice: bool) -> Project:
    (root / "templates").mkdir()
    if licence:
        (root / "LICENSE").write_text("Apache License\n", encoding="utf-8")
    if notice:
        (root / "templates" / "NOTICE").write_text("MIT notice\n", encoding="utf-8")
    return Project.at(root)


def test_licence_then_notice(tmp_path: Path) -> None:
    client = tmp_path / "client"
    client.mkdir()
    add_client_licence(_project(tmp_path, licence=True, notice=True), client)
    assert (client / "LICENSE").read_text(encoding="utf-8") == "Apache License\n\n\nMIT notice\n"


def test_nothing_to_write_writes_nothing(tmp_path: Path) -> None:
    client = tmp_path / "client"
    client.mkdir()
    add_client_licence(_project(tmp_path, licence=False, notice=False), client)
    assert not (client / "LICENSE").exists()
