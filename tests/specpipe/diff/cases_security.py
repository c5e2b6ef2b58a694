"""Pairs for the rules of security schemes and requirements (``rules_security``), each naming first the rule it proves."""

from __future__ import annotations

from .builders import API_KEY, B, Case, I, doc, endpoint, op, schemes

CASES: list[Case] = [
    # Security schemes.
    Case("api-security-component-added", schemes(), schemes(k=API_KEY), [("api-security-component-added", I)]),
    Case("api-security-component-removed", schemes(k=API_KEY), schemes(), [("api-security-component-removed", I)]),
    Case(
        "api-security-component-type-changed",
        schemes(k=API_KEY),
        schemes(k={"type": "http", "scheme": "bearer"}),
        [("api-security-component-type-changed", I)],
    ),
    Case(
        "api-security-component-apikey-name-changed",
        schemes(k=API_KEY),
        schemes(k={**API_KEY, "name": "x-heygen-key"}),
        [("api-security-component-apikey-name-changed", B)],
    ),
    Case("api key header name changes only case", schemes(k=API_KEY), schemes(k={**API_KEY, "name": "X-API-Key"})),
    Case(
        "api key query name changes case",
        schemes(k={**API_KEY, "in": "query", "name": "key"}),
        schemes(k={**API_KEY, "in": "query", "name": "Key"}),
        [("api-security-component-apikey-name-changed", B)],
    ),
    Case(
        "api-security-component-apikey-location-changed",
        schemes(k=API_KEY),
        schemes(k={**API_KEY, "in": "query"}),
        [("api-security-component-apikey-location-changed", B)],
    ),
    Case(
        "api-security-component-http-scheme-changed",
        schemes(h={"type": "http", "scheme": "bearer"}),
        schemes(h={"type": "http", "scheme": "basic"}),
        [("api-security-component-http-scheme-changed", B)],
    ),
    Case(
        "http scheme changes only case",
        schemes(h={"type": "http", "scheme": "bearer"}),
        schemes(h={"type": "http", "scheme": "Bearer"}),
    ),
    # Security requirements.
    Case("api-global-security-added", doc(), doc(security=[{"k": []}]), [("api-global-security-added", I)]),
    Case("api-global-security-removed", doc(security=[{"k": []}]), doc(), [("api-global-security-removed", I)]),
    Case(
        "api-global-security-scope-added",
        doc(security=[{"o": ["read"]}]),
        doc(security=[{"o": ["read", "write"]}]),
        [("api-global-security-scope-added", I)],
    ),
    Case(
        "api-global-security-scope-removed",
        doc(security=[{"o": ["read", "write"]}]),
        doc(security=[{"o": ["read"]}]),
        [("api-global-security-scope-removed", I)],
    ),
    Case(
        "api-security-added",
        endpoint(op(security=[{"k": []}])),
        endpoint(op(security=[{"k": []}, {"o": ["read"]}])),
        [("api-security-added", I)],
    ),
    Case(
        "api-security-removed",
        endpoint(op(security=[{"k": []}])),
        endpoint(op(security=[])),
        [("api-security-removed", I)],
    ),
    Case(
        "api-security-scope-added",
        endpoint(op(security=[{"o": []}])),
        endpoint(op(security=[{"o": ["read"]}])),
        [("api-security-scope-added", I)],
    ),
    Case(
        "api-security-scope-removed",
        endpoint(op(security=[{"o": ["read"]}])),
        endpoint(op(security=[{"o": []}])),
        [("api-security-scope-removed", I)],
    ),
    Case(
        "inherited requirement change is reported once, globally",
        endpoint(op(), security=[{"k": []}]),
        endpoint(op(), security=[{"o": []}]),
        [("api-global-security-added", I), ("api-global-security-removed", I)],
    ),
    Case(
        "operation stating the inherited requirement is no change",
        endpoint(op(), security=[{"k": []}]),
        endpoint(op(security=[{"k": []}]), security=[{"k": []}]),
    ),
]
