"""Schema ``pattern``s come from the published page: hostile input that must never stall doctor or sync.

The doctor runs are subprocesses with a generous timeout (20 s; each finishes in about a second).
Negative control: before ``specpipe.patterns``, jsonschema's wording pass matched with Python's
backtracking ``re`` and each of them ran past the timeout (``^(a+)+$`` on 35 ``a``\\ s and a ``!``
takes about 2**35 steps).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from specpipe.patterns import UnsupportedPattern, search

HOSTILE = "^(a+)+$"
VICTIM = "a" * 35 + "!"
EXAMPLE = "/paths/~1a/get/responses/200/content/application~1json/example"


def _doctor(tmp_path: Path, schema: dict[str, Any], example: Any) -> subprocess.CompletedProcess[str]:
    media_type = {"schema": schema, "example": example}
    operation = {"responses": {"200": {"description": "ok", "content": {"application/json": media_type}}}}
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": operation}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "specpipe", "doctor", str(spec)], capture_output=True, text=True, timeout=20, check=False
    )


def test_a_catastrophic_pattern_is_a_finding_not_a_stall(tmp_path: Path) -> None:
    result = _doctor(tmp_path, {"type": "string", "pattern": HOSTILE}, VICTIM)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'spec.json'}#{EXAMPLE}: pattern: {VICTIM!r} does not match {HOSTILE!r}"
    ]


def test_a_catastrophic_pattern_property_is_matched_in_linear_time(tmp_path: Path) -> None:
    """The example breaks ``required``, so jsonschema explains it and walks ``patternProperties`` too."""
    schema = {"type": "object", "required": ["z"], "patternProperties": {HOSTILE: {"type": "integer"}}}
    result = _doctor(tmp_path, schema, {VICTIM: "not checked: the name does not match"})
    assert result.returncode == 1, result.stderr
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["required"]


def test_a_catastrophic_pattern_with_a_lookahead_is_bounded(tmp_path: Path) -> None:
    """Lookaround needs a backtracking engine: it runs under a backtracking limit, and reaching it is a
    finding (the example is not shown to match)."""
    pattern = "^(?=a)(a+)+$"
    result = _doctor(tmp_path, {"type": "string", "pattern": pattern}, VICTIM)
    assert result.returncode == 1, result.stderr
    assert f"pattern: {VICTIM!r} does not match {pattern!r}" in result.stdout


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("^[a-z]+$", "abc", True),
        ("^[a-z]+$", "abC", False),
        ("b", "abc", True),  # a search, not a full match, as JSON Schema says
        ("^\\d{4}-\\d{2}$", "2024-01", True),
        ("^\\d{4}-\\d{2}$", "2024-1", False),
        ("(?=a)a", "a", True),  # lookahead: the bounded engine
        ("(a)\\1", "aa", True),  # backreference: the bounded engine
        ("(a)\\1", "ab", False),
        (HOSTILE, VICTIM, False),
        (HOSTILE, "aaaa", True),
    ],
)
def test_search(pattern: str, text: str, found: bool) -> None:
    assert search(pattern, text) is found


def test_a_pattern_no_ecma_engine_accepts_is_refused() -> None:
    with pytest.raises(UnsupportedPattern, match=r"\[a-"):
        search("[a-", "a")


def test_additional_properties_beside_a_catastrophic_pattern_property_is_linear(tmp_path: Path) -> None:
    """jsonschema's additionalProperties matches the names against patternProperties with ``re`` itself."""
    schema = {"type": "object", "additionalProperties": False, "patternProperties": {HOSTILE: {}}}
    result = _doctor(tmp_path, schema, {VICTIM: 1, "aaa": 2})
    assert result.returncode == 1, result.stderr
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["additionalProperties"]
    assert f"{VICTIM!r} was unexpected" in result.stdout
