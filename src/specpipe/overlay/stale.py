"""Stale overlay actions: fixes upstream has since published, so the action no longer changes anything.

An action is stale when, at its turn (on the document as upstream and the earlier actions left it):

- it is an update whose result equals what is there (applying it changes nothing), or
- it adds paths (an update of ``$.paths``) or operations (an update of a path item) that the document
  already has: upstream now publishes them, and its version wins.

Copies and removals are never stale (a copy's source is the document's own text; a removal whose
target is gone already fails the strict overlay). ``specpipe doctor --overlay`` reports stale actions,
and ``--suggest`` writes the overlay without them (``pruned``): a person reviews and commits it.

Hand-written: no overlay tool reports actions that have become no-ops.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonpath_rfc9535 import JSONPathNode

from specpipe import documents
from specpipe.errors import InputError, OverlayError
from specpipe.openapi_model import METHODS
from specpipe.overlay import merge
from specpipe.overlay.apply import OverlayResult, apply_overlays
from specpipe.overlay.dumper import OverlayDumper
from specpipe.overlay.model import Action, Overlay, Update

_METHODS = frozenset(METHODS)
_WORDS = 8


@dataclass(frozen=True)
class StaleAction:
    """An action that no longer changes the document, and why."""

    action: Action
    reason: str

    @property
    def summary(self) -> str:
        """The description's first words (the action's index and target are in its label)."""
        words = (self.action.description or "").split()
        if not words:
            return "(no description)"
        return " ".join(words[:_WORDS]) + (" …" if len(words) > _WORDS else "")

    def __str__(self) -> str:
        return f"{self.action.label}: stale: {self.summary!r}: {self.reason}"


def _canonical(value: Any) -> str:
    """A JSON value as text that tells ``true`` from ``1`` and ignores key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _added(node: JSONPathNode, value: Any) -> str | None:
    """What an update of ``$.paths`` or of a path item adds that the document already has, if only that."""
    if not isinstance(value, Mapping) or not value or not isinstance(node.value, dict):
        return None
    location = node.location
    if location == ("paths",):
        added = [f"path {path}" for path in value]
    elif len(location) == 2 and location[0] == "paths" and _METHODS.issuperset(value):
        added = [f"operation {method.upper()} {location[1]}" for method in value]
    else:
        return None
    return f"upstream now has the {', '.join(sorted(added))}" if all(key in node.value for key in value) else None


def _why(action: Action, nodes: Sequence[JSONPathNode]) -> str | None:
    if not isinstance(action.operation, Update):
        return None
    value = action.operation.value
    added = [_added(node, value) for node in nodes]
    if all(added):
        return "; ".join(sorted(set(filter(None, added))))
    try:
        unchanged = all(
            _canonical(merge.update(merge.copied(node.value), value)) == _canonical(node.value) for node in nodes
        )
    except OverlayError:
        return None  # a refused merge: applying the action raises it, naming the action
    return "applying it changes nothing: the document already says what it sets" if unchanged else None


def find_stale(
    document: dict[str, Any], overlays: Sequence[Overlay], *, in_place: bool = False
) -> tuple[OverlayResult, list[StaleAction]]:
    """Apply ``overlays`` strictly (as generation does) and collect the actions that changed nothing."""
    stale: list[StaleAction] = []

    def observe(action: Action, nodes: list[JSONPathNode]) -> None:
        if (reason := _why(action, nodes)) is not None:
            stale.append(StaleAction(action, reason))

    return apply_overlays(document, overlays, strict=True, in_place=in_place, observe=observe), stale


def pruned(path: Path, numbers: Iterable[int]) -> str:
    """The overlay at ``path`` without its actions ``numbers`` (1-based), as YAML (JSON for a .json file).

    Re-serialized from its data: comments are not kept, so the header says which actions went.
    """
    data = documents.load_mapping(path)
    dropped = sorted(set(numbers))
    data["actions"] = [raw for number, raw in enumerate(data["actions"], start=1) if number not in dropped]
    if not data["actions"]:
        raise InputError(f"{path}: doctor --suggest: every action is stale; delete the overlay instead")
    if path.name.endswith(".json"):
        return documents.dumps(data)
    header = (
        f"# {path.name} without its stale action(s) {', '.join(map(str, dropped))}, which upstream now publishes\n"
        "# (suggested by `specpipe doctor --suggest`: review, then replace the overlay; its comments are not kept).\n"
    )
    return header + yaml.dump(data, Dumper=OverlayDumper, sort_keys=False, allow_unicode=True, width=100)


def write_pruned(stale: Sequence[StaleAction], output: Path) -> str:
    """Write the first overlay that has stale actions, without them, to ``output``; a sentence saying so."""
    source = stale[0].action.overlay
    numbers = [item.action.number for item in stale if item.action.overlay == source]
    try:
        documents.write_atomic(output, pruned(Path(source), numbers))
    except OSError as exc:
        raise InputError(f"{output}: --suggest: cannot write the pruned overlay: {exc}") from exc
    others = sorted({item.action.overlay for item in stale} - {source})
    rest = f"; re-run for the stale actions of {', '.join(others)}" if others else ""
    return f"{source} without its stale action(s) {', '.join(map(str, numbers))} written to {output}{rest}"
