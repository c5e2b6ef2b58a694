"""Read an OpenAPI document from wherever a user points a command: a file or an http(s) URL, holding the
document itself (JSON or YAML) or a docs page that embeds it (markdown or HTML, as ``extract`` reads).

One reader for every command that takes a document (``diff``, ``doctor``, ``overlay``'s spec), so a page
or a URL that ``extract`` and ``sync`` accept is accepted everywhere, within the same limits: a download
by ``specpipe.fetch``'s, every parse by ``specpipe.documents``'.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from specpipe import documents
from specpipe.errors import InputError, LimitError
from specpipe.extract import extract_document, is_page
from specpipe.fetch import fetch, is_url
from specpipe.limits import FetchLimits


def read_document(location: str | Path, step: str, fetch_limits: FetchLimits | None = None) -> dict[str, Any]:
    """The JSON object at ``location``; ``step`` (the command) names the read in a download's errors.

    Raw JSON is parsed as such. Anything else is first read as a YAML document; when that fails, or
    yields no OpenAPI document, and the text has code blocks, it is read as a page, whose one OpenAPI
    document is taken (a YAML document with markdown fences in its descriptions is still a document).
    """
    source = str(location)
    data = fetch(source, fetch_limits, step=step)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: cannot read: not UTF-8 text ({exc})") from exc
    if text.lstrip().startswith(("{", "[")):
        return documents.as_mapping(documents.parse_json(text, source), source)
    try:
        raw: Any = documents.parse_yaml(text, source)
        error: InputError | None = None
    except LimitError:
        raise  # a bomb is refused, whatever the text was meant to be
    except InputError as exc:
        raw, error = None, exc
    if not (isinstance(raw, dict) and "openapi" in raw) and is_page(text):
        return extract_document(text, source).document
    if error is not None:
        raise error
    return documents.as_mapping(raw, source)


def folder(location: str | Path) -> Path | None:
    """The folder a file's relative external ``$ref``\\ s resolve in; none for a download."""
    source = str(location)
    return None if is_url(source) else Path(source).parent


def name(location: str | Path) -> str:
    """The file name of a location (a URL's last path segment), for messages and suggested overlays."""
    source = str(location)
    if is_url(source):
        return PurePosixPath(urlsplit(source).path).name or source
    return Path(source).name
