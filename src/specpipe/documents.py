"""Reading and writing the JSON/YAML documents every step passes around.

One place decides how a document is parsed (JSON or YAML, keys as strings) and how it is written
(2-space JSON, key order kept, trailing newline, atomically), so every step's output is byte-stable.

Every parse is bounded (``specpipe.limits.Limits``): nesting depth, YAML alias expansion ("billion laughs") and
integer length, each refused with an ``InputError`` naming the source, the limit and the flag that
raises it. File size is not limited: large documents are legitimate; only what a few bytes can blow
up into is.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from specpipe.errors import InputError, LimitError
from specpipe.gc_pause import paused_gc
from specpipe.limits import Limits, current


def _over_limit(source: str, what: str, limit: int, flag: str) -> LimitError:
    return LimitError(f"{source}: {what} exceeds the limit of {limit} (raise it with {flag} N)")


def _nesting_error(source: str, limits: Limits) -> LimitError:
    return _over_limit(source, "nesting depth", limits.max_nesting, "--max-nesting")


def _int_error(source: str, limits: Limits) -> LimitError:
    return _over_limit(source, "an integer's number of digits", limits.max_int_digits, "--max-int-digits")


@contextlib.contextmanager
def _python_limits(source: str, limits: Limits) -> Iterator[None]:
    """Python's own limits, hit while parsing, reported as ours: its recursion limit (a parser recursing
    on nesting deeper than ours would be refused anyway) and its int/str conversion limit (the one
    ValueError a parser raises on well-formed input)."""
    try:
        yield
    except RecursionError as exc:
        raise _nesting_error(source, limits) from exc
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        raise _int_error(source, limits) from exc


class _NonFinite(ValueError):
    """A number JSON cannot represent (``1e999``, ``NaN``): refused rather than written as ``Infinity``."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite(f"the number {text[:40]} is out of range for a double (JSON has no Infinity or NaN)")
    return value


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(f"{name} is not JSON")


def _too_deep(value: Any, limit: int) -> bool:
    """Whether ``value`` nests containers more than ``limit`` deep; level by level, since depth is what is in doubt."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return True
        below: list[Any] = []
        for node in level:
            below += [
                child for child in (node.values() if isinstance(node, dict) else node) if isinstance(child, dict | list)
            ]
        level, depth = below, depth + 1
    return False


def parse_json(text: str, source: str) -> Any:
    """Strict JSON (no ``NaN``/``Infinity``, no out-of-range numbers) within the current limits.

    The collector is paused (``specpipe.gc_pause``): decoded JSON holds no reference cycles, and with a
    large document already alive each collection the parse triggers rescans it (at 20,000 operations
    about half of reading overlay's two inputs, bench/RESULTS.md)."""
    limits = current()
    with paused_gc():
        with _python_limits(source, limits):
            try:
                value = json.loads(text, parse_float=_finite_float, parse_constant=_refuse_constant)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
            except _NonFinite as exc:
                raise InputError(f"{source}: invalid JSON: {exc}") from exc
        if isinstance(value, dict | list) and _too_deep(value, limits.max_nesting):
            raise _nesting_error(source, limits)
    return value


class _StringKeyLoader(yaml.SafeLoader):
    """SafeLoader that reads every mapping key as a string (YAML reads ``200:`` as an int)."""


def _construct_mapping(loader: _StringKeyLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    return {str(loader.construct_object(k, deep=True)): loader.construct_object(v, deep=True) for k, v in node.value}


def _construct_finite_float(loader: _StringKeyLoader, node: yaml.ScalarNode) -> float:
    """A YAML 1.2 core float (``1e3``, ``.5``); ``.inf``/``.nan`` and overflow refused, JSON having none."""
    text = str(loader.construct_scalar(node))
    value = math.nan if text.lstrip("+-").lower() in {".inf", ".nan"} else _float_or_nan(text)
    if not math.isfinite(value):
        raise _NonFinite(f"{text[:40]!r} at line {node.start_mark.line + 1} is not a finite number (JSON has none)")
    return value


def _float_or_nan(text: str) -> float:
    """``float`` of a 1.2 float; NaN for what an explicit ``!!float`` tag put on a non-number (refused above)."""
    try:
        return float(text)
    except ValueError:
        return math.nan


def _construct_int(loader: _StringKeyLoader, node: yaml.ScalarNode) -> int:
    """A YAML 1.2 core integer: decimal (``012`` is twelve), ``0o`` octal or ``0x`` hex; no ``_``, no ``1:30``."""
    text = str(loader.construct_scalar(node))
    base = {"0o": 8, "0x": 16}.get(text[:2].lower())
    try:
        return int(text[2:], base) if base else int(text, 10)
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise  # the digits limit, reported by _python_limits
        raise yaml.constructor.ConstructorError(
            problem=f"{text[:40]!r} is not a YAML 1.2 integer", problem_mark=node.start_mark
        ) from exc


# YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), which JSON-minded authors
# expect: PyYAML implements only YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, ``012``
# octal and ``1:30`` a base-60 number, so an ``enum: [yes, no]`` silently became ``[True, False]``. No
# maintained library gives PyYAML 1.2 resolvers (ruamel.yaml does, as a whole other parser without our
# limits), so these four are written here. Merge keys (``<<``) stay, as most YAML tools keep them;
# timestamps stay strings: an OpenAPI document is JSON data, and JSON has no dates.
_CORE_SCHEMA: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
)
_YAML_11_ONLY = {f"tag:yaml.org,2002:{name}" for name in ("bool", "null", "int", "float", "timestamp")}

_StringKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StringKeyLoader.add_constructor("tag:yaml.org,2002:float", _construct_finite_float)
_StringKeyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StringKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML_11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _name, _pattern, _first in _CORE_SCHEMA:
    # The empty string is null's first "character" too: an empty value is null.
    _StringKeyLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_name}", re.compile(_pattern), [*_first, ""] if _name == "null" else list(_first)
    )


class _LimitExceeded(yaml.YAMLError):
    def __init__(self, what: str, limit: int, flag: str) -> None:
        super().__init__(what)
        self.what, self.limit, self.flag = what, limit, flag


class _BoundedLoader(_StringKeyLoader):
    """Counts, while composing, the nesting depth and the nodes YAML aliases add.

    Written by hand: PyYAML has no such limits and no maintained library adds them. An alias costs
    nothing to load (it shares its anchor's object) but every later step walks the document as a tree,
    where each alias is a full copy: ten anchors of ten aliases each are 10^10 nodes ("billion laughs").
    So each alias is charged the size of the tree it repeats, and the depth it reaches.
    """

    def __init__(self, stream: str, limits: Limits) -> None:
        super().__init__(stream)
        self._limits = limits
        self._depth = 0
        self._alias_nodes = 0
        self._open_anchors: set[str] = set()
        self._extent: dict[int, tuple[int, int]] = {}  # id(node) → (nodes in its tree, its height)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open_anchors:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise yaml.composer.ComposerError(
                    problem=f"alias {event.anchor!r} at line {line} refers to a node that contains it"
                )
            node = super().compose_node(parent, index)
            if node is None:
                return None
            nodes, height = self._measure(node)
            self._alias_nodes += nodes
            if self._alias_nodes > self._limits.max_alias_nodes:
                raise _LimitExceeded("nodes added by YAML aliases", self._limits.max_alias_nodes, "--max-alias-nodes")
            self._check_depth(self._depth + height)
            return node
        self._check_depth(self._depth + 1)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open_anchors.add(anchor)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open_anchors.discard(anchor)

    def _check_depth(self, depth: int) -> None:
        if depth > self._limits.max_nesting:
            raise _LimitExceeded("nesting depth", self._limits.max_nesting, "--max-nesting")

    def _measure(self, root: yaml.Node) -> tuple[int, int]:
        """(nodes, height) of the tree ``root`` stands for, aliases expanded; memoised, so linear."""
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if id(node) in self._extent:
                continue
            children = _children(node)
            if not children_done and children:
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in self._extent)
                continue
            extents = [self._extent[id(child)] for child in children]
            self._extent[id(node)] = (
                1 + sum(nodes for nodes, _ in extents),
                1 + max((height for _, height in extents), default=0),
            )
        return self._extent[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _one_line(error: yaml.YAMLError) -> str:
    """PyYAML's message without its multi-line source excerpt: the cause and where."""
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return " ".join(str(error).split())
    mark = error.problem_mark
    context = f"{error.context}, " if error.context else ""
    return f"{context}{error.problem} at line {mark.line + 1} column {mark.column + 1}"


def parse_yaml(text: str, source: str) -> Any:
    """YAML by the 1.2 core schema (PyYAML's safe subset, keys as strings, no timestamps) within the current limits."""
    limits = current()
    loader = _BoundedLoader(text, limits)
    with _python_limits(source, limits):
        try:
            return loader.get_single_data()
        except _LimitExceeded as exc:
            raise _over_limit(source, exc.what, exc.limit, exc.flag) from exc
        except _NonFinite as exc:
            raise InputError(f"{source}: invalid YAML for a JSON document: {exc}") from exc
        except yaml.YAMLError as exc:
            raise InputError(f"{source}: invalid YAML: {_one_line(exc)}") from exc
        finally:
            loader.dispose()


def parse_text(text: str, source: str) -> Any:
    """Parse JSON (or YAML, its superset for our purposes); ``source`` names the input in errors."""
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        return parse_json(text, source)
    return parse_yaml(text, source)


def load(path: Path) -> Any:
    """Read and parse a JSON or YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return parse_text(text, str(path))


def load_mapping(path: Path) -> dict[str, Any]:
    """Read a document that must be a JSON object (an OpenAPI or Overlay document)."""
    return as_mapping(load(path), str(path))


def as_mapping(document: Any, source: str) -> dict[str, Any]:
    """``document``, which must be a JSON object (an OpenAPI or Overlay document); ``source`` names it."""
    if not isinstance(document, dict):
        raise InputError(f"{source}: expected a JSON/YAML object at the top level, got {type(document).__name__}")
    return document


def _info(document: dict[str, Any], key: str) -> Any:
    info = document.get("info")
    return info.get(key) if isinstance(info, dict) else None


def info_version(document: dict[str, Any]) -> str | None:
    """The document's ``info.version`` if it is a string (generate, sync and release each name it)."""
    version = _info(document, "version")
    return version if isinstance(version, str) else None


def info_title(document: dict[str, Any]) -> Any:
    """The document's ``info.title`` as published (any JSON value): what a source's manifest entry names."""
    return _info(document, "title")


def escape_pointer_token(token: str) -> str:
    """A JSON pointer reference token (RFC 6901): ``~`` and ``/`` escaped; too small a job for a dependency."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def dumps(document: Any) -> str:
    """The one serialisation of a document: 2-space indent, key order kept, UTF-8, trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) so that ``path`` is either the old file or the whole new one, never half.

    The bytes reach the disk before the rename, so a crash cannot leave an empty file in its place. The
    file is created with mode 0666 less the umask, like any other file: ``tempfile.mkstemp`` would force
    0600, hence the hand-made temporary name.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
