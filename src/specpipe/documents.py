"""Reading and writing the JSON/YAML documents every step passes around.

One place decides how a document is parsed (JSON or YAML, keys as strings) and how it is written
(2-space JSON, key order kept, trailing newline, atomically), so every step's output is byte-stable.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

import yaml

from specpipe.errors import InputError


class _StringKeyLoader(yaml.SafeLoader):
    """SafeLoader that reads every mapping key as a string (YAML reads ``200:`` as an int)."""


def _construct_mapping(loader: _StringKeyLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    return {str(loader.construct_object(k, deep=True)): loader.construct_object(v, deep=True) for k, v in node.value}


_StringKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Timestamps stay strings: an OpenAPI document is JSON data, and JSON has no dates.
_StringKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_text(text: str, source: str) -> Any:
    """Parse JSON (or YAML, its superset for our purposes); ``source`` names the input in errors."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    try:
        return yaml.load(text, Loader=_StringKeyLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: invalid YAML: {exc}") from exc


def load(path: Path) -> Any:
    """Read and parse a JSON or YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return parse_text(text, str(path))


def load_mapping(path: Path) -> dict[str, Any]:
    """Read a document that must be a JSON object (an OpenAPI or Overlay document)."""
    document = load(path)
    if not isinstance(document, dict):
        raise InputError(f"{path}: expected a JSON/YAML object at the top level, got {type(document).__name__}")
    return document


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
