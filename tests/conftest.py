"""What every test shares, made safe for parallel workers (``pytest -n 2``, as ``nox -s tests`` runs).

Each xdist worker is its own process with its own current folder, environment and temporary folder
(``tmp_path``, ``tmp_path_factory``); what workers could still share is the file system outside those, so
tools that tests start are pointed at the worker's own temporary folder here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _worker_tool_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """mypy runs started by tests keep their cache in this worker's temporary folder: not in the repository's
    ``.mypy_cache`` (which ``nox -s typecheck`` uses), and never one cache written by two workers at once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MYPY_CACHE_DIR", str(tmp_path_factory.mktemp("mypy-cache")))
        yield
