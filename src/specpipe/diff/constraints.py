"""A schema's validation keywords (bounds, pattern, const, ...) in one comparable form.

Both spellings of an exclusive bound mean the same: OpenAPI 3.0's ``maximum: 5, exclusiveMaximum: true``
and 3.1's ``exclusiveMaximum: 5`` both become ``{"exclusiveMaximum": 5}``, so a document moving from
3.0 to 3.1 shows no change, and a 3.0 ``exclusiveMaximum`` flag turned on is an exclusive bound set.
``uniqueItems: false`` is kept as absent: both allow duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from specpipe.errors import DiffError

NUMBER_BOUNDS = (
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
)
_EXCLUSIVE = {"exclusiveMaximum": "maximum", "exclusiveMinimum": "minimum"}
_TEXT = ("pattern", "contentMediaType", "contentEncoding")
KEYWORDS = frozenset({*NUMBER_BOUNDS, *_EXCLUSIVE, *_TEXT, "const", "x-extensible-enum", "multipleOf", "uniqueItems"})

Error = Callable[[str, str], DiffError]
Canonical = Callable[[Any], str]


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _step_and_uniqueness(raw: Mapping[str, Any], pointer: str, error: Error) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "multipleOf" in raw:
        if not _number(raw["multipleOf"]) or raw["multipleOf"] <= 0:
            raise error(f"{pointer}/multipleOf", "multipleOf must be a number greater than 0")
        found["multipleOf"] = raw["multipleOf"]
    if raw.get("uniqueItems") is True:
        found["uniqueItems"] = True
    elif raw.get("uniqueItems") not in (None, False):
        raise error(f"{pointer}/uniqueItems", "uniqueItems must be a boolean")
    return found


def normalize_constraints(raw: Mapping[str, Any], pointer: str, error: Error, canonical: Canonical) -> dict[str, Any]:
    """The keywords of ``raw`` the differ compares; values (const) are compared as ``canonical`` text."""
    found: dict[str, Any] = {}
    if KEYWORDS.isdisjoint(raw):  # most schemas: the walk over every schema stays cheap
        return found
    for keyword in NUMBER_BOUNDS:
        if keyword in raw:
            if not _number(raw[keyword]):
                raise error(f"{pointer}/{keyword}", f"{keyword} must be a number")
            found[keyword] = raw[keyword]
    for keyword, inclusive in _EXCLUSIVE.items():
        value = raw.get(keyword)
        if value is True and inclusive in found:  # 3.0: the inclusive bound becomes exclusive
            found[keyword] = found.pop(inclusive)
        elif _number(value):
            found[keyword] = value
        elif value not in (None, False, True):
            raise error(f"{pointer}/{keyword}", f"{keyword} must be a number or a boolean")
    found.update(_step_and_uniqueness(raw, pointer, error))
    for keyword in _TEXT:
        if isinstance(raw.get(keyword), str):
            found[keyword] = raw[keyword]
    if "const" in raw:
        found["const"] = canonical(raw["const"])
    if isinstance(raw.get("x-extensible-enum"), list):
        found["x-extensible-enum"] = tuple(canonical(value) for value in raw["x-extensible-enum"])
    return found
