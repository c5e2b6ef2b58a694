"""compare(): each change kind from a pair of small documents, real document pairs, and the seed."""

from __future__ import annotations

import copy
import random
import weakref
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import referencing
import referencing.jsonschema

from specpipe import documents
from specpipe.diff import DiffReport, Level, compare, compare_files, report
from specpipe.errors import DiffError
from specpipe.limits import FetchLimits
from specpipe.locations import read_document
from specpipe.overlay import apply_overlays, load_overlay

from .all_cases import CASES
from .builders import Case, obj, response

PAIRS = Path(__file__).parent / "pairs"
ROOT = Path(__file__).resolve().parents[3]


def _ids(report: DiffReport) -> list[tuple[str, str]]:
    return [(change.id, change.level.value) for change in report.changes]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_pair_produces_exactly_its_changes(case: Case) -> None:
    assert sorted(_ids(compare(case.old, case.new, today=case.today))) == sorted(case.expect)


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_a_document_against_itself_has_no_changes(case: Case) -> None:
    """Negative control: nothing in either document of a pair is reported on its own."""
    assert compare(case.old, case.old, today=case.today).changes == ()
    assert compare(case.new, case.new, today=case.today).changes == ()


def _resolves(document: dict[str, Any], pointer: str) -> Any:
    """The value at ``pointer``, looked up by the referencing library (an independent oracle)."""
    resource = referencing.jsonschema.DRAFT202012.create_resource(document)
    registry: referencing.Registry[Any] = referencing.Registry().with_resource("urn:doc", resource)
    return registry.resolver().lookup(f"urn:doc#{pointer}").contents


@pytest.mark.parametrize("case", [case.param() for case in CASES if case.expect])
def test_pointers_point_into_their_documents(case: Case) -> None:
    for change in compare(case.old, case.new, today=case.today).changes:
        assert change.old_pointer is not None or change.new_pointer is not None
        if change.old_pointer is not None:
            _resolves(case.old, change.old_pointer)
        if change.new_pointer is not None:
            _resolves(case.new, change.new_pointer)
        assert change.message
        assert "\n" not in change.message
        assert "{" not in change.message


def _pair_dirs() -> list[Any]:
    return [pytest.param(path, id=path.name) for path in sorted(PAIRS.iterdir()) if path.is_dir()]


@pytest.mark.parametrize("pair", _pair_dirs())
def test_document_pair(pair: Path) -> None:
    """Each pairs/<name>/ holds old and new documents (JSON or YAML) and the exact report, in order."""
    old, new = (documents.load_mapping(next(pair.glob(f"{side}.*"))) for side in ("old", "new"))
    expected = documents.load(pair / "expected.yaml")
    report = compare(old, new)
    assert [
        {key: value for key, value in change.as_json().items() if key != "message"} for change in report.changes
    ] == expected


def _reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reversed_keys(value[key]) for key in reversed(value)}
    if isinstance(value, list):
        return [_reversed_keys(item) for item in value]
    return value


def test_order_does_not_depend_on_key_order() -> None:
    old = documents.load_mapping(PAIRS / "recursive-schema" / "old.yaml")
    new = documents.load_mapping(PAIRS / "recursive-schema" / "new.yaml")
    report = compare(old, new)
    assert len(report.changes) > 2
    assert compare(_reversed_keys(old), _reversed_keys(new)) == report


def test_order_is_document_level_first_then_path_then_method() -> None:
    old = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://a"}],
        "paths": {"/b": {"delete": {}, "get": {}}, "/a": {"post": {}}},
    }
    report = compare(old, {**old, "servers": [], "paths": {}})
    assert [change.operation for change in report.changes] == [None, "POST /a", "GET /b", "DELETE /b"]


def test_breaking_is_true_exactly_when_a_change_is_breaking() -> None:
    base = response(obj(a={"type": "string"}))
    only_info = compare(base, response(obj(a={"type": "string"}, b={"type": "string"})))
    with_breaking = compare(base, response(obj(a={"type": "integer"})))
    assert only_info.changes
    assert not only_info.breaking
    assert with_breaking.breaking
    assert only_info.at_least(Level.INFO)
    assert not only_info.at_least(Level.WARNING)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param({"swagger": "2.0"}, "not an OpenAPI 3.x document (swagger: '2.0')", id="swagger-2"),
        pytest.param({"openapi": 3.1}, "not an OpenAPI 3.x document (openapi: 3.1)", id="version-not-a-string"),
        pytest.param({"info": {}}, "not an OpenAPI 3.x document (openapi: None)", id="no-version"),
        pytest.param({"openapi": "3.1.0", "paths": []}, "expected an object, got list (at /paths)", id="paths-list"),
        pytest.param(
            {"openapi": "3.1.0", "paths": {"/a": {"get": {"parameters": [{"name": "x"}]}}}},
            "a parameter needs a string `name` and `in` (at /paths/~1a/get/parameters/0)",
            id="parameter-without-in",
        ),
        pytest.param(
            {"openapi": "3.1.0", "paths": {"/a": {"get": {"parameters": [{"$ref": "#/nowhere"}]}}}},
            "$ref '#/nowhere' does not resolve (at /paths/~1a/get/parameters/0)",
            id="dangling-ref",
        ),
        pytest.param(
            {"openapi": "3.1.0", "paths": {"/a": {"$ref": "other.yaml#/paths/~1a"}}},
            "$ref 'other.yaml#/paths/~1a' is not a local reference",
            id="external-ref",
        ),
        pytest.param(
            {
                "openapi": "3.1.0",
                "components": {"schemas": {"A": {"$ref": "#/components/schemas/A"}}},
                "paths": {
                    "/a": {
                        "get": {
                            "parameters": [{"name": "x", "in": "query", "schema": {"$ref": "#/components/schemas/A"}}]
                        }
                    }
                },
            },
            "$ref '#/components/schemas/A' refers to itself without a schema in between",
            id="ref-loop",
        ),
        pytest.param(
            {
                "openapi": "3.0.3",
                "paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "query", "schema": {"type": 7}}]}}},
            },
            "type must be a string or an array of strings (at /paths/~1a/get/parameters/0/schema/type)",
            id="bad-type",
        ),
    ],
)
def test_documents_that_cannot_be_compared_raise_diff_error(document: dict[str, Any], message: str) -> None:
    valid = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    with pytest.raises(DiffError, match=r"^new\.yaml: ") as raised:
        compare(valid, document, new_name="new.yaml")
    assert message in str(raised.value)


# The seed: HeyGen's published document against the same document with our overlay applied.


def _seed() -> dict[str, Any]:
    """The vendored document: the seed page's own (tests/conformance/specpipe/test_extract.py proves it)."""
    return documents.load_mapping(ROOT / "openapi" / "heygen-api.json")


def _apply_overlay(document: dict[str, Any]) -> dict[str, Any]:
    overlay = load_overlay(ROOT / "overlay" / "heygen-api.overlay.yaml")
    return apply_overlays(document, [overlay], strict=True).document


def test_seed_against_overlay_is_exactly_the_overlays_changes() -> None:
    seed = _seed()
    report = compare(seed, _apply_overlay(copy.deepcopy(seed)), today=date(2026, 12, 6))
    operation = "/paths/~1v1~1video.delete/delete"
    ok = f"{operation}/responses/200/content/application~1json/schema/properties"
    not_found = f"{operation}/responses/404/content/application~1json/schema/properties"
    assert {(c.id, c.level.value, c.operation, c.new_pointer) for c in report.changes} == {
        ("request-parameter-became-enum", "breaking", "DELETE /v1/video.delete", f"{operation}/parameters/1/schema"),
        ("response-property-type-changed", "breaking", "DELETE /v1/video.delete", f"{ok}/data/properties/Deleted"),
        ("response-property-type-changed", "breaking", "DELETE /v1/video.delete", f"{ok}/data/properties/Failed"),
        ("response-property-became-nullable", "breaking", "DELETE /v1/video.delete", f"{ok}/msg"),
        ("response-optional-property-added", "info", "DELETE /v1/video.delete", f"{not_found}/code"),
        ("response-optional-property-added", "info", "DELETE /v1/video.delete", f"{not_found}/message"),
        ("response-optional-property-added", "info", "DELETE /v1/video.delete", f"{not_found}/doc_url"),
        ("response-optional-property-added", "info", "DELETE /v1/video.delete", f"{not_found}/param"),
        ("api-version-not-bumped", "info", None, "/info/version"),  # the overlay keeps info.version
        # v1's retirement, recorded after HeyGen's date (excused in overlay/diff-exceptions.yaml, not here)
        ("api-sunset-date-too-small", "breaking", "DELETE /v1/video.delete", operation),
    }
    assert len(report.changes) == 10
    assert report.breaking


def test_shuffled_operations_of_a_large_document_give_the_same_report() -> None:
    """Many operations sharing components: the memoized walk must not depend on visiting order."""
    names = [f"/v1/thing{index}" for index in range(60)]
    component = obj(("id",), id={"type": "string"}, parent={"$ref": "#/components/schemas/Thing"})

    def document(id_type: str, order: list[str]) -> dict[str, Any]:
        thing = copy.deepcopy(component)
        thing["properties"]["id"]["type"] = id_type
        ref = {"$ref": "#/components/schemas/Thing"}
        content = {"application/json": {"schema": ref}}
        get = {"responses": {"200": {"description": "ok", "content": content}}}
        return {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {name: {"get": get, "post": {"requestBody": {"content": content}}} for name in order},
            "components": {"schemas": {"Thing": thing}},
        }

    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    report = compare(document("string", names), document("integer", names))
    assert compare(document("string", shuffled), document("integer", shuffled)) == report
    assert _ids(report).count(("response-property-type-changed", "breaking")) == 60
    assert _ids(report).count(("request-property-type-changed", "breaking")) == 60


class _Watched(dict[str, Any]):
    """A loaded document that takes weak references (a plain dict does not), to see when it is freed."""


def test_compare_files_frees_the_old_document_before_loading_the_new(monkeypatch: pytest.MonkeyPatch) -> None:
    """One parsed document at a time is what keeps diff's peak memory near its inputs' (issue 12)."""
    old, new = PAIRS / "shared-components" / "old.yaml", PAIRS / "shared-components" / "new.yaml"
    loaded: list[weakref.ref[_Watched]] = []
    alive_when_loading: list[bool] = []

    def load_watched(location: str | Path, step: str, fetch_limits: FetchLimits | None = None) -> _Watched:
        alive_when_loading.extend(reference() is not None for reference in loaded)
        document = _Watched(read_document(location, step, fetch_limits))
        loaded.append(weakref.ref(document))
        return document

    monkeypatch.setattr(report, "read_document", load_watched)
    found = compare_files(old, new)
    assert alive_when_loading == [False]
    assert found.changes
    assert found == compare(documents.load_mapping(old), documents.load_mapping(new))
