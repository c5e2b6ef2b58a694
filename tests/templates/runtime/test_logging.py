"""Server text in log lines at its source (templates/runtime/_logging.py): bounded and escaped."""

from __future__ import annotations

from templates.runtime._constants import LOGGED_CHARS
from templates.runtime._logging import _escaped


def test_control_characters_are_escaped() -> None:
    assert _escaped("id\r\nX-Forged: 1\x1b[2J") == "id\\r\\nX-Forged: 1\\x1b[2J"


def test_long_text_is_cut_and_its_length_named() -> None:
    """Negative control: text of exactly LOGGED_CHARS plain characters passes unchanged."""
    assert _escaped("a" * LOGGED_CHARS) == "a" * LOGGED_CHARS
    cut = _escaped("é" * 1000)
    assert cut.endswith("... [1000 chars]")
    assert len(cut) == LOGGED_CHARS + len("... [1000 chars]")
