"""The rules table: every row proven by a pair (its ids and levels against oasdiff's: tests/conformance/)."""

from __future__ import annotations

from pathlib import Path

from specpipe import documents
from specpipe.diff import RULES
from specpipe.diff.rule import Origin

from .all_cases import CASES

PAIRS = Path(__file__).parent / "pairs"


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
