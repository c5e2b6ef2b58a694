"""The contract check, run on a client generated from the spec as published, must fail.

Proves the suite sees the upstream defects: without the overlay, ``Deleted``/``Failed`` are typed
``str`` but arrive as lists (the client refuses the body), and the 404 body's ``code``/``message``
land in an untyped bag.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer

from specpipe.generate import run_generator
from specpipe.project import Project
from tests.contract.cases import Case, discover_file
from tests.contract.harness import call, check_response, load_package

ROOT = Path(__file__).resolve().parents[2]
ALIAS = "heygen_api_client_unpatched"


@pytest.fixture(scope="module")
def unpatched(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, list[Case]]:
    project = Project.at(ROOT)
    work = tmp_path_factory.mktemp("unpatched")
    spec = work / "openapi.json"
    shutil.copyfile(project.vendored("heygen-api"), spec)  # the v1 page as published: the defects are its
    run_generator(project, spec, work / "client")
    package = load_package(work / "client" / "heygen_api_client", ALIAS)
    return package, discover_file(spec, ALIAS)


def _case(cases: list[Case], status: int) -> Case:
    (case,) = [c for c in cases if c.status == status]
    return case


def test_unpatched_client_rejects_deleted(unpatched: tuple[ModuleType, list[Case]], httpserver: HTTPServer) -> None:
    """Typed ``str`` by the published schema, ``Deleted`` arrives as a list: the contract check fails."""
    package, cases = unpatched
    case = _case(cases, 200)
    with pytest.raises(
        package.InvalidResponse, match=r"DeleteVideoResult\.Deleted: expected string, got array"
    ) as caught:
        check_response(package, case, call(package, case, httpserver, use_async=False))
    assert caught.value.field == "DeleteVideoResult.Deleted"


def test_unpatched_client_leaves_error_body_untyped(
    unpatched: tuple[ModuleType, list[Case]], httpserver: HTTPServer
) -> None:
    package, cases = unpatched
    case = _case(cases, 404)
    response = call(package, case, httpserver, use_async=False)
    with pytest.raises(AssertionError, match=r"\['code', 'message'\] are not in the schema"):
        check_response(package, case, response)
