"""Every job of the repository as a nox session; CI and the README call these, nothing else.

Each session installs what it needs into its own virtual environment, so a fresh machine with
Python 3.11+ and venv only needs nox in a virtual environment of its own (the README's two commands).
"""

from __future__ import annotations

import shutil
import tarfile
import tomllib
from pathlib import Path
from typing import Any

import nox
from packaging.requirements import Requirement

nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "lint", "typecheck", "check"]

CLIENT = "generated/heygen-api-client"
# templates/runtime: the client's runtime, real Python that generate copies into the client verbatim.
CODE = ["src", "tests", "bench", "noxfile.py", "docs_hooks.py", "templates/runtime"]
# The generator's whole dependency set, resolved from pyproject.toml, with hashes (`nox -s lock` writes it).
LOCK = "generator-lock.txt"
UV = "uv==0.13.9"
# Every Python the client claims (requires-python >=3.11) that this machine and CI have; 3.14 is not
# installed here (pyenv has 3.11, 3.12, 3.13), so it is not tested.
CLIENT_PYTHONS = ["3.11", "3.12", "3.13"]
# The tests of the client at run time. Left out: those that build or generate (they need specpipe and its
# own dependency ranges, not the client's), and which the `tests` session runs.
RUNTIME_TESTS = ["tests/contract", "tests/client"]
NOT_RUNTIME = [
    "tests/client/test_packaging.py",
    "tests/client/test_generic_templates.py",
    "tests/client/test_injection.py",
    "tests/contract/test_negative_control.py",
]


INSTALLED_CHECK = (
    "import heygen_api_client as p; "
    "assert 'site-packages' in p.__file__, f'heygen_api_client imported from {p.__file__}, not the installed build'"
)


def _project(pyproject: str) -> dict[str, Any]:
    with Path(pyproject).open("rb") as file:
        project: dict[str, Any] = tomllib.load(file)["project"]
    return project


def client_floors() -> list[str]:
    """``name==floor`` for every dependency the client declares (extras too): its oldest claimed environment."""
    project = _project(f"{CLIENT}/pyproject.toml")
    declared = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return [
        f"{requirement.name}=={spec.version}"
        for requirement in map(Requirement, declared)
        for spec in requirement.specifier
        if spec.operator == ">="
    ]


def run_client_tests(session: nox.Session, client: str, *pins: str) -> None:
    """The contract and client tests against ``client`` installed (not the tree) with the aiohttp extra."""
    # Newest: eager upgrades, so a reused virtual environment still gets today's releases.
    upgrade = () if pins else ("--upgrade", "--upgrade-strategy", "eager")
    specpipe = _project("pyproject.toml")
    # The contract cases name functions as the generator does (its strings module): the pinned generator too.
    (generator,) = (r for r in specpipe["dependencies"] if Requirement(r).name == "openapi-python-client")
    # The lint extras too: tests/client/test_docs.py type-checks the README's examples against the client.
    extras = [*specpipe["optional-dependencies"]["test"], *specpipe["optional-dependencies"]["lint"]]
    session.install(*upgrade, f"{client}[aiohttp]", *extras, generator, *pins)
    # specpipe itself, without its dependencies: the resource contract tests ask template_facts where each
    # operation sits on the resource client (client.<resource>.<method>), as the generator was told.
    session.install("--no-deps", "-e", ".")
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run("python", "-c", INSTALLED_CHECK)
    # Only the repository root on sys.path (pyproject's pythonpath would put generated/ first): the
    # tests import the installed package.
    session.run(
        "pytest", "-o", "pythonpath=.", "-p", "no:cacheprovider", "-q", *RUNTIME_TESTS,
        *(f"--ignore={path}" for path in NOT_RUNTIME), *session.posargs,
    )  # fmt: skip


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
def specpipe(session: nox.Session) -> None:
    """Any specpipe command, with the locked generator: `nox -s specpipe -- diff old.json new.json`."""
    install_locked_generator(session)
    session.run("specpipe", *(session.posargs or ["--help"]))


def install_test_environment(session: nox.Session) -> None:
    """The locked generator, specpipe with its test and lint extras, and the client, installed by uv.

    pip takes most of a minute over these (two isolated builds, a resolution, ~90 wheels); uv, pinned and
    installed by pip into the session itself, a few seconds. The README's command installs only nox, so
    uv cannot be nox's virtual environment backend there.
    """
    session.install(UV)
    # Bytecode at install, as pip does: under PYTHONDONTWRITEBYTECODE every interpreter the tests start
    # would otherwise compile each module it imports.
    uv_install = ("uv", "pip", "install", "--quiet", "--compile-bytecode")
    # The locked generator first: tests generate and compare with the committed client byte for byte.
    session.run(*uv_install, "--require-hashes", "-r", LOCK)
    # lint extras too: a test runs mypy --strict on a client generated from a synthetic spec. uv skips a
    # local project it has already installed; the client's files are copied, so a regenerated client
    # must be reinstalled (pip always reinstalls a local folder).
    session.run(*uv_install, "--reinstall-package", "heygen-api-client", "-e", ".[test,lint]", CLIENT)


def bytecode_cache(session: nox.Session) -> dict[str, str]:
    """The environment for pytest: bytecode written to a cache in the session's virtual environment.

    The repository's own modules (specpipe, the generated client, the tests with their rewritten asserts)
    are not installed as bytecode; under PYTHONDONTWRITEBYTECODE each pytest worker and every interpreter
    a test starts would compile them again. The prefix keeps ``__pycache__`` out of the repository.
    """
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(Path(session.virtualenv.location, "pycache"))}


# The developers' and CI's machines have 2 cores; three workers, because a fifth of the suite's time is tests
# waiting on a server or a deadline (drip-fed bodies, retries), which a third worker overlaps (quiet machine,
# 2026-12-07: 105 s with two, 87 s with three, the same 5,007 tests); fixed, as -n auto could count a host's
# cores in a container. worksteal: a few tests take seconds, most milliseconds. Later posargs win (-n 0).
WORKERS = ["-n", "3", "--dist", "worksteal"]


# Each test runs in exactly one of these sessions, by its markers (tests/test_noxfile.py checks the three
# expressions split every combination of the two markers): `tests` is the README's command, CI runs all three.
TESTS_MARKERS = "not crash and not e2e"
CRASH_MARKERS = "crash"
E2E_MARKERS = "e2e and not crash"


def run_marked_tests(session: nox.Session, markers: str) -> None:
    """The tests ``markers`` select, on the test environment, with the workers and the bytecode cache."""
    install_test_environment(session)
    session.run("pytest", *WORKERS, "-m", markers, *session.posargs, env=bytecode_cache(session))


@nox.session
def tests(session: nox.Session) -> None:
    """Every test that needs only the repository (pipeline, contract tests, client fault injection) but
    the kill-and-re-run ones, which `crash` runs, and the whole-pipeline ones, which `e2e` runs."""
    # tests/conformance is not collected (pyproject norecursedirs).
    run_marked_tests(session, TESTS_MARKERS)


@nox.session
def crash(session: nox.Session) -> None:
    """The crash-safety tests (marker `crash`): each writing command killed at a step, then re-run.

    Its own session because every case runs specpipe twice in a fresh interpreter (about a minute on two
    cores); CI runs it after `tests`, so every test still runs on each submission.
    """
    run_marked_tests(session, CRASH_MARKERS)


@nox.session
def e2e(session: nox.Session) -> None:
    """The end-to-end tests (marker `e2e`): the whole pipeline on a copy of the repository, regenerating the
    client several times and driving git (release, sync, the runbook), and the README's examples type-checked
    and run. Its own session because these few tests take most of the suite's time; CI runs it after `crash`.
    """
    run_marked_tests(session, E2E_MARKERS)


@nox.session
def conformance(session: nox.Session) -> None:
    """The tests that read third-party data from ../shared (OAI Overlay sets, oasdiff's checks, the seed
    page); not a default session: ../shared lives beside the clone, and CI lays it there."""
    session.install("-e", ".[test]", CLIENT)
    session.run("pytest", "tests/conformance", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, at the version pyproject pins for the generator's post hooks; the import rules (import-linter)."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", *CODE)
    session.run("ruff", "format", "--check", *CODE)
    session.run("lint-imports", "--no-cache")
    # The workflows: expressions, action inputs, permissions, shell snippets (release.yml cannot run here).
    session.run("actionlint")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the pipeline, its tests and the generated package teams import."""
    # docs too: tests/docs drives the browser with playwright, and docs_hooks.py is checked with the rest.
    session.install("-e", ".[test,lint,docs]", CLIENT)
    session.run("mypy", "--strict", "src", "tests", "docs_hooks.py", "templates/runtime")
    session.run("mypy", "--strict", f"{CLIENT}/heygen_api_client")


@nox.session(python=CLIENT_PYTHONS)
@nox.parametrize("dependencies", ["minimum", "newest"])
def compat(session: nox.Session, dependencies: str) -> None:
    """Client and contract tests on each claimed Python, at the declared floors and at the newest versions."""
    pins = client_floors() if dependencies == "minimum" else []
    run_client_tests(session, CLIENT, *pins)


@nox.session
def wheel(session: nox.Session) -> None:
    """Client and contract tests against a built wheel (release.yml: `nox -s wheel -- dist/<wheel>`)."""
    (built,) = session.posargs[:1] or [CLIENT]
    session.posargs[:] = session.posargs[1:]
    run_client_tests(session, built)


# Mermaid for the site's diagrams, from the npm registry at build time (nothing third-party is committed);
# docs_hooks.py copies it into the built site, so the browser draws the diagrams with no network.
MERMAID = "mermaid@12.4.0"
SITE = "build/site"


def mermaid_js(session: nox.Session) -> str:
    """``mermaid.min.js`` unpacked from the npm package, cached in the session's virtual environment."""
    folder = Path(session.virtualenv.location) / "mermaid" / MERMAID
    script = folder / "package" / "dist" / "mermaid.min.js"
    if not script.is_file():
        shutil.rmtree(folder, ignore_errors=True)  # what a killed run left
        folder.mkdir(parents=True)
        session.run("npm", "pack", MERMAID, "--silent", "--pack-destination", str(folder), external=True)
        (tarball,) = folder.glob("*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            assert member is not None, f"{tarball}: no package/dist/mermaid.min.js"
            script.parent.mkdir(parents=True, exist_ok=True)
            partial = script.with_suffix(".partial")
            partial.write_bytes(member.read())
            partial.replace(script)  # a killed run leaves no truncated script to reuse
    return str(script)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into build/site with --strict: a broken link or API reference fails."""
    session.install("-e", ".[docs]", CLIENT)
    session.run(
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        SITE,
        env={"MERMAID_JS": mermaid_js(session), "NO_MKDOCS_2_WARNING": "1"},
    )


@nox.session
def docs_browser(session: nox.Session) -> None:
    """Open the site `docs` built in headless Chromium (Debian's `chromium`): pages render, diagrams draw."""
    session.install("-e", ".[docs,test]", CLIENT)
    session.run("pytest", "-p", "no:cacheprovider", "tests/docs", env={"DOCS_SITE": SITE})


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks and scale (bench/), one table; not a default session: it takes about ten minutes."""
    session.install("-e", ".[test]", CLIENT)
    session.run("python", "bench/run.py", *session.posargs)
