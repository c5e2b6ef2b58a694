"""An action's JSONPath, compiled for selecting: a leading chain of plain names and indexes is walked
directly, and only what follows it goes through the RFC 9535 library.

Why by hand: jsonpath-rfc9535 compiles a query in about 0.3 ms (its lexer is a character-by-character
state machine), and an overlay generated per operation has one distinct target per action: at 20,000
operations, 120,000 targets took half of ``specpipe overlay``'s time (bench/RESULTS.md). Nearly every
target starts with a singular query (RFC 9535 §2.3.5.1: child segments of one name or index selector,
``$.paths['/v1/x'].get.responses['200']``), whose meaning is one dict or list lookup per segment.
That prefix is recognised by a deliberately narrow pattern (no escapes, no blank space) and walked
here; the rest of the query, usually a filter shared by every copy of an action, is compiled by the
library once per distinct text. A query the pattern does not cover, or any error, goes to the library
whole, so validity and every error message stay the library's (tests/specpipe/overlay/test_target.py
compares the two on random queries).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import jsonpath_rfc9535
from jsonpath_rfc9535 import JSONPathNode, JSONPathQuery

# RFC 9535 name-first / name-char without surrogates (a Python str may hold a lone one; JSONPath may not).
_NAME = r"[A-Za-z_\u0080-\ud7ff\ue000-\U0010ffff][A-Za-z0-9_\u0080-\ud7ff\ue000-\U0010ffff]*"
# A string literal's unescaped characters (RFC 9535 §2.3.1.1): no control character, no backslash, not
# the quote that delimits it.
_SINGLE = r"'[^'\\\x00-\x1f\ud800-\udfff]*'"
_DOUBLE = r'"[^"\\\x00-\x1f\ud800-\udfff]*"'
_INDEX = r"0|-?[1-9][0-9]{0,15}"
# One segment. A name is matched greedily, so what follows it cannot begin a segment of its own unless
# it is blank space, ``.`` or ``[``: any other rest is refused and the library judges the whole query.
_SEGMENT = re.compile(rf"\.(?P<name>{_NAME})|\[(?:(?P<quoted>{_SINGLE}|{_DOUBLE})|(?P<index>{_INDEX}))\]")
_LARGEST_INDEX = 2**53 - 1  # RFC 9535 §2.1: I-JSON's exact integer range


@dataclass(frozen=True)
class Target:
    """A compiled JSONPath: ``steps`` looked up one by one from the root, then ``rest`` (if any)."""

    steps: tuple[str | int, ...]
    rest: JSONPathQuery | None

    def select(self, document: Any) -> list[JSONPathNode]:
        """The nodes this query selects in ``document``, in the library's order and form."""
        node = JSONPathNode(value=document, location=(), parent=None, root=document)
        for step in self.steps:
            value = node.value
            if isinstance(step, str):
                if not isinstance(value, dict) or step not in value:
                    return []
                node = node.new_child(value[step], step, node)
            else:
                if not isinstance(value, list) or not -len(value) <= step < len(value):
                    return []
                node = node.new_child(value[step], step % len(value), node)
        if self.rest is None:
            return [node]
        nodes: Any = [node]
        for segment in self.rest.segments:
            nodes = segment.resolve(nodes)
        return list(nodes)


def compile_target(text: str) -> Target:
    """``text`` compiled; raises the library's JSONPathError for an invalid query."""
    if not text.startswith("$"):  # not even a root identifier: the library says what is wrong
        return Target((), jsonpath_rfc9535.compile(text))
    steps: list[str | int] = []
    position = 1
    while position < len(text) and (match := _SEGMENT.match(text, position)):
        if (index := match["index"]) is not None:
            if abs(int(index)) > _LARGEST_INDEX:
                break
            steps.append(int(index))
        else:
            steps.append(match["name"] if match["name"] is not None else match["quoted"][1:-1])
        position = match.end()
    if position == len(text):
        return Target(tuple(steps), None)
    try:
        rest = _compiled_rest("$" + text[position:])
    except jsonpath_rfc9535.JSONPathError:
        return Target((), jsonpath_rfc9535.compile(text))  # the library's own error, for the whole query
    return Target(tuple(steps), rest)


@functools.lru_cache(maxsize=1024)
def _compiled_rest(query: str) -> JSONPathQuery:
    return jsonpath_rfc9535.compile(query)
