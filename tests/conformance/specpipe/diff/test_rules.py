"""The rules table against oasdiff's own: every oasdiff id at oasdiff's level, ours never reusing one.

The reference table is ../shared/reference/oasdiff-checks.tsv (oasdiff's checks, exported with its
licence beside it); tests/specpipe/diff/test_rules.py covers what needs no reference data.
"""

from __future__ import annotations

import csv

import pytest

from specpipe.diff import RULES, Level, Rule
from specpipe.diff.rule import Origin
from tests.shared import shared_path

LEVELS = {"ERR": Level.BREAKING, "WARN": Level.WARNING, "INFO": Level.INFO}


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
