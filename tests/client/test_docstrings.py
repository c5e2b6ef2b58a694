"""What the generated code says about itself comes from the document, as text: parameter docstrings
carry the parameters' descriptions, and no HTML markup reaches a docstring."""

from __future__ import annotations

import re
from pathlib import Path

from heygen_api_client.api.default import delete_a_video

PACKAGE = Path(__file__).resolve().parents[2] / "generated" / "heygen-api-client" / "heygen_api_client"


def test_parameter_docstrings_carry_the_documents_descriptions() -> None:
    """Defect 9: the generator read descriptions from the parameters' schemas only, leaving them blank."""
    for function in (delete_a_video.sync, delete_a_video.sync_detailed, delete_a_video.asyncio):
        doc = " ".join((function.__doc__ or "").split())
        assert "video_id (str): Unique identifier of the video to be deleted." in doc
        assert "from either the Create Avatar Video (V2) or the Translate Video endpoint." in doc
        assert "type_ (VideoType | Unset): Category of the video" in doc


def test_no_html_markup_in_the_generated_code() -> None:
    tags = re.compile(r"</?(a|br|p|code|b|i|ul|li)\b[^>]*>")
    offenders = [str(path) for path in PACKAGE.rglob("*.py") if tags.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
