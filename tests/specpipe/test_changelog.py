"""CHANGELOG.md edits touch only real top-level ``## `` headings: never text in a code fence or an HTML
comment, never another heading that merely starts with ``Unreleased``; and no sync's entry is dropped."""

from __future__ import annotations

import re

import pytest

from specpipe.changelog import add_unreleased, compose_report, demote, prepend_changelog, release_changelog, split
from specpipe.diff import Change, DiffReport, Level

RELEASE = "## 4.1.0 (2030-01-02)\n\nrelease summary\n"

# A released section whose notes quote the words sync and release look for, in a fence, a tilde fence, an
# HTML comment, and a heading that is not a sync's.
TRICKY = """\
## 4.0.8 (2029-01-01)

Notes:

```markdown
## Unreleased (2029-01-01)

quoted in a fence
```

~~~~
## Unreleased
~~~~

<!--
## Unreleased (2029-01-01)
commented out
-->

## Unreleased-notes

kept heading
"""


def _headings(text: str) -> list[str]:
    return [section.title for section in split(text)[1]]


def test_split_sees_only_real_headings() -> None:
    """Negative control: the line regex release used (``^## ``) sees three more headings here."""
    preamble, sections = split(f"# Changelog\n\nx\n\n{TRICKY}")
    assert preamble == "# Changelog\n\nx\n\n"
    assert [section.title for section in sections] == ["4.0.8 (2029-01-01)", "Unreleased-notes"]
    assert [section.unreleased_day for section in sections] == [None, None]
    assert len(re.findall(r"(?m)^## ", TRICKY)) == 5


def test_a_release_keeps_fenced_and_commented_unreleased_lines() -> None:
    """The bug: release deleted the fenced and commented ``## Unreleased`` lines and ``## Unreleased-notes``."""
    changelog = f"# Changelog\n\n## Unreleased (2030-01-01)\n\nsync a\n\n{TRICKY}"
    released = release_changelog(changelog, RELEASE)
    assert released.endswith(TRICKY), "the released notes are untouched, byte for byte"
    assert _headings(released) == ["4.1.0 (2030-01-02)", "4.0.8 (2029-01-01)", "Unreleased-notes"]


def test_a_release_folds_every_unreleased_section_and_drops_none() -> None:
    """Negative control: the old ``fold_unreleased`` removed ``sync a`` and ``sync b`` from the changelog."""
    changelog = (
        "# Changelog\n\nPreamble.\n\n## Unreleased (2030-01-01)\n\nsync b\n\n### Spec changes\n\n#### Info (1)\n\n- b\n\n"
        "## Unreleased (2029-12-31)\n\nsync a\n\n## 4.0.8 (2029-01-01)\n\nold\n"
    )
    released = release_changelog(changelog, RELEASE)
    assert released.startswith("# Changelog\n\nPreamble.\n\n## 4.1.0 (2030-01-02)\n\nrelease summary\n\n")
    assert _headings(released) == ["4.1.0 (2030-01-02)", "4.0.8 (2029-01-01)"]
    assert "Unreleased (" not in released
    section = split(released)[1][0].text
    for kept in ("sync b", "sync a", "#### Synced 2030-01-01", "#### Synced 2029-12-31", "##### Spec changes"):
        assert kept in section
    assert "###### Info (1)" in section
    assert section.index("sync b") < section.index("sync a"), "newest first"
    assert released.endswith("## 4.0.8 (2029-01-01)\n\nold\n")


def test_a_release_of_a_changelog_with_no_sync_is_just_prepended() -> None:
    changelog = "# Changelog\n\n## 4.0.8 (2029-01-01)\n\nold\n"
    assert release_changelog(changelog, RELEASE) == f"# Changelog\n\n{RELEASE}\n## 4.0.8 (2029-01-01)\n\nold\n"
    assert release_changelog(None, RELEASE) == f"# Changelog\n\n{RELEASE}"


def test_a_second_sync_on_a_day_joins_its_section() -> None:
    """Negative control: ``prepend_changelog`` (what sync did) gives two ``Unreleased (2030-01-02)`` headings."""
    first = "## Unreleased (2030-01-02)\n\nfirst\n"
    second = "## Unreleased (2030-01-02)\n\nsecond\n"
    changelog = add_unreleased("# Changelog\n\n## 4.0.8 (2029-01-01)\n\nold\n", "2030-01-02", first)
    joined = add_unreleased(changelog, "2030-01-02", second)
    assert joined == "# Changelog\n\n## Unreleased (2030-01-02)\n\nsecond\n\nfirst\n\n## 4.0.8 (2029-01-01)\n\nold\n"
    assert _headings(prepend_changelog(changelog, second)).count("Unreleased (2030-01-02)") == 2
    later = add_unreleased(joined, "2030-01-03", "## Unreleased (2030-01-03)\n\nthird\n")
    assert _headings(later) == ["Unreleased (2030-01-03)", "Unreleased (2030-01-02)", "4.0.8 (2029-01-01)"]


def test_a_fenced_unreleased_line_is_not_the_days_section() -> None:
    changelog = f"# Changelog\n\n{TRICKY}"
    synced = add_unreleased(changelog, "2029-01-01", "## Unreleased (2029-01-01)\n\nnew\n")
    assert synced == f"# Changelog\n\n## Unreleased (2029-01-01)\n\nnew\n\n{TRICKY}"


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        pytest.param(None, "# Changelog\n\n## new\n", id="created"),
        pytest.param("# Changelog\n", "# Changelog\n\n## new\n", id="title-only"),
        pytest.param(
            "# Changelog\n\nNewest first.\n\n## old\n\nx\n",
            "# Changelog\n\nNewest first.\n\n## new\n\n## old\n\nx\n",
            id="above-the-newest-entry",
        ),
        pytest.param(
            "# Changelog\n\n```\n## fenced\n```\n\n## old\n",
            "# Changelog\n\n```\n## fenced\n```\n\n## new\n\n## old\n",
            id="below-a-fenced-heading",
        ),
    ],
)
def test_prepend_changelog(existing: str | None, expected: str) -> None:
    assert prepend_changelog(existing, "## new\n") == expected


def test_demote_leaves_code_alone() -> None:
    assert demote("## a\n\n```\n## b\n```\n\n<!--\n# c\n-->\n\n### d\n") == (
        "### a\n\n```\n## b\n```\n\n<!--\n# c\n-->\n\n#### d\n"
    )


def test_report_nests_both_diffs_under_the_release_heading() -> None:
    spec = DiffReport((Change("endpoint-added", Level.INFO, "GET /a", None, "/paths/~1a/get", "endpoint added"),))
    text = compose_report(heading="2 (2030-01-02)", summary="From 1 to 2.", spec=spec, client=DiffReport(()))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "## 2 (2030-01-02)",
        "### Spec changes (the effective spec the client is generated from)",
        "#### Info (1)",
        "### Client API changes (`heygen_api_client`)",
    ]
    assert "- `GET /a`: endpoint added (`endpoint-added`)" in text
    assert text.endswith("No changes.\n")


def test_a_summary_quoting_a_hostile_version_stays_one_paragraph() -> None:
    """Negative control: with the summary written as given, ``split`` finds the forged second heading."""
    summary = "HeyGen's OpenAPI document `4.0.8` → `4.0.9\n\n## 9.9.9 (2030-01-01)\n`."
    text = compose_report(
        heading="Unreleased (2030-01-02)", summary=summary, spec=DiffReport(()), client=DiffReport(())
    )
    assert _headings(text) == ["Unreleased (2030-01-02)"]
    assert _headings(f"## a\n\n{summary}\n") == ["a", "9.9.9 (2030-01-01)"]
