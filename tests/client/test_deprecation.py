"""The v1 delete call warns that HeyGen retired it, naming its v3 replacement, once per process.

The warning comes from the document (the overlay's ``deprecated``/``x-sunset``/``x-replaced-by`` on
``DELETE /v1/video.delete``), rendered into the endpoint module as a Python literal.
Negative control: without the once-per-process flag (``_deprecation_warned``) the first test sees two
warnings; with ``x-replaced-by`` left out of the overlay it finds no replacement named.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.default import delete_a_video
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH

MakeClient = Callable[..., AuthenticatedClient]


@pytest.fixture
def fresh_process(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The module as a new process sees it (not yet warned), and a server answering every delete."""
    monkeypatch.setattr(delete_a_video, "_deprecation_warned", False)
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY)


def _delete(client: AuthenticatedClient) -> None:
    with client:
        delete_a_video.sync_detailed(client=client, video_id="v-1")


@pytest.mark.usefixtures("fresh_process")
def test_two_calls_warn_once_naming_the_replacement(server: HTTPServer, make_client: MakeClient) -> None:
    client = make_client(server.url_for(""))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # even when every warning shows, the call warns once
        _delete(client)
        _delete(make_client(server.url_for("")))
    deprecations = [warning for warning in caught if issubclass(warning.category, DeprecationWarning)]
    assert len(deprecations) == 1
    message = str(deprecations[0].message)
    assert "DELETE /v1/video.delete is deprecated" in message
    assert "sunset 2026-11-01" in message
    assert "use DELETE /v3/videos/{video_id} instead" in message
    assert deprecations[0].filename == __file__  # attributed to the caller's line, not the client's


@pytest.mark.usefixtures("fresh_process")
def test_an_ignore_filter_silences_it(server: HTTPServer, make_client: MakeClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", DeprecationWarning)
        _delete(make_client(server.url_for("")))
    assert [warning for warning in caught if issubclass(warning.category, DeprecationWarning)] == []


@pytest.mark.usefixtures("fresh_process")
def test_an_error_filter_raises_it_once(server: HTTPServer, make_client: MakeClient) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        with pytest.raises(DeprecationWarning, match="/v3/videos"):
            _delete(make_client(server.url_for("")))
        _delete(make_client(server.url_for("")))  # warned once already: the second call goes through
    assert len(server.log) == 1
