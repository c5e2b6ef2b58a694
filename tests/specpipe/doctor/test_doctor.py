"""specpipe doctor: the document is valid OpenAPI and every documented example matches its schema."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from specpipe import documents
from specpipe.cli import main
from specpipe.doctor import Finding, diagnose
from specpipe.overlay import apply_overlays, load_overlay
from specpipe.project import Project

ROOT = Path(__file__).resolve().parents[3]
PUBLISHED = ROOT / "openapi" / "heygen-api.json"
JSON = "application~1json"


def _document(
    paths: dict[str, Any] | None = None, components: dict[str, Any] | None = None, version: str = "3.1.0"
) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": paths or {}}
    if components is not None:
        document["components"] = components
    return document


def _get(operation: dict[str, Any], path: str = "/a") -> dict[str, Any]:
    return {path: {"get": operation}}


def _responds(media_type: dict[str, Any], **response: Any) -> dict[str, Any]:
    """An operation whose 200 response has one JSON media type."""
    return {"responses": {"200": {"description": "ok", "content": {"application/json": media_type}, **response}}}


def _pairs(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(finding.pointer, finding.keyword) for finding in findings]


ITEM = {"type": "object", "properties": {"n": {"type": "integer"}}}
OK = "/paths/~1a/get/responses/200"


# Each case builds a document around an example value; the bad value must give exactly the expected
# (pointer, keyword) findings and the good value none, so every location kind has a negative control.
CASES: list[tuple[str, Callable[[Any], dict[str, Any]], Any, Any, list[tuple[str, str]]]] = [
    (
        "response-example",
        lambda value: _document(_get(_responds({"schema": ITEM, "example": value}))),
        {"n": "x"},
        {"n": 1},
        [(f"{OK}/content/{JSON}/example/n", "type")],
    ),
    (
        "response-examples",
        lambda value: _document(_get(_responds({"schema": ITEM, "examples": {"One": {"value": value}}}))),
        {"n": 1.5},
        {"n": 2},
        [(f"{OK}/content/{JSON}/examples/One/value/n", "type")],
    ),
    (
        "request-body",
        lambda value: _document(
            {
                "/a": {
                    "post": {
                        "requestBody": {"content": {"application/json": {"schema": ITEM, "example": value}}},
                        "responses": {"204": {"description": "done"}},
                    }
                }
            }
        ),
        {"n": "3"},
        {"n": 3},
        [(f"/paths/~1a/post/requestBody/content/{JSON}/example/n", "type")],
    ),
    (
        "parameter-example",
        lambda value: _document(
            _get(
                {
                    "parameters": [{"name": "kind", "in": "query", "schema": {"enum": ["a", "b"]}, "example": value}],
                    "responses": {"204": {"description": "done"}},
                }
            )
        ),
        "c",
        "a",
        [("/paths/~1a/get/parameters/0/example", "enum")],
    ),
    (
        "parameter-examples",
        lambda value: _document(
            {
                "/a/{id}": {
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 3},
                            "examples": {"Short": {"value": value}},
                        }
                    ],
                    "get": {"responses": {"204": {"description": "done"}}},
                }
            }
        ),
        "ab",
        "abc",
        [("/paths/~1a~1{id}/parameters/0/examples/Short/value", "minLength")],
    ),
    (
        "parameter-content",
        lambda value: _document(
            _get(
                {
                    "parameters": [
                        {
                            "name": "filter",
                            "in": "query",
                            "content": {"application/json": {"schema": ITEM, "example": value}},
                        }
                    ],
                    "responses": {"204": {"description": "done"}},
                }
            )
        ),
        {"n": "1"},
        {"n": 1},
        [(f"/paths/~1a/get/parameters/0/content/{JSON}/example/n", "type")],
    ),
    (
        "header",
        lambda value: _document(
            _get(
                {
                    "responses": {
                        "204": {
                            "description": "done",
                            "headers": {
                                "X-Rate-Limit": {"schema": {"type": "integer", "minimum": 0}, "example": value}
                            },
                        }
                    }
                }
            )
        ),
        -1,
        10,
        [("/paths/~1a/get/responses/204/headers/X-Rate-Limit/example", "minimum")],
    ),
    (
        "schema-level-example",
        lambda value: _document(
            _get(
                _responds({"schema": {"type": "object", "properties": {"code": {"type": "integer", "example": value}}}})
            )
        ),
        "100",
        100,
        [(f"{OK}/content/{JSON}/schema/properties/code/example", "type")],
    ),
    (
        "schema-level-examples",
        lambda value: _document(components={"schemas": {"Id": {"type": "string", "examples": ["ok", value]}}}),
        7,
        "fine",
        [("/components/schemas/Id/examples/1", "type")],
    ),
    (
        "ref-example",
        lambda value: _document(
            _get(_responds({"schema": ITEM, "examples": {"Shared": {"$ref": "#/components/examples/Item"}}})),
            {"examples": {"Item": {"summary": "an item", "value": value}}},
        ),
        {"n": "x"},
        {"n": 1},
        [("/components/examples/Item/value/n", "type")],
    ),
    (
        "ref-schema",
        lambda value: _document(
            _get(_responds({"schema": {"$ref": "#/components/schemas/Item"}, "example": value})),
            {"schemas": {"Item": ITEM}},
        ),
        {"n": []},
        {"n": 0},
        [(f"{OK}/content/{JSON}/example/n", "type")],
    ),
    (
        "ref-response-walked-once-where-it-lives",
        lambda value: _document(
            {
                "/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Item"}}}},
                "/b": {"get": {"responses": {"200": {"$ref": "#/components/responses/Item"}}}},
            },
            {
                "responses": {
                    "Item": {"description": "ok", "content": {"application/json": {"schema": ITEM, "example": value}}}
                }
            },
        ),
        {"n": True},
        {"n": 1},
        [(f"/components/responses/Item/content/{JSON}/example/n", "type")],
    ),
    (
        "undeclared-property",
        lambda value: _document(_get(_responds({"schema": {"type": "object", "properties": {}}, "example": value}))),
        {"code": 1},
        {},
        [(f"{OK}/content/{JSON}/example", "unevaluatedProperties")],
    ),
    (
        "undeclared-property-nested-behind-ref",
        lambda value: _document(
            _get(
                _responds(
                    {
                        "schema": {"type": "object", "properties": {"item": {"$ref": "#/components/schemas/Item"}}},
                        "example": value,
                    }
                )
            ),
            {"schemas": {"Item": ITEM}},
        ),
        {"item": {"n": 1, "extra": 2}},
        {"item": {"n": 1}},
        [(f"{OK}/content/{JSON}/example/item", "unevaluatedProperties")],
    ),
    (
        "undeclared-property-in-array-items",
        lambda value: _document(_get(_responds({"schema": {"type": "array", "items": ITEM}, "example": value}))),
        [{"n": 1}, {"n": 2, "m": 3}],
        [{"n": 1}, {"n": 2}],
        [(f"{OK}/content/{JSON}/example/1", "unevaluatedProperties")],
    ),
    (
        "allOf-branches-declare-together",
        lambda value: _document(
            _get(
                _responds(
                    {
                        "schema": {
                            "allOf": [{"$ref": "#/components/schemas/Item"}, {"properties": {"m": {"type": "string"}}}]
                        },
                        "example": value,
                    }
                )
            ),
            {"schemas": {"Item": ITEM}},
        ),
        {"n": 1, "m": "x", "other": 0},
        {"n": 1, "m": "x"},
        [(f"{OK}/content/{JSON}/example", "unevaluatedProperties")],
    ),
    (
        "additionalProperties-admits-any-key",
        lambda value: _document(
            _get(_responds({"schema": {**ITEM, "additionalProperties": {"type": "string"}}, "example": value}))
        ),
        {"n": 1, "free": 2},
        {"n": 1, "free": "text"},
        [(f"{OK}/content/{JSON}/example/free", "type")],
    ),
]


def _integer(value: Any) -> dict[str, Any]:
    """A parameter, header or media type whose integer schema documents ``value`` as its example."""
    return {"schema": {"type": "integer"}, "example": value}


def _posts(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {"requestBody": {"content": {"application/json": body}}, "responses": {"204": {"description": "done"}}}
    }


# Every other place OpenAPI 3.1 puts a parameter, header or media type: bad "x", good 1, one `type` finding.
WHERE: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]], str]] = [
    (
        "component-parameter",
        lambda holder: _document(components={"parameters": {"P": {"name": "p", "in": "query", **holder}}}),
        "/components/parameters/P/example",
    ),
    (
        "component-header",
        lambda holder: _document(components={"headers": {"H": holder}}),
        "/components/headers/H/example",
    ),
    (
        "component-request-body",
        lambda holder: _document(components={"requestBodies": {"B": {"content": {"application/json": holder}}}}),
        f"/components/requestBodies/B/content/{JSON}/example",
    ),
    (
        "component-path-item",
        lambda holder: _document(components={"pathItems": {"I": _posts(holder)}}),
        f"/components/pathItems/I/post/requestBody/content/{JSON}/example",
    ),
    (
        "webhook",
        lambda holder: {**_document(), "webhooks": {"hook": _posts(holder)}},
        f"/webhooks/hook/post/requestBody/content/{JSON}/example",
    ),
    (
        "callback",
        lambda holder: _document(
            _get(
                {
                    "callbacks": {"done": {"{$request.body#/url}": _posts(holder)}},
                    "responses": {"204": {"description": "ok"}},
                }
            )
        ),
        f"/paths/~1a/get/callbacks/done/{{$request.body#~1url}}/post/requestBody/content/{JSON}/example",
    ),
    (
        "component-callback",
        lambda holder: _document(components={"callbacks": {"C": {"{$request.body#/url}": _posts(holder)}}}),
        f"/components/callbacks/C/{{$request.body#~1url}}/post/requestBody/content/{JSON}/example",
    ),
    (
        "encoding-header",
        lambda holder: _document(
            {
                "/a": _posts(
                    {
                        "schema": {"type": "object", "properties": {"file": {"type": "string"}}},
                        "encoding": {"file": {"headers": {"X-Part": holder}}},
                    }
                )
            }
        ),
        f"/paths/~1a/post/requestBody/content/{JSON}/encoding/file/headers/X-Part/example",
    ),
]


@pytest.mark.parametrize(("build", "pointer"), [pytest.param(*case[1:], id=case[0]) for case in WHERE])
def test_examples_are_found_everywhere(build: Callable[[dict[str, Any]], dict[str, Any]], pointer: str) -> None:
    assert _pairs(diagnose(build(_integer("x")))) == [(pointer, "type")]
    assert diagnose(build(_integer(1))) == []


ONLY_IN_3_1 = {"schema-level-examples"}  # OpenAPI 3.0's schema dialect has no `examples` keyword


@pytest.mark.parametrize(
    ("version", "build", "bad", "good", "expected"),
    [
        pytest.param(version, *case[1:], id=f"{case[0]}-{version}")
        for case in CASES
        for version in ("3.1.0", "3.0.3")
        if version == "3.1.0" or case[0] not in ONLY_IN_3_1
    ],
)
def test_each_example_location_is_checked(
    version: str, build: Callable[[Any], dict[str, Any]], bad: Any, good: Any, expected: list[tuple[str, str]]
) -> None:
    assert _pairs(diagnose({**build(bad), "openapi": version})) == expected
    assert diagnose({**build(good), "openapi": version}) == []


def test_a_ref_example_names_where_it_is_used() -> None:
    (build,) = [case[1] for case in CASES if case[0] == "ref-example"]
    document = build({"n": "x"})
    (finding,) = diagnose(document)
    assert f"referenced from {OK}/content/{JSON}/examples/Shared" in finding.message


def test_external_example_values_are_not_fetched() -> None:
    document = _document(_get(_responds({"schema": ITEM, "examples": {"Far": {"externalValue": "https://x/e.json"}}})))
    assert diagnose(document) == []


def test_an_unresolvable_example_ref_is_a_finding() -> None:
    document = _document(
        _get(_responds({"schema": ITEM, "examples": {"Gone": {"$ref": "#/components/examples/Gone"}}}))
    )
    assert _pairs(diagnose(document)) == [(f"{OK}/content/{JSON}/examples/Gone/$ref", "$ref")]


@pytest.mark.parametrize(
    ("version", "schema", "findings"),
    [
        pytest.param("3.0.3", {"type": "string", "nullable": True}, [], id="3.0-nullable-accepts-null"),
        pytest.param("3.0.3", {"type": "string"}, ["type"], id="3.0-not-nullable-rejects-null"),
        pytest.param("3.1.0", {"type": ["string", "null"]}, [], id="3.1-null-in-type-accepts-null"),
        pytest.param("3.1.0", {"type": "string"}, ["type"], id="3.1-rejects-null"),
        # 3.1 has no `nullable`: there it is an unknown keyword, so null stays invalid.
        pytest.param("3.1.0", {"type": "string", "nullable": True}, ["type"], id="3.1-ignores-nullable"),
    ],
)
def test_nullability_follows_the_dialect(version: str, schema: dict[str, Any], findings: list[str]) -> None:
    document = _document(
        _get(_responds({"schema": {"type": "object", "properties": {"msg": schema}}, "example": {"msg": None}})),
        version=version,
    )
    found = diagnose(document)
    # OAS30Validator words a null twice ("None for not nullable", "None is not of type"): one defect.
    assert sorted(set(_pairs(found))) == [(f"{OK}/content/{JSON}/example/msg", keyword) for keyword in findings]
    assert all(finding.message.startswith("None ") for finding in found)


def test_json_schema_dialect_is_honoured() -> None:
    # Draft 7 has no prefixItems: under it the example's first item is not checked at all.
    def build(dialect: dict[str, str]) -> dict[str, Any]:
        media_type = {"schema": {"type": "array", "prefixItems": [{"type": "integer"}]}, "example": ["x"]}
        return {**_document(_get(_responds(media_type))), **dialect}

    assert _pairs(diagnose(build({}))) == [(f"{OK}/content/{JSON}/example/0", "type")]
    assert diagnose(build({"jsonSchemaDialect": "http://json-schema.org/draft-07/schema#"})) == []


def test_an_invalid_spec_is_reported_and_its_examples_left_alone() -> None:
    document = _document(
        _get({"responses": {"200": {"content": {"application/json": {"schema": ITEM, "example": {"n": "x"}}}}}})
    )
    findings = diagnose(document)
    assert findings == [Finding(OK, "openapi", "'description' is a required property")]


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        pytest.param({"info": {"title": "t", "version": "1"}, "paths": {}}, "", id="no-version"),
        pytest.param({"openapi": "3.1.0", "paths": {}}, "", id="no-info"),
        pytest.param(_document(_get({"responses": {"200": {"description": 5}}})), f"{OK}/description", id="bad-type"),
    ],
)
def test_spec_validator_errors_become_findings(document: dict[str, Any], pointer: str) -> None:
    assert [(finding.pointer, finding.keyword) for finding in diagnose(document)] == [(pointer, "openapi")]


OPERATION: dict[str, Any] = {"operationId": "same", "responses": {"204": {"description": "done"}}}


def _operation_with(*parameters: Any) -> dict[str, Any]:
    return {**OPERATION, "parameters": list(parameters)}


def _path_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param(
            _document({"/a": {"get": OPERATION}, "/b": {"get": OPERATION}}),
            [("/paths/~1b/get/operationId", "operationId", "operationId 'same' is already used by /paths/~1a/get")],
            id="duplicate-operation-id",
        ),
        pytest.param(
            _document({"/a": {"get": OPERATION, "post": OPERATION}}),
            [("/paths/~1a/post/operationId", "operationId", "operationId 'same' is already used by /paths/~1a/get")],
            id="duplicate-operation-id-in-one-path-item",
        ),
        pytest.param(
            _document({"/a/{id}": {"get": {"responses": {"204": {"description": "done"}}}}}),
            [("/paths/~1a~1{id}/get", "parameters", "path template variable {id} has no path parameter")],
            id="template-variable-undeclared",
        ),
        pytest.param(
            _document({"/a": {"get": _operation_with(_path_parameter("id"))}}),
            [("/paths/~1a/get", "parameters", "path parameter 'id' is not in the path template '/a'")],
            id="path-parameter-not-in-template",
        ),
        pytest.param(
            _document({"/a/{id}": {"get": _operation_with(_path_parameter("id"), _path_parameter("id"))}}),
            [
                (
                    "/paths/~1a~1{id}/get/parameters/1",
                    "parameters",
                    "parameter 'id' in path is also declared at /paths/~1a~1{id}/get/parameters/0",
                )
            ],
            id="duplicate-parameter",
        ),
        pytest.param(
            _document({"/a/{id}": {"get": _operation_with({"$ref": "#/components/parameters/Gone"})}}),
            [
                ("/paths/~1a~1{id}/get", "parameters", "path template variable {id} has no path parameter"),
                ("/paths/~1a~1{id}/get/parameters/0/$ref", "$ref", "cannot resolve '#/components/parameters/Gone'"),
            ],
            id="unresolvable-parameter-ref",
        ),
        pytest.param(
            _document(components={"schemas": {"C": {"type": "object", "properties": {"name": "string"}}}}),
            [("/components/schemas/C/properties/name", "openapi", "'string' is not of type 'object', 'boolean'")],
            id="malformed-schema-without-examples",
        ),
        pytest.param(
            _document(components={"schemas": {"C": {"type": "integer", "default": "0"}}}),
            [("/components/schemas/C/default", "type", "'0' is not of type 'integer'")],
            id="default-breaks-its-schema",
        ),
    ],
)
def test_what_the_openapi_schema_cannot_say_is_a_finding(
    document: dict[str, Any], expected: list[tuple[str, str, str]]
) -> None:
    assert diagnose(document) == [Finding(*finding) for finding in expected]


@pytest.mark.parametrize(
    "paths",
    [
        pytest.param({"/a/{id}": {"get": _operation_with(_path_parameter("id"))}}, id="declared-on-operation"),
        pytest.param(
            {"/a/{id}": {"parameters": [_path_parameter("id")], "get": OPERATION}}, id="declared-on-path-item"
        ),
        pytest.param(
            {
                "/a/{id}": {
                    "get": _operation_with(_path_parameter("id")),
                    "parameters": [_path_parameter("id")],
                }
            },
            id="operation-overrides-path-item",
        ),
        pytest.param({"/a/{id}": {"get": _operation_with({"$ref": "#/components/parameters/Id"})}}, id="by-ref"),
        pytest.param(
            {
                "/a": {
                    "get": {
                        "parameters": [
                            {**_path_parameter("id"), "in": "query"},
                            {**_path_parameter("id"), "in": "header"},
                        ],
                        **OPERATION,
                    }
                }
            },
            id="same-name-elsewhere",
        ),
    ],
)
def test_well_declared_parameters_are_clean(paths: dict[str, Any]) -> None:
    assert diagnose(_document(paths, {"parameters": {"Id": _path_parameter("id")}})) == []


@pytest.mark.parametrize(
    "document",
    [
        pytest.param({"swagger": "2.0", "info": {"title": "t", "version": "1"}}, id="2.0"),
        pytest.param(_document(version="3.0.3"), id="3.0"),
        pytest.param(_document(version="3.2.0"), id="3.2"),
    ],
)
def test_each_version_is_checked_against_its_own_schema(document: dict[str, Any]) -> None:
    bad: dict[str, Any] = {**document, "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}}
    good: dict[str, Any] = {**document, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}}
    assert [(finding.pointer, finding.keyword) for finding in diagnose(bad)] == [(f"{OK}/description", "openapi")]
    # A Swagger 2.0 document passes pass 1, and pass 2 says it does not check 2.0 examples.
    only_3x = [Finding("", "openapi", "examples are checked in OpenAPI 3.x documents only")]
    assert diagnose(good) == ([] if "openapi" in document else only_3x)


def test_findings_are_sorted_and_independent_of_document_order() -> None:
    paths = {
        f"/p{index}": {
            "get": _responds(
                {"schema": ITEM, "examples": {"B": {"value": {"n": "b"}}, "A": {"value": {"n": "a", "z": 1}}}}
            )
        }
        for index in (3, 1, 2)
    }
    reordered = {path: paths[path] for path in sorted(paths)}
    findings = diagnose(_document(paths))
    assert findings == sorted(findings)
    assert findings == diagnose(_document(reordered))
    assert len(findings) == 9  # per path: A's type and undeclared z, B's type


def test_finding_prints_as_one_line() -> None:
    assert str(Finding("/a/b", "type", "1 is not of type 'string'")) == "/a/b: type: 1 is not of type 'string'"


def test_the_document_is_not_modified() -> None:
    document = _document(
        _get(_responds({"schema": {"type": "object", "properties": {"i": ITEM}}, "example": {"i": {"x": 1}}}))
    )
    before = copy.deepcopy(document)
    assert diagnose(document)
    assert document == before


# --- the published document ------------------------------------------------------------------------

DELETE = "/paths/~1v1~1video.delete/delete/responses"
UPSTREAM_DEFECTS = [
    (f"{DELETE}/200/content/{JSON}/examples/Result/value/data/Deleted", "type"),
    (f"{DELETE}/200/content/{JSON}/examples/Result/value/data/Failed", "type"),
    (f"{DELETE}/200/content/{JSON}/examples/Result/value/msg", "type"),
    (f"{DELETE}/404/content/{JSON}/examples/Video Not Found/value", "unevaluatedProperties"),
]


def test_published_document_has_exactly_the_known_defects() -> None:
    findings = diagnose(documents.load_mapping(PUBLISHED))
    assert _pairs(findings) == UPSTREAM_DEFECTS
    assert "'code', 'message'" in findings[-1].message


def _patched(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (the v1 page) with its source's overlays applied: that source's part of the effective spec."""
    project = Project.at(ROOT)
    overlays = project.overlays_by_source(project.sources())["heygen-api"]
    return apply_overlays(document, [load_overlay(path) for path in overlays]).document


def test_patched_document_is_clean() -> None:
    assert diagnose(_patched(documents.load_mapping(PUBLISHED))) == []


# --- the command line ------------------------------------------------------------------------------


def test_cli_prints_one_line_per_finding_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", str(PUBLISHED)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split("#", 1)[0] for line in lines] == [str(PUBLISHED)] * len(UPSTREAM_DEFECTS)
    for line, (pointer, keyword) in zip(lines, UPSTREAM_DEFECTS, strict=True):
        assert line.startswith(f"{PUBLISHED}#{pointer}: {keyword}: ")
    assert f"4 finding(s) in {PUBLISHED}" in err


def test_cli_exits_0_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "clean.json"
    spec.write_text(json.dumps(_patched(documents.load_mapping(PUBLISHED))))
    assert main(["doctor", str(spec)]) == 0
    assert capsys.readouterr().out == ""


def test_cli_reads_a_docs_page_from_a_url(httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    """A page as developers.heygen.com serves it (YAML in a four-backtick fence): doctor reads its document,
    and names the URL in its findings. Negative control: the page read as YAML fails ("found character '`'")."""
    document = documents.load_mapping(PUBLISHED)
    page = f"# Page\n\n````yaml /openapi/external-api.json get /v1/x\n{yaml.safe_dump(document)}````\n"
    httpserver.expect_request("/page.md").respond_with_data(page, content_type="text/markdown")
    url = httpserver.url_for("/page.md")
    assert main(["doctor", url]) == 1
    out, err = capsys.readouterr()
    assert f"{len(UPSTREAM_DEFECTS)} finding(s) in {url}" in err
    assert [line.split("#", 1)[0] for line in out.splitlines()] == [url] * len(UPSTREAM_DEFECTS)


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        pytest.param('{"openapi": "3.1.0",', "invalid JSON", id="invalid-json"),
        pytest.param("[1, 2]", "expected a JSON/YAML object", id="not-an-object"),
        pytest.param(None, "cannot read", id="unreadable"),
    ],
)
def test_cli_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, cause: str
) -> None:
    spec = tmp_path / "spec.json"
    if content is not None:
        spec.write_text(content)
    assert main(["doctor", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("specpipe doctor: error: ")
    assert str(spec) in err
    assert cause in err


def test_python_dash_m_specpipe_doctor() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "specpipe", "doctor", str(PUBLISHED)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == len(UPSTREAM_DEFECTS)


def test_a_version_that_is_not_a_string_is_a_finding() -> None:
    # YAML reads `openapi: 3.1` as the number 3.1.
    assert _pairs(diagnose({**_document(), "openapi": 3.1})) == [("/openapi", "openapi")]


@pytest.mark.parametrize(
    ("schema", "example", "where"),
    [
        pytest.param({"type": "strnig"}, "1", "/type", id="unknown-type"),
        pytest.param({"type": "string", "pattern": "[a-"}, "1", "/pattern", id="bad-regex"),
        pytest.param({"type": "integer", "minimum": "0"}, 1, "/minimum", id="bad-minimum"),
    ],
)
def test_a_malformed_schema_the_spec_validator_skips_is_a_finding(
    schema: dict[str, Any], example: Any, where: str
) -> None:
    # openapi-spec-validator does not meta-check header schemas; jsonschema raises on them instead.
    headers = {
        "X-Bad": {"schema": schema, "example": example},
        "X-Good": {"schema": {"type": "integer"}, "example": "1"},
    }
    document = _document(_get({"responses": {"204": {"description": "done", "headers": headers}}}))
    assert _pairs(diagnose(document)) == [
        ("/paths/~1a/get/responses/204/headers/X-Bad/schema" + where, "openapi"),
        ("/paths/~1a/get/responses/204/headers/X-Good/example", "type"),
    ]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


@pytest.mark.parametrize(
    ("schemas", "pointer"),
    [
        pytest.param({"A": _ref("B"), "B": _ref("A")}, "/components/schemas/A", id="ref-to-ref"),
        pytest.param({"B": _ref("A"), "A": _ref("B")}, "/components/schemas/A", id="ref-to-ref-declared-backwards"),
        pytest.param({"A": {"allOf": [_ref("A")]}}, "/components/schemas/A", id="allOf-itself"),
        pytest.param(
            {"A": {"anyOf": [{"type": "string"}, {"oneOf": [_ref("A")]}]}}, "/components/schemas/A", id="deep"
        ),
    ],
)
def test_a_circular_ref_that_describes_no_value_is_a_finding(schemas: dict[str, Any], pointer: str) -> None:
    """Validating the example used to recurse until RecursionError (exit 1 with a traceback)."""
    document = _document(_get(_responds({"schema": _ref("A"), "example": {"x": 1}})), {"schemas": schemas})
    findings = diagnose(document)
    assert [(finding.pointer, finding.keyword) for finding in findings] == [(pointer, "$ref")]
    assert "circular reference that never reaches a property or an item" in findings[0].message


def test_a_recursive_schema_that_descends_is_fine() -> None:
    """Negative control: a tree (a node whose children are nodes) is recursive, not circular."""
    node = {"type": "object", "properties": {"children": {"type": "array", "items": _ref("Node")}}}
    leaf: dict[str, Any] = {"children": []}
    example = {"children": [leaf]}
    document = _document(_get(_responds({"schema": _ref("Node"), "example": example})), {"schemas": {"Node": node}})
    assert diagnose(document) == []
    leaf["children"] = "x"  # the example is still validated, through the recursion
    assert _pairs(diagnose(document)) == [(f"{OK}/content/{JSON}/example/children/0/children", "type")]


def test_an_unresolvable_external_schema_ref_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Doctor used to report nothing, and generate then failed showing `<UntrustedString object at 0x…>`."""
    document = _document(_get(_responds({"schema": {"$ref": "other.yaml#/Foo"}})))
    assert _pairs(diagnose(document)) == [(f"{OK}/content/{JSON}/schema/$ref", "$ref")]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    assert main(["doctor", str(spec)]) == 1
    assert "cannot resolve 'other.yaml#/Foo'" in capsys.readouterr().out
