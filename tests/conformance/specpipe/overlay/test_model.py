"""The OAI's valid Overlay documents parse into actions."""

from __future__ import annotations

import pytest

from specpipe.errors import OverlayError
from specpipe.overlay import load_overlay
from tests.shared import shared_cases, shared_path

# RFC 9535 member-name shorthand has no '-': the OAI example's `@.x-oai-traits` must be
# `@['x-oai-traits']` (the OAI's own 1.0→1.1 upgrade guide says so), so it is refused as JSONPath.
NOT_RFC9535 = {"actions-traits-example.yaml"}


@pytest.mark.parametrize(
    "case", shared_cases("conformance/overlay-schemas", "OAI Overlay schema tests", "v1.*/pass/*.yaml")
)
def test_oai_pass_documents_parse_unless_their_jsonpath_is_not_rfc9535(case: str) -> None:
    path = shared_path(case, "OAI Overlay schema tests")
    if path.name in NOT_RFC9535:
        with pytest.raises(OverlayError, match="invalid RFC 9535 JSONPath"):
            load_overlay(path)
    else:
        assert len(load_overlay(path).actions) >= 1
