"""Contract cases discovered from the effective spec: operation, documented response and example.

Nothing is hand-listed: a new example in ``generated/openapi.json`` is a new test case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_python_client.strings import PythonIdentifier

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The generator names things with these prefixes (openapi_python_client/parser/openapi.py); reusing its
# own PythonIdentifier keeps our mapping from spec names to Python names exactly the generator's.
_FIELD_PREFIX = "field_"
_TAG_PREFIX = "tag"


@dataclass(frozen=True)
class Parameter:
    """A required parameter: its spec name, where it goes, the value the test sends."""

    name: str
    location: str
    value: Any

    @property
    def python_name(self) -> str:
        return str(PythonIdentifier(self.name, prefix=_FIELD_PREFIX))


@dataclass(frozen=True)
class Case:
    """One documented response of one operation, replayed by the test server."""

    method: str
    path: str
    module: str
    status: int
    content_type: str
    example_name: str
    example: Any
    parameters: tuple[Parameter, ...] = ()
    request_body: Any = None
    api_key_header: str | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.path} {self.status} {self.example_name}"

    @property
    def url_path(self) -> str:
        """The path with path parameters filled in, as the client must request it."""
        values = {p.name: str(p.value) for p in self.parameters if p.location == "path"}
        return re.sub(r"\{([^}]+)\}", lambda match: values[match[1]], self.path)


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s (``#/components/...``) until a non-reference node."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise ValueError(f"unsupported or cyclic $ref {ref!r}")
        seen.add(ref)
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _examples(document: Mapping[str, Any], media: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    if "example" in media:
        yield "example", media["example"]
    for name, reference in (media.get("examples") or {}).items():
        example = _resolve(document, reference)
        if "value" in example:
            yield name, example["value"]


def _sample_value(document: Mapping[str, Any], parameter: Mapping[str, Any]) -> Any:
    """The documented example of a parameter, else a value its schema accepts."""
    schema = _resolve(document, parameter.get("schema") or {})
    for candidate in (parameter, schema):
        if "example" in candidate:
            return candidate["example"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    kind = next((t for t in kind if t != "null"), "string") if isinstance(kind, list) else kind
    samples = {"integer": 7, "number": 1.5, "boolean": True}
    return samples.get(kind, f"sample-{parameter['name']}")


def _api_key_header(document: Mapping[str, Any], operation: Mapping[str, Any]) -> str | None:
    requirements = operation.get("security", document.get("security")) or []
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    for requirement in requirements:
        for name in requirement:
            scheme = _resolve(document, schemes.get(name, {}))
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                return str(scheme["name"])
    return None


def _json_body_example(document: Mapping[str, Any], operation: Mapping[str, Any]) -> Any:
    body = _resolve(document, operation.get("requestBody") or {})
    media = (body.get("content") or {}).get("application/json")
    if not body.get("required") or media is None:
        return None
    return next((value for _, value in _examples(document, media)), None)


def discover(document: Mapping[str, Any], package: str) -> list[Case]:
    """Every replayable documented response of every operation in ``document``."""
    cases: list[Case] = []
    for path, path_item in (document.get("paths") or {}).items():
        item = _resolve(document, path_item)
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["default"])[0]
            module = ".".join(
                (
                    package,
                    "api",
                    str(PythonIdentifier(tag, prefix=_TAG_PREFIX)),
                    str(PythonIdentifier(operation["operationId"], prefix=_FIELD_PREFIX)),
                )
            )
            parameters = tuple(
                Parameter(p["name"], p["in"], _sample_value(document, p))
                for p in (
                    _resolve(document, p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]
                )
                if p.get("required") and p["in"] in {"query", "path", "header"}
            )
            for status, response in (operation.get("responses") or {}).items():
                if not str(status).isdigit():
                    continue
                for content_type, media in (_resolve(document, response).get("content") or {}).items():
                    for name, example in _examples(document, media):
                        cases.append(
                            Case(
                                method=method,
                                path=path,
                                module=module,
                                status=int(status),
                                content_type=content_type,
                                example_name=name,
                                example=example,
                                parameters=parameters,
                                request_body=_json_body_example(document, operation),
                                api_key_header=_api_key_header(document, operation),
                            )
                        )
    return cases


def discover_file(spec: Path, package: str) -> list[Case]:
    return discover(json.loads(spec.read_text(encoding="utf-8")), package)
