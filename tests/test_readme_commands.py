"""The README's two commands are what CI runs, so CI executes the claim that they work on a fresh machine."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _two_commands() -> dict[str, str]:
    """The command lines of the bash block under "## The two commands", by the nox session they run."""
    section = README.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None, "no bash block under '## The two commands'"
    lines = [line for line in block[1].splitlines() if line.strip() and not line.startswith("#")]
    return {line.rsplit(" -s ", 1)[1]: line for line in lines}


def _nox_sessions() -> set[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(decorator).startswith("nox.session") for decorator in node.decorator_list)
    }


def test_the_readme_has_the_generate_and_test_commands_and_the_noxfile_their_sessions() -> None:
    commands = _two_commands()
    assert set(commands) == {"generate", "tests"}
    assert set(commands) <= _nox_sessions()


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    assert _two_commands()["tests"] in CI.splitlines()


def test_each_command_makes_its_own_venv_with_the_pinned_nox() -> None:
    """PEP 668 systems refuse `pip install` into the system Python: nothing may install there."""
    pins = set(re.findall(r"nox==([\w.]+)", README + CI))
    assert len(pins) == 1, pins
    prefix = f"python3 -m venv .venv && .venv/bin/python -m pip install nox=={pins.pop()} && .venv/bin/python -m nox"
    for command in _two_commands().values():
        assert command.startswith(prefix), command
    for text in (README, CI):
        assert "python3 -m pip install" not in text
        assert not re.search(r"^\s*pip install nox", text, re.M)
    assert "python3-venv" in README.split("## The two commands", 1)[1].split("\n## ", 1)[0]
