"""The JSON type checks every generated ``from_dict`` and API function runs, as tables.

``expect_json`` is generic: it checks the JSON-side types the generator writes (str, int, float, bool,
None, list, dict, Literal, Any, Unset and unions), so these rows cover any model, not only HeyGen's.
"""

from __future__ import annotations

from typing import Any, Literal

import httpx
import pytest
from heygen_api_client import ResponseShapeError
from heygen_api_client.models import DeleteVideoResponse, DeleteVideoResult, ErrorResponse
from heygen_api_client.types import UNSET, Unset, expect_json, json_body

ACCEPTED: list[tuple[Any, Any]] = [
    ("a", str),
    (3, int),
    (3, float),  # JSON has one number type
    (3.0, int),  # JSON Schema counts a number with a zero fractional part as an integer
    (-0.0, int | Unset),
    (1e20, int),
    (3.5, float),
    (True, bool),
    (None, None),
    (None, None | str),
    ("x", None | str | Unset),
    (UNSET, str | Unset),
    ([], list[str]),
    (["a", "b"], list[str]),
    ([["a"]], list[list[str]]),
    ({"k": 1}, dict[str, Any]),
    ([{"k": 1}], list[dict[str, Any]]),
    ("heygen_video", Literal["heygen_video", "video_translate"]),
    ({"anything": [1]}, Any),
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[f"{v!r}-as-{t}" for v, t in ACCEPTED])
def test_conforming_value_passes_unchanged(value: Any, expected: Any) -> None:
    assert expect_json(value, expected, "M.f") is value


REJECTED: list[tuple[Any, Any, str]] = [
    ("v-1", list[str] | Unset, "M.f: expected array of string, got string"),
    (["a", 2], list[str], "M.f: expected array of string, got an array with integer at index 1"),
    (["a", None], list[str] | Unset, "M.f: expected array of string, got an array with null at index 1"),
    (True, int, "M.f: expected integer, got boolean"),
    (1.5, int, "M.f: expected integer, got number"),
    (float("inf"), int | Unset, "M.f: expected integer, got number"),
    ("3", float, "M.f: expected number, got string"),
    (None, str | Unset, "M.f: expected string, got null"),
    (UNSET, str, "M.f: expected string, got nothing (the field is missing)"),
    ([], dict[str, Any], "M.f: expected object, got array"),
    (1, None | str | Unset, "M.f: expected null or string, got integer"),
    (
        "other",
        Literal["heygen_video", "video_translate"],
        'M.f: expected one of "heygen_video", "video_translate", got string "other"',
    ),
]


@pytest.mark.parametrize(("value", "expected", "message"), REJECTED, ids=[f"{v!r}-as-{t}" for v, t, _ in REJECTED])
def test_violating_value_names_field_and_types(value: Any, expected: Any, message: str) -> None:
    with pytest.raises(ResponseShapeError) as caught:
        expect_json(value, expected, "M.f")
    assert str(caught.value) == message
    assert caught.value.where == "M.f"


MODELS: list[tuple[type[Any], Any, str]] = [
    (DeleteVideoResult, {"Deleted": "v-1"}, "DeleteVideoResult.Deleted: expected array of string, got string"),
    (
        DeleteVideoResult,
        {"Failed": [1]},
        "DeleteVideoResult.Failed: expected array of string, got an array with integer at index 0",
    ),
    (DeleteVideoResponse, {"code": "100"}, "DeleteVideoResponse.code: expected integer, got string"),
    (DeleteVideoResponse, {"data": ["v-1"]}, "DeleteVideoResponse.data: expected object, got array"),
    (DeleteVideoResponse, {"msg": 5}, "DeleteVideoResponse.msg: expected null or string, got integer"),
    (DeleteVideoResponse, ["not", "an", "object"], "DeleteVideoResponse: expected object, got array"),
    (ErrorResponse, {"code": 400569, "message": None}, "ErrorResponse.message: expected string, got null"),
]


@pytest.mark.parametrize(("model", "data", "message"), MODELS, ids=[m for _, _, m in MODELS])
def test_from_dict_rejects_what_the_document_forbids(model: type[Any], data: Any, message: str) -> None:
    with pytest.raises(ResponseShapeError) as caught:
        model.from_dict(data)
    assert str(caught.value) == message


def test_from_dict_keeps_documented_values_and_extra_keys() -> None:
    """Negative control for the table above: a conforming body parses, unknown keys are kept aside."""
    parsed = DeleteVideoResponse.from_dict(
        {"code": 100, "data": {"Deleted": ["v-1"], "Failed": []}, "msg": None, "new": 1}
    )
    assert isinstance(parsed.data, DeleteVideoResult)
    assert parsed.data.deleted == ["v-1"]
    assert parsed.msg is None
    assert parsed.additional_properties == {"new": 1}


BODIES: list[tuple[dict[str, str], bytes, str]] = [
    ({"content-type": "application/json"}, b"", "an empty body"),
    ({"content-type": "text/html"}, b"<html/>", "Content-Type: text/html"),
    ({}, b"{}", "Content-Type: none"),
    ({"content-type": "application/json"}, b"{", "malformed JSON (Expecting property name"),
    ({"content-type": "application/json"}, b"\xff\xfe", "malformed JSON"),
]


@pytest.mark.parametrize(("headers", "content", "fragment"), BODIES, ids=[f for _, _, f in BODIES])
def test_json_body_refuses_what_is_not_declared_json(headers: dict[str, str], content: bytes, fragment: str) -> None:
    with pytest.raises(ResponseShapeError, match=r"^response body: ") as caught:
        json_body(httpx.Response(200, headers=headers, content=content))
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "application/problem+json"]
)
def test_json_body_decodes_declared_json(content_type: str) -> None:
    response = httpx.Response(200, headers={"content-type": content_type}, content=b'{"code": 100}')
    assert json_body(response) == {"code": 100}
