"""Our Overlay schema against the OAI's: their pass/fail documents, and their official 1.0/1.1 schemas."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from specpipe import documents
from specpipe.errors import OverlayError
from specpipe.overlay.schema import schema_errors, validate_overlay_document
from tests.shared import shared_cases, shared_path
from tests.specpipe.overlay.test_schema import OWN_CASES

SUITE = "OAI Overlay schema tests"
SCHEMAS = "conformance/overlay-schemas"


@functools.cache
def _official(version: str) -> Draft202012Validator:
    return Draft202012Validator(documents.load(shared_path(f"{SCHEMAS}/overlay-v{version}.schema.yaml", SUITE)))


def _load(case: str) -> Any:
    return documents.load(shared_path(case, SUITE))


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/pass/*.yaml"))
def test_accepts_every_oai_pass_document(case: str) -> None:
    assert schema_errors(_load(case)) == []


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/fail/*.yaml"))
def test_refuses_every_oai_fail_document_naming_file_and_location(case: str) -> None:
    with pytest.raises(OverlayError) as error:
        validate_overlay_document(_load(case), case)
    message = str(error.value)
    assert message.startswith(f"{case}: not a valid Overlay document")
    assert "\n  /" in message  # each error starts with its location, a JSON pointer


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/*/*.yaml"))
def test_verdict_equals_the_official_schemas(case: str) -> None:
    """A document is valid for us exactly when one of the official schemas (1.0 or 1.1) accepts it."""
    document = _load(case)
    official = _official("1.0").is_valid(document) or _official("1.1").is_valid(document)
    assert (schema_errors(document) == []) == official


@pytest.mark.parametrize(("document", "valid"), OWN_CASES.values(), ids=OWN_CASES.keys())
def test_own_cases_match_the_official_schemas(document: dict[str, Any], valid: bool) -> None:
    """Our own 1.0/1.1 cases (tests/specpipe/overlay/test_schema.py) get the same verdict from the OAI."""
    assert (_official("1.0").is_valid(document) or _official("1.1").is_valid(document)) is valid
