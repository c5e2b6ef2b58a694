"""Read a ``$GITHUB_OUTPUT`` file the way GitHub's runner does, for the tests of what specpipe writes there.

Follows the documented format ("Workflow commands: Setting an output parameter", multiline strings)
as the runner implements it (actions/runner, FileCommandManager): blank lines are skipped; a line
whose first ``=`` comes before any ``<<`` is ``NAME=VALUE``; otherwise ``NAME<<DELIMITER`` opens a
value that runs until a line equal to ``DELIMITER``. A name set twice keeps its last value.
"""

from __future__ import annotations


class OutputFormatError(ValueError):
    """The runner would fail the step on this file."""


def parse_github_output(text: str) -> dict[str, str]:
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if not line:
            continue
        equals, heredoc = line.find("="), line.find("<<")
        if equals >= 0 and (heredoc < 0 or equals < heredoc):
            name, value = line[:equals], line[equals + 1 :]
        elif heredoc >= 0:
            name, delimiter = line[:heredoc], line[heredoc + 2 :]
            if not delimiter:
                raise OutputFormatError(f"{line!r}: empty delimiter")
            body: list[str] = []
            for following in lines:
                if following == delimiter:
                    break
                body.append(following)
            else:
                raise OutputFormatError(f"{line!r}: matching delimiter not found")
            value = "\n".join(body)
        else:
            raise OutputFormatError(f"{line!r}: invalid format")
        if not name:
            raise OutputFormatError(f"{line!r}: empty name")
        outputs[name] = value
    return outputs
