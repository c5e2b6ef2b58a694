"""Names the generator would make up: operations without an ``operationId`` or a tag.

openapi-python-client names a client function after its operation's ``operationId`` and puts it in the
module of its first tag (``api.default`` without one). An operation missing either gets a made-up name
(a new ``GET /v1/video_status.get`` became ``api.default.video_status``), and fixing that name later
renames public API: a breaking change for every caller. So doctor warns while the name can still be
chosen (a warning: the document is valid), and ``--suggest`` proposes both in the overlay:

- an ``operationId`` in upstream's camelCase style (``getVideoV3``, ``deleteVideoTranslation``): the
  method, then the path's words, leaving out the version segment (``v1``), path parameters and a last
  word that repeats the method (``/v1/video_status.get`` → ``getVideoStatus``); on a clash with an
  existing id, the version is appended (``getVideoStatusV1``), else a number (``getVideoStatus2``);
- a tag: the document's tag (declared, or used by another operation) that names the path's first
  segment after the version, compared without case, punctuation or a plural ``s`` (``video`` →
  ``Videos``), else that of the segment's first word (``video_status`` → ``Videos``); with no such tag,
  the segment's words title-cased (``/v1/lipsync/...`` → ``Lipsync``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonpath_rfc9535.serialize import canonical_string

from specpipe.doctor.finding import Finding
from specpipe.documents import escape_pointer_token
from specpipe.openapi_model import METHODS

# The operations the generator makes client functions of (OpenAPI 3.2's ``query`` included).
_VERSION = re.compile(r"v\d+(?:\.\d+)*", re.I)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@dataclass(frozen=True)
class _Operation:
    path: str
    method: str
    operation: Mapping[str, Any]

    @property
    def pointer(self) -> str:
        return f"/paths/{escape_pointer_token(self.path)}/{self.method}"


def _operations(document: Mapping[str, Any]) -> Iterator[_Operation]:
    paths = document.get("paths")
    if not isinstance(paths, Mapping):
        return
    for path, item in paths.items():
        if isinstance(item, Mapping):  # a path item's own $ref points elsewhere: nothing to name here
            for method in METHODS:
                if isinstance(operation := item.get(method), Mapping):
                    yield _Operation(str(path), method, operation)


def _has_id(operation: Mapping[str, Any]) -> bool:
    return isinstance(operation.get("operationId"), str) and bool(operation["operationId"])


def _has_tag(operation: Mapping[str, Any]) -> bool:
    tags = operation.get("tags")
    return isinstance(tags, list) and bool(tags) and isinstance(tags[0], str)


def unnamed_operations(document: Mapping[str, Any]) -> list[Finding]:
    """A warning for each operation with no ``operationId`` or no tag, by pointer (stable output)."""
    warnings = []
    for found in _operations(document):
        label = f"{found.method.upper()} {found.path}"
        if not _has_id(found.operation):
            warnings.append(
                Finding(
                    found.pointer,
                    "operationId",
                    f"{label} has no operationId: the generator makes up its function's name, and naming it "
                    "later is a breaking change (doctor --suggest proposes one)",
                )
            )
        if not _has_tag(found.operation):
            warnings.append(
                Finding(
                    found.pointer,
                    "tags",
                    f"{label} has no tag: its function lands in the client's api.default module, and moving "
                    "it later is a breaking change (doctor --suggest proposes one)",
                )
            )
    return sorted(warnings)


def _segments(path: str) -> list[str]:
    """The path's segments without the version and the path parameters."""
    return [
        segment
        for segment in path.split("/")
        if segment and not _VERSION.fullmatch(segment) and not (segment.startswith("{") and segment.endswith("}"))
    ]


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _camel(words: list[str]) -> str:
    return "".join(word.capitalize() for word in words)


def _operation_id(found: _Operation, taken: set[str]) -> str:
    words = [word for segment in _segments(found.path) for word in _words(segment)]
    if words and words[-1] == found.method:
        words.pop()
    candidates = [found.method + (_camel(words) or "Root")]
    version = next((segment for segment in found.path.split("/") if _VERSION.fullmatch(segment)), None)
    if version is not None:
        candidates.append(candidates[0] + version.upper().replace(".", "_"))
    numbered = (f"{candidates[0]}{number}" for number in itertools.count(2))
    chosen = next(candidate for candidate in itertools.chain(candidates, numbered) if candidate not in taken)
    taken.add(chosen)
    return chosen


def _key(text: str) -> str:
    """A tag or segment compared without case, punctuation or a plural ``s``."""
    key = "".join(_words(text))
    return key[:-1] if key.endswith("s") else key


def _document_tags(document: Mapping[str, Any]) -> list[str]:
    """The tags declared at the top level, then those other operations use."""
    declared = document.get("tags")
    names = [tag.get("name") for tag in declared if isinstance(tag, Mapping)] if isinstance(declared, list) else []
    used = [found.operation["tags"][0] for found in _operations(document) if _has_tag(found.operation)]
    return list(dict.fromkeys(name for name in [*names, *used] if isinstance(name, str) and name))


def _tag(found: _Operation, tags: list[str]) -> str:
    segments = _segments(found.path)
    if not segments:
        return "Root"
    resource = re.split(r"[.:]", segments[0])[0] or segments[0]  # "video_status.get" names "video_status"
    words = _words(resource)
    for wanted in (_key(resource), _key(words[0]) if words else ""):
        match = next((tag for tag in tags if wanted and _key(tag) == wanted), None)
        if match is not None:
            return match
    return " ".join(word.capitalize() for word in words) or resource


def name_actions(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Overlay actions giving every unnamed operation an ``operationId`` and a tag, as derived above."""
    taken = {str(found.operation["operationId"]) for found in _operations(document) if _has_id(found.operation)}
    tags = _document_tags(document)
    actions = []
    for found in _operations(document):
        update: dict[str, Any] = {}
        reasons = []
        if not _has_id(found.operation):
            update["operationId"] = _operation_id(found, taken)
            reasons.append(
                f"no operationId: {update['operationId']!r} is the method and the path's words in upstream's "
                "camelCase style (version and parameters left out)"
            )
        if not _has_tag(found.operation):
            update["tags"] = [_tag(found, tags)]
            reasons.append(
                f"no tag: {update['tags'][0]!r} is the document's tag naming the path's first segment, or that "
                "segment title-cased when none does"
            )
        if update:
            actions.append(
                {
                    "target": f"$.paths[{canonical_string(found.path)}].{found.method}",
                    "description": (
                        f"{found.method.upper()} {found.path} has "
                        + "; ".join(reasons)
                        + ". Without them the generator makes up the client's names, and changing them once "
                        "released is a breaking change: check them before the operation ships."
                    ),
                    "update": update,
                }
            )
    return actions
