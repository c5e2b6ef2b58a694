"""The rules table: oasdiff's ids at oasdiff's levels, ours named apart, and every row proven by a pair."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.diff import RULES, Level, Rule
from specpipe.diff.rules import Origin
from tests.shared import shared_path

from .all_cases import CASES

LEVELS = {"ERR": Level.BREAKING, "WARN": Level.WARNING, "INFO": Level.INFO}
PAIRS = Path(__file__).parent / "pairs"


def _oasdiff() -> dict[str, Level]:
    path = shared_path("reference/oasdiff-checks.tsv", "diff: oasdiff rule vocabulary")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: LEVELS[row["level"]] for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.id) for rule in RULES.values()])
def test_rule_id_and_level_match_its_origin(rule: Rule) -> None:
    oasdiff = _oasdiff()
    if rule.origin is Origin.OASDIFF:
        assert oasdiff.get(rule.id) is rule.level
    else:
        assert rule.id not in oasdiff, "a specpipe rule must not reuse an oasdiff id"


def test_the_vocabulary_is_read_whole() -> None:
    """Negative control for the test above: the TSV really lists oasdiff's 509 checks."""
    oasdiff = _oasdiff()
    assert len(oasdiff) == 509
    assert oasdiff["api-path-removed-without-deprecation"] is Level.BREAKING


def test_every_rule_is_proven_by_a_pair() -> None:
    """Each row has a document pair under tests/ that produces it, asserted with its level."""
    proven = {rule for case in CASES for rule, _ in case.expect}
    for expected in PAIRS.glob("*/expected.yaml"):
        proven |= {change["id"] for change in documents.load(expected)}
    assert set(RULES) - proven == set()


def test_the_client_facing_checks_the_issue_names_are_covered() -> None:
    named = {
        "api-path-removed-without-deprecation",
        "new-required-request-parameter",
        "request-parameter-became-required",
        "request-parameter-type-changed",
        "request-parameter-enum-value-removed",
        "request-parameter-became-enum",
        "response-property-type-changed",
        "response-property-became-nullable",
        "response-success-status-removed",
        "response-required-property-removed",
    }
    assert named <= set(RULES)
    assert sum(rule.origin is Origin.OASDIFF for rule in RULES.values()) >= 30
