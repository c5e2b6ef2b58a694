"""A hostile API document never runs code: the client generated from it imports, and every operation
is called (sync and async) against a local server, in a fresh interpreter, and the marker file each
payload tries to create never appears.

Negative control (``test_the_old_templates_ran_the_payload``): the two template lines as they were
before this fix (the auth header name pasted raw into a literal; entity decoding after docstring
escaping), put back into a copy of the templates, make the very same runner create the marker, and
make the code audit refuse the package.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from specpipe import code_audit, generator, template_facts
from specpipe.errors import GenerateError
from specpipe.project import Project
from tests.client.hostile_document import CODE, MARKER, document

ROOT = Path(__file__).resolve().parents[2]

RUNNER = textwrap.dedent(
    """
    import asyncio, importlib, inspect, pkgutil, sys, typing
    sys.path.insert(0, sys.argv[1])
    import heygen_api_client as package
    from heygen_api_client import AuthenticatedClient, Client

    try:
        client = AuthenticatedClient(base_url=sys.argv[2], token="t", retry=None)
    except Exception:  # a hostile auth header name is refused by the client's own validator
        client = Client(base_url=sys.argv[2], retry=None)
    calls = 0
    for info in pkgutil.walk_packages(package.__path__, "heygen_api_client."):
        module = importlib.import_module(info.name)
        if not hasattr(module, "sync_detailed"):
            continue
        hints = typing.get_type_hints(module.sync_detailed)
        kwargs = {}
        for name, parameter in inspect.signature(module.sync_detailed).parameters.items():
            if name == "body":
                model = next(t for t in (hints[name], *typing.get_args(hints[name])) if hasattr(t, "from_dict"))
                kwargs[name] = model.from_dict({})
            elif name != "client" and parameter.default is inspect.Parameter.empty:
                kwargs[name] = "v"
        for call in (module.sync_detailed, lambda **kw: asyncio.run(module.asyncio_detailed(**kw))):
            try:
                call(client=client, **kwargs)
            except Exception as exc:  # only whether code ran matters; a hostile header name fails httpx
                print(type(exc).__name__, file=sys.stderr)
            calls += 1
    print(calls)
    """
)


def _generate(tmp_path: Path, spec: dict[str, Any], templates: Path | None = None, *, audit: bool = True) -> Path:
    path = tmp_path / "openapi.json"
    tmp_path.mkdir(exist_ok=True)
    path.write_text(json.dumps(spec), encoding="utf-8")
    project = Project.at(ROOT)
    output = tmp_path / "client"
    generator.run(project.generator_config, templates or project.templates, path, output, None)
    if audit:
        code_audit.require_clean(output)
    return output


def _run(client: Path, server: HTTPServer, cwd: Path) -> subprocess.CompletedProcess[str]:
    server.expect_request(re.compile(".*")).respond_with_json({})
    return subprocess.run(
        [sys.executable, "-c", RUNNER, str(client), server.url_for("/")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def no_name_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a hostile server URL and header name reach the templates (specpipe refuses them first)."""
    monkeypatch.setattr(template_facts, "check", lambda document: None)


@pytest.mark.e2e
@pytest.mark.parametrize("refusals", ["on", "off"])
def test_a_hostile_document_runs_no_code(
    tmp_path: Path, httpserver: HTTPServer, request: pytest.FixtureRequest, refusals: str
) -> None:
    """``off``: the server URL and the auth header name are hostile too, and the name checks that
    would refuse them are off, so the templates' escaping alone must hold."""
    if refusals == "off":
        request.getfixturevalue("no_name_checks")
        spec = document(server_url=f'https://x.test/"""+{CODE[0]}+"""', header_name=f'X"+{CODE[0]}+"')
    else:
        spec = document()
    completed = _run(_generate(tmp_path, spec), httpserver, tmp_path)
    assert not (tmp_path / MARKER).exists()
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["6"]  # three operations, each sync and async
    assert len(httpserver.log) == 6


CONTROL = {
    "openapi": "3.1.0",
    "info": {"title": "control", "version": "1"},
    "servers": [{"url": "https://api.example.test"}],
    "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}},
    "security": [{"key": []}],
    "paths": {
        "/items": {
            "get": {
                "operationId": "list-items",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "schema": {"type": "string"},
                        "description": f"&amp;quot;&amp;quot;&amp;quot;;{CODE[0]};&amp;quot;&amp;quot;&amp;quot;",
                    }
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}
OLD_LINES = {
    "header name pasted raw": (
        "client.py.jinja",
        "(spec.auth_header_name | in_double_quote_literal)",
        "spec.auth_header_name.get_untrusted_value()",
    ),
    "entities decoded after escaping": (
        "endpoint_macros.py.jinja",
        "spec.parameter_docstring(endpoint, parameter)",
        "(spec.parameter_docstring(endpoint, parameter) | striptags)",
    ),
}


@pytest.mark.e2e
@pytest.mark.parametrize("old", OLD_LINES)
@pytest.mark.usefixtures("no_name_checks")
def test_the_old_templates_ran_the_payload(tmp_path: Path, httpserver: HTTPServer, old: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    name, fixed, vulnerable = OLD_LINES[old]
    text = (templates / name).read_text(encoding="utf-8")
    assert fixed in text
    (templates / name).write_text(text.replace(fixed, vulnerable), encoding="utf-8")
    spec = {
        **CONTROL,
        "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": f'X"+{CODE[0]}+"'}}},
    }

    with pytest.raises(GenerateError) as refused:
        _generate(tmp_path / "audited", spec, templates)
    assert re.search(r"step 'audit'.*\n  .*\.py:\d+: the builtin open", str(refused.value))

    _run(_generate(tmp_path, spec, templates, audit=False), httpserver, tmp_path)
    assert (tmp_path / MARKER).exists()
