"""The README is a short front page: at most 250 lines, a table of contents past 100, install forms that
work today before the one that needs a published package, and links that lead somewhere.

Negative control: the README before this change (796 lines, no contents, `pip install heygen-api-client`
first) fails the first two tests; the links test fails on a link to a moved page (`docs/client/faults.md`).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _headings(text: str) -> set[str]:
    without_code = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return {_anchor(match) for match in re.findall(r"^#{1,6} (.+)$", without_code, flags=re.M)}


def test_the_readme_is_short_with_a_table_of_contents() -> None:
    lines = README.splitlines()
    assert len(lines) <= 250
    if len(lines) > 100:
        assert "## Contents" in README
        contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
        assert set(re.findall(r"\]\(#([\w-]+)\)", contents)) == _headings(README) - {"heygen-api-client", "contents"}


def test_the_install_form_that_works_today_comes_first() -> None:
    section = README.split("## Installing the client", 1)[1].split("\n## ", 1)[0]
    installs = [line for line in section.splitlines() if line.startswith("pip install")]
    assert installs[0].startswith('pip install "heygen-api-client @ git+')
    assert "#subdirectory=generated/heygen-api-client" in installs[0]
    assert "pip install ./generated/heygen-api-client" in installs
    index = installs.index("pip install heygen-api-client")
    assert "once published" in section.splitlines()[section.splitlines().index(installs[index]) - 1]
    assert "~=4.1" not in README  # no version that does not exist yet


def test_every_relative_link_resolves() -> None:
    headings = _headings(README)
    for target in re.findall(r"\]\(([^)\s]+)\)", README):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        if not path:
            assert anchor in headings, target
            continue
        file = ROOT / path
        assert file.exists(), target
        if anchor:
            assert anchor in _headings(file.read_text(encoding="utf-8")), target
