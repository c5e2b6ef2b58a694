"""What every family's pairs are built with: ``Case`` (a pair of small OpenAPI documents and the (id,
level) list it must produce) and builders that keep a pair to the lines that differ.

Each family's pairs are in ``cases_X.py`` beside its ``rules_X``; ``all_cases`` collects them (the report
tests: each pair produces exactly ``expect``; the rules tests: every rule has a pair).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

Doc = dict[str, Any]
B, W, I = "breaking", "warning", "info"  # noqa: E741 - mirrors ERR/WARN/INFO


@dataclass(frozen=True)
class Case:
    name: str
    old: Doc
    new: Doc
    expect: list[tuple[str, str]] = field(default_factory=list)
    today: date | None = None  # what sunset dates are measured against (lifecycle pairs set it)

    def param(self) -> Any:
        return pytest.param(self, id=self.name)


def doc(paths: Doc | None = None, openapi: str = "3.1.0", **top: Any) -> Doc:
    return {"openapi": openapi, "info": {"title": "pairs", "version": "1"}, "paths": paths or {}, **top}


def op(**fields: Any) -> Doc:
    return {"responses": {"200": {"description": "ok"}}, **fields}


def endpoint(operation: Doc, method: str = "get", path: str = "/things", **top: Any) -> Doc:
    return doc({path: {method: operation}}, **top)


def param(name: str = "q", where: str = "query", schema: Doc | None = None, **fields: Any) -> Doc:
    return {"name": name, "in": where, "schema": schema or {"type": "string"}, **fields}


def with_param(openapi: str = "3.1.0", **fields: Any) -> Doc:
    return endpoint(op(parameters=[param(**fields)]), openapi=openapi)


def obj(required: tuple[str, ...] = (), **properties: Doc) -> Doc:
    schema: Doc = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def request(schema: Doc | None, *, openapi: str = "3.1.0", media: str = "application/json", **body: Any) -> Doc:
    content = {media: {"schema": schema} if schema is not None else {}}
    return endpoint(op(requestBody={"content": content, **body}), "post", openapi=openapi)


def response(schema: Doc | None, *, status: str = "200", openapi: str = "3.1.0", **extra: Any) -> Doc:
    content = {"application/json": {"schema": schema} if schema is not None else {}}
    return endpoint(op(responses={status: {"description": "ok", "content": content, **extra}}), openapi=openapi)


def headers(**spec: Doc) -> Doc:
    return endpoint(op(responses={"200": {"description": "ok", "headers": spec}}))


def schemes(**spec: Doc) -> Doc:
    return doc(components={"securitySchemes": spec})


API_KEY = {"type": "apiKey", "in": "header", "name": "x-api-key"}
S = {"type": "string"}
S_OR_NULL = {"type": ["string", "null"]}
S_30_NULLABLE = {"type": "string", "nullable": True}


def patched(document: Doc, *path: str | int, **update: Any) -> Doc:
    """A deep copy of ``document`` with the object at ``path`` updated."""
    result = copy.deepcopy(document)
    target: Any = result
    for key in path:
        target = target[key]
    target.update(update)
    return result


def schema_cases(prefix: str, wrap: Any, levels: dict[str, str]) -> list[Case]:
    """The same schema-aspect pairs at a body root, a property, or a parameter (``wrap`` places them)."""
    pairs = {
        "type-changed": (S, {"type": "integer"}),
        "list-of-types-widened": (S, {"oneOf": [S, {"type": "integer"}]}),
        "list-of-types-narrowed": ({"anyOf": [S, {"type": "integer"}]}, S),
        "became-nullable": (S, S_OR_NULL),
        "became-not-nullable": (S_OR_NULL, S),
        "became-enum": (S, {"type": "string", "enum": ["a", "b"]}),
        "enum-value-added": ({"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["a", "b"]}),
        "enum-value-removed": ({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["a"]}),
        "default-value-added": (S, {"type": "string", "default": "a"}),
        "default-value-removed": ({"type": "string", "default": "a"}, S),
        "default-value-changed": ({"type": "string", "default": "a"}, {"type": "string", "default": "b"}),
        "description-changed": ({"type": "string", "description": "x"}, {"type": "string", "description": "y"}),
        "deprecated": (S, {"type": "string", "deprecated": True}),
        "reactivated": ({"type": "string", "deprecated": True}, S),
    }
    cases = []
    for aspect, level in levels.items():
        rule = {("response-body", "enum-value-removed"): "response-mediatype-enum-value-removed"}.get(
            (prefix, aspect), f"{prefix}-{aspect}"
        )
        old, new = pairs[aspect]
        cases.append(Case(rule, wrap(old), wrap(new), [(rule, level)]))
    return cases


def _request_property(schema: Doc) -> Doc:
    return request(obj(name=schema))


def _response_property(schema: Doc) -> Doc:
    return response(obj(name=schema))


def _parameter_schema(schema: Doc) -> Doc:
    return with_param(schema=schema)


# What a dated pair (a sunset, past or future for good) is compared on.
TODAY = date(2030, 1, 15)


def case(name: str, old: Doc, new: Doc, *expect: tuple[str, str]) -> Case:
    return Case(name, old, new, list(expect), today=TODAY)


def deprecated(sunset: Any = None, **fields: Any) -> Doc:
    """An operation (or parameter fields) marked deprecated, with ``x-sunset`` when given."""
    return {"deprecated": True, **({"x-sunset": sunset} if sunset is not None else {}), **fields}
