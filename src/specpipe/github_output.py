"""Step outputs for GitHub Actions' ``$GITHUB_OUTPUT`` file, that no value can forge another line in.

Each value is written in GitHub's multiline form (``name<<DELIMITER``, the value, ``DELIMITER``) with a
random delimiter checked not to occur in it, so a value holding a newline and ``breaking=false`` (an
upstream ``info.version``) stays one value. Hand-written: no library writes this file format.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def output_lines(values: Mapping[str, str]) -> str:
    """``values`` as ``$GITHUB_OUTPUT`` entries; names are checked, values delimited."""
    entries = []
    for name, value in values.items():
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a step output name")
        delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
        while delimiter in value:  # 128 random bits: a collision means the value was built to hit it
            delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
        entries.append(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
    return "".join(entries)
