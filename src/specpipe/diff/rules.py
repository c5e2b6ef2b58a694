"""The differ's rules: one row per change id, with its level and message template.

Ids and default levels are oasdiff's (checker/rules.go; ERR → breaking, WARN → warning, INFO → info)
so reports read like oasdiff's and tooling keyed on its ids keeps working. Rows marked ``OURS``
are ours, named in the same style, for changes that oasdiff does not check but a generated client or
a reviewer cares about (a renamed API-key header, servers, documentation-only edits). Detectors emit
``DiffFinding``\\ s naming a row; a message is the row's template filled with the finding's ``args``.
The rows live in each family's ``rules_X`` module (``registry`` lists the families).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from specpipe.diff.findings import Change, DiffFinding
from specpipe.diff.registry import FAMILIES
from specpipe.diff.rule import Rule


def _table(*rules: Rule) -> Mapping[str, Rule]:
    table = {rule.id: rule for rule in rules}
    if len(table) != len(rules):
        raise AssertionError("duplicate rule id in the rules table")
    return table


RULES: Final = _table(*(rule for family in FAMILIES for rule in family.rows))

# Where a schema sits, as the first words of its ids (``request-body-type-changed``); longest first.
PLACES: Final = (
    "webhook-payload-property",
    "callback-payload-property",
    "webhook-payload",
    "callback-payload",
    "request-parameter-property",
    "request-header-property",
    "request-read-only-property",
    "response-write-only-property",
    "request-parameter",
    "request-property",
    "request-body",
    "response-property",
    "response-header",
    "response-body",
)
# Where oasdiff's id does not follow "<place>-<aspect>".
_IRREGULAR: Final = {
    ("response-body", "enum-value-removed"): "response-mediatype-enum-value-removed",
    ("request-property", "invalid-stability-level"): "api-invalid-stability-level",
    ("response-property", "invalid-stability-level"): "api-invalid-stability-level",
}
# Bounds a detector sees come and go for which oasdiff has no id at any place: dropped on purpose.
NO_ROW_ASPECTS: Final = frozenset(
    {
        "max-unset",
        "min-unset",
        "exclusive-max-unset",
        "exclusive-min-unset",
        "max-items-set",
        "max-items-unset",
        "min-length-set",
        "min-length-unset",
    }
)
# Every aspect some place has a row for (``type-changed``, ``max-set``, ``one-of-added``, ...).
_ASPECTS: Final = frozenset(
    rule_id.removeprefix(f"{place}-") for rule_id in RULES for place in PLACES if rule_id.startswith(f"{place}-")
) | {aspect for _, aspect in _IRREGULAR}


def placed(place: str, aspect: str) -> str | None:
    """The row for ``aspect`` at ``place``, or None where the table has none there (oasdiff has no id for
    most pairs of place and aspect). An aspect no place has a row for, and not in ``NO_ROW_ASPECTS``,
    is a detector's typo or a row never written: raised, so a pair reporting it fails its test instead
    of reporting nothing."""
    if aspect in NO_ROW_ASPECTS:
        return None
    if aspect not in _ASPECTS:
        raise AssertionError(f"aspect {aspect!r} has no row in the rules table at any place")
    rule = _IRREGULAR.get((place, aspect), f"{place}-{aspect}")
    return rule if rule in RULES else None


def change(finding: DiffFinding, operation: str | None) -> Change:
    """The reported form of a finding: its rule's level, and its rule's message filled in."""
    rule = RULES[finding.rule]
    return Change(
        id=rule.id,
        level=rule.level,
        operation=operation,
        old_pointer=finding.old_pointer,
        new_pointer=finding.new_pointer,
        message=rule.message.format_map(finding.args),
    )
