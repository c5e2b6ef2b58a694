"""Request URLs joined to the base URL with one parse instead of httpx's two.

httpx's ``build_request`` parses a relative URL, then the base URL with the joined path again
(``Client._merge_url``): 85 µs of a call's 800-1,000 on the bench's loopback server
(bench/throughput.py, 2026-12-07), the largest single cost httpx adds to a call. Written by hand because
httpx offers no cheaper join; the result is the URL httpx would build (tests/templates/runtime/test_urls.py
compares the two on generated paths), and whatever this does not handle is left to httpx.
"""

import httpx


def joined(client: httpx.Client | httpx.AsyncClient, url: str) -> httpx.URL | str:
    """``url`` joined to ``client``'s base URL when it is a path (with a query or none), else ``url``:
    a fragment, a scheme or host, or a base URL with credentials, a query or a fragment go to httpx."""
    base = client.base_url
    if (
        not isinstance(url, str)
        or not url.startswith("/")
        or url.startswith("//")
        or "#" in url
        or not base.scheme
        or base.userinfo
        or base.query
        or base.fragment
    ):
        return url
    return httpx.URL(f"{base.scheme}://{base.netloc.decode('ascii')}{base.raw_path.decode('ascii')}{url[1:]}")
