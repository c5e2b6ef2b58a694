"""Access to ``../shared`` (seed pages, OAI conformance data) that CI lays beside the clone.

Third-party data is read from there, never copied into the repository. Where it is absent a suite
skips with a message naming it, except under ``CI=true``, where absence is a failure: CI must never
go green by skipping the conformance suites.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(relative: str, suite: str) -> Path:
    """``../shared/<relative>``, or skip (fail under CI) naming ``suite``."""
    path = SHARED / relative
    if not path.exists():
        message = f"{suite}: {path} is absent (it lives beside the clone, in ../shared)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


SEED_PAGE = "seeds/000_72d470a500cba706.txt"
