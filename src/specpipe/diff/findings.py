"""The values the differ produces: levels, findings, changes and the report; nothing here detects."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple


class Level(enum.StrEnum):
    """How much a change can hurt a caller; oasdiff's ERR, WARN and INFO."""

    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse, so ``--fail-on`` can compare levels."""
        return _RANKS[self]


_RANKS = {Level.INFO: 0, Level.WARNING: 1, Level.BREAKING: 2}


class DiffFinding(NamedTuple):
    """What a detector saw: a rule id, where in each document, and the facts the rule's message needs.

    Detectors return these instead of text so that wording lives in one place (the rules table).
    A named tuple, as ``Change``: the differ builds one per change.
    """

    rule: str
    old_pointer: str | None
    new_pointer: str | None
    args: Mapping[str, str] = MappingProxyType({})


class Change(NamedTuple):
    """One reported change; ``operation`` is ``None`` for document-level changes (servers, schemes).

    A named tuple, not a frozen dataclass: as immutable and hashable, and built in a sixth of the time
    (a frozen dataclass sets each field through ``object.__setattr__``); a large diff reports 180,000.
    """

    id: str
    level: Level
    operation: str | None
    old_pointer: str | None
    new_pointer: str | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level.value,
            "operation": self.operation,
            "old_pointer": self.old_pointer,
            "new_pointer": self.new_pointer,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Excused:
    """A change a reviewed exceptions file excuses (``specpipe.diff.exceptions``), and the reason it gives."""

    change: Change
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {**self.change.as_json(), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class DiffReport:
    """Every change between two documents, in a stable order; ``excused`` changes are listed apart and
    count toward no level, and ``unused_exceptions`` names each exceptions entry that excused nothing."""

    changes: tuple[Change, ...]
    excused: tuple[Excused, ...] = ()
    unused_exceptions: tuple[str, ...] = ()

    @property
    def breaking(self) -> bool:
        return self.at_least(Level.BREAKING)

    def at_least(self, level: Level) -> bool:
        """Whether some change is at ``level`` or worse (what ``--fail-on`` asks)."""
        return any(change.level.rank >= level.rank for change in self.changes)

    def count(self, level: Level) -> int:
        return sum(change.level is level for change in self.changes)
