"""Every job of the repository as a nox session; CI and the README call these, nothing else.

Each session installs what it needs into its own virtual environment, so a fresh machine with
Python 3.11+ and pip only needs `pip install nox`.
"""

from __future__ import annotations

import nox

nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "lint", "typecheck", "check"]

CLIENT = "generated/heygen-api-client"
CODE = ["src", "tests", "bench", "noxfile.py"]


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi/ + overlay/ + generator-config.yaml + templates/."""
    session.install("-e", ".")
    session.run("specpipe", "generate")


@nox.session
def check(session: nox.Session) -> None:
    """The drift gate: fail with a diff when generated/ is not what generation produces."""
    session.install("-e", ".")
    session.run("specpipe", "check")


@nox.session
def tests(session: nox.Session) -> None:
    """Every test that needs only the repository: pipeline, contract tests, client fault injection."""
    # lint extras too: a test runs mypy --strict on a client generated from a synthetic spec.
    session.install("-e", ".[test,lint]", CLIENT)
    session.run("pytest", *session.posargs)  # tests/conformance is not collected (pyproject norecursedirs)


@nox.session
def conformance(session: nox.Session) -> None:
    """The tests that read third-party data from ../shared (OAI Overlay sets, oasdiff's checks, the seed
    page); not a default session: ../shared lives beside the clone, and CI lays it there."""
    session.install("-e", ".[test]", CLIENT)
    session.run("pytest", "tests/conformance", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, at the version pyproject pins for the generator's post hooks."""
    session.install("-e", ".")
    session.run("ruff", "check", *CODE)
    session.run("ruff", "format", "--check", *CODE)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the pipeline, its tests and the generated package teams import."""
    session.install("-e", ".[test,lint]", CLIENT)
    session.run("mypy", "--strict", "src", "tests")
    session.run("mypy", "--strict", f"{CLIENT}/heygen_api_client")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks and scale (bench/), one table; not a default session: it takes about four minutes."""
    session.install("-e", ".[test]", CLIENT)
    session.run("python", "bench/run.py", *session.posargs)
