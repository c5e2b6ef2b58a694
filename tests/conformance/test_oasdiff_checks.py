"""oasdiff's whole check vocabulary (../shared/reference/oasdiff-checks.tsv) against ``specpipe diff``:
each id is implemented at oasdiff's level, or listed as not applicable with a reason."""

from __future__ import annotations

import csv

import pytest

from specpipe.cli import EXIT_OK, main
from specpipe.diff import RULES, Level
from specpipe.diff.not_applicable import NOT_APPLICABLE
from specpipe.diff.rule import Origin
from tests.shared import shared_path

LEVELS = {"ERR": Level.BREAKING, "WARN": Level.WARNING, "INFO": Level.INFO}


def _oasdiff() -> dict[str, Level]:
    path = shared_path("reference/oasdiff-checks.tsv", "conformance: oasdiff check ids")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: LEVELS[row["level"]] for row in csv.DictReader(handle, delimiter="\t")}


def test_every_oasdiff_id_is_implemented_or_not_applicable() -> None:
    oasdiff = _oasdiff()
    implemented = {rule.id for rule in RULES.values() if rule.origin is Origin.OASDIFF}
    missing = sorted(set(oasdiff) - implemented - set(NOT_APPLICABLE))
    assert missing == [], f"{len(missing)} oasdiff ids neither implemented nor listed as not applicable"


def test_not_applicable_ids_are_oasdiff_ids_at_its_level_and_not_implemented() -> None:
    oasdiff = _oasdiff()
    for check, (level, reason) in NOT_APPLICABLE.items():
        assert oasdiff.get(check) is level, check
        assert check not in RULES, f"{check} is both implemented and not applicable"
        assert reason.strip(), check


def test_list_checks_prints_every_oasdiff_id_with_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--list-checks"]) == EXIT_OK
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    listed = {row[0]: row for row in rows}
    oasdiff = _oasdiff()
    for check in oasdiff.keys() & listed.keys():
        _, level, origin, status = listed[check]
        assert (level, origin) == (oasdiff[check].value, "oasdiff"), check
        assert status == "implemented" or status.startswith("not-applicable: "), check
    assert {check for check, row in listed.items() if row[2] == "specpipe"}.isdisjoint(oasdiff)
