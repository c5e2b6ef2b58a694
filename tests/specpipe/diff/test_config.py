"""DiffConfig: two comparisons on different dates each measure sunsets against their own ``today``, however
their detectors interleave: in turns in one thread, in threads, in asyncio tasks.

The detectors are lazy generators, so a comparison can begin (build its config) and be read later.
Negative controls: the old design put back, each comparison setting its date in ambient state when it
begins and the lifecycle reading it there. A module global fails every interleaving; a ContextVar (what
``detect_lifecycle._TODAY`` was) fails the one in one thread, and is right in threads and tasks only
because each of those has a context of its own.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import date
from typing import Any, Literal

import pytest

from specpipe.diff import detect_lifecycle as lifecycle
from specpipe.diff.config import DiffConfig
from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.normalize import normalize
from specpipe.diff.report import OPERATION_DETECTORS

from .builders import deprecated, doc, obj, op, param

SUNSET = "2030-01-15"
EARLY, LATE = date(2030, 1, 1), date(2030, 2, 1)  # before the sunset, after it
DATES = (EARLY, LATE)


def _document(sunset: dict[str, Any]) -> dict[str, Any]:
    """Endpoints each with a parameter and a request body property: all three deprecated with ``sunset``."""
    body = {"content": {"application/json": {"schema": obj(name={"type": "string", **sunset})}}}
    operation = op(parameters=[param(**sunset)], requestBody=body, **sunset)
    return doc({f"/things{index}": {"post": operation} for index in range(20)})


BEFORE = normalize(_document({}), "old document")
AFTER = normalize(_document(deprecated(SUNSET)), "new document")


def _begin(today: date) -> Iterator[str]:
    """Begins a comparison on ``today`` (its config is built now) and returns its findings, read lazily."""
    return _findings(SchemaDiffer(DiffConfig(today)))


def _findings(schemas: SchemaDiffer) -> Iterator[str]:
    for key, operation in AFTER.operations.items():
        for detect in OPERATION_DETECTORS:
            for finding in detect(BEFORE.operations[key], operation, schemas):
                yield f"{finding.rule} {sorted(finding.args.items())}"


Seen = dict[date, list[str]]


def _alone() -> Seen:
    return {today: list(_begin(today)) for today in DATES}


def _in_turns() -> Seen:
    """Both begun, then read one finding each in turn, in one thread."""
    streams = [_begin(today) for today in DATES]
    seen: Seen = {today: [] for today in DATES}
    for items in zip(*streams, strict=True):
        for today, item in zip(DATES, items, strict=True):
            seen[today].append(item)
    return seen


def _in_threads() -> Seen:
    """One thread each; both begun before either reads a finding."""
    begun = threading.Barrier(len(DATES))
    seen: Seen = {}

    def run(today: date) -> None:
        stream = _begin(today)
        begun.wait()
        seen[today] = list(stream)

    threads = [threading.Thread(target=run, args=(today,)) for today in DATES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


def _in_tasks() -> Seen:
    """One asyncio task each, yielding to the other after beginning and after every finding."""

    async def run(today: date) -> list[str]:
        stream = _begin(today)
        found = []
        await asyncio.sleep(0)
        for item in stream:
            found.append(item)
            await asyncio.sleep(0)
        return found

    async def both() -> list[list[str]]:
        return list(await asyncio.gather(*(run(today) for today in DATES)))

    return dict(zip(DATES, asyncio.run(both()), strict=True))


SCHEDULES: dict[str, Callable[[], Seen]] = {"in turns": _in_turns, "threads": _in_threads, "tasks": _in_tasks}


def test_each_date_gives_its_own_findings() -> None:
    """What the interleaving tests compare with: the pair is dated (its findings differ by date)."""
    alone = _alone()
    assert alone[EARLY] != alone[LATE]
    assert any(item.startswith("endpoint-deprecated-with-sunset") for item in alone[EARLY])
    assert any("api-sunset-date-too-small" in item and "2030-02-01" in item for item in alone[LATE])
    assert any(item.startswith("request-parameter-sunset-date-too-small") for item in alone[LATE])
    assert any(item.startswith("request-property-sunset-date-too-small") for item in alone[LATE])


@pytest.mark.parametrize("schedule", SCHEDULES.values(), ids=SCHEDULES.keys())
def test_interleaved_comparisons_each_see_their_own_today(schedule: Callable[[], Seen]) -> None:
    assert schedule() == _alone()


def _ambient_today(monkeypatch: pytest.MonkeyPatch, store: Literal["global", "contextvar"]) -> None:
    """The old design: a comparison's date set in ambient state when it begins, and read from there."""
    holder: list[DiffConfig] = []
    var: ContextVar[DiffConfig] = ContextVar("config")

    def put(config: DiffConfig) -> None:
        if store == "global":
            holder[:] = [config]
        else:
            var.set(config)

    def get() -> DiffConfig:
        return holder[0] if store == "global" else var.get()

    begin, deprecation = SchemaDiffer.__init__, lifecycle.deprecation

    def ambient_begin(self: SchemaDiffer, config: DiffConfig) -> None:
        put(config)
        begin(self, config)

    def ambient_deprecation(ids: lifecycle.DeprecationIds, extensions: Any, _config: DiffConfig) -> Any:
        return deprecation(ids, extensions, get())

    monkeypatch.setattr(SchemaDiffer, "__init__", ambient_begin)
    monkeypatch.setattr(lifecycle, "deprecation", ambient_deprecation)


@pytest.mark.parametrize(
    ("store", "schedule", "right"),
    [
        ("global", "in turns", False),
        ("global", "threads", False),
        ("global", "tasks", False),
        ("contextvar", "in turns", False),
        ("contextvar", "threads", True),  # by accident: each thread has a context of its own
        ("contextvar", "tasks", True),  # by accident: each task runs in a copy of the context
    ],
)
def test_negative_control_an_ambient_date(
    monkeypatch: pytest.MonkeyPatch, store: Literal["global", "contextvar"], schedule: str, right: bool
) -> None:
    """The interleaving test above fails when the date is ambient state (right only where noted)."""
    _ambient_today(monkeypatch, store)
    alone = _alone()
    assert alone[EARLY] != alone[LATE]  # one at a time, an ambient date is right
    assert (SCHEDULES[schedule]() == alone) is right


def test_the_deprecation_days_are_read_from_the_config() -> None:
    """A sunset 14 days ahead is no change at oasdiff's 0 days, and too small at 30 (each the other's control)."""
    default = list(_findings(SchemaDiffer(DiffConfig(EARLY))))
    strict = list(_findings(SchemaDiffer(DiffConfig(EARLY, min_sunset_days=30))))
    assert not any("too-small" in item for item in default)
    assert any(item.startswith("api-sunset-date-too-small") for item in strict)


def test_the_stability_threshold_is_read_from_the_config() -> None:
    """An alpha endpoint is exempt at oasdiff's beta threshold and checked at an alpha one (each the other's control)."""
    (operation,) = normalize(doc({"/a": {"get": op(**{"x-stability-level": "alpha"})}}), "doc").operations.values()
    assert not lifecycle.checked(operation, DiffConfig(EARLY))
    assert lifecycle.checked(operation, DiffConfig(EARLY, stability_threshold="alpha"))
