"""How much one input may amount to: the reading limits of every JSON/YAML input, and of a download.

Free of heavy imports, so the CLI builds its options from these defaults without loading a parser or
an HTTP client. ``specpipe.documents`` and ``specpipe.fetch`` enforce them.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one parsed document may amount to; the CLI sets them from ``--max-*`` flags."""

    max_nesting: int = 100
    """Containers inside containers: every later step (doctor, the generator) walks documents recursively."""
    max_alias_nodes: int = 100_000
    """Nodes YAML aliases may add by repeating their anchor (a legitimate anchor is reused a few times)."""
    max_int_digits: int = 4300
    """Python's own default limit on int/str conversion, which this sets for the whole command."""


@dataclass(frozen=True)
class FetchLimits:
    """Bounds of one download; the CLI sets them from ``sync --max-download`` and ``--fetch-timeout``."""

    max_bytes: int = 20 * MB
    timeout: float = 60.0


_LIMITS: ContextVar[Limits] = ContextVar("specpipe_limits", default=Limits())  # noqa: B039 (Limits is frozen)


def current() -> Limits:
    """The reading limits in force (the defaults outside ``reading_limits``)."""
    return _LIMITS.get()


@contextlib.contextmanager
def reading_limits(limits: Limits) -> Iterator[None]:
    """Apply ``limits`` to every parse (and Python's int/str conversion) inside the block."""
    token = _LIMITS.set(limits)
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(limits.max_int_digits)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(previous)
        _LIMITS.reset(token)
