"""Keep only some operations of a whole OpenAPI document, with everything they reach and nothing else.

A source may be HeyGen's whole document (external-api.json: ~100 paths) of which the client wants a
few operations. The slice keeps those operations, the path items' shared fields, and every component
they reach transitively: each local ``$ref`` (``#/components/<section>/<name>``) in the kept operations
and in the components so reached, the security schemes named by their ``security`` (or the document's
default), and the tags they use. Reference cycles are followed once. Hand-written: no maintained
Python library slices an OpenAPI document by operation.

The vendored document stays whole (it is never edited); the slice is a step of the effective spec,
like an overlay (``specpipe.generate.effective_spec``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from specpipe.documents import unescape_pointer_token
from specpipe.errors import InputError

_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_COMPONENT_REF = "#/components/"


def _refs(node: Any) -> Iterator[str]:
    """Every local component ``$ref`` string inside ``node`` (iteratively: a deep schema never recurses)."""
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith(_COMPONENT_REF):
                yield ref
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _schemes(security: Any) -> Iterator[str]:
    for requirement in security if isinstance(security, list) else []:
        if isinstance(requirement, dict):
            yield from requirement


def slice_document(document: dict[str, Any], operations: Iterable[tuple[str, str]], source: str) -> dict[str, Any]:
    """A copy of ``document`` with only ``operations`` (method, path) and what they reach.

    An operation that is not in the document is refused, naming ``source``: the manifest asks for it.
    """
    paths: dict[str, Any] = document["paths"] if isinstance(document.get("paths"), dict) else {}
    kept_paths: dict[str, Any] = {}
    for method, path in operations:
        item = paths.get(path)
        if not isinstance(item, dict) or not isinstance(item.get(method), dict):
            raise InputError(f"{source}: slice: the document has no operation {method.upper()} {path}")
        shared = {key: value for key, value in item.items() if key not in _METHODS}
        kept_paths.setdefault(path, shared)[method] = item[method]
    kept_paths = {path: kept_paths[path] for path in paths if path in kept_paths}  # the document's order

    components: dict[str, Any] = document["components"] if isinstance(document.get("components"), dict) else {}
    reached: dict[str, set[str]] = {}
    pending = list(_refs(kept_paths))
    schemes: set[str] = set()
    tags: set[str] = set()
    for item in kept_paths.values():
        for method, operation in item.items():
            if method in _METHODS:
                schemes.update(_schemes(operation.get("security", document.get("security"))))
                tags.update(tag for tag in operation.get("tags") or [] if isinstance(tag, str))
    schemes.update(_schemes(document.get("security")))
    while pending:
        section, _, name = pending.pop()[len(_COMPONENT_REF) :].partition("/")
        name = unescape_pointer_token(name.split("/", 1)[0])
        if name in reached.setdefault(section, set()):
            continue
        target = (components.get(section) or {}).get(name)
        if target is None:
            continue  # a dangling reference is doctor's to report, on the effective spec
        reached[section].add(name)
        pending.extend(_refs(target))
    reached.setdefault("securitySchemes", set()).update(schemes)

    sliced = {key: value for key, value in document.items() if key not in {"paths", "components", "tags", "webhooks"}}
    sliced["paths"] = kept_paths
    kept_components = {
        section: {name: entries[name] for name in entries if name in reached.get(section, ())}
        for section, entries in components.items()
        if isinstance(entries, dict) and not section.startswith("x-")
    }
    kept_components |= {key: value for key, value in components.items() if key.startswith("x-")}
    kept_components = {section: entries for section, entries in kept_components.items() if entries}
    if kept_components:
        sliced["components"] = kept_components
    if isinstance(document.get("tags"), list):
        sliced["tags"] = [tag for tag in document["tags"] if isinstance(tag, dict) and tag.get("name") in tags]
    return copy.deepcopy(sliced)
