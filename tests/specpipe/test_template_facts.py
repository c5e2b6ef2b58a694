"""The document facts the templates get, docstring text that cannot close its docstring, and the names
refused before any template renders."""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import pytest
from openapi_python_client import strings

from specpipe.errors import GenerateError
from specpipe.template_facts import check, docstring_text, facts
from tests.client.hostile_document import payloads

ROOT = Path(__file__).resolve().parents[2]
EFFECTIVE = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))


def test_facts_of_the_heygen_document() -> None:
    spec = facts(EFFECTIVE, "heygen-api-client")
    assert spec.default_base_url == "https://api.heygen.com"
    assert (spec.auth_header_name.get_untrusted_value(), spec.auth_prefix) == ("x-api-key", "")
    assert (spec.api_key_env, spec.base_url_env, spec.log_env) == ("HEYGEN_API_KEY", "HEYGEN_BASE_URL", "HEYGEN_LOG")
    assert ("/v1/video.delete", "delete", "video_id") in spec.parameter_descriptions


@pytest.mark.parametrize(
    ("servers", "expected"),
    [
        (
            [{"url": "https://{region}.x.test/{v}", "variables": {"region": {"default": "eu"}, "v": {"default": "2"}}}],
            "https://eu.x.test/2",
        ),
        ([{"url": "/relative"}], None),
        ([], None),
    ],
)
def test_default_base_url(servers: list[dict[str, Any]], expected: str | None) -> None:
    spec = facts({"servers": servers}, "x-client")
    assert (spec.default_base_url.get_untrusted_value() if spec.default_base_url else None) == expected


def test_a_bearer_scheme_uses_authorization() -> None:
    document = {"security": [{"t": []}], "components": {"securitySchemes": {"t": {"type": "http", "scheme": "bearer"}}}}
    spec = facts(document, "x-client")
    assert (spec.auth_header_name.get_untrusted_value(), spec.auth_prefix) == ("Authorization", "Bearer")


def test_each_operation_accepts_what_its_security_says() -> None:
    """v3 takes the key or a bearer token; v1 (its own requirement, pushed down by the merge) the key only.
    Negative control: with the v1 operation's ``security`` removed it inherits v3's two alternatives."""
    spec = facts(EFFECTIVE, "heygen-api-client")
    assert spec.accepted[("/v1/video.delete", "delete")] == ("api_key",)
    v3 = {key: kinds for key, kinds in spec.accepted.items() if key[0].startswith("/v3/")}
    assert len(v3) == 4
    assert set(v3.values()) == {("api_key", "bearer")}
    assert spec.bearer_token_env == "HEYGEN_BEARER_TOKEN"
    assert (spec.bearer_header_name.get_untrusted_value(), spec.bearer_prefix, spec.token_kind) == (
        "Authorization",
        "Bearer",
        "api_key",
    )
    inherited = copy.deepcopy(EFFECTIVE)
    del inherited["paths"]["/v1/video.delete"]["delete"]["security"]
    assert facts(inherited, "heygen-api-client").accepted[("/v1/video.delete", "delete")] == ("api_key", "bearer")


@pytest.mark.parametrize(
    ("security", "expected"),
    [
        pytest.param(None, ("bearer",), id="the document's default"),
        pytest.param([], (), id="no requirement"),
        pytest.param([{}, {"k": []}], ("none", "api_key"), id="anonymous allowed"),
        pytest.param([{"k": [], "t": []}], (), id="both at once: no single credential answers"),
        pytest.param([{"o": []}, {"b": []}, {"t": []}], ("bearer",), id="oauth2 and basic cannot be sent"),
        pytest.param([{"T": []}, {"k": []}, {"t": []}], ("bearer", "api_key"), id="order kept, once each"),
    ],
)
def test_accepted_schemes(security: list[dict[str, list[str]]] | None, expected: tuple[str, ...]) -> None:
    schemes = {
        "k": {"type": "apiKey", "in": "header", "name": "x-k"},
        "t": {"type": "http", "scheme": "bearer"},
        "T": {"type": "http", "scheme": "Bearer"},
        "o": {"type": "oauth2", "flows": {}},
        "b": {"type": "http", "scheme": "basic"},
    }
    operation: dict[str, Any] = {} if security is None else {"security": security}
    document = {
        "security": [{"t": []}],
        "components": {"securitySchemes": schemes},
        "paths": {"/x": {"get": operation}},
    }
    spec = facts(document, "x-client")
    assert spec.accepted == {("/x", "get"): expected}


@pytest.mark.parametrize("text", payloads())
def test_docstring_text_cannot_close_its_docstring(text: str) -> None:
    module = ast.parse(f'def f():\n    """ {docstring_text(text)} """\n')
    function = module.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert [type(statement) for statement in function.body] == [ast.Expr]


def test_escaping_before_stripping_tags_was_the_breakout() -> None:
    """Negative control of the test above: the old order (escape, then strip tags) decodes
    ``&amp;quot;`` twice into a closing quote."""
    text = "&amp;quot;&amp;quot;&amp;quot;;open('M','w');&amp;quot;&amp;quot;&amp;quot;"
    old = markupsafe.Markup(strings.safe_for_docstring(markupsafe.Markup(text).striptags())).striptags()
    assert '"""' in old
    assert '"""' not in docstring_text(text)


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(EFFECTIVE)
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


OPERATION = ("paths", "/v1/video.delete", "delete")
REFUSED = {
    "non-ASCII operationId": (
        _with((*OPERATION, "operationId"), "vidéo"),
        "/paths/~1v1~1video.delete/delete/operationId",
    ),
    "operationId not a string": (
        _with((*OPERATION, "operationId"), 3),
        "/paths/~1v1~1video.delete/delete/operationId: expected a string",
    ),
    "non-ASCII tag": (_with((*OPERATION, "tags"), ["vidéos"]), "/paths/~1v1~1video.delete/delete/tags/0"),
    "non-ASCII parameter": (
        _with((*OPERATION, "parameters", 0, "name"), "ñame"),
        "/paths/~1v1~1video.delete/delete/parameters/0/name",
    ),
    "non-ASCII schema name": (
        _with(("components", "schemas"), {"Vidéo": {"type": "object"}}),
        "/components/schemas/Vidéo",
    ),
    "non-ASCII property": (
        _with(("components", "schemas"), {"V": {"type": "object", "properties": {"ß": {"type": "string"}}}}),
        "/components/schemas/V/properties/ß",
    ),
    "line break in a key": (
        _with(("components", "schemas"), {"V\u2028\n": {"type": "object", "properties": {"é": {}}}}),
        "/components/schemas/V\\u2028\\n/properties/é",
    ),
    "header name": (
        _with(("components", "securitySchemes", "ApiKeyAuth", "name"), 'x"\nimport os'),
        "/components/securitySchemes/ApiKeyAuth/name",
    ),
    "server URL": (_with(("servers",), [{"url": 'https://a.test/";open("M","w");"'}]), "/servers/0/url"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_naming_the_pointer(case: str) -> None:
    document, pointer = REFUSED[case]
    with pytest.raises(GenerateError) as refused:
        check(document)
    assert refused.value.step == "names"
    assert pointer in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1


def test_the_heygen_document_and_example_data_are_accepted() -> None:
    """Titles and property-like keys inside examples are data, not names."""
    check(EFFECTIVE)
    check(
        _with(
            ("components", "schemas"), {"V": {"type": "object", "example": {"title": "Vidéo", "properties": {"é": 1}}}}
        )
    )


def test_document_text_pasted_without_a_filter_is_not_the_text() -> None:
    """The filter is what turns the wrapper into text (the negative control: with it, the text is there)."""
    spec = facts(EFFECTIVE, "heygen-api-client")
    environment = jinja2.Environment(autoescape=False)
    environment.filters["in_double_quote_literal"] = strings.in_double_quote_literal
    assert "x-api-key" not in environment.from_string("{{ spec.auth_header_name }}").render(spec=spec)
    assert (
        environment.from_string("{{ spec.auth_header_name | in_double_quote_literal }}").render(spec=spec)
        == "x-api-key"
    )


# The resource client's names: the default rule, the overlay's extensions, and what check refuses.


def _operation(path: str, method: str, **operation: Any) -> dict[str, Any]:
    return {"paths": {path: {method: operation}}}


def test_client_names_of_the_heygen_document() -> None:
    """The effective spec's five operations: three by the default rule, two named by the overlay."""
    places = facts(EFFECTIVE, "heygen-api-client").client_operations
    named = {key: (place.resource, place.method) for key, place in places.items()}
    assert named == {
        ("/v3/videos/{video_id}", "get"): ("videos", "get"),
        ("/v3/videos/{video_id}", "delete"): ("videos", "delete"),
        ("/v3/videos", "get"): ("videos", "list"),
        ("/v3/video-translations/{video_translation_id}", "delete"): ("video_translations", "delete"),
        ("/v1/video.delete", "delete"): ("legacy", "delete_video"),
    }
    paging = places[("/v3/videos", "get")].pagination
    assert paging is not None
    assert (paging.cursor_param, paging.next_cursor, paging.items, paging.has_more) == (
        "token",
        "next_token",
        "data",
        "has_more",
    )


@pytest.mark.parametrize(
    ("tags", "operation_id", "expected"),
    [
        (["Videos"], "deleteVideoV3", ("videos", "delete")),
        (["Videos"], "listVideosV3", ("videos", "list")),
        (["Videos"], "getVideo", ("videos", "get")),
        (["Video Translate"], "deleteVideoTranslationV3", ("video_translate", "delete_video_translation")),
        (["Avatars"], "listAvatarGroupsV12", ("avatars", "list_avatar_groups")),
        ([], "delete-a-video", ("default", "delete_a_video")),
    ],
)
def test_default_client_names(tags: list[str], operation_id: str, expected: tuple[str, str]) -> None:
    document = _operation("/x", "get", tags=tags, operationId=operation_id)
    (place,) = facts(document, "x-client").client_operations.values()
    assert (place.resource, place.method) == expected


@pytest.mark.parametrize(
    ("extensions", "refused"),
    [
        ({"x-client-resource": "video-translations"}, "/paths/~1x/get/x-client-resource: 'video-translations'"),
        ({"x-client-method": "import"}, "/paths/~1x/get/x-client-method: 'import'"),
        ({"x-client-method": "a\n)"}, "/paths/~1x/get/x-client-method: 'a\\n)'"),
        ({"x-client-pagination": {"cursor_param": "token"}}, "/paths/~1x/get/x-client-pagination/next_cursor: ''"),
        ({"x-client-pagination": "token"}, "/paths/~1x/get/x-client-pagination: expected a mapping"),
    ],
)
def test_client_names_refused(extensions: dict[str, Any], refused: str) -> None:
    document = _operation("/x", "get", tags=["T"], operationId="getT", **extensions)
    with pytest.raises(GenerateError, match="names") as caught:
        check(document)
    assert refused in str(caught.value)


def test_two_operations_with_one_client_name_are_refused() -> None:
    """getVideo and getVideoV3 both become videos.get: the overlay must tell them apart."""
    document = {
        "paths": {
            "/a": {"get": {"tags": ["Videos"], "operationId": "getVideo"}},
            "/b": {"get": {"tags": ["Videos"], "operationId": "getVideoV3"}},
        }
    }
    with pytest.raises(GenerateError, match=r"client\.videos\.get is also /paths/~1a/get"):
        check(document)
    document["paths"]["/b"]["get"]["x-client-method"] = "get_v3"
    check(document)
