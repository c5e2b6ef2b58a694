"""The retry policy as tables: which outcomes are retried and how long each wait is.

The decisions are httpx-retries' ``Retry`` methods, configured by ``retry_policy``; each row is one
input and the expected decision, so a failure names the case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import httpx
import pytest
from heygen_api_client import retry_policy
from heygen_api_client.client import DEFAULT_MAX_RETRIES
from httpx_retries import Retry

POLICY = retry_policy()


def _policy() -> Retry:
    assert POLICY is not None
    return POLICY


def test_default_is_two_retries() -> None:
    assert DEFAULT_MAX_RETRIES == 2
    assert _policy().total == 2


def test_zero_retries_turns_retrying_off() -> None:
    assert retry_policy(0) is None


@pytest.mark.parametrize(
    ("status", "retried"),
    [
        (200, False),
        (201, False),
        (400, False),
        (401, False),
        (403, False),
        (404, False),
        (408, True),
        (409, False),
        (422, False),
        (429, True),
        (500, True),
        (501, True),
        (502, True),
        (503, True),
        (504, True),
        (505, True),
        (520, True),
        (599, True),
    ],
    ids=str,
)
def test_status_is_retried(status: int, retried: bool) -> None:
    assert _policy().is_retryable_status_code(status) is retried


_REQUEST = httpx.Request("DELETE", "https://api.test/v1/video.delete")


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (httpx.ConnectError("refused"), True),
        (httpx.ConnectTimeout("connect"), True),
        (httpx.ReadTimeout("read"), True),
        (httpx.WriteTimeout("write"), True),
        (httpx.PoolTimeout("pool"), True),
        (httpx.ReadError("reset by peer"), True),
        (httpx.WriteError("broken pipe"), True),
        (httpx.RemoteProtocolError("peer closed connection mid-body"), True),
        (httpx.LocalProtocolError("illegal header"), False),
        (httpx.UnsupportedProtocol("ftp://"), False),
        (httpx.DecodingError("bad gzip"), False),
        (httpx.TooManyRedirects("loop", request=_REQUEST), False),
        (ValueError("not a transport error"), False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_exception_is_retried(error: Exception, retried: bool) -> None:
    assert _policy().is_retryable_exception(error) is retried


@pytest.mark.parametrize(
    ("method", "retried"),
    [
        ("DELETE", True),
        ("GET", True),
        ("HEAD", True),
        ("PUT", True),
        ("OPTIONS", True),
        ("POST", False),
        ("PATCH", False),
    ],
    ids=str,
)
def test_only_idempotent_methods_are_retried(method: str, retried: bool) -> None:
    assert _policy().is_retryable_method(method) is retried


def _date_in(seconds: float) -> Callable[[], str]:
    """An HTTP date ``seconds`` from when the test runs (not from when the table was built)."""
    return lambda: formatdate(time.time() + seconds, usegmt=True)


@pytest.mark.parametrize(
    ("header", "low", "high"),
    [
        ("0", 0.0, 0.0),
        ("7", 7.0, 7.0),
        (" 12 ", 12.0, 12.0),
        (_date_in(30), 28.0, 30.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0, 0.0),  # a date in the past: no wait
    ],
    ids=["zero-seconds", "seconds", "padded-seconds", "date-30s-ahead", "date-in-the-past"],
)
def test_retry_after_is_parsed(header: str | Callable[[], str], low: float, high: float) -> None:
    value = header() if callable(header) else header
    assert low <= _policy().parse_retry_after(value) <= high


@pytest.mark.parametrize("header", ["soon", "1.5", "-3", ""], ids=["word", "fraction", "negative", "empty"])
def test_unparseable_retry_after_is_rejected(header: str) -> None:
    with pytest.raises(ValueError, match="Retry-After"):
        _policy().parse_retry_after(header)


def _first_wait(policy: Retry, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> float:
    """How long the policy sleeps before retry 1 after a response with ``headers``."""
    slept: list[float] = []
    monkeypatch.setattr("httpx_retries.retry.time.sleep", slept.append)
    policy.increment().sleep(httpx.Response(503, headers=headers))
    (seconds,) = slept
    return seconds


@pytest.mark.parametrize(
    ("settings", "headers", "low", "high"),
    [
        ({}, {}, 0.375, 0.5),  # backoff 0.5 s less up to 25 % jitter
        ({"backoff": 2.0}, {}, 1.5, 2.0),
        ({}, {"Retry-After": "3"}, 3.0, 3.0),  # the server's word beats the backoff
        ({"max_wait": 5.0}, {"Retry-After": "3600"}, 5.0, 5.0),  # ...up to max_wait
        ({"budget": 1.0}, {"Retry-After": "3"}, 1.0, 1.0),  # ...and within the budget
        ({}, {"Retry-After": "soon"}, 0.375, 0.5),  # unparseable: plain backoff
    ],
    ids=["backoff", "longer-backoff", "retry-after", "retry-after-capped", "budget-caps-wait", "bad-retry-after"],
)
def test_wait_before_first_retry(
    settings: dict[str, Any], headers: dict[str, str], low: float, high: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = retry_policy(**settings)
    assert policy is not None
    assert low <= _first_wait(policy, headers, monkeypatch) <= high


@pytest.mark.parametrize(("retry", "low", "high"), [(1, 0.375, 0.5), (2, 0.75, 1.0)], ids=["first", "second"])
def test_backoff_doubles_with_jitter(retry: int, low: float, high: float) -> None:
    policy = _policy()
    for _ in range(retry):
        policy = policy.increment()
    waits = [policy.backoff_strategy() for _ in range(200)]
    assert all(low <= wait <= high for wait in waits)
    assert max(waits) - min(waits) > (high - low) / 4  # jitter spreads the waits


@pytest.mark.parametrize(
    ("attempts_made", "elapsed_sleep", "exhausted"),
    [(0, 0.0, False), (1, 0.5, False), (2, 1.5, True), (1, 30.0, True)],
    ids=["fresh", "one-retry", "retries-spent", "budget-spent"],
)
def test_retries_end_at_count_or_budget(attempts_made: int, elapsed_sleep: float, exhausted: bool) -> None:
    policy = _policy().copy_with(attempts_made=attempts_made, elapsed_sleep=elapsed_sleep)
    assert policy.is_exhausted() is exhausted
