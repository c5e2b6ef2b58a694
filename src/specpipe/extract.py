"""Pull the OpenAPI document out of a published HeyGen docs page and vendor it with its provenance.

HeyGen publishes one page per operation, in one of these forms (``PageFormat``, recorded in the
provenance):

- ``readme-json``: docs.heygen.com's markdown export, the OpenAPI 3.1 JSON in a fenced ```json block;
- ``mintlify-yaml``: developers.heygen.com's pages, the document as YAML in a three- or four-backtick
  fence whose info string names the source and the operation (```` ```yaml /openapi/external-api.json
  get /v3/videos/{video_id} ```` on get-video, ```` ````yaml ... ```` on delete-video-translation),
  after a "> ## Documentation Index" preamble;
- ``html``: a rendered page, the JSON in a <pre><code> block;
- ``raw-json``: the document itself.

Every block is parsed with the bounded readers of ``specpipe.documents``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import shlex
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from specpipe import documents, transaction
from specpipe.errors import ExtractError, InputError, LimitError
from specpipe.fetch import fetch, is_url
from specpipe.limits import FetchLimits

PageFormat = Literal["readme-json", "mintlify-yaml", "html", "raw-json"]
_Language = Literal["json", "yaml"]

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
# A fence's language (the info string's first word) → how its body is read, and what kind of page it is.
_FENCE_LANGUAGES: dict[str, tuple[_Language, PageFormat]] = {
    "": ("json", "readme-json"),
    "json": ("json", "readme-json"),
    "yaml": ("yaml", "mintlify-yaml"),
    "yml": ("yaml", "mintlify-yaml"),
}
# Text that says a block that failed to parse was meant to be the OpenAPI document.
_LOOKS_LIKE_OPENAPI = re.compile(r'"openapi"|^openapi[ \t]*:', re.M)


@dataclass(frozen=True)
class _Block:
    """A code block of a page, with the line it starts on (for error messages) and how to read it."""

    line: int
    text: str
    language: _Language
    page_format: PageFormat


@dataclass(frozen=True)
class Extracted:
    """The one OpenAPI document of a page, and which form of page it came in."""

    document: dict[str, Any]
    page_format: PageFormat


class _CodeBlocks(HTMLParser):
    """Collects the text of every <code>/<pre> element; the stdlib parser suffices for this."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._depth = 0
        self._parts: list[str] = []
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"pre", "code"}:
            if self._depth == 0:
                self._parts, self._line = [], self.getpos()[0]
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"pre", "code"} and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self.blocks.append(_Block(self._line, "".join(self._parts), "json", "html"))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._parts.append(data)


def _fenced_blocks(text: str) -> list[_Block]:
    blocks = []
    for match in _FENCE.finditer(text):
        words = match["info"].split()
        kind = _FENCE_LANGUAGES.get(words[0].lower() if words else "")
        if kind is not None:
            blocks.append(_Block(text.count("\n", 0, match.start()) + 2, match["body"], *kind))
    return blocks


def _code_blocks(text: str) -> list[_Block]:
    """The blocks of a markdown page (fences), or of an HTML page (<pre>/<code>) when it has no fences."""
    if text.lstrip().startswith("{"):
        return [_Block(1, text, "json", "raw-json")]
    fenced = [] if text.lstrip().startswith("<") else _fenced_blocks(text)
    if fenced or not re.search(r"<(pre|code)\b", text, re.I):
        return fenced
    parser = _CodeBlocks()
    parser.feed(text)
    parser.close()
    return parser.blocks


def _is_openapi(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("openapi"), str)


def _parse_block(block: _Block, source: str) -> Any:
    """The block's value; ``None`` for a block that does not parse and is not meant to be the document."""
    label = f"{source}: extract: the OpenAPI code block at line {block.line}"
    text = html.unescape(block.text) if block.page_format == "html" and "&" in block.text else block.text
    try:
        return documents.parse_json(text, label) if block.language == "json" else documents.parse_yaml(text, label)
    except LimitError:
        raise  # a bomb is refused wherever it sits
    except InputError as exc:
        if _LOOKS_LIKE_OPENAPI.search(block.text):
            raise ExtractError(str(exc)) from exc
        return None


def extract_document(text: str, source: str) -> Extracted:
    """The one OpenAPI document in ``text``: a docs page (markdown or HTML) or raw JSON.

    A code block that does not parse is ignored unless it looks like the OpenAPI document (has an
    ``openapi`` field): then the page is refused rather than vendoring a partial document. A byte
    order mark and CRLF line ends are read as any editor would.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    blocks = _code_blocks(text)
    found = [(block, value) for block in blocks if _is_openapi(value := _parse_block(block, source))]
    if not found:
        raise ExtractError(
            f"{source}: extract: no OpenAPI document found "
            f"({len(blocks)} code block(s) read, none a JSON or YAML object with an 'openapi' field)"
        )
    if len(found) > 1:
        lines = ", ".join(str(block.line) for block, _ in found)
        raise ExtractError(
            f"{source}: extract: {len(found)} OpenAPI documents found (code blocks at lines {lines}); "
            "a page must embed exactly one"
        )
    block, document = found[0]
    return Extracted(document, block.page_format)


def provenance(
    source: str, page: bytes, extracted: Extracted, document_text: str, today: dt.date, *, read_from: str | None = None
) -> dict[str, Any]:
    """What a reviewer needs to trust the vendored file: where it came from, in what form, and checksums.

    ``source`` is the page's published URL; ``read_from`` where these bytes were read when that was
    elsewhere (a saved copy of the page, a mirror), recorded so the checksum can be checked against it.
    """
    info = documents.info_version(extracted.document)
    return {
        "source": source,
        **({"read_from": read_from} if read_from is not None and read_from != source else {}),
        "page_format": extracted.page_format,
        "retrieved": today.isoformat(),
        "page_sha256": hashlib.sha256(page).hexdigest(),
        "document_sha256": hashlib.sha256(document_text.encode("utf-8")).hexdigest(),
        "info_version": info,
    }


def provenance_path(document_path: Path) -> Path:
    """``openapi/heygen-api.json`` → ``openapi/heygen-api.source.json``."""
    return document_path.with_name(f"{document_path.stem}.source.json")


def is_page(text: str) -> bool:
    """Whether ``text`` (not raw JSON) has code blocks a docs page would embed its document in."""
    return bool(_code_blocks(text.removeprefix("\ufeff").replace("\r\n", "\n")))


def extract_page(page: bytes, source: str) -> Extracted:
    """The one OpenAPI document in the raw bytes of a published page."""
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractError(f"{source}: extract: the page is not UTF-8 text ({exc})") from exc
    return extract_document(text, source)


def vendored_files(
    extracted: Extracted,
    page: bytes,
    source: str,
    output: Path,
    today: dt.date | None = None,
    *,
    read_from: str | None = None,
) -> dict[Path, str]:
    """The document ``page`` yielded and its provenance: what vendoring writes, one transaction's worth."""
    document_text = documents.dumps(extracted.document)
    day = today or dt.datetime.now(dt.UTC).date()
    record = provenance(source, page, extracted, document_text, day, read_from=read_from)
    return {output: document_text, provenance_path(output): documents.dumps(record)}


def vendor_bytes(
    page: bytes,
    source: str,
    output: Path,
    root: Path,
    *,
    today: dt.date | None = None,
    command: str | None = None,
    read_from: str | None = None,
) -> Extracted:
    """Extract from ``page`` and write the document and its provenance together (a transaction in ``root``).

    Nothing is written on error; ``command`` is what a user re-runs after an interruption.
    """
    extracted = extract_page(page, source)
    if not root.is_dir():
        raise InputError(f"{root}: extract: no such folder (pass the repository root as --root)")
    rerun = command or shlex.join(["specpipe", "extract", source, "-o", str(output)])
    with transaction.begin(root, "extract", rerun, (output, provenance_path(output))) as changes:
        for path, text in vendored_files(extracted, page, source, output, today, read_from=read_from).items():
            changes.add_text(path, text)
    return extracted


def vendor(
    page: str | Path,
    output: Path,
    source: str | None = None,
    root: Path | None = None,
    fetch_limits: FetchLimits | None = None,
) -> Extracted:
    """``specpipe extract PAGE -o OUTPUT``; ``PAGE`` a file or an http(s) URL (downloaded within ``fetch_limits``).

    ``source`` (the published URL, recorded in the provenance) defaults to the URL, or the file's name.
    The transaction's journal lives in ``root`` (default: the current folder), like generate's and sync's.
    """
    location = str(page)
    data = fetch(location, fetch_limits, step="extract")
    rerun = shlex.join(["specpipe", "extract", location, "-o", str(output), *(["--source", source] if source else [])])
    default = location if is_url(location) else Path(location).name
    return vendor_bytes(data, source or default, output, root or Path.cwd(), command=rerun, read_from=default)
