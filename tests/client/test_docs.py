"""The README's client section stays true: its fault table lists exactly the fault tests, and its batch-delete
example runs, bounded as it says, against a loopback server."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from heygen_api_client import AuthenticatedClient
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

from tests.client import test_faults
from tests.client.conftest import PATH

DOC = Path(__file__).resolve().parents[2] / "README.md"


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_fault_table_lists_every_fault_test_and_no_other() -> None:
    section = _doc().split("### Faults and what the client does", 1)[1].split("\n### ", 1)[0]
    documented = {
        match.group(1) for match in re.finditer(r"^\|[^|]+\|[^|]+\| `(test_fault_\w+)`", section, flags=re.MULTILINE)
    }
    tested = {name for name, _ in inspect.getmembers(test_faults, inspect.isfunction) if name.startswith("test_fault_")}
    assert documented == tested


def _example() -> dict[str, Any]:
    """The ``delete_many`` code block of the doc, executed as a module that is not __main__."""
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", _doc(), flags=re.DOTALL) if "async def delete_many" in b]
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(block, str(DOC), "exec"), namespace)  # our own documentation
    return namespace


class _DeleteServer:
    """Deletes the requested id after a pause (404 for ids starting "gone"), recording peak concurrency."""

    def __init__(self) -> None:
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> WerkzeugResponse:
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(0.05)
        with self._lock:
            self.active -= 1
        video_id = request.args["video_id"]
        if video_id.startswith("gone"):
            body: dict[str, Any] = {"code": 400569, "message": "not found"}
            return WerkzeugResponse(json.dumps(body), status=404, content_type="application/json")
        body = {"code": 100, "data": {"Deleted": [video_id], "Failed": []}, "msg": None, "message": "ok"}
        return WerkzeugResponse(json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("concurrency", [1, 3])
def test_batch_delete_example_bounds_concurrency(concurrency: int, server: HTTPServer, api_key: str) -> None:
    handler = _DeleteServer()
    server.expect_request(PATH, method="DELETE").respond_with_handler(handler)
    ids = [f"v-{index}" for index in range(11)] + ["gone-1"]
    client = AuthenticatedClient(base_url=server.url_for(""), token=api_key)

    outcomes = asyncio.run(_example()["delete_many"](client, ids, concurrency=concurrency))

    assert outcomes == {**{f"v-{index}": "deleted" for index in range(11)}, "gone-1": "not found (already deleted?)"}
    assert handler.peak == concurrency
    assert len(server.log) == len(ids)
