"""registry: every family has its detector, rules and pairs, and every rule id is written once, in full.

Negative controls (each made by hand, each failing its test): a ``detect_new.py`` in no family; a
family named ``"nope"``; a row copied into a second ``rules_*`` module; a schema row's id assembled
with an f-string; ``max-set`` added to ``NO_ROW_ASPECTS``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import specpipe.diff
from specpipe.diff import rules
from specpipe.diff.registry import FAMILIES
from specpipe.diff.rules import RULES, placed

SOURCE = Path(specpipe.diff.__file__).parent
CASES = Path(__file__).parent
ROW = re.compile(r'^\s*Rule\(\s*"([a-z0-9-]+)"', re.MULTILINE)


def test_every_family_has_its_detector_rules_and_pairs() -> None:
    for family in FAMILIES:
        assert (SOURCE / f"detect_{family.name}.py").is_file(), family.name
        assert (SOURCE / f"rules_{family.name}.py").is_file(), family.name
        assert (CASES / f"cases_{family.name}.py").is_file(), family.name


def test_every_module_of_a_family_kind_belongs_to_exactly_one_family() -> None:
    owned = Counter(module for family in FAMILIES for module in (f"detect_{family.name}", *family.helpers))
    detectors = {path.stem for path in SOURCE.glob("detect_*.py")}
    assert set(owned) == detectors
    assert max(owned.values()) == 1
    names = {family.name for family in FAMILIES}
    assert {path.stem.removeprefix("rules_") for path in SOURCE.glob("rules_*.py")} == names
    assert {path.stem.removeprefix("cases_") for path in CASES.glob("cases_*.py")} == names


def test_every_rule_id_is_written_once_in_full_in_its_family_rows() -> None:
    """The table holds each id once, and each id is a literal in the source (``grep ID`` finds its row)."""
    rows = [rule.id for family in FAMILIES for rule in family.rows]
    assert len(rows) == len(set(rows)) == len(RULES)
    written = Counter(
        rule_id for family in FAMILIES for rule_id in ROW.findall((SOURCE / f"rules_{family.name}.py").read_text())
    )
    assert written == Counter(rows)
    for family in FAMILIES:
        text = (SOURCE / f"rules_{family.name}.py").read_text()
        assert 'Rule(f"' not in text, family.name


def test_aspects_dropped_on_purpose_have_no_row_anywhere() -> None:
    for aspect in rules.NO_ROW_ASPECTS:
        assert all(placed(place, aspect) is None for place in rules.PLACES)
        assert not any(rule_id.endswith(f"-{aspect}") for rule_id in RULES), aspect


def test_an_aspect_without_a_row_is_an_error_not_silence() -> None:
    assert placed("request-body", "max-length-increased") == "request-body-max-length-increased"
    assert placed("request-header-property", "max-length-increased") is None  # no row at this place
    with pytest.raises(AssertionError, match="max-lenght-increased"):
        placed("request-body", "max-lenght-increased")
