"""``max_retries=`` and HEYGEN_MAX_RETRIES: the default policy's retries, validated, and an explicit
``retry=`` policy winning over both (client.py's ``_default_retry``)."""

from __future__ import annotations

import pytest
from heygen_api_client import AuthenticatedClient, HeyGen, retry_policy
from heygen_api_client.client import DEFAULT_MAX_RETRIES, MAX_RETRIES_ENV

BASE = "http://127.0.0.1:9"


def _total(client: AuthenticatedClient) -> int | None:
    return None if client.retry is None else client.retry.total


def test_default_is_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_RETRIES_ENV, raising=False)
    assert (MAX_RETRIES_ENV, DEFAULT_MAX_RETRIES) == ("HEYGEN_MAX_RETRIES", 2)
    assert _total(AuthenticatedClient(base_url=BASE, token="k")) == 2


def test_env_then_argument_then_explicit_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: with the env read removed from ``_default_retry`` the first assert sees 2."""
    monkeypatch.setenv(MAX_RETRIES_ENV, " 4 ")
    assert _total(AuthenticatedClient(base_url=BASE, token="k")) == 4
    assert _total(AuthenticatedClient(base_url=BASE, token="k", max_retries=5)) == 5
    explicit = AuthenticatedClient(base_url=BASE, token="k", max_retries=5, retry=retry_policy(1))
    assert _total(explicit) == 1
    assert _total(HeyGen(base_url=BASE, token="k", max_retries=0).client) is None
    monkeypatch.setenv(MAX_RETRIES_ENV, "0")
    assert _total(AuthenticatedClient(base_url=BASE, token="k")) is None


# The last value: a full-width one, which str.isdigit accepts and int() reads.
@pytest.mark.parametrize("value", ["two", "-1", "1.5", "\uff11"])
def test_a_bad_env_value_is_a_clear_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_RETRIES_ENV, value)
    with pytest.raises(ValueError, match=r"^HEYGEN_MAX_RETRIES must be a whole number of retries, 0 or more"):
        AuthenticatedClient(base_url=BASE, token="k")
    AuthenticatedClient(base_url=BASE, token="k", retry=None)  # not read when a policy is given


@pytest.mark.parametrize("value", [-1, 1.5, True, "2"])
def test_a_bad_argument_is_a_clear_error(value: object) -> None:
    with pytest.raises(ValueError, match=r"^max_retries must be a whole number of retries, 0 or more"):
        AuthenticatedClient(base_url=BASE, token="k", max_retries=value)  # type: ignore[arg-type]
