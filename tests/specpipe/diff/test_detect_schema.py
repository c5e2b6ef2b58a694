"""detect_schema: the shortcut past the aspect detectors for pairs whose aspects are all equal."""

from __future__ import annotations

from operator import attrgetter

import pytest

from specpipe.diff import detect_schema

from .all_cases import reports


def test_equal_aspect_state_skips_only_what_the_detectors_would_not_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pair's report is the same when every detector runs on every pair (no two nodes share an id)."""
    shortcut = reports()
    monkeypatch.setattr(detect_schema, "ASPECT_STATE", id)
    assert reports() == shortcut


def test_the_shortcut_check_sees_an_attribute_missing_from_the_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control for the test above: with ``enum`` left out of the state, some report changes."""
    full = reports()
    fields = ("nullable", "default", "deprecated", "lifecycle", "description", "constraints")
    monkeypatch.setattr(detect_schema, "ASPECT_STATE", attrgetter(*fields))
    assert reports() != full
