"""CHANGELOG.md: the section sync and release write, and the edits they make around real headings only.

A changelog is a preamble and ``## `` sections, newest first. Sync writes ``## Unreleased (DAY)``
sections (one per day: a second sync that day joins the first); release turns them into its own
section, their content kept under it. Every edit looks only at top-level level-2 headings as a
markdown parser sees them (markdown-it-py, CommonMark): a ``## Unreleased`` line inside a fenced code
block or an HTML comment is text, and ``## Unreleased-notes`` is another heading, so neither is touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from specpipe.diff import DiffReport, render
from specpipe.errors import InputError

CHANGELOG_TITLE = "# Changelog\n"
# The heading of a sync's section until `specpipe release` folds it into a release's section.
UNRELEASED = "Unreleased"
_UNRELEASED_HEADING = re.compile(rf"{UNRELEASED}(?: \((?P<day>\d{{4}}-\d{{2}}-\d{{2}})\))?")
_PARSER = MarkdownIt("commonmark")


@dataclass(frozen=True, slots=True)
class Section:
    """One ``## `` section: its heading's text and its lines, heading included."""

    title: str
    text: str

    @property
    def unreleased_day(self) -> str | None:
        """``DAY`` of a sync's ``Unreleased (DAY)`` section (``""`` for a bare ``Unreleased``); else ``None``."""
        found = _UNRELEASED_HEADING.fullmatch(self.title)
        return None if found is None else found["day"] or ""

    @property
    def body(self) -> str:
        """The section without its heading line."""
        return self.text.partition("\n")[2]


def read(path: Path, step: str) -> str | None:
    """The changelog's text, ``None`` when there is none yet; an unreadable one is named."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{path}: {step}: cannot read the changelog: {cause}") from exc


def split(changelog: str) -> tuple[str, list[Section]]:
    """The preamble and the sections, cut at the top-level level-2 headings the parser finds."""
    lines = changelog.splitlines(keepends=True)
    tokens = _PARSER.parse(changelog)
    starts: list[tuple[int, str]] = []
    for at, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0 and token.map is not None:
            starts.append((token.map[0], tokens[at + 1].content))
    preamble = "".join(lines[: starts[0][0]] if starts else lines)
    ends = [start for start, _ in starts[1:]] + [len(lines)] * bool(starts)
    return preamble, [
        Section(title, "".join(lines[start:end])) for (start, title), end in zip(starts, ends, strict=True)
    ]


def join(preamble: str, sections: list[Section]) -> str:
    return preamble + "".join(section.text for section in sections)


def _nested(markdown: str, title: str) -> str:
    """A diff's markdown section (``## API changes`` …) retitled and moved one heading level down."""
    _, _, body = markdown.partition("\n")
    return f"### {title}\n{demote(body)}"


def demote(markdown: str) -> str:
    """``markdown`` with each ATX heading one level deeper (code and comments untouched)."""
    lines = markdown.splitlines(keepends=True)
    for token in _PARSER.parse(markdown):
        if token.type == "heading_open" and token.markup.startswith("#") and token.map is not None:
            line = token.map[0]
            lines[line] = re.sub(r"^( {0,3})#", r"\1##", lines[line], count=1)
    return "".join(lines)


def compose_report(
    *, heading: str, summary: str, spec: DiffReport, client: DiffReport, sources: Mapping[str, DiffReport] | None = None
) -> str:
    """One markdown section for a pull request body and CHANGELOG.md: the diffs under one heading.

    The summary is one paragraph, kept on one line: it quotes upstream text (``info.version``), whose
    newline would otherwise start a block of its own, such as a forged ``## `` heading. ``sources`` are
    the changed sources' own diffs (vendored document, old → new), by source name.
    """
    per_source = "".join(
        "\n" + _nested(render(report, "markdown"), f"Source `{name}` (its published document, as vendored)")
        for name, report in (sources or {}).items()
    )
    return (
        f"## {heading}\n\n{' '.join(summary.split())}\n\n"
        + _nested(render(spec, "markdown"), "Spec changes (the effective spec the client is generated from)")
        + "\n"
        + _nested(render(client, "markdown"), "Client API changes (`heygen_api_client`)")
        + per_source
    )


def _ended(text: str) -> str:
    """``text`` ending in one blank line, so the next section's heading stands apart."""
    return f"{text.rstrip()}\n\n"


def prepend_changelog(changelog: str | None, section: str) -> str:
    """``section`` above the newest entry, below the title and preamble."""
    text = changelog if changelog is not None else f"{CHANGELOG_TITLE}\n"
    preamble, sections = split(text)
    if not sections:
        return f"{text.rstrip()}\n\n{section}"
    return preamble + section + "\n" + join("", sections)


def add_unreleased(changelog: str | None, day: str, report: str) -> str:
    """Sync's ``report`` (headed ``## Unreleased (DAY)``) in the changelog, one section per day.

    A second sync on a day already headed joins that section, its report above the earlier one's
    (newest first), so both syncs' changes stay and the heading appears once.
    """
    if changelog is not None:
        preamble, sections = split(changelog)
        for at, section in enumerate(sections):
            if section.unreleased_day == day:
                joined = Section(section.title, _ended(report) + section.body.lstrip("\n"))
                return join(preamble, [*sections[:at], joined, *sections[at + 1 :]])
    return prepend_changelog(changelog, report)


def release_changelog(changelog: str | None, section: str) -> str:
    """The changelog with ``section`` on top and every ``Unreleased`` section folded into it.

    Nothing sync recorded is dropped: each folded section's content is kept under the release's
    section, as ``### Synced DAY`` with its headings one level deeper.
    """
    if changelog is None:
        return prepend_changelog(None, section)
    preamble, sections = split(changelog)
    folded = [entry for entry in sections if entry.unreleased_day is not None]
    kept = [entry for entry in sections if entry.unreleased_day is None]
    merged = _ended(section)
    if folded:
        merged += "### What the syncs since the last release recorded\n\n"
        for entry in folded:
            day = entry.unreleased_day
            merged += _ended(f"#### Synced {day or '(undated)'}\n\n{demote(demote(entry.body)).strip()}")
    return prepend_changelog(join(preamble, kept) if kept or preamble.strip() else None, merged.rstrip() + "\n")
