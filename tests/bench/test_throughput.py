"""The throughput benchmark's profile summary: each function's own CPU counted under its package (site
packages, the standard library, the generated client, C builtins), shares of the whole.

Negative control: ``_package`` returning "other" for every file fails the package assertions."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture
def throughput(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("throughput")


@pytest.mark.parametrize(
    ("filename", "package"),
    [
        ("/venv/lib/python3.11/site-packages/httpx/_urlparse.py", "httpx"),
        ("/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", "asyncio"),
        ("/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", "json"),
        ("/work/generated/heygen-api-client/heygen_api_client/client.py", "heygen_api_client"),
        ("~", "C builtins"),
        ("<string>", "other"),
    ],
)
def test_each_file_counts_under_its_package(throughput: ModuleType, filename: str, package: str) -> None:
    assert throughput._package(filename) == package


def test_the_summary_names_where_the_cpu_went(throughput: ModuleType) -> None:
    def case() -> float:
        for _ in range(3000):
            json.loads('{"a": [1, 2, 3]}')
        return 0.0

    summary = throughput.where_the_time_goes(case)
    packages = summary.split("; top functions: ")[0].removeprefix("client CPU by package: ").split(", ")
    assert any(entry.startswith("json ") for entry in packages), summary
    assert 95 <= sum(int(entry.rsplit(" ", 1)[1].rstrip("%")) for entry in packages) <= 100 + len(packages)
