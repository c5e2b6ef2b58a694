"""The ``doctor`` step: is the document valid OpenAPI, and does every documented example match its schema?

The examples are the only evidence a published document carries of what the API really sends, and the
client is generated from the schemas: an example that contradicts its schema means a generated type
that will fail on real traffic. Two passes, both returning findings as values:

1. The document itself: its structure against the OpenAPI schema of its version (the one
   openapi-spec-validator ships), then the rules that schema cannot state (unique operationIds, path
   parameters matching the path template, no parameter declared twice).
2. Every schema against its dialect's meta-schema, then every documented example (media type,
   parameter, header and schema-level, and every schema's ``default``) against its schema, with one
   strictness rule of ours on top (see ``_undeclared``).

Both schema checks go through ``SchemaGate`` (jsonschema-rs decides, jsonschema explains), and the
examples through ``specpipe.doctor.example_gate`` (the same split, all examples in one jsonschema-rs call), so
doctor stays linear and near the cost of loading its input on large documents (bench/RESULTS.md). openapi-spec-validator's own validator is
not used: its semantic pass is quadratic in the number of schemas (upstream issue #260).

Examples are checked only once the document passes pass 1: a malformed document has no schemas worth
trusting.

    finding       ``Finding``: a pointer, the rule that failed, and why
    walker        doctor's own walk: where the schemas and documented examples of a document are
    structure     pass 1
    examples      pass 2 (``documented_examples`` too, for ``--suggest``)
    servers       the default server's evidence rule, and ``upstream_claims``
    example_gate  all examples against their schemas in one jsonschema-rs call
    suggest       ``--suggest``: the overlay the examples prove
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from specpipe.doctor.examples import documented_examples, example_findings
from specpipe.doctor.finding import Finding
from specpipe.doctor.servers import INSECURE_SERVER_EVIDENCE, default_server_findings, upstream_claims
from specpipe.doctor.structure import spec_findings
from specpipe.gc_pause import paused_gc

__all__ = ["INSECURE_SERVER_EVIDENCE", "Finding", "diagnose", "documented_examples", "upstream_claims"]


@paused_gc()
def diagnose(document: Mapping[str, Any]) -> list[Finding]:
    """Every finding in ``document``, sorted by pointer, keyword and message so output is stable."""
    findings = spec_findings(document) or [*example_findings(document), *default_server_findings(document)]
    return sorted(set(findings))
