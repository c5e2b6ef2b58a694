"""``specpipe doctor --suggest``: the overlay the examples prove, on our document and on synthetic defects."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from specpipe import documents
from specpipe.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from specpipe.doctor import diagnose
from specpipe.doctor.suggest import Suggestion, suggest, write_suggestion
from specpipe.overlay import apply_overlays, load_overlay, parse_overlay
from specpipe.project import Project
from tests.shared import copy_pipeline, fingerprint, local_sources

ROOT = Path(__file__).resolve().parents[3]
VENDORED = ROOT / "openapi" / "heygen-api.json"
OUR_OVERLAY = ROOT / "overlay" / "heygen-api.overlay.yaml"
OPERATION = ("paths", "/things", "get", "responses", "200", "content", "application/json")
TARGET = "$.paths['/things'].get.responses['200'].content['application/json'].schema"


def _doc(schema: dict[str, Any], *values: Any, version: str = "3.1.0", status: str = "200") -> dict[str, Any]:
    """One operation whose response ``status`` has ``schema`` and one named example per value."""
    examples = {f"Example {number}": {"value": value} for number, value in enumerate(values, start=1)}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "getThings",
                    "tags": ["Things"],
                    "responses": {
                        status: {
                            "description": "d",
                            "content": {"application/json": {"schema": schema, "examples": examples}},
                        }
                    },
                }
            }
        },
    }


def _suggest(document: dict[str, Any]) -> Suggestion:
    return suggest(document, diagnose(document))


def _applied(document: dict[str, Any], suggestion: Suggestion) -> dict[str, Any]:
    """``document`` with the suggestion applied, read back from the YAML a person would review."""
    overlay = parse_overlay(documents.parse_text(suggestion.render("api.json"), "suggested"), "suggested")
    return apply_overlays(document, [overlay]).document


def _schema(document: dict[str, Any], keys: tuple[str, ...] = OPERATION) -> Any:
    node: Any = document
    for key in keys:
        node = node[key]
    return node["schema"]


def _walk(node: Any) -> list[Any]:
    """Every mapping key and value under ``node``."""
    if isinstance(node, dict):
        return [*node, *(item for value in node.values() for item in _walk(value))]
    if isinstance(node, list):
        return [item for value in node for item in _walk(value)]
    return [node]


# --- our document -------------------------------------------------------------------------------------


def test_on_the_vendored_document_the_suggestion_makes_doctor_clean_and_matches_our_overlay() -> None:
    vendored = documents.load_mapping(VENDORED)
    assert diagnose(vendored)  # the defects our overlay fixes
    suggestion = _suggest(vendored)
    assert suggestion.unfixable == ()
    suggested = _applied(vendored, suggestion)
    assert diagnose(suggested) == []
    ours = apply_overlays(vendored, [load_overlay(OUR_OVERLAY)]).document
    delete = ("paths", "/v1/video.delete", "delete", "responses")
    ok = (*delete, "200", "content", "application/json")
    for document in (ours, suggested):
        assert _schema(document, ok)["properties"]["msg"]["type"] == ["string", "null"]
    for name in ("Deleted", "Failed"):
        fields = [_schema(document, ok)["properties"]["data"]["properties"][name] for document in (ours, suggested)]
        assert [(field["type"], field["items"]) for field in fields] == [("array", {"type": "string"})] * 2
    ours_404, suggested_404 = (
        {
            name: field["type"]
            for name, field in _schema(document, (*delete, "404", "content", "application/json"))["properties"].items()
        }
        for document in (ours, suggested)
    )
    # The example proves code and message; our overlay also types the fields of HeyGen's newer error
    # format (doc_url, param, a string code), which no example of this document shows.
    assert suggested_404 == {"code": "integer", "message": "string"}
    assert ours_404["message"] == "string"
    assert "integer" in ours_404["code"]
    # Our targets, in our style; the enum on the `type` parameter and the v1 deprecation are decisions
    # ("Decision: ..." descriptions) no example proves.
    assert {action["target"] for action in suggestion.actions} == {
        action.target
        for action in load_overlay(OUR_OVERLAY).actions
        if not (action.description or "").startswith("Decision:")
    }
    assert "required" not in _walk([action.get("update") for action in suggestion.actions])


def test_each_description_quotes_the_example_the_value_and_the_schema() -> None:
    suggestion = _suggest(documents.load_mapping(VENDORED))
    deleted = next(action for action in suggestion.actions if action["target"].endswith(".Deleted"))
    assert "/examples/Result/value/data/Deleted" in deleted["description"]
    assert '["vb606c57ee8042f4b499a6ab42183c2a-hi"]' in deleted["description"]
    assert "/schema/properties/data/properties/Deleted says type string" in deleted["description"]


def test_the_cli_writes_a_valid_overlay_1_0_and_keeps_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "suggested.overlay.yaml"
    assert main(["doctor", str(VENDORED), "--suggest", str(output)]) == EXIT_FINDINGS
    assert f"suggested overlay written to {output}: 6 action(s)" in capsys.readouterr().err
    overlay = load_overlay(output)
    assert (overlay.version, len(overlay.actions)) == ("1.0.0", 6)  # 5 fixes, then a tag for the untagged operation
    assert overlay.actions[-1].target == "$.paths['/v1/video.delete'].delete"
    assert all(action.description for action in overlay.actions)


def test_an_unwritable_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "a-folder"
    output.mkdir()
    assert main(["doctor", str(VENDORED), "--suggest", str(output)]) == EXIT_ERROR
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(
        f"specpipe doctor: error: {output}: doctor --suggest: cannot write the suggested overlay: "
    )
    assert not any("Traceback" in line for line in err)


# --- synthetic defects, one kind at a time --------------------------------------------------------------


def test_a_string_every_example_gives_as_an_array_of_strings_becomes_an_array() -> None:
    document = _doc({"type": "object", "properties": {"ids": {"type": "string"}}}, {"ids": ["a", "b"]}, {"ids": []})
    suggestion = _suggest(document)
    assert [(action["target"], action["update"]) for action in suggestion.actions] == [
        (f"{TARGET}.properties.ids", {"type": "array", "items": {"type": "string"}})
    ]
    assert diagnose(_applied(document, suggestion)) == []


def test_examples_that_disagree_on_a_type_are_listed_not_guessed() -> None:
    document = _doc({"type": "object", "properties": {"ids": {"type": "string"}}}, {"ids": ["a"]}, {"ids": 5})
    suggestion = _suggest(document)
    assert suggestion.actions == ()
    assert len(suggestion.unfixable) == 2
    assert all("/ids: type:" in line for line in suggestion.unfixable)


def test_null_becomes_nullable_in_openapi_3_0() -> None:
    document = _doc(
        {"type": "object", "properties": {"msg": {"type": "string"}}}, {"msg": None}, {"msg": "x"}, version="3.0.3"
    )
    suggestion = _suggest(document)
    assert [(action["target"], action["update"]) for action in suggestion.actions] == [
        (f"{TARGET}.properties.msg", {"nullable": True})
    ]
    assert diagnose(_applied(document, suggestion)) == []


def test_null_becomes_a_type_array_in_openapi_3_1_in_two_steps() -> None:
    document = _doc({"type": "object", "properties": {"msg": {"type": "string"}}}, {"msg": None})
    suggestion = _suggest(document)
    assert [(action["target"], action.get("update", action.get("remove"))) for action in suggestion.actions] == [
        (f"{TARGET}.properties.msg.type", True),
        (f"{TARGET}.properties.msg", {"type": ["string", "null"]}),
    ]
    assert _schema(_applied(document, suggestion))["properties"]["msg"] == {"type": ["string", "null"]}


def test_null_joins_a_type_array_and_an_enum() -> None:
    schema = {"type": "object", "properties": {"v": {"type": ["string", "integer"], "enum": ["a", 1]}}}
    document = _doc(schema, {"v": None}, {"v": "a"})
    suggestion = _suggest(document)
    assert [action["update"] for action in suggestion.actions] == [{"type": ["null"], "enum": [None]}]
    applied = _applied(document, suggestion)
    assert _schema(applied)["properties"]["v"] == {"type": ["string", "integer", "null"], "enum": ["a", 1, None]}
    assert diagnose(applied) == []


def test_an_empty_error_schema_gets_the_properties_its_examples_carry() -> None:
    error = {"code": 400569, "message": "not found", "retry": False, "score": 0.5, "tags": ["x"], "at": {"line": 3}}
    document = _doc({"type": "object", "properties": {}}, error, {"code": 7, "message": "m"}, status="404")
    suggestion = _suggest(document)
    assert [(action["target"], action["update"]) for action in suggestion.actions] == [
        (
            TARGET.replace("'200'", "'404'"),
            {
                "properties": {
                    "code": {"type": "integer"},
                    "message": {"type": "string"},
                    "retry": {"type": "boolean"},
                    "score": {"type": "number"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "at": {"type": "object", "properties": {"line": {"type": "integer"}}},
                }
            },
        )
    ]
    assert "required" not in _walk(suggestion.actions[0]["update"])
    assert diagnose(_applied(document, suggestion)) == []


def test_a_property_whose_only_value_is_null_is_not_typed_by_guess() -> None:
    document = _doc({"type": "object", "properties": {}}, {"code": 1, "detail": None}, status="404")
    suggestion = _suggest(document)
    assert suggestion.actions == ()
    assert [line.split(": ")[1] for line in suggestion.unfixable] == ["unevaluatedProperties"]


def test_an_enum_an_example_leaves_is_widened() -> None:
    schema = {"type": "object", "properties": {"state": {"type": "string", "enum": ["done"]}}}
    document = _doc(schema, {"state": "failed"}, {"state": "queued"}, {"state": "failed"})
    suggestion = _suggest(document)
    assert [(action["target"], action["update"]) for action in suggestion.actions] == [
        (f"{TARGET}.properties.state", {"enum": ["failed", "queued"]})
    ]
    applied = _applied(document, suggestion)
    assert _schema(applied)["properties"]["state"]["enum"] == ["done", "failed", "queued"]
    assert diagnose(applied) == []


def test_a_parameter_is_targeted_by_name_and_a_component_by_its_name() -> None:
    document = _doc({"$ref": "#/components/schemas/Thing"}, {"n": ["x"]})
    document["components"] = {"schemas": {"Thing": {"type": "object", "properties": {"n": {"type": "string"}}}}}
    operation = document["paths"]["/things"]["get"]
    operation["parameters"] = [
        {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["a"]}, "example": "b"}
    ]
    suggestion = _suggest(document)
    assert {action["target"] for action in suggestion.actions} == {
        "$.paths['/things'].get.parameters[?@.name == 'kind' && @.in == 'query'].schema",
        "$.components.schemas.Thing.properties.n",
    }
    assert diagnose(_applied(document, suggestion)) == []


def test_a_value_of_another_type_is_listed_as_a_comment(tmp_path: Path) -> None:
    document = _doc(
        {"type": "object", "properties": {"n": {"type": "string"}, "ids": {"type": "string"}}}, {"n": 5, "ids": ["a"]}
    )
    suggestion = _suggest(document)
    assert [action["target"] for action in suggestion.actions] == [f"{TARGET}.properties.ids"]
    rendered = suggestion.render("api.json")
    assert (
        "#   /paths/~1things/get/responses/200/content/application~1json/examples/Example 1/value/n: type: 5 is not of type 'string'"
        in rendered
    )
    output = tmp_path / "s.yaml"
    output.write_text(rendered, encoding="utf-8")
    assert len(load_overlay(output).actions) == 1  # the comments leave a valid overlay


def test_a_multi_line_finding_stays_one_comment_line(tmp_path: Path) -> None:
    document = _doc(
        {"type": "object", "properties": {"n": {"type": "string"}, "ids": {"type": "string"}}}, {"ids": ["a"]}
    )
    suggestion = Suggestion(_suggest(document).actions, ("/x: type: 'a\nb' is odd\n[unclosed",))
    output = tmp_path / "s.yaml"
    output.write_text(suggestion.render("api.json"), encoding="utf-8")
    assert len(load_overlay(output).actions) == 1


# --- negative control: nothing to fix, nothing written ----------------------------------------------------


def test_a_consistent_document_gets_no_overlay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _doc(
        {"type": "object", "properties": {"ids": {"type": "array", "items": {"type": "string"}}}}, {"ids": ["a"]}
    )
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    output = tmp_path / "suggested.yaml"
    assert _suggest(document) == Suggestion((), ())
    assert main(["doctor", str(spec), "--suggest", str(output)]) == EXIT_OK
    assert f"no fixable finding (0 finding(s) it cannot fix): {output} not written" in capsys.readouterr().err
    assert not output.exists()


def test_with_only_unfixable_findings_an_existing_file_is_left_alone(tmp_path: Path) -> None:
    document = _doc({"type": "object", "properties": {"n": {"type": "string"}}}, {"n": 5})
    output = tmp_path / "suggested.yaml"
    output.write_text("keep\n", encoding="utf-8")
    message = write_suggestion(document, diagnose(document), output, "api.json")
    assert message == f"no fixable finding (1 finding(s) it cannot fix): {output} not written"
    assert output.read_text(encoding="utf-8") == "keep\n"


# --- sync --suggest ------------------------------------------------------------------------------------------


def _page(document: dict[str, Any]) -> str:
    return f"# Delete a Video\n\n# OpenAPI definition\n\n```json\n{json.dumps(document, indent=2)}\n```\n"


def _new_document_with_a_finding(tmp_path: Path) -> tuple[Project, dict[str, Any], Path]:
    """A repository copy, and a published page whose document's example leaves an enum (a doctor finding)."""
    root = tmp_path / "repo"
    root.mkdir()
    project = Project.at(copy_pipeline(root))
    local_sources(root, tmp_path, "heygen-external-api")
    document = copy.deepcopy(documents.load_mapping(project.vendored("heygen-api")))
    document["info"]["version"] = "4.0.9"
    ok = document["paths"]["/v1/video.delete"]["delete"]["responses"]["200"]["content"]["application/json"]
    ok["schema"]["properties"]["status"] = {"type": "string", "enum": ["done"]}
    ok["examples"]["Result"]["value"]["status"] = "queued"
    page = tmp_path / "page.md"
    page.write_text(_page(document), encoding="utf-8")
    return project, document, page


def test_a_sync_stopped_by_doctor_writes_the_suggestion_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, document, page = _new_document_with_a_finding(tmp_path)
    before = fingerprint(project.root)
    output = tmp_path / "suggested.overlay.yaml"
    assert (
        main(["sync", str(page), "--for", "heygen-api", "--root", str(project.root), "--suggest", str(output)])
        == EXIT_ERROR
    )
    err = capsys.readouterr().err
    assert "stopped before writing anything" in err
    assert f"suggested overlay written to {output}: 1 action(s)" in err
    assert fingerprint(project.root) == before
    # The suggestion goes after our overlay: both together make the new document doctor-clean.
    effective = apply_overlays(document, [load_overlay(OUR_OVERLAY), load_overlay(output)]).document
    assert diagnose(effective) == []
    ok = ("paths", "/v1/video.delete", "delete", "responses", "200", "content", "application/json")
    assert _schema(effective, ok)["properties"]["status"]["enum"] == ["done", "queued"]


def test_a_suggestion_that_cannot_be_written_keeps_the_sync_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _, page = _new_document_with_a_finding(tmp_path)
    output = tmp_path / "a-folder"
    output.mkdir()
    assert (
        main(["sync", str(page), "--for", "heygen-api", "--root", str(project.root), "--suggest", str(output)])
        == EXIT_ERROR
    )
    err = capsys.readouterr().err
    assert "stopped before writing anything: generate failed at step 'doctor'" in err
    assert f"no suggested overlay: {output}: doctor --suggest: cannot write the suggested overlay: " in err
    assert "Traceback" not in err
