"""specpipe extract: one OpenAPI document out of a page, or a clear refusal with nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from pathlib import Path

import pytest

from specpipe.cli import main
from specpipe.errors import ExtractError
from specpipe.extract import extract_document, provenance_path, vendor_bytes

ROOT = Path(__file__).resolve().parents[2]
DOC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1.2.3"}, "paths": {}}
DOC_JSON = json.dumps(DOC, indent=2)


def _markdown(*blocks: str) -> str:
    return "# Title\n\nprose\n\n" + "\n\n".join(f"```json\n{block}\n```" for block in blocks) + "\n"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(_markdown(DOC_JSON), id="markdown"),
        pytest.param(_markdown('{"code": 100}', DOC_JSON), id="markdown-with-other-json-block"),
        pytest.param(
            f'<html><body><h1>x</h1><pre><code class="language-json">{html.escape(DOC_JSON)}</code></pre></body></html>',
            id="html-escaped",
        ),
        pytest.param(DOC_JSON, id="raw-json"),
    ],
)
def test_extracts_the_one_document(page: str) -> None:
    assert extract_document(page, "page") == DOC


@pytest.mark.parametrize(
    ("page", "cause"),
    [
        pytest.param("# nothing here\n", "no OpenAPI document found", id="no-block"),
        pytest.param(_markdown('{"code": 100}'), "no OpenAPI document found", id="json-but-not-openapi"),
        pytest.param(_markdown(DOC_JSON, DOC_JSON), "2 OpenAPI documents found", id="several"),
        pytest.param(_markdown('{"openapi": "3.1.0", '), "is not valid JSON", id="invalid-json"),
    ],
)
def test_refuses_bad_pages(page: str, cause: str) -> None:
    with pytest.raises(ExtractError, match=cause) as error:
        extract_document(page, "the-page.md")
    assert str(error.value).startswith("the-page.md: extract: ")


def test_vendor_writes_document_and_provenance(tmp_path: Path) -> None:
    page = _markdown(DOC_JSON).encode()
    output = tmp_path / "openapi" / "api.json"
    vendor_bytes(page, "https://docs.example/page", output, tmp_path, today=dt.date(2026, 1, 2))
    text = output.read_text(encoding="utf-8")
    assert text == json.dumps(DOC, indent=2) + "\n"
    assert json.loads(provenance_path(output).read_text(encoding="utf-8")) == {
        "source": "https://docs.example/page",
        "retrieved": "2026-01-02",
        "page_sha256": hashlib.sha256(page).hexdigest(),
        "document_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "info_version": "1.2.3",
    }


def test_key_order_is_kept(tmp_path: Path) -> None:
    page = '{"paths": {}, "openapi": "3.1.0", "info": {"version": "1", "title": "t"}}'
    output = tmp_path / "api.json"
    vendor_bytes(page.encode(), "p", output, tmp_path)
    assert list(json.loads(output.read_text(encoding="utf-8"))) == ["paths", "openapi", "info"]


@pytest.mark.parametrize("page", ["# no spec\n", _markdown('{"openapi": ')], ids=["empty", "invalid"])
def test_cli_refuses_with_exit_2_and_writes_nothing(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "page.md"
    source.write_text(page, encoding="utf-8")
    output = tmp_path / "out" / "api.json"
    assert main(["extract", str(source), "-o", str(output), "--root", str(tmp_path)]) == 2
    assert "page.md: extract:" in capsys.readouterr().err
    assert not output.parent.exists() or not any(output.parent.iterdir())


def test_cli_extracts(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text(_markdown(DOC_JSON), encoding="utf-8")
    output = tmp_path / "api.json"
    assert main(["extract", str(source), "-o", str(output), "--source", "https://x/y", "--root", str(tmp_path)]) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == DOC
    assert json.loads(provenance_path(output).read_text(encoding="utf-8"))["source"] == "https://x/y"


def test_document_and_provenance_are_written_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The provenance cannot be written (a folder is in its place): the document is not written either."""
    source = tmp_path / "page.md"
    source.write_text(_markdown(DOC_JSON), encoding="utf-8")
    output = tmp_path / "openapi" / "api.json"
    provenance_path(output).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)  # the journal's root defaults to the current folder
    assert main(["extract", str(source), "-o", str(output)]) == 2
    assert f"{provenance_path(output)}: extract: is a folder, cannot be replaced by a file" in capsys.readouterr().err
    assert not output.exists()
    assert not (tmp_path / ".specpipe").exists()
