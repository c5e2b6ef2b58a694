"""The generated project packages: ``python -m build`` makes an sdist and a wheel with py.typed, the
wheel declares what the package imports as compatible ranges, and it works installed on its own."""

from __future__ import annotations

import ast
import email
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import heygen_api_client
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH

PACKAGE_DIR = Path(heygen_api_client.__file__).resolve().parent
CLIENT_PROJECT = PACKAGE_DIR.parent
VERSION = heygen_api_client.__version__


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel built from a copy of the project, so the build leaves generated/ untouched.

    --no-isolation builds with the pdm-backend of this environment: tests reach no network.
    """
    work = tmp_path_factory.mktemp("build")
    project = work / "project"
    shutil.copytree(CLIENT_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*_cache"))
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(project)],
        check=True,
        capture_output=True,
    )
    return work / "dist"


def _wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("*.whl")
    return wheel


def _requirements(dist: Path) -> list[Requirement]:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        metadata = email.message_from_bytes(wheel.read(f"heygen_api_client-{VERSION}.dist-info/METADATA"))
    assert metadata["Version"] == VERSION
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def _modules() -> set[str]:
    return {path.relative_to(CLIENT_PROJECT).as_posix() for path in PACKAGE_DIR.rglob("*.py")}


def test_build_makes_an_sdist_and_a_wheel_with_py_typed(dist: Path) -> None:
    assert sorted(path.name for path in dist.iterdir()) == [
        f"heygen_api_client-{VERSION}-py3-none-any.whl",
        f"heygen_api_client-{VERSION}.tar.gz",
    ]
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        names = set(wheel.namelist())
    assert {"heygen_api_client/py.typed", *_modules()} <= names
    with tarfile.open(dist / f"heygen_api_client-{VERSION}.tar.gz") as sdist:
        sdist_names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "heygen_api_client/py.typed", *_modules()} <= sdist_names


def test_dependencies_are_compatible_ranges_met_here(dist: Path) -> None:
    requirements = _requirements(dist)
    for requirement in requirements:
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators, f"{requirement}: no lower bound"
        assert not operators & {"==", "==="}, f"{requirement}: pinned, not a range"
        installed = importlib.metadata.version(requirement.name)
        assert requirement.specifier.contains(installed), f"{requirement} excludes the tested {installed}"


def _third_party_imports() -> set[str]:
    roots: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots.add(node.module.split(".")[0])
    return roots - set(sys.stdlib_module_names) - {"heygen_api_client"}


NOT_IMPORTED = {"sniffio"}
"""Declared though the package never imports it: httpcore imports it per async lock (see the client's
pyproject.toml); without it every async call pays failed imports."""


def test_dependencies_are_exactly_what_the_package_imports(dist: Path) -> None:
    """No undeclared import, no unused declaration (python-dateutil only if a date field needed it)
    beyond the documented NOT_IMPORTED; an optional import is declared under its extra only."""
    distributions = importlib.metadata.packages_distributions()
    imported = {canonicalize_name(distributions[root][0]) for root in _third_party_imports()}
    requirements = _requirements(dist)
    declared = {canonicalize_name(requirement.name) for requirement in requirements}
    assert (
        imported | NOT_IMPORTED
        == declared
        == {"httpx", "httpcore", "attrs", "httpx-retries", "anyio", "sniffio", "httpx-aiohttp", "aiohttp"}
    )
    extras = {canonicalize_name(r.name): str(r.marker) for r in requirements if r.marker is not None}
    assert extras == {"httpx-aiohttp": 'extra == "aiohttp"', "aiohttp": 'extra == "aiohttp"'}


_SCRIPT = """
import json, pathlib, sys
import heygen_api_client
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.default import delete_a_video

with AuthenticatedClient(base_url=sys.argv[1]) as client:  # the key comes from HEYGEN_API_KEY
    result = delete_a_video.sync(client=client, video_id="v-1")
package = pathlib.Path(heygen_api_client.__file__).parent
print(json.dumps({"package": str(package), "typed": (package / "py.typed").is_file(), "deleted": result.data.deleted}))
"""


@pytest.mark.e2e
def test_wheel_works_installed_in_a_fresh_environment(
    dist: Path, tmp_path: Path, server: HTTPServer, api_key: str
) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder().create(environment)
    python = environment / "bin" / "python"
    # This environment's pip installs into the fresh one (--python): seeding it a pip of its own
    # (ensurepip) would take longer than the rest of the test.
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "--quiet", "--no-index", "--no-deps", _wheel(dist)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment (no network in tests); the package itself only
    # from the wheel, since the fresh site-packages precedes a .pth entry.
    (environment_site,) = environment.glob("lib/python*/site-packages")
    (environment_site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    server.expect_request(PATH, method="DELETE", headers={"x-api-key": api_key}).respond_with_json(OK_BODY)
    child_env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    completed = subprocess.run(
        [python, "-c", _SCRIPT, server.url_for("")],
        env={**child_env, "HEYGEN_API_KEY": api_key},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )

    outcome = json.loads(completed.stdout)
    assert Path(outcome["package"]).is_relative_to(environment_site)
    assert outcome["typed"] is True
    assert outcome["deleted"] == ["v-1"]


def test_the_package_says_its_licence_urls_and_classifiers(dist: Path) -> None:
    """Defect 9: no licence, project URLs or classifiers, and a generic description."""
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        metadata = email.message_from_bytes(wheel.read(f"heygen_api_client-{VERSION}.dist-info/METADATA"))
        licence = wheel.read(f"heygen_api_client-{VERSION}.dist-info/licenses/LICENSE").decode()
    assert metadata["License-Expression"] == "Apache-2.0"
    assert "Apache License" in licence
    assert "Version 2.0, January 2004" in licence
    assert "openapi-python-client" in licence
    assert "Permission is hereby granted, free of charge" in licence  # the MIT notice its licence asks for
    assert "HeyGen API" in metadata["Summary"]
    assert "A client library for accessing" not in metadata["Summary"]
    urls = metadata.get_all("Project-URL") or []
    assert any(url.startswith("API documentation, https://") for url in urls)
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers


def test_the_repository_licence_is_the_clients() -> None:
    root = Path(__file__).resolve().parents[2]
    client_licence = (root / "generated" / "heygen-api-client" / "LICENSE").read_text(encoding="utf-8")
    assert client_licence.startswith((root / "LICENSE").read_text(encoding="utf-8").rstrip())
    assert client_licence.rstrip().endswith((root / "templates" / "NOTICE").read_text(encoding="utf-8").rstrip())
