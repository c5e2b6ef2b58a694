"""`specpipe diff`: output formats, --fail-on exit codes, and exit 2 when the tool itself cannot run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from specpipe.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from specpipe.diff import FORMATS, RULES
from specpipe.diff.not_applicable import NOT_APPLICABLE

PAIRS = Path(__file__).parent / "diff" / "pairs"
OLD = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      {deprecated: %s, parameters: [%s]}\n"
NO_PARAMETER = ""
OPTIONAL = "{name: q, in: query, schema: {type: string}}"
REQUIRED = "{name: q, in: query, required: true, schema: {type: string}}"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def pairs(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    """Pairs whose worst change is breaking, info, or nothing at all."""
    base = _write(tmp_path, "base.yaml", OLD % ("false", NO_PARAMETER))
    return {
        "breaking": (base, _write(tmp_path, "breaking.yaml", OLD % ("false", REQUIRED))),
        "info": (base, _write(tmp_path, "info.yaml", OLD % ("false", OPTIONAL))),
        "none": (base, _write(tmp_path, "same.json", json.dumps({"openapi": "3.1.0", "paths": {"/a": {"get": {}}}}))),
    }


@pytest.mark.parametrize(
    ("pair", "fail_on", "code"),
    [
        ("breaking", None, EXIT_FINDINGS),
        ("info", None, EXIT_OK),
        ("none", None, EXIT_OK),
        ("breaking", "breaking", EXIT_FINDINGS),
        ("info", "breaking", EXIT_OK),
        ("breaking", "any", EXIT_FINDINGS),
        ("info", "any", EXIT_FINDINGS),
        ("none", "any", EXIT_OK),
        ("breaking", "never", EXIT_OK),
        ("info", "never", EXIT_OK),
    ],
    ids=str,
)
def test_exit_code_follows_fail_on(
    pairs: dict[str, tuple[Path, Path]], pair: str, fail_on: str | None, code: int
) -> None:
    old, new = pairs[pair]
    options = [] if fail_on is None else ["--fail-on", fail_on]
    assert main(["diff", str(old), str(new), *options]) == code


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_offered(
    pairs: dict[str, tuple[Path, Path]], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = pairs["breaking"]
    main(["diff", str(old), str(new), "--format", fmt])
    out, err = capsys.readouterr()
    assert "new-required-request-parameter" in out
    assert err.strip() == "1 change(s): 1 breaking, 0 warning, 0 info"


def test_json_output_of_a_real_pair(capsys: pytest.CaptureFixture[str]) -> None:
    pair = PAIRS / "apikey-header-renamed"
    code = main(["diff", str(pair / "old.json"), str(pair / "new.yaml"), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == EXIT_FINDINGS
    assert payload["breaking"] is True
    assert [change["id"] for change in payload["changes"]] == [
        "api-security-component-apikey-name-changed",
        "api-major-version-not-bumped",
        "api-operation-summary-changed",
    ]


@pytest.mark.parametrize(
    ("old_text", "new_text", "message"),
    [
        pytest.param(None, "openapi: 3.1.0\n", "cannot read", id="missing-file"),
        pytest.param("openapi: 3.1.0\n", "paths: [\n", "invalid YAML", id="invalid-yaml"),
        pytest.param("openapi: 3.1.0\n", "- a\n- b\n", "expected a JSON/YAML object", id="not-an-object"),
        pytest.param("openapi: 3.1.0\n", "swagger: '2.0'\n", "not an OpenAPI 3.x document", id="swagger-2"),
        pytest.param(
            "openapi: 3.1.0\n",
            "openapi: 3.1.0\npaths: {/a: {get: {parameters: [{$ref: '#/nope'}]}}}\n",
            "$ref '#/nope' does not resolve",
            id="dangling-ref",
        ),
    ],
)
def test_tool_failure_exits_2_naming_the_file(
    tmp_path: Path, old_text: str | None, new_text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.yaml"
    if old_text is not None:
        old.write_text(old_text, encoding="utf-8")
    new = _write(tmp_path, "new.yaml", new_text)
    assert main(["diff", str(old), str(new), "--fail-on", "never"]) == EXIT_ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("specpipe diff: error: ")
    assert message in err
    assert str(old if old_text is None else new) in err


@pytest.mark.parametrize("command", ["diff", "api-diff"])
def test_a_json_report_that_cannot_be_made_is_a_json_error(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A machine reader gets JSON on stdout whatever happens, with the exit code and the stderr line kept.

    Negative control: without the --format json branch in main, stdout is empty and json.loads fails."""
    new = _write(tmp_path, "new.yaml", "paths: [\n")
    assert main([command, str(tmp_path / "missing.yaml"), str(new), "--format", "json"]) == EXIT_ERROR
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert set(error) == {"command", "step", "message"}
    assert (error["command"], error["step"]) == (command, command)
    assert err == f"specpipe {command}: error: {error['message']}\n"
    assert "missing.yaml" in error["message"]


def test_other_formats_keep_stdout_empty_on_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path / "missing.yaml"), str(tmp_path / "missing.yaml"), "--format", "markdown"]) == 2
    assert capsys.readouterr().out == ""


MINTLIFY_PAGE = "> ## Documentation Index\n\n# Get Video\n\n````yaml /openapi/external-api.json get /a\n{}````\n"


def test_diff_reads_docs_pages_and_urls(
    pairs: dict[str, tuple[Path, Path]], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff a.json page.md` and `diff a.json http://.../p.md` (issue 18): the page's document is compared.

    Negative controls: before specpipe.locations, the page was "invalid YAML … found character '`'" and the
    URL became `http:/127.0.0.1…`, a missing file (argparse's type=Path)."""
    old, new = pairs["breaking"]
    page = new.with_name("page.md")
    page.write_text(MINTLIFY_PAGE.format(new.read_text(encoding="utf-8")), encoding="utf-8")
    httpserver.expect_request("/p.md").respond_with_data(page.read_text(encoding="utf-8"), content_type="text/markdown")
    assert main(["diff", str(old), str(new), "--format", "json"]) == EXIT_FINDINGS
    expected = json.loads(capsys.readouterr().out)
    for location in (str(page), httpserver.url_for("/p.md")):
        assert main(["diff", str(old), location, "--format", "json"]) == EXIT_FINDINGS
        assert json.loads(capsys.readouterr().out) == expected


def test_a_download_over_the_cap_exits_2(
    pairs: dict[str, tuple[Path, Path]], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = pairs["info"]
    httpserver.expect_request("/new.yaml").respond_with_data(new.read_text(encoding="utf-8"))
    url = httpserver.url_for("/new.yaml")
    assert main(["diff", str(old), url, "--max-download", "10"]) == EXIT_ERROR
    assert capsys.readouterr().err.startswith(
        f"specpipe diff: error: {url}: diff: fetch failed: the body announced in Content-Length exceeds the limit"
    )


def test_list_checks_needs_no_documents(capsys: pytest.CaptureFixture[str]) -> None:
    """One tab-separated line per id: implemented rules and the not-applicable table, nothing else."""
    assert main(["diff", "--list-checks"]) == EXIT_OK
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert all(len(row) == 4 for row in rows)
    assert [row[0] for row in rows] == sorted(set(RULES) | set(NOT_APPLICABLE))
    statuses = {row[0]: row[3] for row in rows}
    assert statuses["endpoint-deprecated-with-sunset"] == "implemented"
    assert statuses["api-deprecated-sunset-missing"].startswith("not-applicable: oasdiff reports it only")
    assert {row[2] for row in rows} == {"oasdiff", "specpipe"}


def test_diff_without_documents_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff"]) == EXIT_ERROR
    assert "OLD and NEW documents are required" in capsys.readouterr().err


SUNSET = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {deprecated: true, x-sunset: '2030-06-30'}\n"


@pytest.mark.parametrize(
    ("today", "expected", "code"),
    [
        ("2030-01-15", "api-path-removed-before-sunset", EXIT_FINDINGS),
        ("2030-06-30", None, EXIT_OK),  # on the sunset day the endpoint may go
    ],
)
def test_today_decides_whether_a_sunset_has_passed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str, expected: str | None, code: int
) -> None:
    old = _write(tmp_path, "old.yaml", SUNSET)
    new = _write(tmp_path, "new.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    assert main(["diff", str(old), str(new), "--today", today, "--format", "json"]) == code
    ids = [change["id"] for change in json.loads(capsys.readouterr().out)["changes"]]
    assert ids == ([expected] if expected else [])


@pytest.mark.parametrize("today", ["2030-13-01", "20300115", "tomorrow"])
def test_today_must_be_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["diff", "a.yaml", "b.yaml", "--today", today])
    assert raised.value.code == EXIT_ERROR
    assert "is not a YYYY-MM-DD date" in capsys.readouterr().err


def test_external_refs_beside_each_document_are_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {$ref: 'parts/q.yaml#/Q'}\n"
    for side, kind in (("old", "string"), ("new", "integer")):
        (tmp_path / side / "parts").mkdir(parents=True)
        _write(tmp_path / side, f"{side}.yaml", document)
        _write(tmp_path / side / "parts", "q.yaml", f"Q: {{name: q, in: query, schema: {{type: {kind}}}}}\n")
    code = main(["diff", str(tmp_path / "old" / "old.yaml"), str(tmp_path / "new" / "new.yaml"), "--format", "json"])
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert code == EXIT_FINDINGS
    assert [(change["id"], change["new_pointer"]) for change in changes] == [
        ("request-parameter-type-changed", "parts/q.yaml#/Q/schema")
    ]


def test_an_external_ref_above_the_folder_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "spec").mkdir()
    _write(tmp_path, "q.yaml", "Q: {name: q, in: query}\n")
    text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: [{$ref: '../q.yaml#/Q'}]\n"
    new = _write(tmp_path / "spec", "new.yaml", text)
    assert main(["diff", str(new), str(new)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"specpipe diff: error: {new}: $ref '../q.yaml#/Q' points above the document's folder")
    assert "Traceback" not in err
