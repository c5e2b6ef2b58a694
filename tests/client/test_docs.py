"""The README's client section stays true: its fault table lists exactly the fault tests, its batch-delete
example runs, bounded as it says, against a loopback server, and every python block of it and of the
generated package's README type-checks (mypy --strict, pyright) and runs."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import re
import subprocess
import sys
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


# Every ```python block of the READMEs is a complete program: typed (mypy --strict, pyright) and run.

PACKAGE_DIR = DOC.parent / "generated" / "heygen-api-client"
DOCS = {"readme": DOC, "package_readme": PACKAGE_DIR / "README.md"}
NEGATIVE_CONTROL = """\
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.models import DeleteVideoResponse

with AuthenticatedClient(token=api_key) as client:
    result = delete_a_video.sync(client=client, video_id="v-1")
    if isinstance(result, DeleteVideoResponse):
        print(result.data.deleted)
"""
"""The README's first example before it was checked: ``api_key`` undefined, ``data`` possibly Unset."""


def _write_examples(folder: Path) -> list[Path]:
    files = []
    for name, doc in DOCS.items():
        blocks = re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert blocks, f"{doc} has no python block"
        for index, block in enumerate(blocks):
            path = folder / f"{name}_{index}.py"
            path.write_text(block, encoding="utf-8")
            files.append(path)
    return files


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _write_examples(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="module")
def negative_control(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("negative") / "old_readme_example.py"
    path.write_text(NEGATIVE_CONTROL, encoding="utf-8")
    return path


def _mypy(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """mypy with the worker's own cache (tests/conftest.py), new each run: the negative control reuses what
    the examples' run analysed (the client, httpx, the standard library) instead of doing it again."""
    env = {**os.environ, "MYPYPATH": str(PACKAGE_DIR)}
    command = [sys.executable, "-m", "mypy", "--strict", *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env, timeout=300)


def _pyright(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """basedpyright (pyright with its own Node.js, so it runs offline) in pyright's strict mode."""
    folder = files[0].parent
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "extraPaths": [str(PACKAGE_DIR)]}
    (folder / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    command = [
        str(Path(sys.executable).with_name("basedpyright")),
        "--pythonpath",
        sys.executable,
        "--project",
        str(folder),
        *map(str, files),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.slow
def test_every_python_block_passes_mypy_strict(examples: list[Path], negative_control: Path) -> None:
    completed = _mypy(examples)
    assert completed.returncode == 0, completed.stdout
    failed = _mypy([negative_control])
    assert failed.returncode == 1
    assert 'Name "api_key" is not defined' in failed.stdout
    assert 'Item "Unset" of "DeleteVideoResult | Unset" has no attribute "deleted"' in failed.stdout


@pytest.mark.slow
def test_every_python_block_passes_pyright(examples: list[Path], negative_control: Path) -> None:
    completed = _pyright(examples)
    assert completed.returncode == 0, completed.stdout
    failed = _pyright([negative_control])
    assert failed.returncode == 1
    assert '"api_key" is not defined' in failed.stdout
    assert 'Cannot access attribute "deleted" for class "Unset"' in failed.stdout


def _documented_server(server: HTTPServer, api_key: str) -> None:
    """Answers every delete as HeyGen documents it, if the request carries the key."""

    def delete(request: Request) -> WerkzeugResponse:
        if request.headers.get("x-api-key") != api_key:
            return WerkzeugResponse('{"error": {"code": "unauthorized"}}', status=401, content_type="application/json")
        body = {
            "code": 100,
            "data": {"Deleted": [request.args["video_id"]], "Failed": []},
            "msg": None,
            "message": "ok",
        }
        return WerkzeugResponse(json.dumps(body), content_type="application/json")

    server.expect_request(PATH, method="DELETE").respond_with_handler(delete)


@pytest.mark.slow
def test_every_python_block_runs_against_a_local_server(examples: list[Path], server: HTTPServer, api_key: str) -> None:
    _documented_server(server, api_key)
    env = {
        **os.environ,
        "HEYGEN_BASE_URL": server.url_for(""),
        "HEYGEN_API_KEY": api_key,
        "PYTHONPATH": str(PACKAGE_DIR),
    }
    for example in examples:
        completed = subprocess.run(
            [sys.executable, str(example)], capture_output=True, text=True, check=False, env=env, timeout=120
        )
        assert completed.returncode == 0, f"{example.name}:\n{example.read_text()}\n{completed.stderr}"
        assert api_key not in completed.stdout + completed.stderr
    assert len(server.log) >= 10  # the examples that talk to HeyGen did, and got through
    assert all(response.status_code == 200 for _, response in server.log)
