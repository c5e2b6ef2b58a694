"""An Overlay document as plain data: validated once, every JSONPath compiled once, errors naming the file.

Each action keeps its overlay's file name and its 1-based position, so any later failure reads as
``<file>: action <n> (target <jsonpath>) ...``. An Overlay 1.2 Reusable Action Reference is resolved
here, once: the action it yields carries the reusable action's fields, the reference's target, and the
reference's description when it has one (the 1.2 text says that one wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import jsonpath_rfc9535

from specpipe import documents
from specpipe.errors import OverlayError
from specpipe.gc_pause import paused_gc
from specpipe.overlay.schema import COMPONENT_ACTION_PREFIX, validate_overlay_document
from specpipe.overlay.target import Target, compile_target


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
    query: Target


OverlayOperation = Remove | Update | Copy


@dataclass(frozen=True)
class Action:
    """One action; ``operation`` is None when it only names a target (valid, and a no-op)."""

    overlay: str
    number: int
    target: str
    query: Target
    operation: OverlayOperation | None
    description: str | None = None
    ref: str | None = None
    """The ``$ref`` of an Overlay 1.2 Reusable Action Reference this action came from."""

    @property
    def label(self) -> str:
        """How every message names this action: file, 1-based position, target (and ``$ref``)."""
        return _label(self.overlay, self.number, self.target, self.ref)


@dataclass(frozen=True)
class Overlay:
    """A validated Overlay document; ``source`` names it in every message."""

    source: str
    version: str
    title: str
    actions: tuple[Action, ...]
    extends: str | None = None
    """``extends`` resolved per RFC 3986 against the overlay's base URI; for messages only: tooling
    decides which document an overlay is applied to, and we apply it to the one we are given."""


def _label(overlay: str, number: int, target: str, ref: str | None = None) -> str:
    via = f", $ref {ref}" if ref is not None else ""
    return f"{overlay}: action {number} (target {target}{via})"


def _compile(path: str, where: str) -> Target:
    try:
        return compile_target(path)
    except jsonpath_rfc9535.JSONPathError as exc:
        raise OverlayError(f"{where}: invalid RFC 9535 JSONPath: {exc}") from exc


def _operation(raw: dict[str, Any], label: str) -> OverlayOperation | None:
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


def _referenced(raw: dict[str, Any], components: dict[str, Any], label: str) -> dict[str, Any]:
    """A Reusable Action Reference as the action it stands for: the reusable action's ``fields``, with
    the reference's ``target`` and (when it has one) ``description``. The schema has checked that the
    pointer is ``#/components/actions/<one token>``; the token is percent-decoded (it sits in a URI
    fragment) and then unescaped per RFC 6901."""
    key = documents.unescape_pointer_token(unquote(raw["$ref"].removeprefix(COMPONENT_ACTION_PREFIX)))
    if key not in components:
        raise OverlayError(f"{label}: no reusable action {key!r} in components.actions")
    fields = dict(components[key].get("fields", {}))
    return {**fields, **{name: raw[name] for name in ("target", "description") if name in raw}}


def _base_uri(data: dict[str, Any], source: str) -> str:
    """The overlay's base URI (1.2, Establishing the Base URI): ``$self``, itself resolved against the
    retrieval URI (the file's) when relative; without ``$self``, the retrieval URI."""
    retrieval = Path(source).resolve().as_uri()
    own = data.get("$self")
    return urljoin(retrieval, own) if isinstance(own, str) else retrieval


@paused_gc()
def parse_overlay(data: Any, source: str) -> Overlay:
    """Turn a loaded Overlay document into an ``Overlay``, or refuse it with an OverlayError."""
    validate_overlay_document(data, source)
    components = data.get("components", {}).get("actions", {})
    actions = []
    for number, raw in enumerate(data["actions"], start=1):
        ref = raw.get("$ref")
        label = _label(source, number, raw["target"], ref)
        fields = _referenced(raw, components, label) if ref is not None else raw
        actions.append(
            Action(
                overlay=source,
                number=number,
                target=raw["target"],
                query=_compile(raw["target"], label),
                operation=_operation(fields, label),
                description=fields.get("description"),
                ref=ref,
            )
        )
    extends = data.get("extends")
    return Overlay(
        source=source,
        version=data["overlay"],
        title=data["info"]["title"],
        actions=tuple(actions),
        extends=urljoin(_base_uri(data, source), extends) if isinstance(extends, str) else None,
    )


def load_overlay(path: Path) -> Overlay:
    """Read (JSON or YAML) and parse the Overlay document at ``path``."""
    return parse_overlay(documents.load(path), str(path))
