"""The manifest of upstream sources (``openapi/sources.yaml``): which published documents the client is built from.

Each source is one published OpenAPI document (a docs page embedding a slice, or a whole document),
vendored verbatim as ``openapi/<name>.json`` with its provenance beside it, patched by its own overlays
(``overlay/<name>.overlay.yaml``) and merged with the others into the one effective document
(``specpipe.merge_sources``). Manifest order is merge order: the first source's security scheme and
server come first, so the current API (v3) is listed before the legacy one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specpipe import documents
from specpipe.errors import InputError

MANIFEST_NAME = "sources.yaml"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_OPERATION = re.compile(rf"(?i)({'|'.join(_METHODS)}) (/\S*)")


@dataclass(frozen=True, slots=True)
class Source:
    """One upstream document: its name (file stem everywhere), the page's real URL, the title it must carry."""

    name: str
    url: str
    title: str
    # "METHOD /path" pairs to keep from a whole document (``specpipe.slice``); None keeps everything.
    operations: tuple[tuple[str, str], ...] | None = None


def _operation(text: Any, where: str) -> tuple[str, str]:
    match = _OPERATION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise InputError(f'{where}: {text!r} is not "METHOD /path" (METHOD one of {", ".join(_METHODS)})')
    return match[1].lower(), match[2]


def _source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: a source is a mapping with name, url and title")
    unknown = sorted(set(entry) - {"name", "url", "title", "operations"})
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for field in ("name", "url", "title"):
        if not isinstance(entry.get(field), str) or not entry[field]:
            raise InputError(f"{where}: {field} must be a non-empty string")
    if not _NAME.fullmatch(entry["name"]):
        raise InputError(f"{where}: name {entry['name']!r} must be lower-case letters, digits and '-'")
    operations = entry.get("operations")
    if operations is not None:
        if not isinstance(operations, list) or not operations:
            raise InputError(f'{where}: operations must be a non-empty list of "METHOD /path"')
        operations = tuple(_operation(item, f"{where}.operations[{i}]") for i, item in enumerate(operations))
    return Source(entry["name"], entry["url"], entry["title"], operations)


def load_manifest(path: Path) -> list[Source]:
    """The sources in manifest order; a malformed manifest is refused naming the file and the entry."""
    data = documents.load_mapping(path)
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path}: manifest: 'sources' must be a non-empty list")
    sources = [_source(entry, f"{path}: manifest: sources[{i}]") for i, entry in enumerate(entries)]
    names = [source.name for source in sources]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InputError(f"{path}: manifest: source name(s) listed twice: {', '.join(duplicates)}")
    return sources
