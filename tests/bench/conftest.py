"""The bench scripts import their siblings by plain name (``import measure``), as ``python bench/x.py`` runs
them: tests import a script the same way, with bench/ on sys.path for the test only."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench_script(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], ModuleType]:
    """``bench_script("floor")``: bench/floor.py, imported as the script imports its siblings."""
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module
