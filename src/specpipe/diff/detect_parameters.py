"""Changes in an operation's parameters (matched by location and name; header names ignore case)."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_schema import EXPLODED_PARAMETER, HEADER_PARAMETER, PARAMETER, SchemaDiffer
from specpipe.diff.model import Finding
from specpipe.diff.normalize import Operation, Parameter


def _subject(parameter: Parameter) -> dict[str, str]:
    return {"subject": f"{parameter.location} parameter `{parameter.name}`"}


def parameter_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[Finding]:
    for key, parameter in old.parameters.items():
        if key not in new.parameters:
            rule = "request-parameter-removed-with-deprecation" if parameter.deprecated else "request-parameter-removed"
            yield Finding(rule, parameter.pointer, None, _subject(parameter))
    for key, parameter in new.parameters.items():
        before = old.parameters.get(key)
        if before is None:
            if parameter.location == "path":
                rule = "new-request-path-parameter"
            else:
                rule = "new-required-request-parameter" if parameter.required else "new-optional-request-parameter"
            yield Finding(rule, None, parameter.pointer, _subject(parameter))
        else:
            yield from _parameter_changes(before, parameter, schemas)


def _parameter_changes(old: Parameter, new: Parameter, schemas: SchemaDiffer) -> Iterator[Finding]:
    subject = _subject(new)
    if old.required != new.required:
        rule = "request-parameter-became-required" if new.required else "request-parameter-became-optional"
        yield Finding(rule, old.pointer, new.pointer, subject)
    if old.deprecated != new.deprecated:
        rule = "request-parameter-deprecated" if new.deprecated else "request-parameter-reactivated"
        yield Finding(rule, old.pointer, new.pointer, subject)
    if old.description != new.description:
        yield Finding("request-parameter-description-changed", old.pointer, new.pointer, subject)
    if old.schema and new.schema:
        exploded = old.form_exploded and new.form_exploded
        context = HEADER_PARAMETER if new.location == "header" else EXPLODED_PARAMETER if exploded else PARAMETER
        yield from schemas.findings(old.schema, new.schema, context, subject["subject"])
