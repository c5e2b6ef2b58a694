"""specpipe.merge_sources: one document from several, every conflict refused naming both sources."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from specpipe.errors import InputError
from specpipe.merge_sources import TITLE, merge_documents, source_versions

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "openapi" / f"{name}.json").read_text(encoding="utf-8"))
    return document


def _sources() -> list[tuple[str, dict[str, Any]]]:
    return [("heygen-external-api", _load("heygen-external-api")), ("heygen-api", _load("heygen-api"))]


def test_the_vendored_sources_merge_v3_first() -> None:
    merged = merge_documents(_sources())
    assert merged["info"]["title"] == TITLE
    assert source_versions(merged["info"]["version"]) == {"heygen-external-api": "1.0.0", "heygen-api": "4.0.8"}
    assert list(merged["paths"]) == ["/v3/videos/{video_id}", "/v1/video.delete"]
    assert [server["url"] for server in merged["servers"]] == ["https://api.heygen.com"]
    # The v1 page's sec0 is v3's ApiKeyAuth but for its prose: one scheme, the client's x-api-key header first.
    assert merged["security"][0] == {"ApiKeyAuth": []}
    assert set(merged["components"]["securitySchemes"]) == {"ApiKeyAuth", "BearerAuth"}
    assert merged["components"]["securitySchemes"]["ApiKeyAuth"]["name"] == "x-api-key"


def test_merging_is_deterministic_and_leaves_its_inputs_alone() -> None:
    sources = _sources()
    pristine = copy.deepcopy(sources)
    assert json.dumps(merge_documents(sources)) == json.dumps(merge_documents(_sources()))
    assert sources == pristine


def test_only_the_operations_are_copied_the_rest_is_shared_with_the_sources() -> None:
    """Copying whole documents cost as much as overlaying them at 10 x 2,000 operations (bench/sources.py).
    Negative control: ``copy.deepcopy(document)`` back in ``_Merge.add`` fails the identity checks."""
    (v3_name, v3), (v1_name, v1) = _sources()
    merged = merge_documents([(v3_name, v3), (v1_name, v1)])
    schema = next(iter(v3["components"]["schemas"]))
    assert merged["components"]["schemas"][schema] is v3["components"]["schemas"][schema]
    v1_operation = v1["paths"]["/v1/video.delete"]["delete"]
    merged_operation = merged["paths"]["/v1/video.delete"]["delete"]
    assert merged_operation is not v1_operation
    assert "security" not in v1_operation
    assert merged_operation["responses"] is v1_operation["responses"]


def test_the_same_operation_in_two_sources_is_refused() -> None:
    v3, v1 = _sources()
    v1[1]["paths"]["/v3/videos/{video_id}"] = {"get": v3[1]["paths"]["/v3/videos/{video_id}"]["get"]}
    with pytest.raises(
        InputError, match=r"GET /v3/videos/\{video_id\} is in both sources heygen-external-api and heygen-api"
    ):
        merge_documents([v3, v1])


def test_a_component_twice_is_kept_once_when_equal_and_refused_when_not() -> None:
    v3, v1 = _sources()
    v1[1]["components"]["schemas"] = {"VideoStatus": copy.deepcopy(v3[1]["components"]["schemas"]["VideoStatus"])}
    assert list(merge_documents([v3, v1])["components"]["schemas"]).count("VideoStatus") == 1
    v1[1]["components"]["schemas"]["VideoStatus"]["enum"].append("archived")
    with pytest.raises(
        InputError, match="components/schemas/VideoStatus differs between sources heygen-external-api and heygen-api"
    ):
        merge_documents([v3, v1])


def test_a_security_scheme_of_another_kind_under_a_taken_name_is_refused() -> None:
    v3, v1 = _sources()
    v1[1]["components"]["securitySchemes"] = {"BearerAuth": {"type": "apiKey", "in": "query", "name": "key"}}
    with pytest.raises(InputError, match="components/securitySchemes/BearerAuth differs between sources"):
        merge_documents([v3, v1])


def test_a_tag_with_two_descriptions_is_refused() -> None:
    v3, v1 = _sources()
    v1[1]["tags"] = [{"name": "Videos", "description": "something else"}]
    with pytest.raises(InputError, match="tags/Videos differs between sources heygen-external-api and heygen-api"):
        merge_documents([v3, v1])


def test_servers_that_disagree_are_refused() -> None:
    v3, v1 = _sources()
    v1[1]["servers"] = [{"url": "https://api.heygen.example"}]
    with pytest.raises(InputError, match=r"servers differ between sources heygen-external-api .* and heygen-api"):
        merge_documents([v3, v1])


def test_a_later_default_security_is_pushed_into_its_operations() -> None:
    """v1 operations keep exactly their own requirement: its x-api-key alone, renamed to the equal merged
    scheme, not v3's "key or bearer token" (the client reads what each operation accepts from this).
    Negative control: without the push-down, DELETE /v1/video.delete would inherit v3's default."""
    v3, v1 = _sources()
    v1[1]["components"]["securitySchemes"]["sec0"]["name"] = "x-legacy-key"
    merged = merge_documents([v3, v1])
    assert merged["paths"]["/v1/video.delete"]["delete"]["security"] == [{"sec0": []}]
    operation = merge_documents(_sources())["paths"]["/v1/video.delete"]["delete"]
    assert operation["security"] == [{"ApiKeyAuth": []}]
    v1_same_default = _sources()
    v1_same_default[1][1]["security"] = copy.deepcopy(v1_same_default[0][1]["security"])
    assert "security" not in merge_documents(v1_same_default)["paths"]["/v1/video.delete"]["delete"]
