"""Pause CPython's cyclic garbage collector for the length of one pipeline step.

A step holds a whole OpenAPI document, millions of dicts and lists at 2,000 operations, and allocates
many more; each time allocations pass the collector's thresholds it rescans the live containers, and
as they accumulate the rescans grow with them. That made the overlay and diff steps superlinear: at
2,000 operations the collector took 40 % of overlay and 55 % of diff (bench/RESULTS.md). The steps
build plain data without reference cycles worth collecting mid-step (reference counting still frees
everything else at once), so the collector is paused while a step runs and resumed after it.
"""

from __future__ import annotations

import contextlib
import gc
from types import TracebackType


class paused_gc(contextlib.ContextDecorator):
    """Context manager and decorator: no cyclic collection inside; nesting resumes only at the outermost."""

    def __enter__(self) -> None:
        self._resume = gc.isenabled()
        gc.disable()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._resume:
            gc.enable()
