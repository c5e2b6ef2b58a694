"""Synthetic specs for the scale benchmark: the vendored document's operations copied N times.

Each copy keeps every schema and documented example of the original, so ``doctor`` has as many
examples to check per operation as on the real document, and the overlay's fixes are retargeted to
every copy, so the overlay step applies as many actions per operation as the real overlay does and
the diff between the raw and the overlaid spec reports as many changes per operation.
"""

from __future__ import annotations

import copy
import re
from typing import Any

OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# How an overlay target names a path item: `$.paths['/a/b']` (a quoted name selector).
_PATH_TARGET = re.compile(r"^\$\.paths\[(['\"])(?P<path>.*?)\1\]")


def copy_path(path: str, index: int) -> str:
    """Where copy ``index`` of the path item ``path`` lives: a prefix segment keeps every copy distinct."""
    return f"/copy{index}{path}"


def operation_count(document: dict[str, Any]) -> int:
    """The operations in ``document``'s paths."""
    return sum(
        1 for item in document.get("paths", {}).values() for verb in OPERATIONS if isinstance(item.get(verb), dict)
    )


def scaled_spec(document: dict[str, Any], operations: int) -> dict[str, Any]:
    """``document`` with its paths copied until it has exactly ``operations`` operations.

    Copies get distinct paths (``copy_path``) and operationIds (``<id>-<copy>``), so the result is as
    valid as ``document`` is; everything outside ``paths`` is kept once.
    """
    per_copy = operation_count(document)
    if per_copy == 0 or operations % per_copy:
        raise ValueError(f"{operations} operations is not a multiple of the document's {per_copy}")
    paths: dict[str, Any] = {}
    for index in range(operations // per_copy):
        for path, item in document["paths"].items():
            clone = copy.deepcopy(item)
            for verb in OPERATIONS:
                operation = clone.get(verb)
                if isinstance(operation, dict) and "operationId" in operation:
                    operation["operationId"] = f"{operation['operationId']}-{index}"
            paths[copy_path(path, index)] = clone
    return {**copy.deepcopy(document), "paths": paths}


def scaled_overlay(overlay: dict[str, Any], document: dict[str, Any], operations: int) -> dict[str, Any]:
    """``overlay`` (an Overlay document) with each action on a path item repeated for every copy.

    Actions that target anything but one path item (``$.paths['...']...``) are kept once, unchanged.
    """
    copies = operations // operation_count(document)
    actions: list[dict[str, Any]] = []
    for action in overlay["actions"]:
        match = _PATH_TARGET.match(action["target"])
        if match is None:
            actions.append(action)
            continue
        rest = action["target"][match.end() :]
        for index in range(copies):
            quoted = copy_path(match["path"], index).replace("\\", "\\\\").replace("'", "\\'")
            actions.append({**action, "target": f"$.paths['{quoted}']{rest}"})
    return {**overlay, "actions": actions}


def few_changed(spec: dict[str, Any], changed: dict[str, Any], every: int = 100) -> dict[str, Any]:
    """``spec`` with one path item in ``every`` taken from ``changed`` (the overlaid spec): a release
    that changes a few operations, what ``specpipe diff`` mostly compares."""
    paths = {
        path: changed["paths"][path] if index % every == 0 else item
        for index, (path, item) in enumerate(spec["paths"].items())
    }
    return {**spec, "paths": paths}
