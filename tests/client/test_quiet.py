"""The client writes nothing to stdout or stderr unless asked, and logs a server's text bounded and
escaped: a hostile ``Retry-After`` (5,000 characters with terminal escapes) used to reach stderr whole
through httpx-retries' WARNING and Python's last-resort handler.

Negative control: against the client before this change (httpx-retries' own ``_calculate_sleep``, no
NullHandler), ``test_an_unconfigured_client_is_silent`` fails with the library's
"Retry-After header is not a valid HTTP date: ..." line, escapes and all, on stderr.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from heygen_api_client._logging import _escaped
from heygen_api_client.client import LOGGED_CHARS, logger
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
V3_PATH = "/v3/videos/v-1"
V3_OK_BODY = {"data": {"id": "v-1", "deleted": True}}
HOSTILE = "\x1b[2J\x1b[31mRETRY-AFTER-PAYLOAD " + "A" * 5000 + " \x9b0m\xe9"
"""Clears a terminal and turns it red; latin-1 bytes too (C1 CSI), as h11 passes them."""

_CALL = """
import sys
from heygen_api_client import AuthenticatedClient, retry_policy
from heygen_api_client.api.videos import delete_video_v3
client = AuthenticatedClient(retry=retry_policy(backoff=0.01, max_wait=0.05))
result = delete_video_v3.sync_detailed(client=client, video_id="v-1")
sys.exit(0 if result.status_code == 200 else 3)
"""


def _call_with_hostile_retry_after(
    server: HTTPServer, api_key: str, log_level: str
) -> subprocess.CompletedProcess[str]:
    # v3's delete: the v1 call's DeprecationWarning is output that is asked for (``warnings`` decides).
    server.expect_ordered_request(V3_PATH, method="DELETE").respond_with_data(
        "busy", status=503, headers={"Retry-After": HOSTILE}
    )
    server.expect_ordered_request(V3_PATH, method="DELETE").respond_with_json(V3_OK_BODY)
    env = {name: value for name, value in os.environ.items() if name != "HEYGEN_LOG"}
    env.update(
        {
            "HEYGEN_API_KEY": api_key,
            "HEYGEN_BASE_URL": server.url_for(""),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "generated" / "heygen-api-client"), str(ROOT)]),
            **({"HEYGEN_LOG": log_level} if log_level else {}),
        }
    )
    return subprocess.run(
        [sys.executable, "-c", _CALL], env=env, capture_output=True, text=True, check=True, timeout=60
    )


def test_an_unconfigured_client_is_silent(server: HTTPServer, api_key: str) -> None:
    completed = _call_with_hostile_retry_after(server, api_key, "")
    assert (completed.stdout, completed.stderr) == ("", "")
    assert len(server.log) == 2  # the bad header was met and the call retried


_ASYNC_CALLS = """
import asyncio, gc, sys
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.videos import delete_video_v3

async def main():
    entered = AuthenticatedClient()
    async with entered:
        assert (await delete_video_v3.asyncio_detailed(client=entered, video_id="v-1")).status_code == 200
    left_open = AuthenticatedClient()  # never closed: collected below, after its loop ended
    assert (await delete_video_v3.asyncio_detailed(client=left_open, video_id="v-1")).status_code == 200

asyncio.run(main())
gc.collect()
"""


def test_async_clients_closed_or_left_open_are_silent(server: HTTPServer, api_key: str) -> None:
    """The async default pool (aiohttp's where installed) says nothing on stderr, also for a client never
    closed. Negative control: building aiohttp's pool for a client not entered with ``async with``
    (``closed_on_exit`` ignored) prints aiohttp's "Unclosed client session" here."""
    server.expect_request(V3_PATH, method="DELETE").respond_with_json(V3_OK_BODY)
    env = {name: value for name, value in os.environ.items() if name != "HEYGEN_LOG"}
    env.update(
        {
            "HEYGEN_API_KEY": api_key,
            "HEYGEN_BASE_URL": server.url_for(""),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "generated" / "heygen-api-client"), str(ROOT)]),
        }
    )
    completed = subprocess.run(
        [sys.executable, "-c", _ASYNC_CALLS], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert (completed.stdout, completed.stderr) == ("", "")
    assert len(server.log) == 2


def test_heygen_log_shows_a_hostile_header_bounded_and_escaped(server: HTTPServer, api_key: str) -> None:
    completed = _call_with_hostile_retry_after(server, api_key, "debug")
    assert completed.stdout == ""
    (line,) = [line for line in completed.stderr.splitlines() if "Retry-After" in line]
    assert "\\x1b[2J\\x1b[31mRETRY-AFTER-PAYLOAD" in line
    assert line.endswith(f"... [{len(HOSTILE)} chars]")
    assert len(line) < 2 * LOGGED_CHARS
    assert all(char.isprintable() and char.isascii() for char in completed.stderr.replace("\n", ""))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("r-9", "r-9"),
        ("a\nb\r\x1b[31m\x9b\u2028", "a\\nb\\r\\x1b[31m\\x9b\\u2028"),
        ("x" * LOGGED_CHARS, "x" * LOGGED_CHARS),
        ("x" * (LOGGED_CHARS + 1), "x" * LOGGED_CHARS + f"... [{LOGGED_CHARS + 1} chars]"),
        ("\n" * LOGGED_CHARS, "\\n" * (LOGGED_CHARS // 2) + f"... [{LOGGED_CHARS} chars]"),
    ],
    ids=["plain", "controls", "at-limit", "over-limit", "escapes-over-limit"],
)
def test_server_text_is_escaped_and_bounded(text: str, expected: str) -> None:
    assert _escaped(text) == expected


def test_the_package_logger_has_a_null_handler() -> None:
    """The library practice: records that reach no configured handler are dropped, not printed by
    Python's last resort (this test process runs without HEYGEN_LOG)."""
    if os.environ.get("HEYGEN_LOG"):
        pytest.skip("HEYGEN_LOG is set for this run")
    assert any(isinstance(handler, logging.NullHandler) for handler in logger.handlers)
