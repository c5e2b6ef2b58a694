"""Changes in security schemes (what a client sends to authenticate) and in security requirements."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.document_model import Document, Operation, Security, SecurityScheme
from specpipe.diff.findings import DiffFinding


def scheme_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    for name, scheme in old.security_schemes.items():
        if name not in new.security_schemes:
            yield DiffFinding("api-security-component-removed", scheme.pointer, None, {"name": name})
    for name, scheme in new.security_schemes.items():
        before = old.security_schemes.get(name)
        if before is None:
            yield DiffFinding("api-security-component-added", None, scheme.pointer, {"name": name})
        else:
            yield from _scheme_changes(name, before, scheme)


def _scheme_changes(name: str, old: SecurityScheme, new: SecurityScheme) -> Iterator[DiffFinding]:
    def finding(rule: str, before: str | None, after: str | None, **args: str) -> DiffFinding:
        return DiffFinding(
            rule, old.pointer, new.pointer, {"name": name, "old": f"`{before}`", "new": f"`{after}`", **args}
        )

    if old.type != new.type:
        yield finding("api-security-component-type-changed", old.type, new.type)
    elif new.type == "apiKey" and old.location != new.location:
        yield finding("api-security-component-apikey-location-changed", old.location, new.location)
    elif new.type == "apiKey" and _key_name(old) != _key_name(new):
        location = f"{new.location} name"
        yield finding("api-security-component-apikey-name-changed", old.name, new.name, location=location)
    elif new.type == "http" and old.scheme != new.scheme:
        yield finding("api-security-component-http-scheme-changed", old.scheme, new.scheme)


def _key_name(scheme: SecurityScheme) -> str | None:
    """HTTP header names ignore case; query and cookie names do not."""
    return scheme.name.lower() if scheme.name and scheme.location == "header" else scheme.name


def global_security_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    return _requirement_changes(old.security, new.security, "api-global-security")


def operation_security_changes(old: Operation, new: Operation, _schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    """Only where an operation states its own requirements; inherited ones are reported once, globally."""
    if old.security.explicit or new.security.explicit:
        yield from _requirement_changes(old.security, new.security, "api-security")


def _requirement_changes(old: Security, new: Security, prefix: str) -> Iterator[DiffFinding]:
    for key, requirement in old.requirements.items():
        if key not in new.requirements:
            yield DiffFinding(f"{prefix}-removed", requirement.pointer, None, {"requirement": _show(key)})
    for key, requirement in new.requirements.items():
        before = old.requirements.get(key)
        if before is None:
            yield DiffFinding(f"{prefix}-added", None, requirement.pointer, {"requirement": _show(key)})
            continue
        for scheme, scopes in requirement.scopes.items():
            for action, names in (
                ("removed", before.scopes[scheme] - scopes),
                ("added", scopes - before.scopes[scheme]),
            ):
                for scope in sorted(names):
                    args = {"requirement": _show(key), "scope": f"`{scope}`"}
                    yield DiffFinding(f"{prefix}-scope-{action}", before.pointer, requirement.pointer, args)


def _show(key: str) -> str:
    return f"`{key}`" if key else "`{}` (anonymous access)"
