"""Changes in an operation's parameters (matched by location and name; header names ignore case).

A path parameter is matched by its place in the path template, so ``/books/{bookId}`` →
``/books/{id}`` renames one parameter (the request on the wire is the same) instead of removing one
and adding another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from specpipe.diff import detect_lifecycle as lifecycle
from specpipe.diff.detect_schema import EXPLODED_PARAMETER, HEADER_PARAMETER, PARAMETER, SchemaDiffer
from specpipe.diff.document_model import Operation, Parameter
from specpipe.diff.findings import DiffFinding

_TEMPLATE = re.compile(r"\{([^}/]*)\}")
_REMOVAL = lifecycle.RemovalIds(
    "request-parameter-removed",
    "request-parameter-removed-with-deprecation",
    "request-parameter-sunset-parse",
    "request-parameter-removed-before-sunset",
)


def _subject(parameter: Parameter) -> dict[str, str]:
    return {"subject": f"{parameter.location} parameter `{parameter.name}`"}


def _renames(old: Operation, new: Operation) -> dict[tuple[str, str], tuple[str, str]]:
    """New path parameter key → old key, for names that differ at the same place in the template."""
    pairs = zip(_TEMPLATE.findall(old.path), _TEMPLATE.findall(new.path), strict=False)
    return {
        ("path", after): ("path", before)
        for before, after in pairs
        if before != after
        and ("path", before) in old.parameters
        and ("path", after) in new.parameters
        and ("path", after) not in old.parameters
    }


def parameter_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    renames = _renames(old, new)
    renamed = set(renames.values())
    for key, parameter in old.parameters.items():
        gone = key not in new.parameters and key not in renamed
        if gone and (found := lifecycle.removal(_REMOVAL, parameter.deprecated, parameter.lifecycle, schemas.config)):
            yield DiffFinding(found[0], parameter.pointer, None, {**_subject(parameter), **found[1]})
    for key, parameter in new.parameters.items():
        before = old.parameters.get(renames.get(key, key))
        if before is None:
            if parameter.location == "path":
                rule = "new-request-path-parameter"
            elif parameter.inherited:  # declared on the path item: every operation of the path gets it
                kind = "required" if parameter.required else "optional"
                rule = f"new-{kind}-request-default-parameter-to-existing-path"
            else:
                rule = "new-required-request-parameter" if parameter.required else "new-optional-request-parameter"
            yield DiffFinding(rule, None, parameter.pointer, _subject(parameter))
            continue
        if key in renames:
            args = {**_subject(parameter), "old": f"`{before.name}`"}
            yield DiffFinding("request-path-parameter-renamed", before.pointer, parameter.pointer, args)
        yield from _parameter_changes(before, parameter, schemas)


def _parameter_changes(old: Parameter, new: Parameter, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    subject = _subject(new)
    if old.required != new.required:
        rule = "request-parameter-became-required" if new.required else "request-parameter-became-optional"
        yield DiffFinding(rule, old.pointer, new.pointer, subject)
    if old.deprecated != new.deprecated:
        rule, args = (
            lifecycle.deprecation(lifecycle.PARAMETER_DEPRECATION, new.lifecycle, schemas.config)
            if new.deprecated
            else ("request-parameter-reactivated", {})
        )
        yield DiffFinding(rule, old.pointer, new.pointer, {**subject, **args})
    if edited := lifecycle.sunset_change(
        lifecycle.PARAMETER_SUNSET, old.lifecycle, new.lifecycle, new.deprecated, schemas.config
    ):
        yield DiffFinding(edited[0], old.pointer, new.pointer, {**subject, **edited[1]})
    if old.description != new.description:
        yield DiffFinding("request-parameter-description-changed", old.pointer, new.pointer, subject)
    if old.schema and new.schema:
        exploded = old.form_exploded and new.form_exploded
        context = HEADER_PARAMETER if new.location == "header" else EXPLODED_PARAMETER if exploded else PARAMETER
        yield from schemas.findings(old.schema, new.schema, context, subject["subject"])
