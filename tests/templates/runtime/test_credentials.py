"""Credentials at their source (templates/runtime/_credentials.py): redaction, one origin, the environment."""

from __future__ import annotations

import types

import httpx
import pytest

from templates.runtime._credentials import (
    ApiKeyAuth,
    CredentialGuard,
    _check_credential,
    _credential_from_env,
    _redacted,
)
from templates.runtime.errors import ApiKeyError

SECRET = "sk-live-0123456789"
TOKEN = types.SimpleNamespace(name="token")


def test_the_auth_sets_the_header_and_never_shows_the_value() -> None:
    auth = ApiKeyAuth("X-Api-Key", SECRET)
    request = next(auth.auth_flow(httpx.Request("GET", "https://api.example.test/")))
    assert request.headers["x-api-key"] == SECRET
    assert SECRET not in repr(auth)
    assert "X-Api-Key" in repr(auth)


def test_the_guard_strips_credentials_from_another_origin_only() -> None:
    """Negative control: the request to the base URL's origin (default port spelt out) keeps both headers."""
    guard = CredentialGuard(httpx.URL("https://api.example.test/v1"), ["Authorization", "X-Api-Key"])
    headers = {"authorization": f"Bearer {SECRET}", "x-api-key": SECRET}
    elsewhere = httpx.Request("GET", "https://cdn.example.test/file", headers=headers)
    guard(elsewhere)
    assert "authorization" not in elsewhere.headers
    assert "x-api-key" not in elsewhere.headers
    home = httpx.Request("GET", "https://api.example.test:443/v3/videos", headers=headers)
    guard(home)
    assert home.headers["x-api-key"] == SECRET
    assert home.headers["authorization"] == f"Bearer {SECRET}"


def test_the_guard_runs_after_the_clients_own_hooks() -> None:
    def hook(request: httpx.Request) -> None: ...

    client = httpx.Client(event_hooks={"request": [hook]})
    guard = CredentialGuard(httpx.URL("https://api.example.test"), ["Authorization"])
    guard.install(client)
    assert client.event_hooks["request"] == [hook, guard]
    client.close()


def test_a_mapping_shows_its_names_only() -> None:
    assert _redacted({"Cookie": SECRET}) == "{'Cookie': '<redacted>'}"


@pytest.mark.parametrize("value", [f"{SECRET}\n", f" {SECRET}", f"{SECRET}\x00", "", f"{SECRET}é"])
def test_a_credential_a_header_cannot_carry_is_refused_unquoted(value: str) -> None:
    bearer = types.SimpleNamespace(name="bearer_token")
    with pytest.raises(ApiKeyError, match="the bearer token is empty, has surrounding whitespace") as caught:
        _check_credential(None, bearer, value)
    assert SECRET not in str(caught.value)


def test_a_good_credential_and_no_key_pass() -> None:
    _check_credential(None, TOKEN, SECRET)
    _check_credential(None, TOKEN, "")  # no key yet: the environment is read next


def test_the_environment_gives_one_credential_by_the_names_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANY_KEY", raising=False)
    monkeypatch.delenv("ANY_TOKEN", raising=False)
    with pytest.raises(ApiKeyError, match=r"set the ANY_KEY environment variable.*ANY_TOKEN"):
        _credential_from_env("ANY_KEY", "ANY_TOKEN")
    monkeypatch.setenv("ANY_KEY", f"{SECRET}\n")
    assert _credential_from_env("ANY_KEY", "ANY_TOKEN") == (SECRET, None)
    monkeypatch.setenv("ANY_TOKEN", "oauth-token")
    with pytest.raises(ApiKeyError, match="both ANY_KEY and ANY_TOKEN are set") as caught:
        _credential_from_env("ANY_KEY", "ANY_TOKEN")
    assert SECRET not in str(caught.value)
    assert "oauth-token" not in str(caught.value)
