"""The one-parse URL join at its source (templates/runtime/_urls.py) against httpx's own join.

Negative control: dropping the fragment check makes ``test_the_join_is_httpxs`` fail (httpx drops a
relative URL's fragment; a parse of the joined string keeps it)."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from templates.runtime._urls import joined

BASES = [
    "http://127.0.0.1:8080",
    "https://api.heygen.com",
    "https://h.example/api/v1",
    "http://[::1]:9/x/",
    "https://ex.com:443/a%20b/",
    "http://xn--bcher-kva.example/",
    "https://EXAMPLE.com/Api/",
    "https://user:secret@h.example/",
    "https://h.example/base?q=1",
]
CLIENTS = [httpx.Client(base_url=base) for base in BASES]


@settings(max_examples=500, deadline=None)
@given(
    client=st.sampled_from(CLIENTS),
    url=st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=30).map(lambda tail: "/" + tail),
        st.text(st.characters(codec="utf-8"), max_size=30),
        st.sampled_from(["/v3/videos/a b?x=1#frag", "//evil.example/x", "https://other.example/x", "/"]),
    ),
)
def test_the_join_is_httpxs(client: httpx.Client, url: str) -> None:
    try:
        expected = client._merge_url(url)
    except httpx.InvalidURL:
        with pytest.raises(httpx.InvalidURL):
            client._merge_url(joined(client, url))
        return
    got = client._merge_url(joined(client, url))
    assert str(got) == str(expected)
    assert got.raw_path == expected.raw_path


def test_a_path_is_joined_once_and_the_rest_left_to_httpx() -> None:
    client = httpx.Client(base_url="https://api.heygen.com/")
    assert isinstance(joined(client, "/v3/videos/v1"), httpx.URL)
    for url in ("v3/videos", "//evil.example/", "https://other.example/", "/a#b"):
        assert joined(client, url) == url
