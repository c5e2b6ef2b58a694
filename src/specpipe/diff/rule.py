"""The one row type of every rules table (``specpipe diff``'s and ``specpipe api-diff``'s) and its words.

Each ``rules_*`` module is a literal tuple of ``Rule``\\ s: an id is written out in full where it is
defined, so ``grep`` finds it beside its detector and its test pair.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from specpipe.diff.findings import Level


class Origin(enum.StrEnum):
    OASDIFF = "oasdiff"
    SPECPIPE = "specpipe"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    message: str
    origin: Origin = Origin.OASDIFF


# oasdiff's names for the levels, so each row reads like its rules.go entry.
ERR: Final = Level.BREAKING
WARN: Final = Level.WARNING
INFO: Final = Level.INFO
OURS: Final = Origin.SPECPIPE
