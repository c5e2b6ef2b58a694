"""Pull the OpenAPI document out of a published HeyGen docs page and vendor it with its provenance.

HeyGen publishes one page per operation; each embeds the OpenAPI 3.1 JSON in a code block (a
fenced ```json block in the markdown export, a <pre><code> block in HTML). Raw JSON passes through.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shlex
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from specpipe import documents, transaction
from specpipe.errors import ExtractError, InputError

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class _Block:
    """A code block of a page, with the line it starts on (for error messages)."""

    line: int
    text: str


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
                self.blocks.append(_Block(self._line, "".join(self._parts)))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._parts.append(data)


def _code_blocks(text: str) -> list[_Block]:
    if re.search(r"<(pre|code)\b", text, re.I):
        parser = _CodeBlocks()
        parser.feed(text)
        parser.close()
        return parser.blocks
    return [
        _Block(text.count("\n", 0, match.start()) + 2, match["body"])
        for match in _FENCE.finditer(text)
        if match["info"].strip().lower() in {"", "json"}
    ]


def _is_openapi(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("openapi"), str)


def extract_document(text: str, source: str) -> dict[str, Any]:
    """The one OpenAPI document in ``text``: a docs page (markdown or HTML) or raw JSON.

    A code block that does not parse is ignored unless it looks like the OpenAPI document (mentions
    ``"openapi"``): then the page is refused rather than vendoring a partial document.
    """
    blocks = [_Block(1, text)] if text.lstrip().startswith("{") else _code_blocks(text)
    found: list[tuple[_Block, dict[str, Any]]] = []
    for block in blocks:
        try:
            value = json.loads(html.unescape(block.text) if "&" in block.text else block.text)
        except json.JSONDecodeError as exc:
            if '"openapi"' in block.text:
                raise ExtractError(
                    f"{source}: extract: the OpenAPI code block at line {block.line} is not valid JSON "
                    f"(line {exc.lineno} column {exc.colno} of the block: {exc.msg})"
                ) from exc
            continue
        if _is_openapi(value):
            found.append((block, value))
    if not found:
        raise ExtractError(
            f"{source}: extract: no OpenAPI document found "
            f"({len(blocks)} code block(s) read, none a JSON object with an 'openapi' field)"
        )
    if len(found) > 1:
        lines = ", ".join(str(block.line) for block, _ in found)
        raise ExtractError(
            f"{source}: extract: {len(found)} OpenAPI documents found (code blocks at lines {lines}); "
            "a page must embed exactly one"
        )
    return found[0][1]


def provenance(
    source: str, page: bytes, document: dict[str, Any], document_text: str, today: dt.date
) -> dict[str, Any]:
    """What a reviewer needs to trust the vendored file: where it came from, and checksums."""
    info = extract_info_version(document)
    return {
        "source": source,
        "retrieved": today.isoformat(),
        "page_sha256": hashlib.sha256(page).hexdigest(),
        "document_sha256": hashlib.sha256(document_text.encode("utf-8")).hexdigest(),
        "info_version": info,
    }


def extract_info_version(document: dict[str, Any]) -> str | None:
    info = document.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    return version if isinstance(version, str) else None


def provenance_path(document_path: Path) -> Path:
    """``openapi/heygen-api.json`` → ``openapi/heygen-api.source.json``."""
    return document_path.with_name(f"{document_path.stem}.source.json")


def extract_page(page: bytes, source: str) -> dict[str, Any]:
    """The one OpenAPI document in the raw bytes of a published page."""
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractError(f"{source}: extract: the page is not UTF-8 text ({exc})") from exc
    return extract_document(text, source)


def vendored_files(
    document: dict[str, Any], page: bytes, source: str, output: Path, today: dt.date | None = None
) -> dict[Path, str]:
    """The document ``page`` yielded and its provenance: what vendoring writes, one transaction's worth."""
    document_text = documents.dumps(document)
    record = provenance(source, page, document, document_text, today or dt.datetime.now(dt.UTC).date())
    return {output: document_text, provenance_path(output): documents.dumps(record)}


def vendor_bytes(
    page: bytes, source: str, output: Path, root: Path, *, today: dt.date | None = None, command: str | None = None
) -> dict[str, Any]:
    """Extract from ``page`` and write the document and its provenance together (a transaction in ``root``).

    Nothing is written on error; ``command`` is what a user re-runs after an interruption.
    """
    document = extract_page(page, source)
    if not root.is_dir():
        raise InputError(f"{root}: extract: no such folder (pass the repository root as --root)")
    rerun = command or shlex.join(["specpipe", "extract", source, "-o", str(output)])
    with transaction.begin(root, "extract", rerun) as changes:
        for path, text in vendored_files(document, page, source, output, today).items():
            changes.add_text(path, text)
    return document


def vendor(page: Path, output: Path, source: str | None = None, root: Path | None = None) -> dict[str, Any]:
    """``specpipe extract PAGE -o OUTPUT``; ``source`` (the published URL) defaults to the file name.

    The transaction's journal lives in ``root`` (default: the current folder), like generate's and sync's.
    """
    try:
        data = page.read_bytes()
    except OSError as exc:
        raise InputError(f"{page}: extract: cannot read the page: {exc}") from exc
    rerun = shlex.join(["specpipe", "extract", str(page), "-o", str(output), *(["--source", source] if source else [])])
    return vendor_bytes(data, source or page.name, output, root or Path.cwd(), command=rerun)
