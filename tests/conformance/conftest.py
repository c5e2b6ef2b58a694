"""Fixtures of the conformance suite (``nox -s conformance``): the tests that read ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from specpipe.project import Project
from tests.shared import copy_pipeline


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the repository's pipeline (committed client included) to sync or generate in."""
    root = tmp_path / "repo"
    root.mkdir()
    return Project.at(copy_pipeline(root))
