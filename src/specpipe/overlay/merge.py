"""The Overlay merge rules, as pure functions on JSON values.

Hand-written: no well-kept library merges JSON the way the Overlay specification does (objects
recursively, arrays concatenated, primitives replaced, any other pairing refused; a target that is
an array is concatenated with an array update and gains any other update as one more item).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsonpath_rfc9535.serialize import canonical_string

from specpipe.errors import OverlayError

_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (dict, "an object"),
    (list, "an array"),
    (str, "a string"),
    (bool, "a boolean"),  # before numbers: bool is an int subclass
    ((int, float), "a number"),
    (type(None), "null"),
)


def kind(value: Any) -> str:
    """The JSON type of ``value``, as messages say it."""
    return next((name for types, name in _KINDS if isinstance(value, types)), type(value).__name__)


def _is_container(value: Any) -> bool:
    return isinstance(value, dict | list)


def copied(value: Any) -> Any:
    """A copy of a JSON value that shares no object or array with it.

    Hand-written rather than ``copy.deepcopy``: that one keeps a memo of every object to preserve shared
    references, which JSON values have none of (a YAML alias is expanded as a value in its own right),
    and costs three times as much (bench/RESULTS.md, overlay).
    """
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copied(item) for item in value]
    return value


Path = str | Callable[[], str]
"""The target's normalized JSONPath, or what computes it: only a refused pairing needs it, and computing
one for each of 10,000 targets cost a third of a large overlay's run (bench/RESULTS.md)."""


def merge(target: Any, value: Any, path: Path = "$") -> Any:
    """``value`` merged into ``target``, whose containers change in place; what it inserts is a copy.

    Returns the merged value: ``target`` itself when both are objects or both arrays, ``value`` when
    both are primitives. ``path`` locates a refused pairing.
    """
    return _merge(target, value, path, ())


def _merge(target: Any, value: Any, path: Path, keys: tuple[str, ...]) -> Any:
    if isinstance(target, dict) and isinstance(value, dict):
        for key, item in value.items():
            if key in target:
                target[key] = _merge(target[key], item, path, (*keys, key))
            else:
                target[key] = copied(item)
        return target
    if isinstance(target, list) and isinstance(value, list):
        target.extend(copied(value))
        return target
    if not _is_container(target) and not _is_container(value):
        return value
    where = (path if isinstance(path, str) else path()) + "".join(f"[{canonical_string(str(key))}]" for key in keys)
    raise OverlayError(f"cannot merge {kind(value)} into {kind(target)} at {where}")


def update(target: Any, value: Any, path: Path = "$") -> Any:
    """One action's update of one target node.

    An array target is concatenated with an array ``value`` and gains any other value as one more item
    (Overlay 1.1 and 1.2 say so; the 1.0 text is ambiguous and the implementations we know concatenate
    too, so every version does); anything else merges.
    """
    if isinstance(target, list) and not isinstance(value, list):
        target.append(copied(value))
        return target
    return merge(target, value, path)
