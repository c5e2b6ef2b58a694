"""A reviewed exceptions file: changes a person decided are not breaking, each with the reason.

oasdiff users keep an ``--err-ignore`` file for the same purpose; ours is structured so that every
entry names exactly one rule id and one operation (``METHOD /path``, or ``null`` for a document-level
change) and says why, and so that an unknown id is refused instead of silently matching nothing::

    exceptions:
      - id: api-sunset-date-too-small
        operation: DELETE /v1/video.delete
        reason: HeyGen retired v1 on 2026-11-01 (...); we record the date after the fact.

An excused change leaves the breaking count; the report lists it under "excused" with its reason. An
entry that excuses nothing in a comparison is reported back (``DiffReport.unused_exceptions``): once
the release that shipped the change is tagged, the entry is stale and should go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import best_match  # type: ignore[import-untyped]

from specpipe import documents
from specpipe.diff.findings import Change, Excused
from specpipe.diff.rules import RULES
from specpipe.errors import InputError
from specpipe.openapi_model import METHODS

_METHODS = "|".join(method.upper() for method in METHODS)
_SCHEMA = {
    "type": "object",
    "required": ["exceptions"],
    "additionalProperties": False,
    "properties": {
        "exceptions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "operation", "reason"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "operation": {"anyOf": [{"type": "null"}, {"type": "string", "pattern": f"^({_METHODS}) /"}]},
                    "reason": {"type": "string", "pattern": r"\S"},
                },
            },
        }
    },
}
_VALIDATOR = Draft202012Validator(_SCHEMA)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry: the change it excuses (rule id, operation label) and why; ``number`` is 1-based."""

    number: int
    id: str
    operation: str | None
    reason: str

    def matches(self, change: Change) -> bool:
        return change.id == self.id and change.operation == self.operation

    def __str__(self) -> str:
        return f"entry {self.number} ({self.id} on {self.operation or '(document)'})"


@dataclass(frozen=True, slots=True)
class Exceptions:
    """A validated exceptions file; ``source`` names it in messages."""

    source: str
    entries: tuple[Entry, ...]

    def split(self, changes: Iterable[Change]) -> tuple[list[Change], list[Excused], list[str]]:
        """The changes kept, those excused (with their reasons), and each entry that excused nothing."""
        kept: list[Change] = []
        excused: list[Excused] = []
        used: set[int] = set()
        for change in changes:
            entry = next((entry for entry in self.entries if entry.matches(change)), None)
            if entry is None:
                kept.append(change)
            else:
                used.add(entry.number)
                excused.append(Excused(change, entry.reason))
        unused = [f"{self.source}: {entry}" for entry in self.entries if entry.number not in used]
        return kept, excused, unused


def parse_exceptions(data: Any, source: str) -> Exceptions:
    """Validate a loaded exceptions document; an error names the file and the entry."""
    error = best_match(_VALIDATOR.iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise InputError(f"{source}: invalid diff exceptions file at {where}: {error.message}")
    entries = tuple(
        Entry(number, raw["id"], raw["operation"], raw["reason"])
        for number, raw in enumerate(data["exceptions"], start=1)
    )
    for entry in entries:
        if entry.id not in RULES:
            raise InputError(f"{source}: {entry}: unknown rule id (`specpipe diff --list-checks` lists them)")
    return Exceptions(source, entries)


def load_exceptions(path: Path) -> Exceptions:
    return parse_exceptions(documents.load(path), str(path))


def load_if_present(path: Path) -> Exceptions | None:
    """A project's exceptions file (``Project.diff_exceptions``), which it need not have."""
    return load_exceptions(path) if path.exists() else None
