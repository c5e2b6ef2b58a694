"""One effective OpenAPI document from several sources' documents, explicitly and deterministically.

Each source's document arrives overlaid (and sliced) on its own; the merge refuses every conflict
rather than choosing: the same path and method in two sources, or one component, security scheme or
tag name with two contents, stops it naming both sources. What it decides:

- ``info`` is the project's (``TITLE``); ``info.version`` lists every source's ``info.version`` as
  ``name@version`` in manifest order (``source_versions`` reads it back), so the client's
  ``__api_version__`` names what it was built from;
- ``servers``: every source that declares servers must declare the same URLs (one base URL); the
  first source's list is kept, descriptions and all;
- security schemes equal but for their prose (``description``, ``x-`` fields) are one scheme, under the
  name the first source gives it; the others' references are renamed. The document's default
  ``security`` is the first source's: a later source whose default differs has its own written into
  each of its operations that had none, so no operation claims a credential its server never took (the
  legacy page takes only the x-api-key key, not v3's alternative bearer token; the client refuses to
  send a bearer token to it, from this);
- order follows the manifest (the first source's paths and components first), so the first security
  requirement, which the client's authentication follows, is the first source's.

Top-level ``x-`` extensions of the sources (docs-tool metadata such as ``x-readme``) are not carried.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from specpipe.errors import InputError

TITLE = "HeyGen API (heygen-api-client)"
DESCRIPTION = (
    "HeyGen's published OpenAPI documents merged by specpipe (openapi/sources.yaml lists them); "
    "info.version names each one's info.version."
)
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})

Named = tuple[str, dict[str, Any]]


def _error(message: str) -> InputError:
    return InputError(f"merge: {message}")


def _version(document: dict[str, Any]) -> str:
    info = document.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    return version if isinstance(version, str) else "unknown"


def merged_version(sources: Sequence[Named]) -> str:
    return ", ".join(f"{name}@{_version(document)}" for name, document in sources)


def source_versions(version: str) -> dict[str, str]:
    """``merged_version``'s text back as source name → ``info.version``."""
    pairs = (entry.rpartition("@") for entry in version.split(", "))
    return {name: value for name, _, value in pairs if name}


def _urls(servers: Any) -> list[str]:
    """What a server list promises (its URLs); descriptions are prose."""
    return [str(server.get("url")) if isinstance(server, dict) else str(server) for server in servers or []]


def _essence(scheme: Any) -> Any:
    """A security scheme without its prose: what decides how a credential is sent."""
    if not isinstance(scheme, dict):
        return scheme
    return {key: value for key, value in scheme.items() if key != "description" and not key.startswith("x-")}


PUSHED_DOWN = "x-specpipe-security-pushed-down"
"""Marks an operation whose ``security`` is its source's document-level default, written in by the merge."""


def _rename_requirements(security: Any, names: dict[str, str]) -> Any:
    if not isinstance(security, list):
        return security
    return [
        {names.get(key, key): value for key, value in requirement.items()}
        if isinstance(requirement, dict)
        else requirement
        for requirement in security
    ]


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    paths: dict[str, Any] = document["paths"] if isinstance(document.get("paths"), dict) else {}
    return [
        operation
        for item in paths.values()
        if isinstance(item, dict)
        for method, operation in item.items()
        if method in _METHODS and isinstance(operation, dict)
    ]


def _operations_copied(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its paths, path items and operations copied one level deep: all the merge
    rewrites (an operation's ``security``). Not a deep copy: at 10 sources x 2,000 operations that
    took as long as overlaying them (bench/sources.py); the rest is placed in the result as it is."""
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return dict(document)
    return {
        **document,
        "paths": {
            path: {
                key: dict(value) if key in _METHODS and isinstance(value, dict) else value
                for key, value in item.items()
            }
            if isinstance(item, dict)
            else item
            for path, item in paths.items()
        },
    }


class _Merge:
    def __init__(self) -> None:
        self.owner: dict[tuple[str, ...], str] = {}  # what was merged → the source it came from
        self.components: dict[str, dict[str, Any]] = {}
        self.paths: dict[str, dict[str, Any]] = {}
        self.tags: dict[str, Any] = {}
        self.schemes: dict[str, Any] = {}
        self.security: Any = None
        self.servers: Any = None
        self.openapi: Any = None

    def _once(self, key: tuple[str, ...], name: str, table: dict[str, Any], entry: str, value: Any) -> None:
        """Add ``value`` under ``entry``; the same content twice is kept once, another content refused."""
        if entry in table and table[entry] != value:
            raise _error(f"{'/'.join(key)} differs between sources {self.owner[key]} and {name}")
        if entry not in table:
            table[entry] = value
            self.owner[key] = name

    def _security_schemes(self, name: str, document: dict[str, Any]) -> dict[str, str]:
        """Merge the source's schemes; returns the renames (its name → the equal scheme's merged name)."""
        renames: dict[str, str] = {}
        schemes = (document.get("components") or {}).get("securitySchemes") or {}
        for scheme_name, scheme in schemes.items():
            equal = next((merged for merged, kept in self.schemes.items() if _essence(kept) == _essence(scheme)), None)
            if equal is not None:
                renames[scheme_name] = equal
                continue
            self._once(("components", "securitySchemes", scheme_name), name, self.schemes, scheme_name, scheme)
        return renames

    def add(self, name: str, document: dict[str, Any]) -> None:
        self._same_operation(name, document)
        document = _operations_copied(document)
        self._header(name, document)
        self._security(name, document)
        for path, item in (document.get("paths") or {}).items():
            merged = self.paths.setdefault(path, {})
            for key, value in item.items():
                self._once(("paths", path, key), name, merged, key, value)
        for section, entries in (document.get("components") or {}).items():
            if section == "securitySchemes" or not isinstance(entries, dict):
                continue
            table = self.components.setdefault(section, {})
            for entry, value in entries.items():
                self._once(("components", section, entry), name, table, entry, value)
        for tag in document.get("tags") or []:
            if isinstance(tag, dict) and isinstance(tag.get("name"), str):
                self._once(("tags", tag["name"]), name, self.tags, tag["name"], tag)

    def _header(self, name: str, document: dict[str, Any]) -> None:
        """The OpenAPI version and the servers: the same in every source, or refused."""
        if self.openapi is None:
            self.openapi = document.get("openapi")
        elif document.get("openapi") != self.openapi:
            raise _error(f"source {name} is OpenAPI {document.get('openapi')}, the first source {self.openapi}")
        servers = document.get("servers")
        if servers is not None:
            if self.servers is not None and _urls(servers) != _urls(self.servers[1]):
                raise _error(
                    f"servers differ between sources {self.servers[0]} ({', '.join(_urls(self.servers[1]))}) "
                    f"and {name} ({', '.join(_urls(servers))})"
                )
            self.servers = self.servers or (name, servers)

    def _security(self, name: str, document: dict[str, Any]) -> None:
        """Merge the schemes and rewrite ``document``'s requirements (renamed; pushed down where needed)."""
        renames = self._security_schemes(name, document)
        default = _rename_requirements(document.get("security"), renames)
        for operation in _operations(document):
            if "security" in operation:
                operation["security"] = _rename_requirements(operation["security"], renames)
            elif self.security is not None and default != self.security:
                operation["security"] = default if default is not None else []
                # Pushed down by the merge, not published on the operation: the client keeps the function
                # signature the source alone generates (see template_facts.Facts.anonymous_client_allowed).
                operation[PUSHED_DOWN] = True
        if self.security is None:
            self.security = default

    def _same_operation(self, name: str, document: dict[str, Any]) -> None:
        for path, item in (document.get("paths") or {}).items():
            for method in _METHODS.intersection(item).intersection(self.paths.get(path, {})):
                key = ("paths", path, method)
                raise _error(f"{method.upper()} {path} is in both sources {self.owner[key]} and {name}")

    def document(self, version: str) -> dict[str, Any]:
        merged: dict[str, Any] = {
            "openapi": self.openapi,
            "info": {"title": TITLE, "version": version, "description": DESCRIPTION},
        }
        if self.servers is not None:
            merged["servers"] = self.servers[1]
        if self.security is not None:
            merged["security"] = self.security
        if self.tags:
            merged["tags"] = list(self.tags.values())
        merged["paths"] = self.paths
        components = dict(self.components)
        if self.schemes:
            components["securitySchemes"] = self.schemes
        if components:
            merged["components"] = components
        return merged


def merge_documents(sources: Sequence[Named]) -> dict[str, Any]:
    """The one document of ``sources`` (name, document), in order; a conflict is refused naming both sources.

    The sources are left as they are, but the result shares their unchanged parts (schemas, responses,
    components): copy it before changing it while a source is still in use.
    """
    merge = _Merge()
    for name, document in sources:
        merge.add(name, document)
    return merge.document(merged_version(sources))
