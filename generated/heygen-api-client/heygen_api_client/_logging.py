"""The client's logger: silent unless asked, one line per attempt, server text bounded and escaped."""

import logging
import os
import time

import httpx
from httpx_retries import Retry

from ._constants import LOGGED_CHARS
from .errors import REQUEST_ID_HEADERS

logger = logging.getLogger(__package__ or __name__)
"""One INFO line per attempt (method, path, status, elapsed, attempt, request id), a DEBUG line before each retry."""


def _escaped(text: str) -> str:
    """Server text fit for a log line: at most LOGGED_CHARS, control and non-ASCII characters escaped
    (no newline to forge a line with, no terminal escape)."""
    escaped = ascii(text[:LOGGED_CHARS])[1:-1]
    if len(text) <= LOGGED_CHARS and len(escaped) <= LOGGED_CHARS:
        return escaped
    return f"{escaped[:LOGGED_CHARS]}... [{len(text)} chars]"


def _log_from_env(variable: str) -> None:
    """Prints the logger to stderr when the environment ``variable`` asks for it, as OPENAI_LOG does for
    the OpenAI SDK; else a NullHandler keeps Python's last-resort handler from printing what reaches the logger."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(variable, "").strip().lower())
    if logger.handlers:  # the module run again (importlib.reload)
        return
    if level is None:
        logger.addHandler(logging.NullHandler())
    else:
        handler = logging.StreamHandler()  # stderr
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


def _log_attempt(request: httpx.Request, started: float, attempt: int, outcome: httpx.Response | Exception) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    elapsed = (time.monotonic() - started) * 1000
    if isinstance(outcome, httpx.Response):
        request_id = next((outcome.headers[name] for name in REQUEST_ID_HEADERS if name in outcome.headers), None)
        logger.info(
            "%s %s -> %s in %.0f ms (attempt %d, request id %s)",
            request.method,
            request.url.path,
            outcome.status_code,
            elapsed,
            attempt,
            None if request_id is None else _escaped(request_id),
        )
    else:  # the exception's type only: a message might quote what the request carried
        logger.info(
            "%s %s -> %s in %.0f ms (attempt %d)",
            request.method,
            request.url.path,
            type(outcome).__name__,
            elapsed,
            attempt,
        )


def _log_retry(request: httpx.Request, retry: Retry) -> None:
    logger.debug("%s %s: retry %d of %d", request.method, request.url.path, retry.attempts_made, retry.total)
