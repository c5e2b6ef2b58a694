"""Operations without an operationId or a tag: doctor warns (exit unchanged) and --suggest names them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from specpipe.cli import EXIT_OK, main
from specpipe.doctor.naming import name_actions, unnamed_operations
from specpipe.overlay import apply_overlays, load_overlay

OK = {"200": {"description": "ok"}}


def _document(paths: dict[str, Any], tags: list[str] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    if tags is not None:
        document["tags"] = [{"name": name} for name in tags]
    return document


def _op(**fields: Any) -> dict[str, Any]:
    return {**fields, "responses": OK}


def test_each_missing_name_is_one_warning() -> None:
    document = _document(
        {
            "/v1/video_status.get": {"get": _op(), "parameters": []},
            "/v1/video.delete": {"delete": _op(operationId="delete-a-video")},
            "/v3/videos/{id}": {"get": _op(operationId="getVideoV3", tags=["Videos"])},
            "/v1/elsewhere": {"$ref": "other.yaml#/paths/~1x"},
        }
    )
    warnings = [(finding.pointer, finding.keyword) for finding in unnamed_operations(document)]
    assert warnings == [
        ("/paths/~1v1~1video.delete/delete", "tags"),
        ("/paths/~1v1~1video_status.get/get", "operationId"),
        ("/paths/~1v1~1video_status.get/get", "tags"),
    ]


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/v1/video_status.get", "getVideoStatus"),  # issue 18's api.default.video_status
        ("delete", "/v1/video.delete", "deleteVideo"),
        ("delete", "/v3/video-translations/{video_translation_id}", "deleteVideoTranslations"),
        ("post", "/v2/video/generate", "postVideoGenerate"),
        ("get", "/v2/avatarGroups/{group_id}/looks", "getAvatarGroupsLooks"),
        ("get", "/", "getRoot"),
    ],
)
def test_an_operation_id_is_the_method_and_the_paths_words(method: str, path: str, expected: str) -> None:
    (action,) = name_actions(_document({path: {method: _op(tags=["T"])}}))
    assert action["update"] == {"operationId": expected}


def test_a_clash_takes_the_version_then_a_number() -> None:
    document = _document(
        {
            "/v0/video_status": {"get": _op(operationId="getVideoStatus", tags=["T"])},
            "/v1/video_status.get": {"get": _op(tags=["T"])},
            "/v1/video_status": {"get": _op(tags=["T"])},
            "/video_status": {"get": _op(tags=["T"])},
        }
    )
    assert [action["update"]["operationId"] for action in name_actions(document)] == [
        "getVideoStatusV1",
        "getVideoStatus2",
        "getVideoStatus3",
    ]


@pytest.mark.parametrize(
    ("path", "declared", "expected"),
    [
        ("/v3/videos/{video_id}", ["Videos", "Voices"], "Videos"),
        ("/v1/video.delete", ["Videos"], "Videos"),  # singular segment, plural tag
        ("/v1/video_status.get", ["Videos"], "Videos"),  # the segment's first word
        ("/v3/video-translations/{id}", ["Videos", "Video Translations"], "Video Translations"),
        ("/v2/lipsync/{id}", ["Videos"], "Lipsync"),  # no such tag: the segment title-cased
        ("/v1/voice_clone", [], "Voice Clone"),
    ],
)
def test_a_tag_is_the_documents_tag_for_the_first_segment(path: str, declared: list[str], expected: str) -> None:
    (action,) = name_actions(_document({path: {"get": _op(operationId="x")}}, declared))
    assert action["update"] == {"tags": [expected]}


def test_a_tag_another_operation_uses_counts_as_the_documents() -> None:
    document = _document(
        {"/v1/avatars": {"get": _op(operationId="a", tags=["Avatars"])}, "/v2/avatar": {"post": _op()}}
    )
    (action,) = name_actions(document)
    assert action["update"]["tags"] == ["Avatars"]


def test_doctor_warns_without_failing_and_its_suggestion_silences_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Negative control: counting warnings as findings turns exit 0 into 1; dropping names=True from the
    CLI's write_suggestion writes no overlay (no fixable finding)."""
    document = _document({"/v1/video_status.get": {"get": _op()}, "/v1/video.delete": {"delete": _op()}}, ["Videos"])
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    output = tmp_path / "names.overlay.yaml"
    assert main(["doctor", str(spec), "--suggest", str(output)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == ""  # stdout holds findings only
    assert f"warning: {spec}#/paths/~1v1~1video_status.get/get: operationId: GET /v1/video_status.get has no" in err
    assert f"4 warning(s) in {spec} (not failing; --suggest proposes names)" in err
    overlay = load_overlay(output)
    assert [action.target for action in overlay.actions] == [
        "$.paths['/v1/video_status.get'].get",
        "$.paths['/v1/video.delete'].delete",
    ]
    named = apply_overlays(document, [overlay], strict=True).document
    assert named["paths"]["/v1/video_status.get"]["get"]["operationId"] == "getVideoStatus"
    assert named["paths"]["/v1/video.delete"]["delete"]["tags"] == ["Videos"]
    assert unnamed_operations(named) == []


def test_a_named_document_gets_no_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(_document({"/a": {"get": _op(operationId="getA", tags=["A"])}})), encoding="utf-8")
    assert main(["doctor", str(spec)]) == EXIT_OK
    assert "warning" not in capsys.readouterr().err
