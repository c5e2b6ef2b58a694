"""What a newcomer reads first: `specpipe --help`, each command's own --help, and --version."""

from __future__ import annotations

import argparse
import importlib.metadata

import pytest

from specpipe.cli import _parser, main


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return dict(commands.choices)


def _help_of(command: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The help line of ``action`` as ``command --help`` prints it."""
    formatter = command._get_formatter()
    text = formatter._get_help_string(action) or ""  # what the formatter makes of it, defaults included
    return text % {**vars(action), "default": action.default, "prog": command.prog}


COMMANDS = sorted(_commands())


def test_every_command_is_walked() -> None:
    assert (
        sorted(["extract", "overlay", "doctor", "diff", "api-diff", "sync", "release", "generate", "check"]) == COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_describes_itself(name: str) -> None:
    """Negative control: without _describe(commands) in _parser no command has a description."""
    command = _commands()[name]
    assert command.description is not None
    assert len(command.description.split()) >= 15
    assert command.description in command.format_help()


@pytest.mark.parametrize("name", COMMANDS)
def test_every_positional_argument_has_help(name: str) -> None:
    command = _commands()[name]
    positionals = [action for action in command._actions if not action.option_strings]
    assert all(action.help for action in positionals), [action.dest for action in positionals if not action.help]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_with_a_default_shows_it(name: str) -> None:
    """Negative control: with argparse's plain HelpFormatter in _describe, --format and --fail-on show none."""
    command = _commands()[name]
    defaulted = [
        action
        for action in command._actions
        if action.option_strings and action.default not in (None, False, argparse.SUPPRESS)
    ]
    assert defaulted
    missing = [action.dest for action in defaulted if "default" not in _help_of(command, action)]
    assert missing == []


def test_fail_on_shows_breaking(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["diff", "--help"])
    assert exited.value.code == 0
    assert "exit 1 at this level (default: breaking)" in " ".join(capsys.readouterr().out.split())


def test_the_top_level_help_is_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "``" not in out  # no reStructuredText from a docstring
    assert ":mod:" not in out
    assert "exit codes: 0 success; 1" in out
    assert all(f"    {name} " in out for name in COMMANDS)


def test_version_is_the_installed_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"specpipe {importlib.metadata.version('specpipe')}\n"
