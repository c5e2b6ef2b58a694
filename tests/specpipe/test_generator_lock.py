"""generator-lock.txt pins, with hashes, what pyproject.toml asks for and the generator's whole dependency set."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from specpipe.project import Project

ROOT = Path(__file__).resolve().parents[2]
LOCK = Project.at(ROOT).generator_lock
# The generator and what it runs: its closure must be locked, not left to whatever is newest next year.
GENERATOR = ("openapi-python-client", "ruff")


def parse_lock(text: str) -> dict[str, tuple[str, int]]:
    """name → (pinned version, number of hashes), from pip's requirements format with ``--hash`` options."""
    entries: dict[str, tuple[str, int]] = {}
    for logical in text.replace("\\\n", " ").splitlines():
        line = logical.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *options = line.split()
        name, _, version = requirement.partition("==")
        if not version:
            raise ValueError(f"{requirement}: not pinned with ==")
        entries[canonicalize_name(name)] = (version, sum(option.startswith("--hash=sha256:") for option in options))
    return entries


def lock_drift(dependencies: list[str], lock_text: str) -> list[str]:
    """Where the lock and pyproject's dependencies disagree (empty: no drift)."""
    locked = parse_lock(lock_text)
    problems = [f"{name}=={version}: no hash" for name, (version, hashes) in locked.items() if hashes == 0]
    for requirement in map(Requirement, dependencies):
        name = canonicalize_name(requirement.name)
        if name not in locked:
            problems.append(f"{requirement}: not in the lock")
        elif not requirement.specifier.contains(locked[name][0], prereleases=True):
            problems.append(f"{requirement}: the lock pins {locked[name][0]}")
    return problems


def _pyproject_dependencies() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        dependencies: list[str] = tomllib.load(file)["project"]["dependencies"]
    return dependencies


def test_the_lock_pins_what_pyproject_pins() -> None:
    assert lock_drift(_pyproject_dependencies(), LOCK.read_text(encoding="utf-8")) == []


def _closure(roots: tuple[str, ...]) -> set[str]:
    """Every distribution ``roots`` need (no extras), from the installed metadata."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_the_generators_whole_dependency_set_is_locked() -> None:
    closure = _closure(GENERATOR)
    assert {"jinja2", "ruamel-yaml", "pydantic", "typer", "ruff"} <= closure
    assert closure - set(parse_lock(LOCK.read_text(encoding="utf-8"))) == set()


@pytest.mark.parametrize(
    ("lock", "problem"),
    [
        pytest.param("ruff==0.17.6 --hash=sha256:aa\n", "openapi-python-client==0.29.1: not in the lock", id="missing"),
        pytest.param(
            "ruff==0.17.7 --hash=sha256:aa\nopenapi-python-client==0.29.1 --hash=sha256:bb\n",
            "ruff==0.17.6: the lock pins 0.17.7",
            id="other-version",
        ),
        pytest.param(
            "ruff==0.17.6\nopenapi-python-client==0.29.1 --hash=sha256:bb\n", "ruff==0.17.6: no hash", id="no-hash"
        ),
    ],
)
def test_lock_drift_sees_each_disagreement(lock: str, problem: str) -> None:
    assert lock_drift(["openapi-python-client==0.29.1", "ruff==0.17.6"], lock) == [problem]


def test_parse_lock_reads_continuation_lines_and_refuses_ranges() -> None:
    text = "# header\nJinja2==3.1.6 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via x\n"
    assert parse_lock(text) == {"jinja2": ("3.1.6", 2)}
    with pytest.raises(ValueError, match="not pinned"):
        parse_lock("jinja2>=3\n")
