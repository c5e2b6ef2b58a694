"""What the templates take from the API document beyond the generator's own context, and the checks on it.

The generator's template context carries neither ``servers`` nor ``securitySchemes`` nor a parameter's
own description (it keeps only its schema's), so these facts are computed here, from the parsed
document, and handed to the templates as the global ``spec`` (with ``property_docstring``, the one way
document text becomes an ``Args:``/``Attributes:`` line). Every string that comes from the
document stays an ``UntrustedString``: a template that pastes one without the generator's escaping
filter (``in_double_quote_literal`` for literals, ``safe_for_docstring`` for docstrings) renders the
wrapper's repr, not the text, so no document text can become code by omission.

``check`` refuses what would have to become a Python identifier or an HTTP header name but cannot:
each refusal names the document's JSON pointer.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import markupsafe
from openapi_python_client import strings
from openapi_python_client.schema.untrusted_string import UntrustedString

from specpipe.errors import GenerateError
from specpipe.merge_sources import PUSHED_DOWN
from specpipe.openapi_model import GENERATED_METHODS

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")  # RFC 9110 token
# RFC 3986 characters (and the percent of an escape); anything else (quotes, spaces, controls) is refused.
_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")
# Keys whose values are data or text, never schemas: nothing under them is a name.
_NOT_SCHEMAS = frozenset({"example", "examples", "default", "enum", "const", "description", "summary"})


@dataclass(frozen=True)
class Pagination:
    """``x-client-pagination``: the query parameter that takes the cursor and the 200 body's fields."""

    cursor_param: str
    next_cursor: str
    items: str
    has_more: str


@dataclass(frozen=True)
class Paged:
    """The generator's objects a cursor page is built from: the query parameter and the body's properties."""

    cursor: Any
    items: Any
    has_more: Any
    next_cursor: Any


@dataclass(frozen=True)
class ClientOperation:
    """Where an operation sits on the resource client: ``client.<resource>.<method>(...)``.

    The default rule: ``resource`` is the snake_case of the operation's first tag (``default`` without
    one); ``method`` is the snake_case operationId without its version suffix (``_v3``) and without a
    trailing resource noun (``videos`` or ``video``): deleteVideoV3 -> delete, listVideosV3 -> list.
    The overlay sets ``x-client-resource``/``x-client-method`` where that rule does not fit (Stainless
    names, issue 19). Both are checked identifiers (``check``), so templates render them as names.
    """

    resource: str
    method: str
    pagination: Pagination | None = None


@dataclass(frozen=True)
class Facts:
    """The template global ``spec``: document facts (untrusted) and names derived from our own config."""

    default_base_url: UntrustedString | None
    auth_header_name: UntrustedString
    auth_prefix: str
    api_key_env: str
    base_url_env: str
    log_env: str
    max_retries_env: str = ""
    # (path, lower-case method, name) -> the parameter's own description, raw.
    parameter_descriptions: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    # (path, lower-case method) -> the DeprecationWarning text of a deprecated operation, raw.
    deprecations: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # (path, lower-case method) -> where the operation sits on the resource client (client.<resource>.<method>).
    client_operations: Mapping[tuple[str, str], ClientOperation] = field(default_factory=dict)

    def client_operation(self, endpoint: Any) -> ClientOperation | None:
        """The resource and method of ``endpoint`` on ``HeyGen``/``AsyncHeyGen`` (None: not on it)."""
        return self.client_operations.get((_raw(endpoint.path), _raw(endpoint.method).lower()))

    def success_response(self, endpoint: Any) -> Any | None:
        """The generator's response for the operation's first documented 2xx status (what a resource
        method returns), or None."""
        return next(
            (
                response
                for response in endpoint.responses
                if response.status_code.range is not None and 200 <= response.status_code.range[0] <= 299
            ),
            None,
        )

    def paged(self, endpoint: Any) -> Paged | None:
        """The generator's cursor parameter and 200-body properties of a paginated operation, or None
        (not marked, or a marked name the operation does not have)."""
        operation = self.client_operation(endpoint)
        success = self.success_response(endpoint)
        if operation is None or operation.pagination is None or success is None:
            return None
        pagination = operation.pagination
        cursor = next((p for p in endpoint.query_parameters if _raw(p.name) == pagination.cursor_param), None)
        fields = {
            _raw(prop.name): prop
            for prop in [*(success.prop.required_properties or []), *(success.prop.optional_properties or [])]
        }
        found = [fields.get(pagination.items), fields.get(pagination.has_more), fields.get(pagination.next_cursor)]
        if cursor is None or any(prop is None for prop in found):
            return None
        return Paged(cursor, *found)

    def client_resources(self) -> list[str]:
        """The resource attribute names, sorted (one class per resource)."""
        return sorted({operation.resource for operation in self.client_operations.values()})

    # The OAuth bearer token's env variable, header and prefix (RFC 6750: ``Authorization: Bearer``).
    bearer_token_env: str = ""
    bearer_header_name: UntrustedString = field(default_factory=lambda: UntrustedString("Authorization"))
    bearer_prefix: str = "Bearer"
    # What the client's ``token`` is: "api_key", or "bearer" when the first scheme is an http bearer one.
    token_kind: str = "api_key"
    # (path, lower-case method) -> the credentials the operation accepts (see ``_accepted``).
    accepted: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    # (path, lower-case method) of operations whose ``security`` the merge pushed down from their source's
    # document-level default (``merge_sources.PUSHED_DOWN``).
    pushed_down: frozenset[tuple[str, str]] = frozenset()

    def anonymous_client_allowed(self, endpoint: Any) -> bool:
        """Whether the function takes ``AuthenticatedClient | Client``, as the generator types an operation that
        lists no ``security`` of its own. An operation the merge gave its source's default keeps that type:
        the generator reads only an operation's own ``security``, so the source alone generated the union,
        and narrowing it would break callers' type checks for no change on the wire."""
        key = (_raw(endpoint.path), _raw(endpoint.method).lower())
        return not endpoint.requires_security or key in self.pushed_down

    def auth_schemes(self, endpoint: Any) -> tuple[str, ...]:
        """The credential kinds an operation accepts, in the document's order: "api_key", "bearer",
        "none" (a requirement that asks for nothing); empty when the document says nothing."""
        return self.accepted.get((_raw(endpoint.path), _raw(endpoint.method).lower()), ())

    def deprecation_notice(self, endpoint: Any) -> str | None:
        """The warning a deprecated operation's call emits (the generator's endpoint does not carry
        ``deprecated``); a template renders it only as a Python literal (``"%r" | format``)."""
        return self.deprecations.get((_raw(endpoint.path), _raw(endpoint.method).lower()))

    def parameter_docstring(self, endpoint: Any, parameter: Any) -> str:
        """An ``Args:`` line; the parameter's own description when its schema has none."""
        fallback = self.parameter_descriptions.get(
            (_raw(endpoint.path), _raw(endpoint.method).lower(), _raw(parameter.name)), ""
        )
        return property_docstring(parameter, fallback)


def property_docstring(prop: Any, fallback: str = "") -> str:
    """An ``Args:``/``Attributes:`` line from the generator's parts (its ``to_docstring`` escapes each
    part first), HTML reduced to its text, then escaped for a docstring as the last step."""
    line = f"{prop.python_name} ({_raw(prop.get_type_string())}): {_raw(prop.description) or fallback}"
    if prop.default:
        line += f" Default: {_raw(prop.default.python_code)}."
    if prop.example:
        line += f" Example: {_raw(prop.example)}."
    return docstring_text(line)


def _raw(value: object) -> str:
    """The text of a generator value (an ``UntrustedString``, ``PythonCode`` or plain string), unescaped."""
    if value is None:
        return ""
    if isinstance(value, UntrustedString):
        return value.get_untrusted_value()
    if isinstance(value, strings.PythonCode):
        return value.as_unembedded_code()
    return str(value)


def docstring_text(value: str) -> str:
    """Document text for a docstring: tags stripped (which also decodes entities and folds whitespace),
    then the generator's docstring escaping, last, so nothing decoded afterwards can close the docstring."""
    return strings.safe_for_docstring(markupsafe.Markup(value).striptags())


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _pointer(*parts: object) -> str:
    """A JSON pointer, printable: a hostile key's controls and line breaks are shown escaped, as in a repr,
    so that the one-line error stays one line."""
    text = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _default_base_url(document: Mapping[str, Any]) -> str | None:
    """The first server with its variables at their defaults; only an absolute URL can be a default."""
    servers = _list(document.get("servers"))
    first = _mapping(servers[0]) if servers else {}
    url = first.get("url")
    if not isinstance(url, str):
        return None
    for name, variable in _mapping(first.get("variables")).items():
        url = url.replace("{" + str(name) + "}", str(_mapping(variable).get("default", "")))
    return url if url.startswith(("https://", "http://")) else None


def _auth_scheme(document: Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any]]:
    """The name and definition of the scheme of the document's first security requirement."""
    requirements = _list(document.get("security"))
    first = _mapping(requirements[0]) if requirements else {}
    if not first:
        return None, {}
    name = str(next(iter(first)))
    schemes = _mapping(_mapping(document.get("components")).get("securitySchemes"))
    return name, _mapping(schemes.get(name))


def _scheme_kind(scheme: Mapping[str, Any]) -> str | None:
    """The credential a scheme takes: an API key in a header, or an http bearer token; else None (the
    client cannot send it)."""
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        return "api_key"
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return "bearer"
    return None


def _accepted(document: Mapping[str, Any]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each operation's alternatives (its ``security``, else the document's): a requirement naming one
    scheme the client can send gives its kind, an empty one "none"; one asking for several schemes at
    once, or a scheme the client cannot send, gives nothing (no credential of ours answers it)."""
    schemes = _mapping(_mapping(document.get("components")).get("securitySchemes"))
    default = document.get("security")
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for path, method, operation in _operations(document):
        kinds: list[str] = []
        for requirement in map(_mapping, _list(operation.get("security", default))):
            kind = "none" if not requirement else None
            if len(requirement) == 1:
                kind = _scheme_kind(_mapping(schemes.get(str(next(iter(requirement))))))
            if kind is not None and kind not in kinds:
                kinds.append(kind)
        found[(path, method)] = tuple(kinds)
    return found


def _env_names(project_name: str) -> tuple[str, str, str]:
    """heygen-api-client reads HEYGEN_API_KEY, HEYGEN_BASE_URL and HEYGEN_LOG (as the OpenAI SDK reads
    OPENAI_BASE_URL and OPENAI_LOG)."""
    api_key = project_name.replace("-client", "").replace("-", "_").upper() + "_KEY"
    prefix = project_name.replace("-api-client", "").replace("-client", "").replace("-", "_").upper()
    return api_key, f"{prefix}_BASE_URL", f"{prefix}_LOG"


def _parameter_descriptions(document: Mapping[str, Any]) -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    for path, item in _mapping(document.get("paths")).items():
        shared = _list(_mapping(item).get("parameters"))
        for method in GENERATED_METHODS:
            operation = _mapping(item).get(method)
            if not isinstance(operation, Mapping):
                continue
            for parameter in map(_mapping, shared + _list(operation.get("parameters"))):
                name, description = parameter.get("name"), parameter.get("description")
                if isinstance(name, str) and isinstance(description, str) and description:
                    found[(str(path), method, name)] = description
    return found


def _deprecations(document: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """``METHOD /path is deprecated, sunset D; use X instead`` from ``deprecated``, ``x-sunset`` and ``x-replaced-by``."""
    found: dict[tuple[str, str], str] = {}
    for path, method, operation in _operations(document):
        if operation.get("deprecated") is not True:
            continue
        sunset, replaced_by = operation.get("x-sunset"), operation.get("x-replaced-by")
        found[(path, method)] = (
            f"{method.upper()} {path} is deprecated"
            + (f", sunset {sunset}" if isinstance(sunset, str) else "")
            + (f"; use {replaced_by} instead" if isinstance(replaced_by, str) else "")
        )
    return found


_VERSION_SUFFIX = re.compile(r"_v[0-9]+\Z")


def _default_method(operation_id: str, resource: str) -> str:
    method = _VERSION_SUFFIX.sub("", strings.snake_case(operation_id))
    for noun in (resource, resource.removesuffix("s")):
        if method.endswith("_" + noun):
            return method[: -len(noun) - 1]
    return method


def _operations(document: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for path, item in _mapping(document.get("paths")).items():
        for method in GENERATED_METHODS:
            operation = _mapping(item).get(method)
            if isinstance(operation, Mapping):
                yield str(path), method, operation


def _client_operation(operation: Mapping[str, Any]) -> ClientOperation:
    """The operation's place on the resource client, by the default rule or the overlay's extensions (raw)."""
    tags = _list(operation.get("tags"))
    resource = operation.get("x-client-resource", strings.snake_case(str(tags[0])) if tags else "default")
    method = operation.get("x-client-method", _default_method(str(operation.get("operationId", "")), str(resource)))
    paging = operation.get("x-client-pagination")
    pagination = (
        Pagination(
            paging.get("cursor_param", ""),
            paging.get("next_cursor", ""),
            paging.get("items", ""),
            paging.get("has_more", ""),
        )
        if isinstance(paging, Mapping)
        else None
    )
    return ClientOperation(resource=resource, method=method, pagination=pagination)


def _client_operations(document: Mapping[str, Any]) -> dict[tuple[str, str], ClientOperation]:
    return {(path, method): _client_operation(operation) for path, method, operation in _operations(document)}


def facts(document: Mapping[str, Any], project_name: str) -> Facts:
    """The template global ``spec`` for ``document`` (run ``check`` first: this one refuses nothing)."""
    url = _default_base_url(document)
    _, scheme = _auth_scheme(document)
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        header, prefix = str(scheme.get("name")), ""
    else:
        header, prefix = "Authorization", "Bearer"
    api_key_env, base_url_env, log_env = _env_names(project_name)
    return Facts(
        bearer_token_env=log_env.removesuffix("_LOG") + "_BEARER_TOKEN",
        token_kind="api_key" if prefix == "" else "bearer",
        accepted=_accepted(document),
        pushed_down=frozenset(
            (path, method) for path, method, operation in _operations(document) if operation.get(PUSHED_DOWN) is True
        ),
        default_base_url=UntrustedString(url) if url is not None else None,
        auth_header_name=UntrustedString(header),
        auth_prefix=prefix,
        api_key_env=api_key_env,
        base_url_env=base_url_env,
        log_env=log_env,
        max_retries_env=log_env.removesuffix("_LOG") + "_MAX_RETRIES",
        parameter_descriptions=_parameter_descriptions(document),
        deprecations=_deprecations(document),
        client_operations=_client_operations(document),
    )


def _named(document: Mapping[str, Any]) -> Iterator[tuple[str, str, Callable[[str], str]]]:
    """Every document string that becomes a Python identifier, with its pointer and the generator's
    own sanitising of it (so only what survives sanitising is judged)."""

    def identifier(value: str) -> str:
        return str(strings.PythonIdentifier(value, "field_"))

    def class_name(value: str) -> str:
        return str(strings.ClassName(value, "field_"))

    for path, item in _mapping(document.get("paths")).items():
        for index, parameter in enumerate(_list(_mapping(item).get("parameters"))):
            yield _pointer("paths", path, "parameters", index, "name"), _mapping(parameter).get("name", ""), identifier
        for method in GENERATED_METHODS:
            operation = _mapping(_mapping(item).get(method))
            if "operationId" in operation:
                yield _pointer("paths", path, method, "operationId"), operation["operationId"], identifier
            for index, tag in enumerate(_list(operation.get("tags"))):
                yield _pointer("paths", path, method, "tags", index), tag, strings.snake_case
            for index, parameter in enumerate(_list(operation.get("parameters"))):
                pointer = _pointer("paths", path, method, "parameters", index, "name")
                yield pointer, _mapping(parameter).get("name", ""), identifier
    components = _mapping(document.get("components"))
    for name, parameter in _mapping(components.get("parameters")).items():
        yield _pointer("components", "parameters", name, "name"), _mapping(parameter).get("name", ""), identifier
    for name in _mapping(components.get("schemas")):
        yield _pointer("components", "schemas", name), name, class_name
    yield from _schema_names(document, ())


def _schema_names(node: object, at: tuple[object, ...]) -> Iterator[tuple[str, str, Callable[[str], str]]]:
    """Property names (attributes) and titles (class names of inline models), anywhere in a schema."""
    if isinstance(node, Mapping):
        if isinstance(node.get("properties"), Mapping):
            for name in node["properties"]:
                yield (
                    _pointer(*at, "properties", name),
                    name,
                    lambda value: str(strings.PythonIdentifier(value, "field_")),
                )
        if isinstance(node.get("title"), str) and at and at[-1] != "info":
            yield _pointer(*at, "title"), node["title"], lambda value: str(strings.ClassName(value, "field_"))
        for key, value in node.items():
            if key not in _NOT_SCHEMAS and not str(key).startswith("x-"):
                yield from _schema_names(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_names(value, (*at, index))


def check(document: Mapping[str, Any]) -> None:
    """Refuse (``GenerateError``, step ``names``) a name that cannot become an identifier or a header,
    and a default server URL that is not a plain URL, naming the JSON pointer of the first one."""
    for pointer, value, sanitise in _named(document):
        if not isinstance(value, str):
            raise GenerateError("names", f"{pointer}: expected a string, got {type(value).__name__}")
        name = sanitise(value)
        if name and (not _IDENTIFIER.match(name) or keyword.iskeyword(name)):
            raise GenerateError(
                "names", f"{pointer}: {value!r} becomes the Python name {name!r}, which is not an ASCII identifier"
            )
    _check_client_operations(document)
    # Every API-key header, not only the first requirement's: any of them may be sent by some operation.
    schemes = _mapping(_mapping(document.get("components")).get("securitySchemes"))
    for scheme_name, scheme in ((name, _mapping(value)) for name, value in schemes.items()):
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            header = scheme.get("name")
            if not isinstance(header, str) or not _HEADER_TOKEN.match(header):
                pointer = _pointer("components", "securitySchemes", scheme_name, "name")
                raise GenerateError("names", f"{pointer}: {header!r} is not an HTTP header name (RFC 9110 token)")
    url = _default_base_url(document)
    if url is not None and not _URL.match(url):
        raise GenerateError("names", f"/servers/0/url: {url!r} is not a URL (RFC 3986 characters only)")


def _check_client_operations(document: Mapping[str, Any]) -> None:
    """Resource and method names (and pagination fields) must be identifiers, and one per operation."""
    seen: dict[tuple[str, str], str] = {}
    for path, method, operation in _operations(document):
        at = ("paths", path, method)
        paging = operation.get("x-client-pagination")
        if paging is not None and not isinstance(paging, Mapping):
            raise GenerateError("names", f"{_pointer(*at, 'x-client-pagination')}: expected a mapping")
        named: list[tuple[str, ...]] = [("x-client-resource",), ("x-client-method",)]
        named += [("x-client-pagination", key) for key in ("cursor_param", "next_cursor", "items", "has_more")]
        client_operation = _client_operation(operation)
        values: list[object] = [client_operation.resource, client_operation.method]
        if client_operation.pagination is not None:
            pagination = client_operation.pagination
            values += [pagination.cursor_param, pagination.next_cursor, pagination.items, pagination.has_more]
        for where, value in zip(named, values, strict=False):
            if not isinstance(value, str) or not _IDENTIFIER.match(value) or keyword.iskeyword(value):
                raise GenerateError(
                    "names", f"{_pointer(*at, *where)}: {value!r} is not a Python identifier (a client name)"
                )
        place = (client_operation.resource, client_operation.method)
        if place in seen:
            raise GenerateError(
                "names",
                f"{_pointer(*at)}: client.{place[0]}.{place[1]} is also {seen[place]}; set x-client-method in the overlay",
            )
        seen[place] = _pointer(*at)
