"""Operations past their sunset: warnings for ``doctor``, ``check`` and the sync report, never failures.

A vendored operation whose ``x-sunset`` (the date the differ's lifecycle rules read) is today or
earlier no longer works upstream, or will not for long; the client still ships it (with a
DeprecationWarning when it is deprecated), and a person decides when to drop it. ``--today`` fixes the
date, as for ``specpipe diff``, so output is reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from specpipe.diff.detect_lifecycle import sunset_date
from specpipe.openapi_model import METHODS


def past_sunset(document: Mapping[str, Any], today: date) -> list[str]:
    """One sentence per operation whose ``x-sunset`` is not after ``today``, in document order."""
    warnings: list[str] = []
    paths = document.get("paths")
    for path, item in paths.items() if isinstance(paths, Mapping) else ():
        for method in METHODS:
            operation = item.get(method) if isinstance(item, Mapping) else None
            if not isinstance(operation, Mapping) or "x-sunset" not in operation:
                continue
            try:
                sunset = sunset_date(operation["x-sunset"])
            except ValueError:
                continue  # the differ reports an unparseable sunset when it appears
            if sunset <= today:
                replaced = operation.get("x-replaced-by")
                instead = f"; replaced by {replaced}" if isinstance(replaced, str) else ""
                warnings.append(
                    f"{method.upper()} {path} is past its sunset {sunset.isoformat()} (today {today.isoformat()}){instead}"
                )
    return warnings


def markdown_section(stale: list[str], past: list[str]) -> str:
    """What a sync report adds for a reviewer: overlay actions upstream made stale, operations past sunset."""
    parts = []
    if stale:
        parts.append("### Overlay actions now stale (upstream publishes what they did)\n\n")
        parts += (f"- {line}\n" for line in stale)
    if past:
        parts.append(("\n" if parts else "") + "### Operations past their sunset\n\n")
        parts += (f"- {line}\n" for line in past)
    return "".join(parts)
