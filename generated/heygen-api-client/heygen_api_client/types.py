"""Contains some shared types for properties"""

import json
import types
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar, Union, get_args, get_origin

import httpx
from attrs import define

from .errors import ResponseShapeError


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# Checking JSON values against the JSON-side types the generator writes (str, int, float, bool, None,
# list[...], dict[str, ...], Literal[...], Any, Unset and unions of them). Hand-written: a runtime type
# checker such as typeguard would be a heavy dependency for this small grammar and would name Python
# types, where a caller debugging a response wants JSON's.
_JSON_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def _json_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, Unset):
        return "nothing (the field is missing)"
    return next((name for kind, name in _JSON_NAMES if isinstance(value, kind)), type(value).__name__)


def _describe(expected: Any) -> str:
    origin = get_origin(expected)
    if origin in (Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in get_args(expected) if arg is not Unset)
    if origin is list:
        return f"array of {_describe(get_args(expected)[0])}"
    if origin is Literal:
        return "one of " + ", ".join(json.dumps(arg) for arg in get_args(expected))
    if expected is Any:
        return "any value"
    if expected is None or expected is type(None):
        return "null"
    return next((name for kind, name in _JSON_NAMES if expected is kind or origin is kind), str(expected))


def _mismatch(value: object, expected: Any) -> str | None:
    """How ``value`` breaks ``expected``, or None when it conforms."""
    origin = get_origin(expected)
    if expected is Any:
        return None
    if origin in (Union, types.UnionType):
        options = get_args(expected)
        if any(_mismatch(value, option) is None for option in options):
            return None
        # With one real option (besides Unset, a missing field), or one array option for an array,
        # say what is wrong inside the value rather than only what it is.
        present = [option for option in options if option is not Unset]
        arrays = [option for option in present if get_origin(option) is list]
        if len(present) == 1:
            return _mismatch(value, present[0])
        return _mismatch(value, arrays[0]) if len(arrays) == 1 and isinstance(value, list) else _json_name(value)
    if expected is None or expected is type(None):
        return None if value is None else _json_name(value)
    if origin is Literal:
        if value in get_args(expected):
            return None
        # The value itself helps here (an enum grew a member?); short scalars only.
        shown = isinstance(value, str | int | float | bool) and len(repr(value)) <= 40
        return f"{_json_name(value)} {json.dumps(value)}" if shown else _json_name(value)
    if origin is list:
        if not isinstance(value, list):
            return _json_name(value)
        (item_type,) = get_args(expected)
        for index, item in enumerate(value):
            if (problem := _mismatch(item, item_type)) is not None:
                return f"an array with {problem} at index {index}"
        return None
    if origin is dict:
        return None if isinstance(value, dict) else _json_name(value)
    if expected in (int, float):
        # JSON has one number type: an integer is a valid number, but a boolean is neither.
        kinds = (int,) if expected is int else (int, float)
        return None if isinstance(value, kinds) and not isinstance(value, bool) else _json_name(value)
    if isinstance(expected, type):
        return None if isinstance(value, expected) else _json_name(value)
    return None


def expect_json(value: Any, expected: Any, where: str) -> Any:
    """``value`` unchanged when it has the JSON type the API document promises; else ResponseShapeError."""
    problem = _mismatch(value, expected)
    if problem is not None:
        raise ResponseShapeError(where, _describe(expected), problem)
    return value


def json_body(response: httpx.Response) -> Any:
    """The decoded JSON body of ``response``, or a ResponseShapeError saying why there is none."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if not response.content:
        raise ResponseShapeError("response body", "a JSON document", "an empty body")
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise ResponseShapeError(
            "response body", "JSON (Content-Type: application/json)", f"Content-Type: {media_type or 'none'}"
        )
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise ResponseShapeError("response body", "valid JSON", f"malformed JSON ({exc})") from None


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "expect_json", "json_body"]
