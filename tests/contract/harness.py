"""Replays one documented response to a generated client and checks what the client made of it.

The checks, each of which the unpatched spec fails somewhere:
- the request matched the operation (method, path, required parameters, the API-key header), else the
  server has no handler and ``check_assertions`` fails;
- the status is the documented one and ``parsed`` is a model, not ``None``;
- every model field holds a value of its annotated type (typeguard), so ``Deleted: str`` holding a
  list fails;
- nothing landed in a model's untyped ``additional_properties`` bag (the example is fully described);
- ``parsed.to_dict() == example``: parsing lost nothing.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import json
import secrets
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
from pytest_httpserver import HTTPServer
from typeguard import CollectionCheckStrategy, check_type

from tests.contract.cases import Case


def load_package(package_dir: Path, alias: str) -> ModuleType:
    """Import a generated package from ``package_dir`` under ``alias``.

    Generated code imports itself relatively, so a second client (the negative control's) can live
    beside the committed one in the same process.
    """
    if alias in sys.modules:
        return sys.modules[alias]
    spec = importlib.util.spec_from_file_location(
        alias, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    spec.loader.exec_module(module)
    return module


def new_api_key() -> str:
    """A random key per test: no fixture ever holds a real-looking secret."""
    return f"test-{secrets.token_hex(8)}"


def _expect_request(server: HTTPServer, case: Case, api_key: str) -> None:
    query = {p.name: str(p.value) for p in case.parameters if p.location == "query"}
    headers = {p.name: str(p.value) for p in case.parameters if p.location == "header"}
    if case.api_key_header:
        headers[case.api_key_header] = api_key
    body = {} if case.request_body is None else {"json": case.request_body}
    server.expect_oneshot_request(
        case.url_path,
        method=case.method.upper(),
        query_string=query or None,
        headers=headers,
        **body,
    ).respond_with_data(json.dumps(case.example), status=case.status, content_type=case.content_type)


def _call_arguments(package: ModuleType, case: Case) -> dict[str, Any]:
    module = importlib.import_module(case.module.replace(case.module.split(".")[0], package.__name__, 1))
    arguments: dict[str, Any] = {p.python_name: p.value for p in case.parameters}
    if case.request_body is not None:
        body_type = typing.get_type_hints(module.sync_detailed)["body"]
        model = next(t for t in (body_type, *typing.get_args(body_type)) if hasattr(t, "from_dict"))
        arguments["body"] = model.from_dict(case.request_body)
    return {"module": module, **arguments}


def _client(package: ModuleType, case: Case, base_url: str, api_key: str) -> Any:
    """Retries off: a documented 429 (or 5xx) is replayed once and is itself the answer under test;
    retrying is tests/client/test_retry_policy.py's."""
    if case.api_key_header is None:
        return package.Client(base_url=base_url, retry=None)
    return package.AuthenticatedClient(base_url=base_url, token=api_key, retry=None)


async def _call_async(client: Any, module: ModuleType, arguments: dict[str, Any]) -> Any:
    async with client:
        return await module.asyncio_detailed(client=client, **arguments)


def call(
    package: ModuleType, case: Case, server: HTTPServer, *, use_async: bool, runner: asyncio.Runner | None = None
) -> Any:
    """Make the documented request through the generated client; return its ``Response``.

    An async call runs on ``runner``'s event loop when given (a caller making many calls keeps one loop and
    its thread pool, where aiohttp resolves the host), else on a new one."""
    api_key = new_api_key()
    _expect_request(server, case, api_key)
    arguments = _call_arguments(package, case)
    module = arguments.pop("module")
    client = _client(package, case, server.url_for(""), api_key)
    if use_async:
        call_async = _call_async(client, module, arguments)
        response = runner.run(call_async) if runner is not None else asyncio.run(call_async)
    else:
        with client:
            response = module.sync_detailed(client=client, **arguments)
    server.check_assertions()
    return response


def _annotations(package: ModuleType, cls: type) -> dict[str, Any]:
    namespace = {**vars(importlib.import_module(f"{package.__name__}.types")), **vars(package.models)}
    return typing.get_type_hints(cls, globalns=vars(sys.modules[cls.__module__]), localns=namespace)


def check_model(package: ModuleType, value: Any, where: str = "parsed") -> None:
    """Every field of every model under ``value`` holds its annotated type and nothing is untyped."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_model(package, item, f"{where}[{index}]")
        return
    if not attrs.has(type(value)):
        return
    hints = _annotations(package, type(value))
    for attribute in attrs.fields(type(value)):
        if attribute.name == "additional_properties":
            extra = getattr(value, attribute.name)
            assert not extra, f"{where}: keys {sorted(extra)} are not in the schema, so the client leaves them untyped"
            continue
        field_value = getattr(value, attribute.name)
        check_type(field_value, hints[attribute.name], collection_check_strategy=CollectionCheckStrategy.ALL_ITEMS)
        check_model(package, field_value, f"{where}.{attribute.name}")


def check_response(package: ModuleType, case: Case, response: Any) -> None:
    assert int(response.status_code) == case.status
    parsed = response.parsed
    assert parsed is not None, f"{case.id}: the client returned no parsed body for a documented response"
    check_model(package, parsed)
    produced = parsed.to_dict() if hasattr(parsed, "to_dict") else parsed
    assert produced == case.example, f"{case.id}: parsing was lossy"
