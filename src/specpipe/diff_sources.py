"""``specpipe diff OLD_ROOT NEW_ROOT``: two checkouts of the repository compared source by source and merged.

Each source's vendored document (``openapi/<name>.json``, as published) and the effective spec
(``generated/openapi.json``, what the client is generated from) are diffed on their own, so a reviewer
sees which upstream document changed and what the client's users see. A source listed on one side only
is compared with an empty document (every operation added, or removed).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from specpipe import documents
from specpipe.diff import DiffReport, compare, compare_files, render
from specpipe.project import Project

EFFECTIVE = "effective spec"


def _names(root: Path) -> list[str]:
    project = Project.at(root)
    return [source.name for source in project.sources()] if project.manifest.exists() else []


def diff_roots(old: Path, new: Path, today: date | None = None) -> dict[str, DiffReport]:
    """Reports by source name (new manifest order, then sources only the old side has), then ``EFFECTIVE``."""
    before, after = Project.at(old), Project.at(new)
    reports: dict[str, DiffReport] = {}
    for name in dict.fromkeys([*_names(new), *_names(old)]):
        paths = before.vendored(name), after.vendored(name)
        if all(path.exists() for path in paths):
            reports[name] = compare_files(*paths, today=today)
        else:
            docs = [
                documents.load_mapping(path) if path.exists() else {"openapi": "3.1.0", "paths": {}} for path in paths
            ]
            reports[name] = compare(*docs, old_name=str(paths[0]), new_name=str(paths[1]), today=today)
    reports[EFFECTIVE] = compare_files(before.effective_spec, after.effective_spec, today=today)
    return reports


def render_roots(reports: dict[str, DiffReport], fmt: str) -> str:
    """Every report as ``fmt``, each under its source's name (JSON: one object keyed by it)."""
    if fmt == "json":
        return json.dumps({name: json.loads(render(report, fmt)) for name, report in reports.items()}, indent=2) + "\n"
    heading = "## " if fmt == "markdown" else "== "
    return "\n".join(f"{heading}{name}\n\n{render(report, fmt)}" for name, report in reports.items())
