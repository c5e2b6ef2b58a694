"""Apply Overlays to an OpenAPI document: every action in order, on one copy of the input.

Each action selects its target nodes once, then changes them in place. The input is copied once, at
the start (unless the caller hands it over); after that only the values an action inserts are copied,
never the nodes it visits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from jsonpath_rfc9535 import JSONPathNode

from specpipe.errors import OverlayError, UnmatchedTargetError
from specpipe.gc_pause import paused_gc
from specpipe.overlay import merge
from specpipe.overlay.model import Action, Copy, Overlay, Remove, Update
from specpipe.overlay.target import Target


@dataclass(frozen=True)
class OverlayResult:
    """The overlaid document, and (lenient mode only) one warning per target that matched nothing."""

    document: dict[str, Any]
    warnings: tuple[str, ...]


@paused_gc()
def apply_overlays(
    document: dict[str, Any],
    overlays: Sequence[Overlay],
    *,
    strict: bool = True,
    in_place: bool = False,
    observe: Callable[[Action, list[JSONPathNode]], None] | None = None,
) -> OverlayResult:
    """``document`` with every overlay's actions applied in order; ``document`` itself is not changed
    unless ``in_place`` (for a caller that read it for this alone: a large document is not copied).
    ``observe`` sees each action with the nodes it selected, before it changes them (``overlay.stale``).

    Strict (the default), a target that matches nothing raises UnmatchedTargetError: an upstream
    rename must never silently drop a fix. Lenient, it is a warning and the action does nothing.
    """
    working = document if in_place else merge.copied(document)
    warnings: list[str] = []
    for overlay in overlays:
        for action in overlay.actions:
            nodes = _select(action.query, working)
            if not nodes:
                message = f"{action.label} matched nothing"
                if overlay.extends is not None:
                    message += f" (the overlay extends {overlay.extends}: is this that document?)"
                if strict:
                    raise UnmatchedTargetError(message)
                warnings.append(message)
                continue
            if observe is not None:
                observe(action, nodes)
            _perform(action, nodes, working)
    return OverlayResult(working, tuple(warnings))


def _select(query: Target, document: dict[str, Any]) -> list[JSONPathNode]:
    """The nodes ``query`` selects, each location once (RFC 9535 lets a union select one twice)."""
    unique = {node.location: node for node in query.select(document)}
    return list(unique.values())


def _perform(action: Action, nodes: list[JSONPathNode], document: dict[str, Any]) -> None:
    """Exhaustive over the action kinds: mypy rejects a new kind that no case handles."""
    match action.operation:
        case Remove():
            _remove(nodes, action)
        case Update(value):
            _update(nodes, value, action)
        case Copy(source, query):
            _update(nodes, _copy_source(source, query, document, action), action)
        case None:
            pass
        case unreachable:
            assert_never(unreachable)


def _slot(node: JSONPathNode) -> tuple[Any, int | str] | None:
    """The container holding ``node`` and its key there; None for the root, which sits in none."""
    if node.parent is None:
        return None
    return node.parent.value, node.location[-1]


def _remove(nodes: list[JSONPathNode], action: Action) -> None:
    """Delete every node; array items go in descending index order so no deletion shifts another."""
    keys_by_container: dict[int, tuple[Any, set[int | str]]] = {}
    for node in nodes:
        slot = _slot(node)
        if slot is None:
            raise OverlayError(f"{action.label}: the document root cannot be removed")
        container, key = slot
        keys_by_container.setdefault(id(container), (container, set()))[1].add(key)
    for container, keys in keys_by_container.values():
        for key in sorted(keys, reverse=True) if isinstance(container, list) else keys:
            del container[key]


def _update(nodes: list[JSONPathNode], value: Any, action: Action) -> None:
    for node in nodes:
        try:
            merged = merge.update(node.value, value, node.path)
        except OverlayError as exc:
            raise OverlayError(f"{action.label}: {exc}") from exc
        slot = _slot(node)
        if slot is not None and merged is not node.value:  # a primitive was replaced: put the new one in place
            container, key = slot
            container[key] = merged


def _copy_source(source: str, query: Target, document: dict[str, Any], action: Action) -> Any:
    """A snapshot of the one node ``copy`` selects (a snapshot, so a target inside the source is safe)."""
    nodes = _select(query, document)
    if len(nodes) != 1:
        raise OverlayError(f"{action.label}: copy {source} selected {len(nodes)} nodes; it must select exactly one")
    return merge.copied(nodes[0].value)
