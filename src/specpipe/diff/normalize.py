"""One OpenAPI 3.0, 3.1 or 3.2 document as the plain model the detectors compare.

Normalizing first is what lets detectors stay small: ``$ref``\\ s are resolved once (memoized by
target, so a schema shared by 2,000 operations is built once), a recursive schema becomes a cyclic
graph of ``Schema`` nodes instead of an endless expansion, 3.0 ``nullable: true`` and 3.1
``type: [..., "null"]`` (or ``anyOf: [X, {type: "null"}]``) all become ``nullable=True``, ``allOf``
and ``$ref`` siblings are merged, and path-level parameters are folded into each operation.
Every node keeps a JSON pointer to where it is defined, so a change can point into the document.
Only what the differ needs is checked; anything else malformed is a ``DiffError`` naming the pointer.

External ``$ref``\\ s (``common.yaml#/X``) are followed only when a ``folder`` is given (``specpipe diff
FILE FILE``): relative to the referring file, never above ``folder``, never over the network. A node
from another file points as ``common.yaml#/X``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

from specpipe.diff import constraints, structure
from specpipe.diff.constraints import normalize_constraints
from specpipe.diff.document_model import (
    NOTHING,
    Document,
    Header,
    MediaType,
    OAuthFlow,
    Operation,
    Parameter,
    RequestBody,
    Requirement,
    Response,
    Schema,
    Security,
    SecurityScheme,
    Slot,
)
from specpipe.diff.structure import read_structure
from specpipe.diff.unchanged import Aliased, Unchanged, same_tree
from specpipe.documents import escape_pointer_token, load, unescape_pointer_token
from specpipe.errors import DiffError, InputError
from specpipe.openapi_model import METHODS

_T = TypeVar("_T")
_COMPOSITION = frozenset({"$ref", "allOf", "anyOf", "oneOf"})
_NOT_PLAIN = _COMPOSITION | {"properties"}  # a branch with these is more than one plain type
_NOT_LIST = frozenset({"type", "properties", "allOf", "not"})  # a schema with these is more than a list of types
_OBJECT = frozenset({"object"})
_ARRAY = frozenset({"array"})

# The extensions the lifecycle rules read (oasdiff's deprecation and stability policy).
LIFECYCLE_EXTENSIONS = ("x-sunset", "x-stability-level")
_LIFECYCLE = frozenset(LIFECYCLE_EXTENSIONS)
# What only `_Normalizer._uncommon` reads: a schema with none of these (most: a type, a format, a
# description, properties, items) keeps every default it sets, and one set test skips a dozen
# (tests/specpipe/diff/test_normalize.py proves the set complete against the full reading).
UNCOMMON_KEYWORDS = (
    _COMPOSITION
    | _LIFECYCLE
    | constraints.KEYWORDS
    | structure.KEYWORDS
    | {"additionalProperties", "enum", "default", "deprecated", "readOnly", "writeOnly"}
)


def _lifecycle(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    if _LIFECYCLE.isdisjoint(raw):  # nearly every node: one set test
        return NOTHING
    return {name: raw[name] for name in LIFECYCLE_EXTENSIONS if name in raw}


_PATH_PARAMETER = re.compile(r"\{[^}/]*\}")
# json.dumps with options builds an encoder per call; one encoder serves every value (encode keeps no state).
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def path_key(path: str) -> str:
    """A path template with its parameter names blanked, so ``/v/{id}`` and ``/v/{vid}`` match."""
    return _PATH_PARAMETER.sub("{}", path)


def canonical_json(value: Any) -> str:
    """Values (enum members, defaults) compared and displayed as compact, key-sorted JSON."""
    return _CANONICAL.encode(value)


class _Normalizer:
    def __init__(
        self,
        document: Mapping[str, Any],
        name: str,
        folder: Path | None,
        *,
        record: Unchanged | None = None,
        reuse: Unchanged | None = None,
    ) -> None:
        self._document = document
        self._name = name
        self._folder = folder.resolve() if folder is not None else None
        self._files: dict[str, Any] = {"": document}  # "" is the document itself, others by relative path
        self._targets: dict[tuple[str, str], tuple[Any, str]] = {}
        self._schemas: dict[int, Schema] = {}
        # Equal sets of type names or required properties, shared: most schemas have one of a few, and
        # each frozenset costs 216 bytes however small.
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self._typings: dict[str | None, tuple[frozenset[str], bool, bool]] = {}  # see _declared_types
        self._record = record  # the old document's side of specpipe.diff.unchanged
        self._reuse = reuse  # the new document's side
        self._claimed: set[int] = set()  # ids of the objects in reused subtrees

    def error(self, pointer: str, cause: str) -> DiffError:
        return DiffError(f"{self._name}: {cause} (at {pointer or '/'})")

    # Plain-data accessors that turn a malformed document into a DiffError instead of a crash.

    def mapping(self, value: Any, pointer: str) -> Mapping[str, Any]:
        if isinstance(value, dict):  # the common case, without an abstract-class check
            return value
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.error(pointer, f"expected an object, got {type(value).__name__}")
        return value

    def sequence(self, value: Any, pointer: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(pointer, f"expected an array, got {type(value).__name__}")
        return value

    def text(self, value: Any, pointer: str) -> str | None:
        if value is None or isinstance(value, str):
            return value
        raise self.error(pointer, f"expected a string, got {type(value).__name__}")

    def text_at(self, raw: Mapping[str, Any], key: str, pointer: str) -> str | None:
        """``text`` of ``raw[key]``, the object at ``pointer``; its pointer is built only for the error."""
        value = raw.get(key)
        return value if value is None or isinstance(value, str) else self.text(value, f"{pointer}/{key}")

    def target(self, ref: Any, pointer: str) -> tuple[Any, str]:
        """The object a ``$ref`` names, and its pointer; memoized per (file, fragment)."""
        if not isinstance(ref, str):
            raise self.error(pointer, f"$ref {ref!r} is not a string")
        location, _, fragment = ref.partition("#")
        # The file the referring node is in: local pointers start with "/" (and may hold a "#" in a key).
        file = "" if not pointer or pointer.startswith("/") else pointer.partition("#")[0]
        if location:
            file = self._external(location, file, ref, pointer)
        key = (file, fragment)
        if key not in self._targets:
            target_pointer = unquote(fragment)
            value: Any = self._files[file]
            for token in target_pointer.split("/")[1:] if target_pointer else []:
                token_key = unescape_pointer_token(token)
                if isinstance(value, Mapping) and token_key in value:
                    value = value[token_key]
                elif isinstance(value, list) and token_key.isdigit() and int(token_key) < len(value):
                    value = value[int(token_key)]
                else:
                    raise self.error(pointer, f"$ref {ref!r} does not resolve")
            self._targets[key] = (value, f"{file}#{target_pointer}" if file else target_pointer)
        return self._targets[key]

    def _external(self, location: str, referrer: str, ref: str, pointer: str) -> str:
        """Load the file an external ``$ref`` names (once), relative to the referring file, inside the folder."""
        if self._folder is None:
            raise self.error(pointer, f"$ref {ref!r} is not a local reference (external ones are not supported)")
        if "://" in location or location.startswith("//"):
            raise self.error(pointer, f"$ref {ref!r} is a network reference (only files beside the document)")
        base = (self._folder / referrer).parent if referrer else self._folder
        path = base / unquote(location)
        resolved = path.resolve()
        if not resolved.is_relative_to(self._folder):
            raise self.error(pointer, f"$ref {ref!r} points above the document's folder {self._folder}")
        file = resolved.relative_to(self._folder).as_posix()
        if file not in self._files:
            try:
                self._files[file] = load(resolved)
            except InputError as exc:
                raise self.error(pointer, f"$ref {ref!r} cannot be loaded: {exc}") from exc
        return file

    def resolved(self, value: Any, pointer: str) -> tuple[Mapping[str, Any], str]:
        """The object ``value`` is or refers to, and where it is defined."""
        target, target_pointer = self.follow(value, pointer)
        return self.mapping(target, target_pointer), target_pointer

    def follow(self, value: Any, pointer: str, *, pure_only: bool = False) -> tuple[Any, str]:
        """Follow ``$ref``\\ s; ``pure_only`` stops at a ``$ref`` with siblings (a schema merges those)."""
        if not (isinstance(value, dict) and "$ref" in value):  # most nodes: no set to build
            return value, pointer
        seen: set[str] = set()
        while isinstance(value, dict) and "$ref" in value and not (pure_only and len(value) > 1):
            ref = value["$ref"]
            value, target = self.target(ref, pointer)
            if target in seen:
                raise self.error(pointer, f"$ref {ref!r} refers to itself without a schema in between")
            seen.add(target)
            pointer = target
        return value, pointer

    # Schemas.

    def slot(self, raw: Any, pointer: str) -> Slot:
        return Slot(pointer, self.schema(raw, pointer))

    def schema(self, raw: Any, pointer: str) -> Schema:
        if type(raw) is not dict or "$ref" in raw:  # most nodes are a plain object: two calls fewer each
            raw, pointer = self.follow(raw, pointer, pure_only=True)
            if isinstance(raw, bool):  # 3.1 boolean schemas constrain nothing a client types
                return Schema(pointer)
            raw = self.mapping(raw, pointer)
        key = id(raw)
        node = self._schemas.get(key)
        if node is None:
            if key in self._claimed:
                raise Aliased
            # The old document's node at this pointer, if ``raw`` is written exactly as it was there.
            entry = self._reuse.schemas.get(pointer) if self._reuse is not None else None
            if entry is not None and same_tree(entry[0], raw, self._schemas, self._claimed):
                node = self._schemas[key] = entry[1]
                return node
            # Registered before filling, so a schema that reaches itself finds this node: no endless loop.
            node = self._schemas[key] = Schema(pointer)
            if self._record is not None:
                self._record.schemas[pointer] = (raw, node)
            self._fill(node, raw, pointer)
        elif self._record is not None and node.pointer != pointer:
            self._record.usable = False  # one node for two pointers: not a function of its pointer
        return node

    def _parts(self, raw: Mapping[str, Any], pointer: str) -> tuple[list[Schema], bool]:
        """What ``raw`` merges with (its ``$ref`` target, ``allOf``), and whether it has a null branch."""
        parts: list[Schema] = []
        if "$ref" in raw:
            parts.append(self.schema(*self.target(raw["$ref"], pointer)))
        parts += [
            self.schema(part, f"{pointer}/allOf/{index}")
            for index, part in enumerate(self.sequence(raw.get("allOf"), f"{pointer}/allOf"))
        ]
        null_branch = False
        for keyword in ("anyOf", "oneOf"):
            branches = []
            for index, branch in enumerate(self.sequence(raw.get(keyword), f"{pointer}/{keyword}")):
                resolved, branch_pointer = self.follow(branch, f"{pointer}/{keyword}/{index}")
                if isinstance(resolved, dict) and resolved.get("type") in ("null", ["null"]):
                    null_branch = True
                else:
                    branches.append((resolved, branch_pointer))
            if null_branch and len(branches) == 1:  # X-or-null: the 3.1 spelling of a nullable X
                parts.append(self.schema(*branches[0]))
        return parts, null_branch

    def _shared(self, names: frozenset[str]) -> frozenset[str]:
        return self._sets.setdefault(names, names)

    def _declared_types(self, declared: Any, pointer: str) -> tuple[frozenset[str], bool, bool]:
        """A ``type`` keyword as (its types but "null", whether "null" is one, whether it is the only one).

        Memoized per single name or absence, what nearly every schema has: one lookup, not five sets.
        """
        if (declared is None or isinstance(declared, str)) and declared in self._typings:
            return self._typings[declared]
        types = self._types(declared, pointer)
        typing = (self._shared(frozenset(types - {"null"})), "null" in types, types == {"null"})
        if declared is None or isinstance(declared, str):
            self._typings[declared] = typing
        return typing

    def _types(self, declared: Any, pointer: str) -> set[str]:
        if isinstance(declared, str):
            return {declared}
        if isinstance(declared, list) and all(isinstance(name, str) for name in declared):
            return set(declared)
        if declared is None:
            return set()
        raise self.error(f"{pointer}/type", "type must be a string or an array of strings")

    def _fill(self, node: Schema, raw: Mapping[str, Any], pointer: str) -> None:
        """The schema's own keywords, then whatever its parts say where it says nothing."""
        plain = UNCOMMON_KEYWORDS.isdisjoint(raw)
        parts, null_branch = ([], False) if plain or _COMPOSITION.isdisjoint(raw) else self._parts(raw, pointer)
        node.types, null_type, node.only_null = self._declared_types(raw.get("type"), pointer)
        node.nullable = null_type or raw.get("nullable") is True or null_branch
        if raw.get("properties") is not None:
            # Filled in place: a recursive schema that merges this one while its properties are read sees them so far.
            properties: dict[str, Slot] = {}
            node.properties = properties
            prefix = f"{pointer}/properties"
            for name, sub in self.mapping(raw["properties"], prefix).items():
                properties[name] = self.slot(sub, f"{prefix}/{escape_pointer_token(name)}")
            node.properties = properties or NOTHING
        if raw.get("required") is not None:
            node.required = self._shared(frozenset(self.sequence(raw["required"], f"{pointer}/required")))
        if isinstance(raw.get("items"), dict):
            node.items = self.slot(raw["items"], f"{pointer}/items")
        if not plain and isinstance(raw.get("additionalProperties"), dict):
            node.additional = self.slot(raw["additionalProperties"], f"{pointer}/additionalProperties")
        node.format = self.text_at(raw, "format", pointer)
        if plain:
            node.description = self.text_at(raw, "description", pointer)
        else:
            self._uncommon(node, raw, pointer, parts)
        if not node.types:
            node.types = _OBJECT if node.properties or node.additional else _ARRAY if node.items else node.types

    def _uncommon(self, node: Schema, raw: Mapping[str, Any], pointer: str, parts: list[Schema]) -> None:
        """The rest of ``_fill``, for a schema with any of the ``UNCOMMON_KEYWORDS`` keywords."""
        if "enum" in raw:
            values = self.sequence(raw["enum"], f"{pointer}/enum")
            node.enum = tuple(canonical_json(value) for value in values if value is not None)
        node.default = canonical_json(raw["default"]) if "default" in raw else None
        node.description = self.text_at(raw, "description", pointer)
        node.deprecated = raw.get("deprecated") is True
        node.constraints = normalize_constraints(raw, pointer, self.error, canonical_json) or NOTHING
        node.type_list = self._type_list(raw, pointer)
        node.read_only = raw.get("readOnly") is True
        node.write_only = raw.get("writeOnly") is True
        node.lifecycle = _lifecycle(raw)
        if parts:
            _inherit(node, parts)
        node.structure = read_structure(self, raw, pointer)

    def _type_list(self, raw: Mapping[str, Any], pointer: str) -> frozenset[str] | None:
        """The types of a oneOf/anyOf whose branches are each one plain type (oasdiff's "list of types")."""
        if ("oneOf" not in raw and "anyOf" not in raw) or not _NOT_LIST.isdisjoint(raw):
            return None
        for keyword in ("oneOf", "anyOf"):
            names = set()
            for index, branch in enumerate(self.sequence(raw.get(keyword), f"{pointer}/{keyword}")):
                resolved, _ = self.follow(branch, f"{pointer}/{keyword}/{index}")
                declared = resolved.get("type") if isinstance(resolved, dict) else None
                declared = declared[0] if isinstance(declared, list) and len(declared) == 1 else declared
                if not isinstance(declared, str) or not _NOT_PLAIN.isdisjoint(resolved):
                    return None
                names.add(declared)
            nullable = "null" in names
            names.discard("null")  # X-or-null is a nullable X, not a list
            if len(names) > 1 or (names and not nullable):  # a lone branch is a list of one type
                return frozenset(names)
        return None

    def media_types(self, raw: Any, pointer: str) -> dict[str, MediaType]:
        content = {}
        for media, value in self.mapping(raw, pointer).items():
            media_pointer = f"{pointer}/{escape_pointer_token(media)}"
            item = self.mapping(value, media_pointer)
            # 3.2 streams (text/event-stream, JSON Lines) describe each item with itemSchema.
            keyword = "schema" if "schema" in item else "itemSchema" if "itemSchema" in item else None
            schema = self.slot(item[keyword], f"{media_pointer}/{keyword}") if keyword else None
            content[media] = MediaType(media_pointer, schema)
        return content

    # Operations.

    def parameters(self, raw: Any, pointer: str, *, inherited: bool = False) -> Iterator[Parameter]:
        for index, value in enumerate(self.sequence(raw, pointer)):
            item, item_pointer = self.resolved(value, f"{pointer}/{index}")
            name, location = item.get("name"), item.get("in")
            if not isinstance(name, str) or not isinstance(location, str):
                raise self.error(item_pointer, "a parameter needs a string `name` and `in`")
            if "schema" in item:
                schema: Slot | None = self.slot(item["schema"], f"{item_pointer}/schema")
            else:
                content = self.media_types(item.get("content"), f"{item_pointer}/content")
                schema = _first(media.schema for media in content.values())
            yield Parameter(
                name=name,
                location=location,
                pointer=item_pointer,
                required=location == "path" or item.get("required") is True,
                deprecated=item.get("deprecated") is True,
                description=self.text_at(item, "description", item_pointer),
                schema=schema,
                lifecycle=_lifecycle(item),
                inherited=inherited,
                form_exploded=(item.get("style", "form" if location in ("query", "cookie") else None) == "form")
                and item.get("explode", True) is True,
            )

    def request_body(self, raw: Any, pointer: str) -> RequestBody | None:
        if raw is None:
            return None
        body, pointer = self.resolved(raw, pointer)
        return RequestBody(
            pointer=pointer,
            required=body.get("required") is True,
            description=self.text_at(body, "description", pointer),
            content=self.media_types(body.get("content"), f"{pointer}/content"),
        )

    def response(self, value: Any, pointer: str) -> Response:
        raw, pointer = self.resolved(value, pointer)
        headers = {}
        for name, item in self.mapping(raw.get("headers"), f"{pointer}/headers").items():
            header, header_pointer = self.resolved(item, f"{pointer}/headers/{escape_pointer_token(name)}")
            schema = self.slot(header["schema"], f"{header_pointer}/schema") if "schema" in header else None
            headers[name.lower()] = Header(
                name,
                header_pointer,
                header.get("required") is True,
                schema,
                description=self.text_at(header, "description", header_pointer),
                deprecated=header.get("deprecated") is True,
            )
        links = {}
        for name, item in self.mapping(raw.get("links"), f"{pointer}/links").items():
            link, link_pointer = self.resolved(item, f"{pointer}/links/{escape_pointer_token(name)}")
            shown = {key: value for key, value in link.items() if key not in ("description", "summary")}
            links[name] = (link_pointer, canonical_json(shown))
        return Response(
            pointer=pointer,
            description=self.text_at(raw, "description", pointer),
            content=self.media_types(raw.get("content"), f"{pointer}/content"),
            headers=headers,
            links=links,
        )

    def security(self, raw: Any, pointer: str) -> dict[str, Requirement]:
        requirements = {}
        for index, item in enumerate(self.sequence(raw, pointer)):
            item_pointer = f"{pointer}/{index}"
            scopes = {
                name: frozenset(self.sequence(value, f"{item_pointer}/{escape_pointer_token(name)}"))
                for name, value in self.mapping(item, item_pointer).items()
            }
            requirements[" AND ".join(sorted(scopes))] = Requirement(item_pointer, scopes)
        return requirements

    def operation(
        self,
        path: str,
        method: str,
        raw: Any,
        pointer: str,
        *,
        inherited: list[Parameter],
        security: Security,
        nested: bool = False,
    ) -> Operation:
        """``nested``: a callback's own operation, whose callbacks are not followed further."""
        raw = self.mapping(raw, pointer)
        parameters = {}
        for parameter in [*inherited, *self.parameters(raw.get("parameters"), f"{pointer}/parameters")]:
            name = parameter.name.lower() if parameter.location == "header" else parameter.name
            parameters[(parameter.location, name)] = parameter
        responses = {
            str(status): self.response(item, f"{pointer}/responses/{escape_pointer_token(str(status))}")
            for status, item in self.mapping(raw.get("responses"), f"{pointer}/responses").items()
        }
        if "security" in raw:
            security = Security(True, self.security(raw["security"], f"{pointer}/security"))
        tags = self.sequence(raw.get("tags"), f"{pointer}/tags")
        return Operation(
            method=method,
            path=path,
            pointer=pointer,
            operation_id=self.text_at(raw, "operationId", pointer),
            summary=self.text_at(raw, "summary", pointer),
            description=self.text_at(raw, "description", pointer),
            deprecated=raw.get("deprecated") is True,
            tags={str(tag): f"{pointer}/tags/{index}" for index, tag in enumerate(tags)},
            parameters=parameters,
            request_body=self.request_body(raw.get("requestBody"), f"{pointer}/requestBody"),
            responses=responses,
            security=security,
            lifecycle=_lifecycle(raw),
            callbacks=self.names(raw.get("callbacks"), f"{pointer}/callbacks"),
            callback_operations={}
            if nested
            else self.callbacks(raw.get("callbacks"), f"{pointer}/callbacks", security),
        )

    def callbacks(self, raw: Any, pointer: str, security: Security) -> dict[tuple[str, str], Operation]:
        operations = {}
        for name, value in self.mapping(raw, pointer).items():
            callback, callback_pointer = self.resolved(value, f"{pointer}/{escape_pointer_token(name)}")
            for expression, item in callback.items():
                item_pointer = f"{callback_pointer}/{escape_pointer_token(expression)}"
                for operation in self.path_item(f"{name} {expression}", item, item_pointer, security, nested=True):
                    operations[(operation.path, operation.method)] = operation
        return operations

    def path_item(
        self, path: str, value: Any, pointer: str, security: Security, *, nested: bool = False
    ) -> Iterator[Operation]:
        """The operations of a path item (of ``paths``, ``webhooks`` or a callback) at ``pointer``."""
        item, item_pointer = self.resolved(value, pointer)
        inherited = list(self.parameters(item.get("parameters"), f"{item_pointer}/parameters", inherited=True))
        found = [(method, item[method], f"{pointer}/{method}") for method in METHODS if method in item]
        # 3.2: any other HTTP method, by its name as written (COPY, LINK...).
        extra = self.mapping(item.get("additionalOperations"), f"{pointer}/additionalOperations")
        found += [
            (method, raw, f"{pointer}/additionalOperations/{escape_pointer_token(method)}")
            for method, raw in extra.items()
        ]
        for method, raw, operation_pointer in found:
            yield self.operation(
                path, method, raw, operation_pointer, inherited=inherited, security=security, nested=nested
            )

    def operations(self, paths: Mapping[str, Any], security: Security) -> dict[tuple[str, str], Operation]:
        operations = {}
        for path, value in paths.items():
            pointer = f"/paths/{escape_pointer_token(path)}"
            found = self._reused_operations(self._reuse, value, pointer, security) if self._reuse else None
            if found is None:
                found = list(self.path_item(path, value, pointer, security))
                if self._record is not None:
                    self._record.paths[pointer] = (value, found, security)
            for operation in found:
                operations[(path_key(path), operation.method)] = operation
        return operations

    def _reused_operations(
        self, old: Unchanged, value: Any, pointer: str, security: Security
    ) -> list[Operation] | None:
        """The old document's operations of the path item at ``pointer`` if it is written exactly as it
        was there and inherits the same security (what an operation takes from outside its path item)."""
        entry = old.paths.get(pointer)
        if entry is None or entry[2] != security or not same_tree(entry[0], value, self._schemas, self._claimed):
            return None
        return entry[1]

    def security_schemes(self, raw: Any) -> dict[str, SecurityScheme]:
        schemes = {}
        for name, value in self.mapping(raw, "/components/securitySchemes").items():
            scheme, pointer = self.resolved(value, f"/components/securitySchemes/{escape_pointer_token(name)}")
            http_scheme = self.text_at(scheme, "scheme", pointer)
            schemes[name] = SecurityScheme(
                pointer=pointer,
                type=self.text_at(scheme, "type", pointer),
                name=self.text_at(scheme, "name", pointer),
                location=self.text_at(scheme, "in", pointer),
                scheme=http_scheme.lower() if http_scheme else None,  # HTTP auth schemes ignore case
                flows=self.flows(scheme.get("flows"), f"{pointer}/flows"),
            )
        return schemes

    def flows(self, raw: Any, pointer: str) -> dict[str, OAuthFlow]:
        flows = {}
        for name, value in self.mapping(raw, pointer).items():
            flow_pointer = f"{pointer}/{escape_pointer_token(name)}"
            flow = self.mapping(value, flow_pointer)
            scopes = self.mapping(flow.get("scopes"), f"{flow_pointer}/scopes")
            flows[name] = OAuthFlow(
                pointer=flow_pointer,
                authorization_url=self.text_at(flow, "authorizationUrl", flow_pointer),
                token_url=self.text_at(flow, "tokenUrl", flow_pointer),
                scopes={str(scope): str(text) for scope, text in scopes.items()},
            )
        return flows

    def servers(self, raw: Any) -> dict[str, str]:
        servers = {}
        for index, server in enumerate(self.sequence(raw, "/servers")):
            url = self.text_at(self.mapping(server, f"/servers/{index}"), "url", f"/servers/{index}")
            if url is not None:
                servers[url] = f"/servers/{index}"
        return servers

    def names(self, raw: Any, pointer: str) -> dict[str, str]:
        """The keys of a map of named things (webhooks, component schemas), with their pointers."""
        return {name: f"{pointer}/{escape_pointer_token(name)}" for name in self.mapping(raw, pointer)}

    def document(self) -> Document:
        document = self._document
        version = document.get("openapi")
        if not isinstance(version, str) or not version.startswith("3."):
            found = f"swagger: {document['swagger']!r}" if "swagger" in document else f"openapi: {version!r}"
            raise DiffError(f"{self._name}: not an OpenAPI 3.x document ({found})")
        components = self.mapping(document.get("components"), "/components")
        security = Security(False, self.security(document.get("security"), "/security"))
        paths = self.mapping(document.get("paths"), "/paths")
        return Document(
            operations=self.operations(paths, security),
            paths=frozenset(path_key(path) for path in paths),
            servers=self.servers(document.get("servers")),
            security_schemes=self.security_schemes(components.get("securitySchemes")),
            security=security,
            webhooks=self.names(document.get("webhooks"), "/webhooks"),
            schemas=self.names(components.get("schemas"), "/components/schemas"),
            version=_version(self.mapping(document.get("info"), "/info").get("version")),
            webhook_operations={
                (name, operation.method): operation
                for name, value in self.mapping(document.get("webhooks"), "/webhooks").items()
                for operation in self.path_item(name, value, f"/webhooks/{escape_pointer_token(name)}", security)
            },
        )


def _inherit(node: Schema, parts: list[Schema]) -> None:
    """Merge ``allOf`` parts and a ``$ref`` target: their properties first, the schema's own keywords win."""
    properties: dict[str, Slot] = {}
    for part in parts:
        properties.update(part.properties)
    properties.update(node.properties)
    node.properties = properties
    node.required = node.required.union(*(part.required for part in parts))
    node.nullable = node.nullable or all(part.nullable for part in parts)
    node.only_null = node.only_null or (not node.types and any(part.only_null for part in parts))
    node.constraints = {key: value for part in parts for key, value in part.constraints.items()} | dict(
        node.constraints
    )
    node.types = node.types or _first(part.types for part in parts) or node.types
    node.format = node.format or _first(part.format for part in parts)
    node.items = node.items or _first(part.items for part in parts)
    node.additional = node.additional or _first(part.additional for part in parts)
    node.enum = node.enum if node.enum is not None else _first(part.enum for part in parts)
    node.default = node.default if node.default is not None else _first(part.default for part in parts)
    node.description = node.description or _first(part.description for part in parts)
    node.deprecated = node.deprecated or any(part.deprecated for part in parts)
    node.read_only = node.read_only or any(part.read_only for part in parts)
    node.write_only = node.write_only or any(part.write_only for part in parts)


def _first(values: Iterable[_T | None]) -> _T | None:
    """The first truthy value, or ``None``: how a merged schema inherits from its parts."""
    return next((value for value in values if value), None)


def _version(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def normalize(
    document: Mapping[str, Any],
    name: str,
    folder: Path | None = None,
    *,
    record: Unchanged | None = None,
    reuse: Unchanged | None = None,
) -> Document:
    """The model of ``document``; ``name`` (a file path, or "old document") prefixes every error.

    ``folder`` (the document's folder) allows external ``$ref``\\ s to files inside it. ``record``
    collects this (old) document's schema nodes, which the new document's ``normalize`` then
    ``reuse``\\ s where unchanged (``specpipe.diff.unchanged``); the model is the same either way.
    """
    if reuse is not None and reuse.usable:
        try:
            return _Normalizer(document, name, folder, reuse=reuse).document()
        except Aliased:
            pass  # the document shares objects: model it all
    return _Normalizer(document, name, folder, record=record).document()
