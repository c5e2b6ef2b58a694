"""Operations past their sunset: doctor and check warn (stderr) and still pass; the date is --today.

Negative control: the same document a day before its sunset gives no warning
(``test_before_the_sunset_nothing_is_said``), so the warning tests can fail.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from specpipe.cli import EXIT_ERROR, EXIT_OK, main
from specpipe.sunset import markdown_section, past_sunset

ROOT = Path(__file__).parents[2]
OPERATION = {"responses": {"200": {"description": "ok"}}, "deprecated": True}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/v1/a": {"delete": {**OPERATION, "x-sunset": "2026-11-01", "x-replaced-by": "DELETE /v3/a/{id}"}},
        "/v1/b": {"get": {**OPERATION, "x-sunset": "not a date"}},
        "/v1/c": {"get": {**OPERATION, "x-sunset": "2027-01-01T00:00:00Z"}},
    },
}


def test_on_and_after_the_sunset_each_operation_is_named() -> None:
    assert past_sunset(DOCUMENT, date(2026, 11, 1)) == [
        "DELETE /v1/a is past its sunset 2026-11-01 (today 2026-11-01); replaced by DELETE /v3/a/{id}"
    ]
    assert len(past_sunset(DOCUMENT, date(2027, 1, 1))) == 2


def test_before_the_sunset_nothing_is_said() -> None:
    assert past_sunset(DOCUMENT, date(2026, 10, 31)) == []
    assert markdown_section([], []) == ""


def test_doctor_warns_without_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    assert main(["doctor", str(spec), "--today", "2026-12-06"]) == EXIT_OK
    assert "warning: DELETE /v1/a is past its sunset 2026-11-01 (today 2026-12-06)" in capsys.readouterr().err
    assert main(["doctor", str(spec), "--today", "2026-10-31"]) == EXIT_OK
    assert "past its sunset" not in capsys.readouterr().err  # (the naming warnings are another matter)


def test_today_must_be_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["doctor", str(tmp_path / "spec.json"), "--today", "20261206"])
    assert exit_.value.code == EXIT_ERROR
    assert "is not a YYYY-MM-DD date" in capsys.readouterr().err


def test_check_warns_about_the_retired_v1_delete_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The repository's own client: its v1 delete is past its sunset (overlay/heygen-api.overlay.yaml)."""
    assert main(["check", "--root", str(ROOT), "--today", "2026-12-06"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "warning: DELETE /v1/video.delete is past its sunset 2026-11-01" in err
    assert "replaced by DELETE /v3/videos/{video_id}" in err
