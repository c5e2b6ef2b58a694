"""The three forms of a report: text (a line per change), markdown (a changelog section) and JSON."""

from __future__ import annotations

from collections.abc import Callable

from specpipe.diff.findings import Change, DiffReport, Level
from specpipe.documents import dumps
from specpipe.errors import DiffError

_HEADINGS = {Level.BREAKING: "Breaking", Level.WARNING: "Warnings", Level.INFO: "Info"}


def _text(report: DiffReport) -> str:
    lines = [
        f"{change.level.value:<8} {change.operation or '(document)'}: {change.message} [{change.id}]\n"
        for change in report.changes
    ]
    lines += (
        f"excused  {item.change.operation or '(document)'}: {item.change.message} [{item.change.id}, "
        f"{item.change.level.value}] because: {' '.join(item.reason.split())}\n"
        for item in report.excused
    )
    return "".join(lines)


def _bullet(change: Change) -> str:
    where = f"`{change.operation}`: " if change.operation else ""
    return f"- {where}{change.message} (`{change.id}`)\n"


def _markdown(report: DiffReport) -> str:
    """A section to paste into a pull request or CHANGELOG.md, worst level first, excused changes last."""
    if not report.changes and not report.excused:
        return "## API changes\n\nNo changes.\n"
    sections = []
    for level, heading in _HEADINGS.items():
        bullets = [_bullet(change) for change in report.changes if change.level is level]
        if bullets:
            sections.append(f"### {heading} ({len(bullets)})\n\n{''.join(bullets)}")
    if report.excused:
        bullets = [
            f"{_bullet(item.change)[:-1]} — {item.change.level.value}, excused: {' '.join(item.reason.split())}\n"
            for item in report.excused
        ]
        sections.append(f"### Excused ({len(bullets)})\n\n{''.join(bullets)}")
    return "## API changes\n\n" + "\n".join(sections)


def _json(report: DiffReport) -> str:
    return dumps(
        {
            "breaking": report.breaking,
            "changes": [change.as_json() for change in report.changes],
            "excused": [item.as_json() for item in report.excused],
        }
    )


_RENDERERS: dict[str, Callable[[DiffReport], str]] = {"text": _text, "markdown": _markdown, "json": _json}
FORMATS = tuple(_RENDERERS)


def render(report: DiffReport, fmt: str) -> str:
    """``report`` as ``fmt`` (one of ``FORMATS``)."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise DiffError(f"diff: unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return renderer(report)
