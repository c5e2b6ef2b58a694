"""The client docs stay true: the fault table (docs/client/errors.md) lists exactly the fault tests, the
batch-delete example (docs/client/concurrency.md) runs, bounded as it says, against a loopback server, and
every python block of the README, of every page under docs/ and of the generated package's README
type-checks (mypy --strict, pyright) and runs."""

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

from tests.client import test_faults
from tests.client.conftest import PATH

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "README.md"
FAULTS_PAGE = ROOT / "docs" / "client" / "errors.md"
CONCURRENCY_PAGE = ROOT / "docs" / "client" / "concurrency.md"


def test_fault_table_lists_every_fault_test_and_no_other() -> None:
    section = (
        FAULTS_PAGE.read_text(encoding="utf-8")
        .split("\n## Faults and what the client does\n", 1)[1]
        .split("\n## ", 1)[0]
    )
    documented = {
        match.group(1) for match in re.finditer(r"^\|[^|]+\|[^|]+\| `(test_fault_\w+)`", section, flags=re.MULTILINE)
    }
    tested = {name for name, _ in inspect.getmembers(test_faults, inspect.isfunction) if name.startswith("test_fault_")}
    assert documented == tested


def _recipe() -> dict[str, Any]:
    """The ``delete_many`` recipe of the concurrency page, executed as a module that is not __main__."""
    text = CONCURRENCY_PAGE.read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL) if "def delete_all(" in b]
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(block, str(CONCURRENCY_PAGE), "exec"), namespace)  # our own documentation
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
        video_id = request.path.rsplit("/", 1)[1]
        if video_id.startswith("gone"):
            body: dict[str, Any] = {"error": {"code": "not_found", "message": "Video not found"}}
            return WerkzeugResponse(json.dumps(body), status=404, content_type="application/json")
        body = {"data": {"id": video_id, "deleted": True}}
        return WerkzeugResponse(json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("concurrency", [1, 3])
def test_batch_delete_recipe_bounds_concurrency(
    concurrency: int, use_async: bool, server: HTTPServer, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = _DeleteServer()
    server.expect_request(re.compile(r"/v3/videos/[^/]+"), method="DELETE").respond_with_handler(handler)
    monkeypatch.setenv("HEYGEN_BASE_URL", server.url_for(""))
    monkeypatch.setenv("HEYGEN_API_KEY", api_key)
    ids = [f"v-{index}" for index in range(11)] + ["gone-1"]
    recipe = _recipe()

    if use_async:
        outcomes = asyncio.run(recipe["adelete_all"](ids, concurrency=concurrency))
    else:
        outcomes = recipe["delete_all"](ids, concurrency=concurrency)

    assert outcomes == {**{f"v-{index}": "deleted" for index in range(11)}, "gone-1": "not_found"}
    assert handler.peak == concurrency
    assert len(server.log) == len(ids)


# Every ```python block of the READMEs and of docs/ is a complete program: typed (mypy --strict, pyright) and run.

PACKAGE_DIR = ROOT / "generated" / "heygen-api-client"
DOCS = {
    "readme": DOC,
    "package_readme": PACKAGE_DIR / "README.md",
    **{"_".join(page.relative_to(ROOT).with_suffix("").parts): page for page in sorted((ROOT / "docs").rglob("*.md"))},
}
# Pages that must have examples: a lost block (a fence typo, a page emptied by a merge) fails here.
MUST_HAVE_EXAMPLES = {
    "readme",
    "package_readme",
    "docs_client_errors",
    "docs_client_concurrency",
    "docs_client_resources",
}
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
        blocks = re.findall(r"^ *```python\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
        assert blocks or name not in MUST_HAVE_EXAMPLES, f"{doc} has no python block"
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


@pytest.mark.e2e
def test_every_python_block_passes_mypy_strict(examples: list[Path], negative_control: Path) -> None:
    completed = _mypy(examples)
    assert completed.returncode == 0, completed.stdout
    failed = _mypy([negative_control])
    assert failed.returncode == 1
    assert 'Name "api_key" is not defined' in failed.stdout
    assert 'Item "Unset" of "DeleteVideoResult | Unset" has no attribute "deleted"' in failed.stdout


@pytest.mark.e2e
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
    # v3 (the "Migrating from v1 to v3" example): the effective spec's documented 200 bodies.
    paths = json.loads((DOC.parent / "generated" / "openapi.json").read_text(encoding="utf-8"))["paths"]

    def documented(path: str, method: str) -> Callable[[Request], WerkzeugResponse]:
        body = paths[path][method]["responses"]["200"]["content"]["application/json"]["example"]

        def answer(request: Request) -> WerkzeugResponse:
            if request.headers.get("x-api-key") != api_key:
                return WerkzeugResponse(
                    '{"error": {"code": "unauthorized"}}', status=401, content_type="application/json"
                )
            return WerkzeugResponse(json.dumps(body), content_type="application/json")

        return answer

    for path, method, pattern in (
        ("/v3/videos/{video_id}", "delete", re.compile(r"/v3/videos/[^/]+")),
        ("/v3/video-translations/{video_translation_id}", "delete", re.compile(r"/v3/video-translations/[^/]+")),
        ("/v3/videos", "get", "/v3/videos"),
    ):
        server.expect_request(pattern, method=method.upper()).respond_with_handler(documented(path, method))


@pytest.mark.e2e
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
