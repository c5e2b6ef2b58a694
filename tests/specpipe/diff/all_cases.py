"""Every pair the report and rules tests run: the hand-written cases and the table-built ones."""

from __future__ import annotations

from .cases import CASES as BASE_CASES
from .cases import Case
from .cases_lifecycle import LIFECYCLE_CASES
from .cases_schema import SCHEMA_CASES

CASES: list[Case] = [*BASE_CASES, *SCHEMA_CASES, *LIFECYCLE_CASES]
