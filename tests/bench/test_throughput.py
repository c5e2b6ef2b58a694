"""The throughput benchmark's profile summary: each function's own CPU counted under its package (site
packages, the standard library, the generated client, C builtins), shares of the whole.

Negative control: ``_package`` returning "other" for every file fails the package assertions."""

from __future__ import annotations

import json
import threading
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


def test_the_summary_of_threads_profiles_the_threads_the_case_starts(throughput: ModuleType) -> None:
    """The sync ``delete_many`` works in a thread of its own while the main thread waits. Negative control:
    profiling the main thread only (``threads=False``) finds no json in it."""

    def case() -> float:
        def work() -> None:
            for _ in range(3000):
                json.loads('{"a": [1, 2, 3]}')

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        return 0.0

    assert "json " in throughput.where_the_time_goes(case, threads=True).split("; top functions: ")[0]
    assert "json " not in throughput.where_the_time_goes(case).split("; top functions: ")[0]
