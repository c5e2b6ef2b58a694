"""The differ's families: each a ``detect_X`` module (with the helper detectors it drives), its rows in
``rules_X`` and its document pairs in ``tests/specpipe/diff/cases_X.py``.

One place lists them, so a new family is one line here and ``tests/specpipe/diff/test_registry.py``
proves that every family has its three files and every detector module belongs to exactly one family.
Detectors are named, not imported: they read the rules table this module builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from specpipe.diff import (
    rules_document,
    rules_extras,
    rules_lifecycle,
    rules_parameters,
    rules_paths,
    rules_request_body,
    rules_responses,
    rules_schema,
    rules_security,
    rules_structure,
)
from specpipe.diff.rule import Rule


@dataclass(frozen=True, slots=True)
class Family:
    name: str  # detect_{name}, rules_{name}, cases_{name}
    rows: tuple[Rule, ...]
    helpers: tuple[str, ...] = ()  # other detect_* modules that report this family's rows for it


FAMILIES: Final = (
    Family("document", rules_document.ROWS),
    Family("security", rules_security.ROWS),
    Family("paths", rules_paths.ROWS),
    Family("parameters", rules_parameters.ROWS),
    Family("request_body", rules_request_body.ROWS),
    Family("responses", rules_responses.ROWS, helpers=("detect_content",)),
    Family("lifecycle", rules_lifecycle.ROWS),
    Family("extras", rules_extras.ROWS),
    Family("schema", rules_schema.ROWS, helpers=("detect_constraints", "detect_properties", "detect_types")),
    Family(
        "structure",
        rules_structure.ROWS,
        helpers=("detect_composition", "detect_keywords", "detect_list_of_types"),
    ),
)
