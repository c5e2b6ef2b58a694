"""The vendored document against the seed page it came from (../shared/seeds/)."""

from __future__ import annotations

import hashlib
import json

from specpipe import documents
from specpipe.extract import extract_document
from tests.shared import ROOT, SEED_PAGE, shared_path


def test_the_seed_page_is_what_we_vendored() -> None:
    """openapi/heygen-api.json is exactly the seed's document (guards against hand edits)."""
    seed = shared_path(SEED_PAGE, "vendored seed document")
    vendored = (ROOT / "openapi" / "heygen-api.json").read_text(encoding="utf-8")
    assert documents.dumps(extract_document(seed.read_text(encoding="utf-8"), seed.name).document) == vendored
    record = json.loads((ROOT / "openapi" / "heygen-api.source.json").read_text(encoding="utf-8"))
    assert record["page_sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert record["document_sha256"] == hashlib.sha256(vendored.encode()).hexdigest()
