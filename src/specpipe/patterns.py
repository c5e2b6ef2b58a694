"""Schema ``pattern``\\ s matched without catastrophic backtracking: they come from the page, hostile input.

jsonschema matches ``pattern`` and ``patternProperties`` with Python's backtracking ``re``: ``^(a+)+$``
on 35 ``a``\\ s and a ``!`` takes hours. Here jsonschema-rs matches them (ECMA 262, as OpenAPI says a
pattern is), with the Rust ``regex`` crate, which runs in time linear in the text. What only a
backtracking engine can match (lookaround, backreferences) runs on ``fancy-regex`` under a backtracking
limit; reaching it counts as no match, so the example gets a finding rather than a pass or a stall.
No library offers a linear ``re`` drop-in for jsonschema's keywords; these two keyword functions are
jsonschema's own with the matcher swapped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import jsonschema_rs

# fancy-regex's steps before it gives up on one match (its own default is 1,000,000; this keeps a
# hostile pattern's worst case to about a millisecond per example).
BACKTRACK_LIMIT = 100_000
_LINEAR = jsonschema_rs.RegexOptions()
_BOUNDED = jsonschema_rs.FancyRegexOptions(backtrack_limit=BACKTRACK_LIMIT)


class UnsupportedPattern(ValueError):
    """A pattern neither engine compiles: not an ECMA 262 regular expression."""


@functools.lru_cache(maxsize=4096)
def _matcher(pattern: str) -> jsonschema_rs.Validator:
    """A jsonschema-rs validator of ``{"pattern": pattern}``: linear when the regex crate takes it."""
    try:
        return jsonschema_rs.validator_for({"pattern": pattern}, pattern_options=_LINEAR)
    except ValueError:
        pass
    try:
        return jsonschema_rs.validator_for({"pattern": pattern}, pattern_options=_BOUNDED)
    except ValueError as exc:
        raise UnsupportedPattern(f"{pattern!r} is not an ECMA 262 regular expression") from exc


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text`` (JSON Schema's sense of ``pattern``)."""
    return bool(_matcher(pattern).is_valid(text))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for name, value in instance.items():
            if search(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _names_left_to(additional: Any) -> Any:
    """A dialect's ``additionalProperties`` made to see neither ``patternProperties`` nor the names they
    match (matched here): jsonschema's would match them with ``re``. Its wording for ``false`` beside
    ``patternProperties`` becomes the plain "Additional properties are not allowed" one."""

    def keyword(validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
        patterns = schema.get("patternProperties")
        if patterns and isinstance(patterns, Mapping) and validator.is_type(instance, "object"):
            instance = {name: item for name, item in instance.items() if not any(search(p, name) for p in patterns)}
            schema = {keyword: item for keyword, item in schema.items() if keyword != "patternProperties"}
        yield from additional(validator, value, instance, schema)

    return keyword


def keywords(validator_class: Any) -> dict[str, Any]:
    """For ``jsonschema.validators.extend(validator_class, ...)``: its keywords that call ``re.search``,
    matching in linear time. Left out: ``unevaluatedProperties``, whose search for evaluated names walks
    subschemas' ``patternProperties`` inside jsonschema."""
    own = validator_class.VALIDATORS
    linear = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _names_left_to(own.get("additionalProperties")),
    }
    return {
        keyword: function for keyword, function in linear.items() if keyword in own
    }  # OpenAPI 3.0 has no patternProperties
