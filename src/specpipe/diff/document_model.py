"""The differ's model of one document: what ``normalize`` builds and every detector compares.

Plain values only (no reading, no comparing), so ``normalize``, ``structure`` and the detectors all
import it and none of them imports another to name a type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

# Keywords that validate nothing: a subschema made of only these accepts every value.
ANNOTATIONS = frozenset({"title", "description", "examples", "example", "default", "externalDocs", "$comment"})

# The one empty mapping every node without properties, extensions or constraints shares (most nodes):
# read-only, so sharing is safe, and 500,000 schemas at 20,000 operations hold no empty dicts of their own.
NOTHING: Mapping[str, Any] = MappingProxyType({})


def _nothing() -> Mapping[str, Any]:
    return NOTHING


@dataclass(eq=False, slots=True)
class Branch:
    """One subschema of ``allOf``/``anyOf``/``oneOf``/``prefixItems`` as written.

    ``ref`` is the ``$ref`` it is written as (branches are matched by it), ``written`` the raw branch
    and ``resolved`` what it stands for; matching compares those only when it has to.
    """

    index: int
    slot: Slot
    ref: str | None
    title: str | None
    written: Any
    resolved: Any
    texts: dict[bool, str] = field(default_factory=dict)  # memo of detect_composition's comparable texts

    @property
    def label(self) -> str:
        """oasdiff's name for a subschema: its component, or its 1-based position and title."""
        if self.ref is not None and not self.title:
            return f"`{self.ref}`"
        return f"subschema #{self.index + 1}" + (f": {self.title}" if self.title else "")

    @property
    def annotation_only(self) -> bool:
        """Whether the branch validates nothing (only a title, a description, examples, ...)."""
        if not isinstance(self.resolved, Mapping):
            return self.resolved is True
        return all(key in ANNOTATIONS or key.startswith("x-") for key in self.resolved)


@dataclass(frozen=True, slots=True)
class Discriminator:
    pointer: str
    property_name: str | None
    mapping: dict[str, str]


@dataclass(frozen=True, slots=True)
class Structure:
    """A schema's structural keywords; a field is empty (``()``, ``{}``, ``None``) where the keyword is absent."""

    all_of: tuple[Branch, ...] = ()
    any_of: tuple[Branch, ...] = ()
    one_of: tuple[Branch, ...] = ()
    not_: Branch | None = None
    discriminator: Discriminator | None = None
    prefix_items: tuple[Branch, ...] = ()
    rest_items: Any = None  # with prefixItems: the `items` that governs the positions after them, as written
    if_: Slot | None = None
    then: Slot | None = None
    else_: Slot | None = None
    contains: Slot | None = None
    min_contains: int | None = None
    max_contains: int | None = None
    dependent_required: dict[str, frozenset[str]] = field(default_factory=dict)
    dependent_schemas: dict[str, Slot] = field(default_factory=dict)
    property_names: Slot | None = None
    unevaluated_items: Slot | None = None
    unevaluated_properties: Slot | None = None
    pattern_properties: dict[str, Slot] = field(default_factory=dict)
    content_schema: Slot | None = None
    # The schema this one restates, if any: a $ref with siblings, a lone allOf part, X of X-or-null.
    based_on: str | None = None

    def identity(self, pointer: str) -> str:
        """Which schema a node at ``pointer`` is: the one it restates, or itself."""
        return self.based_on or pointer


EMPTY = Structure()


@dataclass(eq=False, slots=True)
class Schema:
    """A schema after merging; compared by identity, since recursive schemas make cycles. Slotted: a
    large document has hundreds of thousands of them."""

    pointer: str
    types: frozenset[str] = frozenset()
    format: str | None = None
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    default: str | None = None
    description: str | None = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    properties: Mapping[str, Slot] = field(default_factory=_nothing)
    required: frozenset[str] = frozenset()
    items: Slot | None = None
    additional: Slot | None = None
    lifecycle: Mapping[str, Any] = field(default_factory=_nothing)
    # Validation keywords by name (bounds as numbers, 3.0 exclusive flags folded in; see normalize_constraints).
    constraints: Mapping[str, Any] = field(default_factory=_nothing)
    only_null: bool = False  # `type: 'null'`: null and nothing else (not "any value or null")
    type_list: frozenset[str] | None = None  # oneOf/anyOf of plain typed schemas: one of several types
    structure: Structure = EMPTY  # the subschemas as written (composition, 2020-12 keywords), unmerged


class Slot(NamedTuple):
    """A place that holds a schema (a property, ``items``): its pointer, and the schema it resolves to.

    A named tuple, not a frozen dataclass: as immutable and hashable, and built in a sixth of the time
    (a frozen dataclass sets each field through ``object.__setattr__``); a large document has half a
    million of them. An operation and its parts (parameters, bodies, responses, security) are named
    tuples for the same reason: a document has as many of them as operations, and a few times more."""

    pointer: str
    schema: Schema


class Parameter(NamedTuple):
    name: str
    location: str
    pointer: str
    required: bool
    deprecated: bool
    description: str | None
    schema: Slot | None
    lifecycle: Mapping[str, Any] = NOTHING
    inherited: bool = False  # declared on the path item, not on the operation
    form_exploded: bool = False  # style form, explode (query and cookie default): `?a=1&a=2` is an array


class MediaType(NamedTuple):
    pointer: str
    schema: Slot | None


class RequestBody(NamedTuple):
    pointer: str
    required: bool
    description: str | None
    content: dict[str, MediaType]


class Header(NamedTuple):
    name: str
    pointer: str
    required: bool
    schema: Slot | None
    description: str | None = None
    deprecated: bool = False


class Response(NamedTuple):
    pointer: str
    description: str | None
    content: dict[str, MediaType]
    headers: dict[str, Header]
    links: Mapping[str, tuple[str, str]] = NOTHING  # name -> (pointer, canonical JSON)


class Requirement(NamedTuple):
    """One alternative of a security requirement list: every named scheme, with its scopes."""

    pointer: str
    scopes: dict[str, frozenset[str]]


class Security(NamedTuple):
    """A security requirement list keyed by its schemes joined with AND; ``explicit`` unless inherited."""

    explicit: bool
    requirements: dict[str, Requirement]


class Operation(NamedTuple):
    method: str
    path: str
    pointer: str
    operation_id: str | None
    summary: str | None
    description: str | None
    deprecated: bool
    tags: dict[str, str]
    parameters: dict[tuple[str, str], Parameter]
    request_body: RequestBody | None
    responses: dict[str, Response]
    security: Security
    lifecycle: Mapping[str, Any]
    callbacks: dict[str, str]  # name -> pointer
    # The requests the API makes back: ("name expression", method) -> the callback's operation.
    callback_operations: dict[tuple[str, str], Operation]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    pointer: str
    type: str | None
    name: str | None
    location: str | None
    scheme: str | None
    flows: dict[str, OAuthFlow] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OAuthFlow:
    pointer: str
    authorization_url: str | None
    token_url: str | None
    scopes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Document:
    """Operations are keyed by (path with parameter names blanked, method): renaming ``{id}`` is no move."""

    operations: dict[tuple[str, str], Operation]
    paths: frozenset[str]
    servers: dict[str, str]
    security_schemes: dict[str, SecurityScheme]
    security: Security
    webhooks: dict[str, str]
    schemas: dict[str, str]
    version: str | None = None  # info.version
    webhook_operations: dict[tuple[str, str], Operation] = field(default_factory=dict)  # (name, method)
