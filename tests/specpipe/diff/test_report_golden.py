"""The differ's reports, byte for byte, against goldens captured before its speed-ups (issue 22).

The speed-ups (shortcuts in ``normalize`` and the schema walk) must not change a byte of any report:
pointers, messages, order. The other tests check ids; these check the rendered text, markdown and
JSON of every case pair, of every pairs/ document pair, and of a scaled synthetic pair (bench/synthetic.py's
4 copies of the vendored operation against the overlaid copies, both ways: many changes of many kinds).
Negative control: one character more in normalize's property pointers fails them at `scaled json`.
Rewrite the goldens only for an intended change of output: ``python -m tests.specpipe.diff.test_report_golden``.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path

from specpipe import documents
from specpipe.cli import main
from specpipe.diff import compare, render

from .all_cases import CASES

GOLDEN = Path(__file__).parent / "golden"
PAIRS = Path(__file__).parent / "pairs"
TODAY = date(2026, 12, 7)  # the goldens' date: a sunset's "already past" depends on it
FORMATS = ("text", "markdown", "json")


def _cli(old: Path, new: Path, form: str) -> str:
    out = io.StringIO()
    arguments = ["diff", str(old), str(new), "--format", form, "--fail-on", "never", "--today", TODAY.isoformat()]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(arguments)
    return out.getvalue()


def reports() -> dict[str, str]:
    """Every report the goldens hold, by name."""
    found: dict[str, str] = {}
    old, new = GOLDEN / "scaled-old.json", GOLDEN / "scaled-new.json"
    for form in FORMATS:
        found[f"scaled {form}"] = _cli(old, new, form)
        found[f"scaled reversed {form}"] = _cli(new, old, form)
    for case in CASES:
        found[f"case {case.name}"] = render(compare(case.old, case.new, today=case.today or TODAY), "json")
    for pair in sorted(path for path in PAIRS.iterdir() if path.is_dir()):
        before, after = (documents.load_mapping(next(pair.glob(f"{side}.*"))) for side in ("old", "new"))
        found[f"pair {pair.name}"] = render(compare(before, after, today=TODAY), "json")
    return found


def test_reports_match_the_goldens_byte_for_byte() -> None:
    expected = json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))
    actual = reports()
    assert actual.keys() == expected.keys()
    for name, text in expected.items():
        assert actual[name] == text, name


def test_the_scaled_pair_has_many_changes() -> None:
    """The scaled pair is worth its bytes only if it changes a lot (the `diff` floor's "every operation")."""
    expected = json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))
    assert expected["scaled text"].count("\n") >= 30
    assert expected["scaled reversed text"].count("\n") >= 30


if __name__ == "__main__":
    (GOLDEN / "reports.json").write_text(json.dumps(reports(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
