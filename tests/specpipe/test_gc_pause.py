"""paused_gc: no cyclic collection inside a step, and the collector's state restored after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from specpipe.gc_pause import paused_gc


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_paused_inside_and_resumed_after_even_on_error() -> None:
    seen: list[bool] = []

    @paused_gc()
    def failing_step() -> None:
        seen.append(gc.isenabled())
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        failing_step()
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_nested_pauses_resume_only_at_the_outermost() -> None:
    @paused_gc()
    def step() -> bool:
        return gc.isenabled()

    with paused_gc():
        assert step() is False
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
