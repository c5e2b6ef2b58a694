"""An Overlay document as plain data: validated once, every JSONPath compiled once, errors naming the file.

Each action keeps its overlay's file name and its 1-based position, so any later failure reads as
``<file>: action <n> (target <jsonpath>) ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonpath_rfc9535
from jsonpath_rfc9535 import JSONPathQuery

from specpipe import documents
from specpipe.errors import OverlayError
from specpipe.gc_pause import paused_gc
from specpipe.overlay.schema import validate_overlay_document


@dataclass(frozen=True)
class Remove:
    """Delete every target node from its parent (``remove: true``, which wins over update and copy)."""


@dataclass(frozen=True)
class Update:
    """Merge ``value`` into every target node (1.0 ``update``)."""

    value: Any


@dataclass(frozen=True)
class Copy:
    """Merge the value of the one node ``source`` selects into every target node (1.1 ``copy``)."""

    source: str
    query: JSONPathQuery


Operation = Remove | Update | Copy


@dataclass(frozen=True)
class Action:
    """One action; ``operation`` is None when it only names a target (valid, and a no-op)."""

    overlay: str
    number: int
    target: str
    query: JSONPathQuery
    operation: Operation | None
    description: str | None = None

    @property
    def label(self) -> str:
        """How every message names this action: file, 1-based position and target."""
        return _label(self.overlay, self.number, self.target)


@dataclass(frozen=True)
class Overlay:
    """A validated Overlay document; ``source`` names it in every message."""

    source: str
    version: str
    title: str
    actions: tuple[Action, ...]


def _label(overlay: str, number: int, target: str) -> str:
    return f"{overlay}: action {number} (target {target})"


def _compile(path: str, where: str) -> JSONPathQuery:
    try:
        return jsonpath_rfc9535.compile(path)
    except jsonpath_rfc9535.JSONPathError as exc:
        raise OverlayError(f"{where}: invalid RFC 9535 JSONPath: {exc}") from exc


def _operation(raw: dict[str, Any], label: str) -> Operation | None:
    if raw.get("remove", False):
        return Remove()
    if "update" in raw and "copy" in raw:
        # The 1.1 text makes each of the two inert when the other is present; refuse rather than guess.
        raise OverlayError(f"{label}: has both update and copy; an action may use only one")
    if "copy" in raw:
        return Copy(raw["copy"], _compile(raw["copy"], f"{label}: copy {raw['copy']}"))
    if "update" in raw:
        return Update(raw["update"])
    return None


@paused_gc()
def parse_overlay(data: Any, source: str) -> Overlay:
    """Turn a loaded Overlay document into an ``Overlay``, or refuse it with an OverlayError."""
    validate_overlay_document(data, source)
    actions = []
    for number, raw in enumerate(data["actions"], start=1):
        label = _label(source, number, raw["target"])
        actions.append(
            Action(
                overlay=source,
                number=number,
                target=raw["target"],
                query=_compile(raw["target"], label),
                operation=_operation(raw, label),
                description=raw.get("description"),
            )
        )
    return Overlay(source=source, version=data["overlay"], title=data["info"]["title"], actions=tuple(actions))


def load_overlay(path: Path) -> Overlay:
    """Read (JSON or YAML) and parse the Overlay document at ``path``."""
    return parse_overlay(documents.load(path), str(path))
