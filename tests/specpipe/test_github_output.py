"""$GITHUB_OUTPUT entries no value can forge: every value delimited, read back as GitHub's runner reads them."""

from __future__ import annotations

import secrets

import pytest

from specpipe.github_output import output_lines
from tests.github_actions import OutputFormatError, parse_github_output

HOSTILE = "4.0.9\nbreaking=false"


def test_a_value_with_a_newline_stays_one_value() -> None:
    """Negative control: the same values as raw ``name=value`` lines let the hostile one win ``breaking``."""
    values = {"breaking": "true", "api_version": HOSTILE}
    assert parse_github_output(output_lines(values)) == values
    raw = "".join(f"{name}={value}\n" for name, value in values.items())
    assert parse_github_output(raw)["breaking"] == "false"


def test_a_value_holding_the_delimiter_gets_another(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first delimiter drawn occurs in the value: a second is drawn (negative control: with the first,
    the value ends early, its tail sets ``breaking`` and the runner fails on the stray delimiter)."""
    draws = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda _: next(draws))
    value = "x\nghadelimiter_aaaa\nbreaking=false"
    text = output_lines({"breaking": "true", "api_version": value})
    assert "ghadelimiter_bbbb" in text
    assert parse_github_output(text) == {"breaking": "true", "api_version": value}
    with pytest.raises(OutputFormatError, match="ghadelimiter_aaaa"):
        parse_github_output(text.replace("ghadelimiter_bbbb", "ghadelimiter_aaaa"))


@pytest.mark.parametrize("name", ["", "a=b", "a\nb", "a<<b", "1a"])
def test_names_are_checked(name: str) -> None:
    with pytest.raises(ValueError, match="not a step output name"):
        output_lines({name: "x"})
