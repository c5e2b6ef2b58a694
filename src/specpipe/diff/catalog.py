"""Every check id ``specpipe diff`` knows, as ``--list-checks`` prints it: implemented or not applicable."""

from __future__ import annotations

from specpipe.diff.not_applicable import NOT_APPLICABLE
from specpipe.diff.rule import Origin
from specpipe.diff.rules import RULES


def check_lines() -> list[str]:
    """One tab-separated line per id (id, level, origin, status), sorted by id."""
    lines = {rule.id: f"{rule.id}\t{rule.level.value}\t{rule.origin.value}\timplemented" for rule in RULES.values()}
    for check, (level, reason) in NOT_APPLICABLE.items():
        lines[check] = f"{check}\t{level.value}\t{Origin.OASDIFF.value}\tnot-applicable: {reason}"
    return [lines[check] for check in sorted(lines)]
