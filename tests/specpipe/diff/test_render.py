"""render(): one line per change in text, a changelog grouped by level in markdown, the JSON contract."""

from __future__ import annotations

import json

import pytest

from specpipe.diff import FORMATS, Change, DiffReport, Level, render
from specpipe.errors import DiffError

BREAKING = Change(
    "request-body-removed",
    Level.BREAKING,
    "POST /v1/x",
    "/paths/~1v1~1x/post/requestBody",
    None,
    "request body removed",
)
WARNING = Change("api-server-removed", Level.WARNING, None, "/servers/0", None, "server `https://a` removed")
INFO = Change("endpoint-added", Level.INFO, "GET /v1/y", None, "/paths/~1v1~1y/get", "endpoint added")
REPORT = DiffReport((WARNING, BREAKING, INFO))


def test_text_is_one_line_per_change() -> None:
    assert render(REPORT, "text").splitlines() == [
        "warning  (document): server `https://a` removed [api-server-removed]",
        "breaking POST /v1/x: request body removed [request-body-removed]",
        "info     GET /v1/y: endpoint added [endpoint-added]",
    ]


def test_markdown_groups_by_level_worst_first() -> None:
    assert render(REPORT, "markdown") == (
        "## API changes\n\n"
        "### Breaking (1)\n\n- `POST /v1/x`: request body removed (`request-body-removed`)\n\n"
        "### Warnings (1)\n\n- server `https://a` removed (`api-server-removed`)\n\n"
        "### Info (1)\n\n- `GET /v1/y`: endpoint added (`endpoint-added`)\n"
    )


def test_markdown_leaves_out_empty_levels() -> None:
    text = render(DiffReport((INFO,)), "markdown")
    assert "### Info (1)" in text
    assert "Breaking" not in text
    assert "Warnings" not in text


def test_empty_report() -> None:
    assert render(DiffReport(()), "text") == ""
    assert render(DiffReport(()), "markdown") == "## API changes\n\nNo changes.\n"
    assert json.loads(render(DiffReport(()), "json")) == {"breaking": False, "changes": [], "excused": []}


@pytest.mark.parametrize(
    ("changes", "breaking"),
    [
        pytest.param((WARNING, INFO), False, id="warnings-and-info"),
        pytest.param((BREAKING,), True, id="one-breaking"),
        pytest.param((INFO, BREAKING), True, id="breaking-among-info"),
    ],
)
def test_json_contract(changes: tuple[Change, ...], breaking: bool) -> None:
    payload = json.loads(render(DiffReport(changes), "json"))
    assert payload["breaking"] is breaking
    assert payload["changes"] == [
        {
            "id": change.id,
            "level": change.level.value,
            "operation": change.operation,
            "old_pointer": change.old_pointer,
            "new_pointer": change.new_pointer,
            "message": change.message,
        }
        for change in changes
    ]


def test_every_format_renders_and_others_are_refused() -> None:
    assert FORMATS == ("text", "markdown", "json")
    with pytest.raises(DiffError, match="unknown output format 'html'"):
        render(REPORT, "html")
