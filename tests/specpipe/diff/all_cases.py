"""Every pair the report and rules tests run: each family's ``cases_X.CASES``, families as the registry lists them."""

from __future__ import annotations

import importlib

from specpipe.diff import DiffReport, compare
from specpipe.diff.registry import FAMILIES

from .builders import Case

CASES: list[Case] = [
    case for family in FAMILIES for case in importlib.import_module(f"{__package__}.cases_{family.name}").CASES
]


def reports() -> list[DiffReport]:
    """Every pair's report: what a shortcut in the differ must leave unchanged."""
    return [compare(case.old, case.new, today=case.today) for case in CASES]
