"""The retry policy: which failures are retried, how long to wait, and how many times."""

import datetime
import os
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

import httpx
from httpx_retries import Retry

from ._constants import DEFAULT_MAX_RETRIES, RETRY_EXCEPTIONS, RETRY_STATUSES
from ._logging import _escaped, logger


class RetryPolicy(Retry):
    """httpx-retries' ``Retry`` with the client's two rules: every status from 500 up is retried (a
    Cloudflare 520 too), and ``Retry-After: 0`` (or a date already past) retries at once, where the
    library would fall back to its backoff. A ``Retry-After`` it cannot read is logged here, at DEBUG
    and escaped: the library logs it raw at WARNING, which Python prints to stderr when the application
    set no logging up."""

    def is_retryable_status_code(self, status_code: int) -> bool:
        return status_code >= 500 or status_code in self.status_forcelist

    def parse_retry_after(self, retry_after: str) -> float:
        """The library's reading (seconds or an HTTP date, one without a zone taken as UTC), silent, and
        with an error that does not quote the server's value."""
        value = retry_after.strip()
        if value.isascii() and value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise ValueError("Retry-After is neither seconds nor an HTTP date") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())

    def _calculate_sleep(self, headers: httpx.Headers | Mapping[str, str]) -> float:
        value = headers.get("Retry-After", "").strip() if self.respect_retry_after_header else ""
        if value:
            try:
                if self.parse_retry_after(value) == 0:
                    return 0.0
            except ValueError:
                logger.debug("ignoring a Retry-After that is neither seconds nor an HTTP date: %s", _escaped(value))
                headers = {}  # the library's backoff instead
        return super()._calculate_sleep(headers)


def retry_policy(
    max_retries: int = DEFAULT_MAX_RETRIES,
    *,
    backoff: float = 0.5,
    max_wait: float = 20.0,
    budget: float = 30.0,
) -> Retry | None:
    """The retry configuration clients use by default; ``None`` (retries off) when ``max_retries`` is 0.

    Args:
        max_retries: Attempts after the first one.
        backoff: Seconds before the first retry; each later wait doubles, and each is shortened by a
            random 0-25 % (jitter) so that many clients do not retry in step.
        max_wait: Cap on any one wait, including the one a server asks for with ``Retry-After``
            (seconds or an HTTP date; 0 retries at once).
        budget: Cap on the time spent waiting across all retries of one request.

    Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried, never POST or PATCH.
    """
    if max_retries == 0:
        return None
    return RetryPolicy(
        total=max_retries,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRY_EXCEPTIONS,
        # httpx-retries waits backoff_factor * 2**n before retry n, counting from 1.
        backoff_factor=backoff / 2,
        backoff_jitter=0.25,
        max_backoff_wait=max_wait,
        total_timeout=budget,
        respect_retry_after_header=True,
    )


def _check_max_retries(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"max_retries must be a whole number of retries, 0 or more (got {value!r})")


def _max_retries_from_env(variable: str) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return DEFAULT_MAX_RETRIES
    if not (text.isascii() and text.isdigit()):  # the value is ours to quote: a count, not a secret
        raise ValueError(f"{variable} must be a whole number of retries, 0 or more (got {_escaped(text)!r})")
    return int(text)
