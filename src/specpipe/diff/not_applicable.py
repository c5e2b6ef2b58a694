"""The oasdiff check ids that ``specpipe diff`` does not report, each with oasdiff's level and the reason.

Every id of oasdiff's vocabulary is either a row of the rules table or listed here; the conformance
tests hold the two together against oasdiff's list, and ``specpipe diff --list-checks`` prints both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from specpipe.diff.findings import Level

_GRACE_PERIOD = (
    "oasdiff reports it only when --deprecation-days-beta/--deprecation-days-stable are set above their "
    "default 0; specpipe applies oasdiff's defaults, under which a sunset date is optional"
)

NOT_APPLICABLE: Final[Mapping[str, tuple[Level, str]]] = {
    "api-deprecated-sunset-missing": (Level.BREAKING, _GRACE_PERIOD),
    "request-parameter-deprecated-sunset-missing": (Level.BREAKING, _GRACE_PERIOD),
    "request-property-deprecated-sunset-missing": (Level.BREAKING, _GRACE_PERIOD),
    "response-property-deprecated-sunset-missing": (Level.BREAKING, _GRACE_PERIOD),
}
