"""Contains some shared types for properties"""

import json
import types
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar, Union, get_args, get_origin

import httpx
from attrs import define

from .errors import REQUEST_ID_HEADERS, ResponseShapeError


class Unset:
    """The type of ``UNSET``: a field or argument that was not given (unlike ``None``, a JSON null)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


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

    status_code: HTTPStatus | int
    """An ``HTTPStatus``, or the plain number of a status it does not know (Cloudflare's 520, ...)."""
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None

    @property
    def request_id(self) -> str | None:
        """The id the API gave this request (the headers ``errors.ApiError.request_id`` reads), if any."""
        return next((self.headers[name] for name in REQUEST_ID_HEADERS if name in self.headers), None)


_STATUSES: dict[int, HTTPStatus] = {status.value: status for status in HTTPStatus}


def status_of(code: int) -> HTTPStatus | int:
    """``code`` as an ``HTTPStatus`` when it is a standard status, else the number itself."""
    return _STATUSES.get(code, code)


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


Check = Callable[[object], str | None]
"""How a value breaks one expected type, or None when it conforms."""
_CHECKS: dict[Any, Check] = {}


def _check_of(expected: Any) -> Check:
    """The check for ``expected``, built once, on first use: reading a type with get_origin and get_args
    on every call was a third of a call's cost (bench/RESULTS.md)."""
    check = _CHECKS.get(expected)
    if check is None:
        check = _CHECKS[expected] = _build_check(expected)
    return check


def _build_check(expected: Any) -> Check:  # noqa: PLR0911 (one return per kind of type)
    origin = get_origin(expected)
    if expected is Any:
        return lambda value: None
    if origin in (Union, types.UnionType):
        return _union_check(get_args(expected))
    if expected is None or expected is type(None):
        return lambda value: None if value is None else _json_name(value)
    if origin is Literal:
        return _literal_check(get_args(expected))
    if origin is list:
        return _list_check(_check_of(get_args(expected)[0]))
    if origin is dict:
        return lambda value: None if isinstance(value, dict) else _json_name(value)
    if expected is float:
        # JSON has one number type: an integer is a valid number, but a boolean is neither.
        return lambda value: (
            None if isinstance(value, int | float) and not isinstance(value, bool) else _json_name(value)
        )
    if expected is int:
        # JSON Schema counts a number with a zero fractional part (1.0) as an integer.
        return lambda value: (
            None
            if (isinstance(value, int) and not isinstance(value, bool))
            or (isinstance(value, float) and value.is_integer())
            else _json_name(value)
        )
    if isinstance(expected, type):
        return lambda value: None if isinstance(value, expected) else _json_name(value)
    return lambda value: None


def _plain_kinds(options: tuple[Any, ...]) -> tuple[type, ...] | None:
    """The classes a union accepts when every option is a plain class (``int | None | Unset``), else None."""
    kinds: list[type] = []
    for option in options:
        if option is None or option is type(None):
            kinds.append(type(None))
        elif option is float:
            kinds += [int, float]
        elif isinstance(option, type) and get_origin(option) is None:
            kinds.append(option)
        else:
            return None
    return tuple(kinds)


def _union_check(options: tuple[Any, ...]) -> Check:
    checks = [_check_of(option) for option in options]
    # Most fields are a union of plain classes: one isinstance call accepts a right value, and only a
    # wrong one walks the options for the message (bench/RESULTS.md, call overhead).
    kinds = _plain_kinds(options)
    bool_allowed = kinds is None or bool in kinds
    # With one real option (besides Unset, a missing field), or one array option for an array, say
    # what is wrong inside the value rather than only what it is.
    present = [_check_of(option) for option in options if option is not Unset]
    arrays = [_check_of(option) for option in options if get_origin(option) is list]

    def check(value: object) -> str | None:
        if kinds is not None and isinstance(value, kinds) and (bool_allowed or not isinstance(value, bool)):
            return None
        for option in checks:
            if option(value) is None:
                return None
        if len(present) == 1:
            return present[0](value)
        return arrays[0](value) if len(arrays) == 1 and isinstance(value, list) else _json_name(value)

    return check


def _literal_check(members: tuple[Any, ...]) -> Check:
    def check(value: object) -> str | None:
        if value in members:
            return None
        # The value itself helps here (an enum grew a member?); short scalars only.
        shown = isinstance(value, str | int | float | bool) and len(repr(value)) <= 40
        return f"{_json_name(value)} {json.dumps(value)}" if shown else _json_name(value)

    return check


def _list_check(item: Check) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, list):
            return _json_name(value)
        for index, element in enumerate(value):
            if (problem := item(element)) is not None:
                return f"an array with {problem} at index {index}"
        return None

    return check


def expect_json(value: Any, expected: Any, where: str) -> Any:
    """``value`` unchanged when it has the JSON type the API document promises; else ResponseShapeError.
    For one value; generated code binds ``json_check`` once instead."""
    return json_check(expected, where)(value)


def error_envelope(body: Any) -> Any:
    """An error body with the fields of an ``{"error": {...}}`` envelope (HeyGen's documented error
    format) also at the top level, where the legacy format has them; top-level fields win."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return {**body["error"], **body}
    return body


def json_check(expected: Any, where: str) -> Callable[[Any], Any]:
    """``value`` unchanged when it has the JSON type ``expected``, else ResponseShapeError naming
    ``where``; type and place bound once: a generated model builds one per field when its module loads,
    so a call does not rebuild and look up the type of each field (bench/RESULTS.md)."""
    check = _check_of(expected)
    surely = _surely_conforming(expected)
    items = _surely_conforming_items(expected)

    def checked(value: Any) -> Any:
        if type(value) in surely:  # most values: one set lookup, no further call
            return value
        # An array of plain items: one pass in C over their classes, not a call per item.
        if items and type(value) is list and items.issuperset(map(type, value)):
            return value
        problem = check(value)
        if problem is not None:
            raise ResponseShapeError(where, _describe(expected), problem)
        return value

    return checked


def _options(expected: Any) -> tuple[Any, ...]:
    """The types a union allows; any other type is its one option."""
    return get_args(expected) if get_origin(expected) in (Union, types.UnionType) else (expected,)


def _surely_conforming_items(expected: Any) -> frozenset[type]:
    """``_surely_conforming`` for the items of ``expected``'s one array option (none: an empty set)."""
    arrays = [option for option in _options(expected) if get_origin(option) is list]
    return _surely_conforming(get_args(arrays[0])[0]) if len(arrays) == 1 else frozenset()


def _surely_conforming(expected: Any) -> frozenset[type]:
    """The exact classes whose every instance has the JSON type ``expected`` (an array's items still
    need a look, so arrays are not among them; nor is a float for an integer)."""
    classes: set[type] = set()
    for option in _options(expected):
        if option is None or option is type(None):
            classes.add(type(None))
        elif option is float:
            classes |= {int, float}
        elif get_origin(option) is dict:
            classes.add(dict)
        elif isinstance(option, type) and get_origin(option) is None and option is not Any:
            classes.add(option)
    return frozenset(classes)


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
    except RecursionError:
        raise ResponseShapeError("response body", "valid JSON", "JSON nested too deeply to decode") from None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "error_envelope",
    "expect_json",
    "json_body",
    "json_check",
    "status_of",
]
