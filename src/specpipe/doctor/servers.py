"""Where the API key goes: the default server must be https unless a reviewed overlay action vouches
for it, and a published document may not vouch for itself."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from specpipe.doctor.finding import Finding
from specpipe.doctor.walker import extend_pointer, map_items

INSECURE_SERVER_EVIDENCE = "x-specpipe-insecure-server-evidence"


def default_server_findings(document: Mapping[str, Any]) -> Iterator[Finding]:
    """The first server is the client's default base URL: every request, and the API key, goes there.
    One that is plain ``http`` (its variables at their defaults, as the client reads it) is refused
    unless an overlay action set ``x-specpipe-insecure-server-evidence`` on it, saying why."""
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], Mapping):
        return
    server = servers[0]
    url = server.get("url")
    if not isinstance(url, str):
        return
    for name, variable in map_items(server.get("variables")):
        if isinstance(variable, Mapping) and isinstance(variable.get("default"), str):
            url = url.replace("{" + name + "}", variable["default"])
    evidence = server.get(INSECURE_SERVER_EVIDENCE)
    if url.lower().startswith("http://") and not (isinstance(evidence, str) and evidence.strip()):
        yield Finding(
            "/servers/0/url",
            "servers",
            f"the default server {url!r} is not https: every request and the API key would travel in clear "
            f"text; if that is really HeyGen's, an overlay action must set {INSECURE_SERVER_EVIDENCE} on "
            "this server, citing the evidence",
        )


def upstream_claims(vendored: Mapping[str, Any]) -> list[Finding]:
    """The evidence extension is ours, set by a reviewed overlay action: a published document carrying
    it on a server is vouching for itself, and is refused."""
    servers = vendored.get("servers")
    return [
        Finding(
            extend_pointer("/servers", index, INSECURE_SERVER_EVIDENCE),
            "servers",
            f"the published document sets {INSECURE_SERVER_EVIDENCE} itself; only an overlay action may",
        )
        for index, server in enumerate(servers if isinstance(servers, list) else ())
        if isinstance(server, Mapping) and INSECURE_SERVER_EVIDENCE in server
    ]
