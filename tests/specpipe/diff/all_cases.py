"""Every pair the report and rules tests run: the hand-written cases and the table-built ones."""

from __future__ import annotations

from specpipe.diff import DiffReport, compare

from .cases import CASES as BASE_CASES
from .cases import Case
from .cases_lifecycle import LIFECYCLE_CASES
from .cases_schema import SCHEMA_CASES

CASES: list[Case] = [*BASE_CASES, *SCHEMA_CASES, *LIFECYCLE_CASES]


def reports() -> list[DiffReport]:
    """Every pair's report: what a shortcut in the differ must leave unchanged."""
    return [compare(case.old, case.new, today=case.today) for case in CASES]
