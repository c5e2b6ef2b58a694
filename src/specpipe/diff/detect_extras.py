"""Smaller facets: OAuth flows of security schemes, header parameter properties, response links, and the
requests the API makes back (webhooks, callbacks).

A webhook's or callback's request body is a payload the client *receives*, so it is compared the way
a response body is (a removed property or a new enum value hurts the receiver, a new property does
not), under our own ``webhook-payload-*`` and ``callback-payload-*`` ids.
"""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_content import ContentRules, content_changes
from specpipe.diff.detect_properties import PropertyRules
from specpipe.diff.detect_schema import Context, Direction, SchemaDiffer
from specpipe.diff.document_model import Document, Operation
from specpipe.diff.findings import DiffFinding


def oauth_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    """URLs and scopes of every OAuth flow a scheme keeps (oasdiff looks at the implicit flow only)."""
    for name, scheme in new.security_schemes.items():
        before = old.security_schemes.get(name)
        if before is None:
            continue
        for flow_name, flow in scheme.flows.items():
            previous = before.flows.get(flow_name)
            if previous is None:
                continue
            where = {"name": name, "flow": flow_name}
            for rule, was, now in (
                ("api-security-component-oauth-url-changed", previous.authorization_url, flow.authorization_url),
                ("api-security-component-oauth-token-url-changed", previous.token_url, flow.token_url),
            ):
                if was != now:
                    yield DiffFinding(
                        rule, previous.pointer, flow.pointer, {**where, "old": f"`{was}`", "new": f"`{now}`"}
                    )
            for scope in previous.scopes.keys() - flow.scopes.keys():
                yield DiffFinding(
                    "api-security-component-oauth-scope-removed",
                    previous.pointer,
                    None,
                    {**where, "scope": f"`{scope}`"},
                )
            for scope, text in flow.scopes.items():
                if scope not in previous.scopes:
                    yield DiffFinding(
                        "api-security-component-oauth-scope-added", None, flow.pointer, {**where, "scope": f"`{scope}`"}
                    )
                elif previous.scopes[scope] != text:
                    args = {**where, "scope": f"`{scope}`"}
                    yield DiffFinding(
                        "api-security-component-oauth-scope-changed", previous.pointer, flow.pointer, args
                    )


def response_header_changes(old: Operation, new: Operation, _schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    """What oasdiff leaves out of a kept response header: now required, deprecated, or redocumented."""
    for status, response in new.responses.items():
        before = old.responses.get(status)
        if before is None:
            continue
        for name, header in response.headers.items():
            previous = before.headers.get(name)
            if previous is None:
                continue
            subject = {"subject": f"response {status} header `{header.name}`"}
            if header.required and not previous.required:
                yield DiffFinding("response-header-became-required", previous.pointer, header.pointer, subject)
            if previous.deprecated != header.deprecated:
                rule = "response-header-deprecated" if header.deprecated else "response-header-reactivated"
                yield DiffFinding(rule, previous.pointer, header.pointer, subject)
            if previous.description != header.description:
                yield DiffFinding("response-header-description-changed", previous.pointer, header.pointer, subject)


def link_changes(old: Operation, new: Operation, _schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    for status, response in new.responses.items():
        before = old.responses.get(status)
        if before is None:
            continue
        for name, (pointer, _) in before.links.items():
            if name not in response.links:
                yield DiffFinding(
                    "response-link-removed", pointer, None, {"subject": f"response {status} link `{name}`"}
                )
        for name, (pointer, shown) in response.links.items():
            subject = {"subject": f"response {status} link `{name}`"}
            if name not in before.links:
                yield DiffFinding("response-link-added", None, pointer, subject)
            elif before.links[name][1] != shown:
                yield DiffFinding("response-link-changed", before.links[name][0], pointer, subject)


def _payload_rules(hook: str) -> ContentRules:
    """The ids for a payload the client receives from a ``hook`` (webhook, callback): read like a response."""
    prefix = f"{hook}-payload"
    properties = PropertyRules(
        added_required=f"{prefix}-property-added",
        added_optional=f"{prefix}-property-added",
        removed_required=f"{prefix}-required-property-removed",
        removed_optional=f"{prefix}-optional-property-removed",
        became_required=f"{prefix}-property-became-required",
        became_optional=f"{prefix}-property-became-optional",
    )
    return ContentRules(
        Context(prefix, f"{prefix}-property", Direction.RESPONSE, properties),
        added=f"{prefix}-media-type-added",
        removed=f"{prefix}-media-type-removed",
        schema_added=f"{prefix}-schema-added",
        schema_removed=f"{prefix}-schema-removed",
    )


HOOKS = ("webhook", "callback")
_PAYLOADS = {hook: _payload_rules(hook) for hook in HOOKS}


def _hook_changes(
    hook: str, old: dict[tuple[str, str], Operation], new: dict[tuple[str, str], Operation], schemas: SchemaDiffer
) -> Iterator[DiffFinding]:
    """Operations of a webhook or callback kept by name: methods coming and going, and their payloads."""
    names = {name for name, _ in old} & {name for name, _ in new}
    for key, operation in old.items():
        if key[0] in names and key not in new:
            yield DiffFinding(f"{hook}-operation-removed", operation.pointer, None, {"subject": _hook(hook, operation)})
    for key, operation in new.items():
        before = old.get(key)
        if before is None:
            if key[0] in names:
                yield DiffFinding(
                    f"{hook}-operation-added", None, operation.pointer, {"subject": _hook(hook, operation)}
                )
        elif before.request_body and operation.request_body:
            subject = f"{_hook(hook, operation)} payload"
            rules = _PAYLOADS[hook]
            yield from content_changes(
                before.request_body.content, operation.request_body.content, rules, subject, schemas
            )


def _hook(hook: str, operation: Operation) -> str:
    """By name only: a callback's runtime expression (``{$request.body#/url}``) stays in its pointer."""
    return f"{hook} `{operation.path.partition(' ')[0]}` {operation.method.upper()}"


def webhook_operation_changes(old: Document, new: Document, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    return _hook_changes("webhook", old.webhook_operations, new.webhook_operations, schemas)


def callback_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    for name, pointer in old.callbacks.items():
        if name not in new.callbacks:
            yield DiffFinding("api-callback-removed", pointer, None, {"name": f"`{name}`"})
    for name, pointer in new.callbacks.items():
        if name not in old.callbacks:
            yield DiffFinding("api-callback-added", None, pointer, {"name": f"`{name}`"})
    yield from _hook_changes("callback", old.callback_operations, new.callback_operations, schemas)
