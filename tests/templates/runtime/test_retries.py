"""The retry policy at its source (templates/runtime/_retries.py), without a client or a server."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest
from httpx_retries import Retry

from templates.runtime._constants import DEFAULT_MAX_RETRIES
from templates.runtime._retries import RetryPolicy, _check_max_retries, _max_retries_from_env, retry_policy


def _policy() -> RetryPolicy:
    policy = retry_policy(3, backoff=8.0, max_wait=20.0)
    assert isinstance(policy, RetryPolicy)
    return policy


def test_every_5xx_is_retried_and_no_4xx_but_the_listed_ones() -> None:
    """Negative control: httpx-retries' own rule (its status list only) does not retry a Cloudflare 520."""
    policy = _policy()
    assert policy.is_retryable_status_code(520)
    assert policy.is_retryable_status_code(429)
    assert not policy.is_retryable_status_code(404)
    assert not Retry(total=3, status_forcelist=[429, 500, 502, 503, 504]).is_retryable_status_code(520)


def test_no_retries_is_no_policy() -> None:
    assert retry_policy(0) is None
    assert _policy().total == 3


@pytest.mark.parametrize(
    "retry_after",
    ["0", email.utils.formatdate(time.time() - 60, usegmt=True)],
    ids=["zero", "past-date"],
)
def test_retry_after_zero_or_past_retries_at_once(retry_after: str) -> None:
    """Negative control: without Retry-After, the policy waits its backoff (8 s here, minus jitter)."""
    policy = _policy().increment()
    assert policy._calculate_sleep(httpx.Headers({"Retry-After": retry_after})) == 0.0
    assert policy._calculate_sleep(httpx.Headers()) > 1.0


def test_an_unreadable_retry_after_is_refused_without_quoting_it() -> None:
    with pytest.raises(ValueError, match="neither seconds nor an HTTP date") as caught:
        _policy().parse_retry_after("secret\r\nX-Forged: 1")
    assert "secret" not in str(caught.value)


def test_the_retry_count_comes_from_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANY_MAX_RETRIES", raising=False)
    assert _max_retries_from_env("ANY_MAX_RETRIES") == DEFAULT_MAX_RETRIES
    monkeypatch.setenv("ANY_MAX_RETRIES", " 5\n")
    assert _max_retries_from_env("ANY_MAX_RETRIES") == 5
    monkeypatch.setenv("ANY_MAX_RETRIES", "-1\x1b[2J")
    with pytest.raises(ValueError, match=r"^ANY_MAX_RETRIES must be a whole number") as caught:
        _max_retries_from_env("ANY_MAX_RETRIES")
    assert "\x1b" not in str(caught.value)  # escaped: the message is safe for a terminal


@pytest.mark.parametrize("value", [-1, True, 1.5, "2"])
def test_max_retries_must_be_a_whole_count(value: object) -> None:
    with pytest.raises(ValueError, match="max_retries must be a whole number"):
        _check_max_retries(None, None, value)  # type: ignore[arg-type]
