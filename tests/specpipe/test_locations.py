"""One reader for every document a command takes: a file or a loopback URL, raw or a docs page."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from specpipe import locations
from specpipe.errors import ExtractError, InputError, LimitError, SyncError
from specpipe.limits import FetchLimits

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/v3/videos/{video_id}": {"get": {"operationId": "getVideo", "responses": {"200": {"description": "ok"}}}}
    },
}
RAW_JSON = json.dumps(DOCUMENT)
RAW_YAML = yaml.safe_dump(DOCUMENT, sort_keys=False)
# Each form a published page takes (see specpipe.extract): developers.heygen.com's four-backtick YAML
# fence after its preamble, docs.heygen.com's JSON fence, and a rendered HTML page.
MINTLIFY = (
    "> ## Documentation Index\n>\n> Fetch the complete documentation index at: https://example.invalid/llms.txt\n\n"
    f"# Get Video\n\n## OpenAPI\n\n````yaml /openapi/external-api.json get /v3/videos/{{video_id}}\n{RAW_YAML}````\n"
)
README = f"# Get Video\n\nSome prose: with a colon.\n\n```json\n{json.dumps(DOCUMENT, indent=2)}\n```\n"
_ESCAPED = html.escape(RAW_JSON)
HTML = f"<!doctype html><html><body><h1>Get Video</h1><pre><code>{_ESCAPED}</code></pre></body></html>"
FORMS = {"raw.json": RAW_JSON, "raw.yaml": RAW_YAML, "page.md": MINTLIFY, "readme.md": README, "page.html": HTML}


@pytest.mark.parametrize("name", FORMS)
def test_every_form_is_read_from_a_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(FORMS[name], encoding="utf-8")
    assert locations.read_document(path, "diff") == DOCUMENT


@pytest.mark.parametrize("name", FORMS)
def test_every_form_is_read_from_a_url(httpserver: HTTPServer, name: str) -> None:
    httpserver.expect_request(f"/{name}").respond_with_data(FORMS[name])
    assert locations.read_document(httpserver.url_for(f"/{name}"), "diff") == DOCUMENT


def test_a_yaml_document_with_code_in_its_descriptions_is_the_document(tmp_path: Path) -> None:
    """Negative control: reading any text with code blocks as a page finds no document in this one."""
    coded = {**DOCUMENT, "info": {**DOCUMENT["info"], "description": "Pass the <code>video_id</code> it returned."}}
    path = tmp_path / "coded.yaml"
    path.write_text(yaml.safe_dump(coded, sort_keys=False), encoding="utf-8")
    assert locations.read_document(path, "diff") == coded


def test_a_yaml_file_that_is_no_page_keeps_its_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("openapi: 3.1.0\npaths: [1,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml: invalid YAML: .* at line 3"):
        locations.read_document(path, "diff")


def test_a_page_without_a_document_says_so(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("# Title\n\n```yaml\nname: not openapi\n```\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"page\.md: extract: no OpenAPI document found \(1 code block"):
        locations.read_document(path, "diff")


def test_a_document_that_is_no_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected a JSON/YAML object at the top level, got list"):
        locations.read_document(path, "doctor")


def test_a_download_is_bounded_and_named_after_the_step(httpserver: HTTPServer) -> None:
    """The same bounded reader as sync: negative control, reading the URL with no limits lets it through."""
    httpserver.expect_request("/big.json").respond_with_data(RAW_JSON + " " * 2000)
    url = httpserver.url_for("/big.json")
    with pytest.raises(LimitError, match=f"^{url}: diff: fetch failed: the body .* exceeds the limit of 1000 bytes"):
        locations.read_document(url, "diff", FetchLimits(max_bytes=1000))


def test_a_missing_page_at_a_url_is_an_http_error(httpserver: HTTPServer) -> None:
    url = httpserver.url_for("/missing.md")
    with pytest.raises(SyncError, match=f"^{url}: doctor: fetch failed: HTTP 500"):
        locations.read_document(url, "doctor")


def test_other_schemes_are_refused() -> None:
    with pytest.raises(SyncError, match="only http"):
        locations.read_document("ftp://127.0.0.1/spec.json", "diff")


@pytest.mark.parametrize(
    ("location", "name", "folder"),
    [
        ("specs/a.yaml", "a.yaml", Path("specs")),
        ("http://127.0.0.1:18940/docs/p.md?x=1", "p.md", None),
        ("https://127.0.0.1/", "https://127.0.0.1/", None),
    ],
)
def test_name_and_folder(location: str, name: str, folder: Path | None) -> None:
    assert (locations.name(location), locations.folder(location)) == (name, folder)
