"""documents.write_atomic: whole files only, with the permissions any other file would get."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specpipe.documents import write_atomic


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.json", "{}\n")
        (tmp_path / "existing.json").write_text("old\n", encoding="utf-8")
        write_atomic(tmp_path / "existing.json", "new\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == mode
    assert (tmp_path / "existing.json").stat().st_mode & 0o777 == mode
    assert (tmp_path / "existing.json").read_text(encoding="utf-8") == "new\n"


def test_leaves_no_temporary_file_when_the_rename_fails(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "folder.json", "{}\n")
    assert [path.name for path in tmp_path.iterdir()] == ["folder.json"]
