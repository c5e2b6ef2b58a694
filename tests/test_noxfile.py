"""The noxfile's sessions run what they claim, read with a stand-in for nox (not installed in the test env)."""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _pytest.mark.expression import Expression

ROOT = Path(__file__).resolve().parents[1]


class _Session:
    """Records what a session installs and runs, in order."""

    def __init__(self, posargs: list[str]) -> None:
        self.posargs = posargs
        self.calls: list[tuple[str, tuple[str, ...]]] = []
        self.envs: list[dict[str, str] | None] = []
        self.virtualenv = types.SimpleNamespace(location="/venvs/session")

    def install(self, *args: str) -> None:
        self.calls.append(("install", args))

    def run(self, *args: str, env: dict[str, str] | None = None, **_: Any) -> None:
        self.calls.append(("run", args))
        self.envs.append(env)


def _session_decorator(*args: Any, **_: Any) -> Any:
    """``@nox.session`` and ``@nox.session(python=...)``: the function itself."""
    if len(args) == 1 and callable(args[0]):
        return args[0]
    return lambda function: function


@pytest.fixture
def noxfile(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    stand_in = types.ModuleType("nox")
    stand_in.options = types.SimpleNamespace()  # type: ignore[attr-defined]
    stand_in.session = _session_decorator  # type: ignore[attr-defined]
    stand_in.parametrize = lambda *args, **kwargs: lambda function: function  # type: ignore[attr-defined]
    stand_in.Session = _Session  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nox", stand_in)
    spec = importlib.util.spec_from_file_location("noxfile_under_test", ROOT / "noxfile.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(session: Callable[[_Session], None], posargs: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    recorder = _Session(posargs)
    session(recorder)
    return recorder.calls


LOCKED = [("install", ("--require-hashes", "-r", "generator-lock.txt")), ("install", ("--no-deps", "-e", "."))]


def test_the_specpipe_session_installs_the_locked_generator_and_forwards_its_arguments(
    noxfile: types.ModuleType,
) -> None:
    """Negative control: dropping *session.posargs from the session's run makes the first assert fail."""
    assert _run(noxfile.specpipe, ["diff", "a.json", "http://127.0.0.1:1/p.md"]) == [
        *LOCKED,
        ("run", ("specpipe", "diff", "a.json", "http://127.0.0.1:1/p.md")),
    ]
    assert _run(noxfile.specpipe, []) == [*LOCKED, ("run", ("specpipe", "--help"))]


def test_generate_installs_the_same_locked_generator(noxfile: types.ModuleType) -> None:
    assert _run(noxfile.generate, []) == [*LOCKED, ("run", ("specpipe", "generate"))]


TEST_ENVIRONMENT = [
    ("install", ("uv==0.13.9",)),
    ("run", ("uv", "pip", "install", "--quiet", "--compile-bytecode", "--require-hashes", "-r", "generator-lock.txt")),
    (
        "run",
        (
            "uv", "pip", "install", "--quiet", "--compile-bytecode", "--reinstall-package", "heygen-api-client",
            "-e", ".[test,lint]", "generated/heygen-api-client",
        ),
    ),
]  # fmt: skip


def test_the_tests_session_runs_all_but_the_crash_and_e2e_tests_on_two_workers(noxfile: types.ModuleType) -> None:
    """Negative control: running pytest without `-m "not crash and not e2e"` makes the first assert fail."""
    pytest_args = ("pytest", "-n", "3", "--dist", "worksteal", "-m", "not crash and not e2e")
    assert _run(noxfile.tests, []) == [*TEST_ENVIRONMENT, ("run", pytest_args)]
    # Later options win in pytest: posargs can run one worker (-n 0) or name a file.
    assert _run(noxfile.tests, ["-n", "0", "tests/test_noxfile.py"])[-1] == (
        "run",
        (*pytest_args, "-n", "0", "tests/test_noxfile.py"),
    )


@pytest.mark.parametrize(("name", "markers"), [("crash", "crash"), ("e2e", "e2e and not crash")])
def test_the_crash_and_e2e_sessions_run_their_marked_tests(noxfile: types.ModuleType, name: str, markers: str) -> None:
    assert _run(getattr(noxfile, name), ["-x"]) == [
        *TEST_ENVIRONMENT,
        ("run", ("pytest", "-n", "3", "--dist", "worksteal", "-m", markers, "-x")),
    ]


@pytest.mark.parametrize("marks", [(), ("crash",), ("e2e",), ("crash", "e2e")], ids="+".join)
def test_every_test_runs_in_exactly_one_of_the_three_sessions(
    noxfile: types.ModuleType, marks: tuple[str, ...]
) -> None:
    """A test marked both crash and e2e runs once, in `crash`. Negative control: `-m e2e` for the e2e
    session selects a test marked both twice (checked)."""

    def marked(name: str, /, **_: object) -> bool:
        return name in marks

    # pytest's own evaluator of -m expressions, so the check means what pytest will select.
    expressions = (noxfile.TESTS_MARKERS, noxfile.CRASH_MARKERS, noxfile.E2E_MARKERS)
    selected = [Expression.compile(text).evaluate(marked) for text in expressions]
    assert selected.count(True) == 1, dict(zip(expressions, selected, strict=True))


@pytest.mark.parametrize("name", ["tests", "crash", "e2e"])
def test_pytest_writes_bytecode_to_a_cache_outside_the_repository(noxfile: types.ModuleType, name: str) -> None:
    """Each worker and each interpreter a test starts reads the repository's modules compiled once.
    Negative control: dropping the session's env= leaves PYTHONDONTWRITEBYTECODE as the caller set it."""
    recorder = _Session([])
    getattr(noxfile, name)(recorder)
    assert recorder.calls[-1][1][0] == "pytest"
    assert recorder.envs[-1] == {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": "/venvs/session/pycache"}


@pytest.mark.parametrize("session", ["crash", "e2e"])
def test_ci_runs_the_sessions_the_test_command_leaves_out(session: str) -> None:
    """What `nox -s tests` leaves out still runs on every submission. Negative control: deleting the
    `nox -s crash` (or `e2e`) line of .ci/run fails this test."""
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    line = f".venv/bin/python -m nox -s {session}"
    assert line in commands
    tests = next(index for index, line in enumerate(commands) if line.endswith("-m nox -s tests"))
    assert commands.index(line) > tests  # after the command that makes .venv
