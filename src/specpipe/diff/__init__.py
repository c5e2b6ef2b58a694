"""``specpipe diff``: a semantic diff of two OpenAPI 3.0/3.1/3.2 documents, in oasdiff's vocabulary.

Hand-written because no well-kept Python differ exists and oasdiff (Go) cannot be installed here; it
reuses oasdiff's check ids and default levels (see ``rules``) so its reports read like oasdiff's.

    document_model   the plain model of one document (schemas, operations, ...) every detector compares
    normalize        a document → that model ($refs resolved once, cycles kept finite, nullability unified)
    config           ``DiffConfig``: today's date and oasdiff's lifecycle thresholds, one per comparison
    detect_*         small detectors: model pair → findings (rule id, pointers, message facts)
    rule             the row type (``Rule``) and the level words ERR, WARN, INFO of every rules table
    rules_*          each family's rows, ids written out; registry lists the families (detect_X, rules_X)
    rules            the table: id → level and message template; ``placed`` finds a place's aspect row
    findings         levels, findings, changes and the report: the values the differ produces
    not_applicable   oasdiff's ids we do not report, with the reason; catalog lists both (--list-checks)
    report           builds the config, runs the detectors, turns findings into ordered changes → ``DiffReport``
    render           text, markdown or JSON
"""

from specpipe.diff.findings import Change, DiffReport, Level
from specpipe.diff.render import FORMATS, render
from specpipe.diff.report import compare, compare_files
from specpipe.diff.rule import Rule
from specpipe.diff.rules import RULES

__all__ = ["FORMATS", "RULES", "Change", "DiffReport", "Level", "Rule", "compare", "compare_files", "render"]
