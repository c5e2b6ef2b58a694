"""The OAI's Overlay compliant sets: openapi.yaml + overlay.yaml must give output.yaml, case by case."""

from __future__ import annotations

import pytest

from specpipe import documents
from specpipe.overlay import apply_overlays, load_overlay
from tests.shared import shared_cases, shared_path

SUITE = "OAI Overlay compliant sets"


@pytest.mark.parametrize("case", shared_cases("conformance/overlay-oai", SUITE, "*/overlay.yaml"))
def test_compliant_set(case: str) -> None:
    # `extends` (remove-server names a file that is not there) is ignored: we apply to openapi.yaml.
    folder = shared_path(case, SUITE).parent
    result = apply_overlays(documents.load_mapping(folder / "openapi.yaml"), [load_overlay(folder / "overlay.yaml")])
    assert result.warnings == ()
    assert result.document == documents.load(folder / "output.yaml")
