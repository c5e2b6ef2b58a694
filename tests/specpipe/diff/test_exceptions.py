"""Reviewed diff exceptions: an excused change leaves the breaking count and is listed with its reason;
a bad file is refused naming the file and the entry; an entry that excused nothing is reported stale.

Negative control: with the exceptions file left out, the same pair is breaking and exits 1
(``test_the_pair_is_breaking_without_the_file``), so the excusing tests can fail.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from specpipe.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from specpipe.diff import compare, render
from specpipe.diff.exceptions import load_if_present, parse_exceptions
from specpipe.errors import InputError
from specpipe.project import Project
from specpipe.version import Bump, decide_bump

TODAY = date(2026, 12, 6)
OLD = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/v1/a": {"delete": {"responses": {}}}}}
NEW = json.loads(json.dumps(OLD))
NEW["paths"]["/v1/a"]["delete"].update({"deprecated": True, "x-sunset": "2026-11-01"})
ENTRY = {"id": "api-sunset-date-too-small", "operation": "DELETE /v1/a", "reason": "HeyGen's date, recorded late."}


def _exceptions(*entries: Mapping[str, object]) -> str:
    return json.dumps({"exceptions": list(entries)})


def test_an_excused_change_is_listed_apart_and_not_breaking() -> None:
    report = compare(OLD, NEW, today=TODAY, exceptions=parse_exceptions(json.loads(_exceptions(ENTRY)), "x.yaml"))
    assert report.changes == ()
    assert [(item.change.id, item.reason) for item in report.excused] == [
        ("api-sunset-date-too-small", "HeyGen's date, recorded late.")
    ]
    assert not report.breaking
    assert report.unused_exceptions == ()
    assert decide_bump([report]) is Bump.MINOR  # a reviewed change is still a change
    assert "excused  DELETE /v1/a" in render(report, "text")
    assert "### Excused (1)" in render(report, "markdown")
    payload = json.loads(render(report, "json"))
    assert payload["breaking"] is False
    assert payload["excused"][0]["reason"] == ENTRY["reason"]


def test_an_entry_for_another_operation_excuses_nothing_and_is_stale() -> None:
    other = {**ENTRY, "operation": "DELETE /v1/b"}
    report = compare(OLD, NEW, today=TODAY, exceptions=parse_exceptions(json.loads(_exceptions(other)), "x.yaml"))
    assert report.breaking
    assert report.excused == ()
    assert report.unused_exceptions == ("x.yaml: entry 1 (api-sunset-date-too-small on DELETE /v1/b)",)


def _run(tmp_path: Path, exceptions: str | None, *extra: str) -> int:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), encoding="utf-8")
    new.write_text(json.dumps(NEW), encoding="utf-8")
    argv = ["diff", str(old), str(new), "--today", TODAY.isoformat(), *extra]
    if exceptions is not None:
        (tmp_path / "exceptions.yaml").write_text(exceptions, encoding="utf-8")
        argv += ["--exceptions", str(tmp_path / "exceptions.yaml")]
    return main(argv)


def test_the_pair_is_breaking_without_the_file(tmp_path: Path) -> None:
    assert _run(tmp_path, None) == EXIT_FINDINGS


def test_cli_excuses_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, _exceptions(ENTRY)) == EXIT_OK
    out, err = capsys.readouterr()
    assert "excused" in out
    assert "[api-sunset-date-too-small, breaking] because: HeyGen's date" in out
    assert "0 breaking" in err
    assert "1 excused" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _exceptions({**ENTRY, "id": "api-sunset-too-smal"}),
            "entry 1 (api-sunset-too-smal on DELETE /v1/a): unknown rule id",
        ),
        (_exceptions({**ENTRY, "reason": " "}), "at exceptions/0/reason"),
        (
            _exceptions({key: value for key, value in ENTRY.items() if key != "reason"}),
            "'reason' is a required property",
        ),
        (_exceptions({**ENTRY, "operation": "/v1/a"}), "at exceptions/0/operation"),
        ("[]", "at the top level"),
    ],
)
def test_a_bad_file_exits_2_naming_it(
    tmp_path: Path, text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path, text) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "exceptions.yaml: " in err
    assert message in err
    assert "Traceback" not in err


def test_a_stale_entry_is_a_warning_not_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, _exceptions(ENTRY, {**ENTRY, "operation": "DELETE /v1/b"})) == EXIT_OK
    assert "warning: " in (err := capsys.readouterr().err)
    assert "entry 2 (api-sunset-date-too-small on DELETE /v1/b)" in err


def test_the_repository_file_is_valid_and_names_real_rules() -> None:
    """The committed file parses; every entry's rule id exists (parse refuses unknown ones)."""
    exceptions = load_if_present(Project.at(Path(__file__).parents[3]).diff_exceptions)
    assert exceptions is not None
    assert exceptions.entries


def test_unknown_id_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown rule id"):
        parse_exceptions({"exceptions": [{**ENTRY, "id": "nope"}]}, "x.yaml")
