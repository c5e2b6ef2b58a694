"""specpipe extract: one OpenAPI document out of a page, or a clear refusal with nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from specpipe.cli import main
from specpipe.errors import ExtractError, LimitError
from specpipe.extract import Extracted, extract_document, provenance_path, vendor_bytes
from tests.specpipe.hostile import alias_bomb

ROOT = Path(__file__).resolve().parents[2]
DOC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1.2.3"}, "paths": {}}
DOC_JSON = json.dumps(DOC, indent=2)


# developers.heygen.com's form: the document as YAML in a four-backtick fence naming source and operation,
# after the "Documentation Index" preamble; its descriptions may hold fenced examples of their own.
NEW_API_YAML = """openapi: 3.1.0
info:
  title: HeyGen External API
  version: 1.0.0
servers:
  - url: https://api.heygen.com
security:
  - ApiKeyAuth: []
  - BearerAuth: []
paths:
  /v3/video-translations/{video_translation_id}:
    delete:
      operationId: deleteVideoTranslation
      parameters:
        - name: video_translation_id
          in: path
          required: true
          schema: {type: string}
      responses:
        200:
          description: |
            Deleted. For example:
            ```json
            {"openapi": "not this one"}
            ```
          content:
            application/json:
              schema:
                type: object
                properties:
                  created_at: {type: string, example: 2026-01-02}
components:
  securitySchemes:
    ApiKeyAuth: {type: apiKey, in: header, name: x-api-key}
    BearerAuth: {type: http, scheme: bearer}
"""
OPERATION = "delete /v3/video-translations/{video_translation_id}"


def _markdown(*blocks: str) -> str:
    return "# Title\n\nprose\n\n" + "\n\n".join(f"```json\n{block}\n```" for block in blocks) + "\n"


def mintlify_page(*documents_yaml: str, operation: str = OPERATION) -> str:
    """A developers.heygen.com page (markdown export) embedding each YAML text as its OpenAPI block."""
    blocks = "\n".join(f"````yaml /openapi/external-api.json {operation}\n{text}````\n" for text in documents_yaml)
    return (
        "> ## Documentation Index\n"
        "> Fetch the complete documentation index at: https://developers.example/llms.txt\n"
        "> Use this file to discover all available pages before exploring further.\n\n"
        f"# Delete a video translation\n\n```bash\ncurl -X DELETE x\n```\n\n## OpenAPI\n\n{blocks}"
    )


@pytest.mark.parametrize(
    ("page", "page_format"),
    [
        pytest.param(_markdown(DOC_JSON), "readme-json", id="markdown"),
        pytest.param(_markdown('{"code": 100}', DOC_JSON), "readme-json", id="markdown-with-other-json-block"),
        pytest.param(_markdown(DOC_JSON).replace("\n", "\r\n"), "readme-json", id="markdown-crlf"),
        pytest.param(
            f'<html><body><h1>x</h1><pre><code class="language-json">{html.escape(DOC_JSON)}</code></pre></body></html>',
            "html",
            id="html-escaped",
        ),
        pytest.param(DOC_JSON, "raw-json", id="raw-json"),
        pytest.param("\ufeff" + DOC_JSON, "raw-json", id="raw-json-after-a-bom"),
        pytest.param(DOC_JSON.replace("\n", "\r\n"), "raw-json", id="raw-json-crlf"),
    ],
)
def test_extracts_the_one_document(page: str, page_format: str) -> None:
    assert extract_document(page, "page") == Extracted(DOC, page_format)  # type: ignore[arg-type]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_reads_a_developers_heygen_com_page(line_end: str) -> None:
    extracted = extract_document(mintlify_page(NEW_API_YAML).replace("\n", line_end), "delete.md")
    assert extracted.page_format == "mintlify-yaml"
    document = extracted.document
    assert (document["openapi"], document["info"]["title"]) == ("3.1.0", "HeyGen External API")
    assert set(document["components"]["securitySchemes"]) == {"ApiKeyAuth", "BearerAuth"}
    operation = document["paths"]["/v3/video-translations/{video_translation_id}"]["delete"]
    # Keys stay strings and dates stay strings: the document is JSON data.
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["created_at"]["example"] == "2026-01-02"
    assert "```json" in operation["responses"]["200"]["description"]


def test_a_page_with_a_utf8_bom_extracts(tmp_path: Path) -> None:
    page = tmp_path / "spec.json"
    page.write_bytes(b"\xef\xbb\xbf" + DOC_JSON.encode())
    output = tmp_path / "api.json"
    assert main(["extract", str(page), "-o", str(output)]) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == DOC


@pytest.mark.parametrize(
    ("page", "cause"),
    [
        pytest.param("# nothing here\n", "no OpenAPI document found", id="no-block"),
        pytest.param(_markdown('{"code": 100}'), "no OpenAPI document found", id="json-but-not-openapi"),
        pytest.param(_markdown(DOC_JSON, DOC_JSON), "2 OpenAPI documents found", id="several"),
        pytest.param(_markdown('{"openapi": "3.1.0", '), "line 6: invalid JSON", id="invalid-json"),
        pytest.param(_markdown('{"openapi": "3.1.0", "x": 1e999}'), "out of range", id="json-1e999"),
        pytest.param(_markdown('{"openapi": "3.1.0", "x": NaN}'), "NaN is not JSON", id="json-nan"),
        pytest.param(mintlify_page("openapi: 3.1.0\npaths: [\n"), "line 14: invalid YAML", id="invalid-yaml"),
        pytest.param(mintlify_page(NEW_API_YAML, NEW_API_YAML), "2 OpenAPI documents found", id="two-yaml"),
        pytest.param(
            mintlify_page(NEW_API_YAML) + _markdown(DOC_JSON), "2 OpenAPI documents found", id="yaml-and-json"
        ),
        pytest.param(mintlify_page("title: not an API\n"), "no OpenAPI document found", id="yaml-not-openapi"),
        pytest.param(mintlify_page("openapi: 3.1.0\nx: .inf\n"), "not a finite number", id="yaml-infinity"),
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
        "page_format": "readme-json",
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


@pytest.mark.parametrize(
    "page",
    ["# no spec\n", _markdown('{"openapi": '), '{"openapi": "3.1.0", "x": 1e999}'],
    ids=["empty", "invalid", "1e999"],
)
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


def test_cli_extracts_from_a_url_recording_it_as_the_source(tmp_path: Path, httpserver: HTTPServer) -> None:
    """Negative control: with the page argument typed as a Path again, the URL reads as a missing file."""
    page = _markdown(DOC_JSON).encode("utf-8")
    httpserver.expect_request("/docs/page.md").respond_with_data(page)
    url = httpserver.url_for("/docs/page.md")
    output = tmp_path / "api.json"
    assert main(["extract", url, "-o", str(output), "--root", str(tmp_path)]) == 0
    assert json.loads(output.read_text(encoding="utf-8")) == DOC
    record = json.loads(provenance_path(output).read_text(encoding="utf-8"))
    assert (record["source"], record["page_sha256"]) == (url, hashlib.sha256(page).hexdigest())


def test_cli_extract_downloads_within_the_cap(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/page.md").respond_with_data(_markdown(DOC_JSON))
    url = httpserver.url_for("/page.md")
    output = tmp_path / "api.json"
    assert main(["extract", url, "-o", str(output), "--root", str(tmp_path), "--max-download", "20"]) == 2
    assert f"{url}: extract: fetch failed: the body" in capsys.readouterr().err
    assert not output.exists()


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


def test_a_yaml_page_is_read_within_the_limits() -> None:
    """The page's YAML goes through the bounded reader: an alias bomb in any block is refused, fast."""
    page = mintlify_page("openapi: 3.1.0\n" + alias_bomb())
    with pytest.raises(
        LimitError, match=r"^delete\.md: extract: the OpenAPI code block at line 14: nodes added by YAML aliases"
    ):
        extract_document(page, "delete.md")


@pytest.mark.parametrize("fence", ["```", "````"], ids=["three-backticks", "four-backticks"])
def test_reads_either_fence_developers_heygen_com_uses(fence: str) -> None:
    """get-video.md has a three-backtick ```yaml fence, delete-video-translation.md a four-backtick one;
    the info string after the language names the document and the operation."""
    text = "openapi: 3.1.0\ninfo:\n  title: HeyGen External API\n  version: 1.0.0\npaths: {}\n"
    page = mintlify_page(text, operation="get /v3/videos/{video_id}").replace("````", fence)
    assert f"{fence}yaml /openapi/external-api.json get /v3/videos/{{video_id}}\n" in page
    extracted = extract_document(page, "get-video.md")
    assert extracted.page_format == "mintlify-yaml"
    assert extracted.document["info"] == {"title": "HeyGen External API", "version": "1.0.0"}
