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
# The generator's whole dependency set, resolved from pyproject.toml, with hashes (`nox -s lock` writes it).
LOCK = "generator-lock.txt"
UV = "uv==0.13.9"


def install_locked_generator(session: nox.Session) -> None:
    """Exactly the locked generator environment (hash-checked), then specpipe itself without resolving again."""
    session.install("--require-hashes", "-r", LOCK)
    session.install("--no-deps", "-e", ".")


@nox.session
def lock(session: nox.Session) -> None:
    """Re-resolve generator-lock.txt from pyproject.toml (after changing a dependency there)."""
    session.install(UV)
    session.run(
        "uv", "pip", "compile", "pyproject.toml", "--generate-hashes", "--universal", "--python-version", "3.11",
        "--quiet", "--custom-compile-command", "nox -s lock", "-o", LOCK,
    )  # fmt: skip


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi/ + overlay/ + generator-config.yaml + templates/."""
    install_locked_generator(session)
    session.run("specpipe", "generate")


@nox.session
def check(session: nox.Session) -> None:
    """The drift gate: fail with a diff when generated/ is not what generation produces."""
    install_locked_generator(session)
    session.run("specpipe", "check")


@nox.session
def tests(session: nox.Session) -> None:
    """Every test: pipeline, overlay conformance, contract tests, client fault injection."""
    # lint extras too: a test runs mypy --strict on a client generated from a synthetic spec.
    session.install("-e", ".[test,lint]", CLIENT)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, at the version pyproject pins for the generator's post hooks."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", *CODE)
    session.run("ruff", "format", "--check", *CODE)
    # The workflows: expressions, action inputs, permissions, shell snippets (release.yml cannot run here).
    session.run("actionlint")


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
