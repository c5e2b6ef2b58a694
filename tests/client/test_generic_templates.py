"""The template overrides are generic, not HeyGen-specific: a client generated from a synthetic
document with every kind of field (dates, enums, consts, unions, nested lists of models, bearer auth,
a templated server) type-checks under mypy --strict and names the field of every bad value."""

from __future__ import annotations

import builtins
import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from specpipe.generate import run_generator
from specpipe.project import Project
from tests.contract.harness import load_package

ROOT = Path(__file__).resolve().parents[2]
ALIAS = "synthetic_client"
ITEM = {
    "type": "object",
    "required": ["id", "when"],
    "properties": {
        "id": {"type": "integer"},
        "when": {"type": "string", "format": "date-time"},
        "day": {"type": "string", "format": "date"},
        "color": {"type": "string", "enum": ["red", "green"]},
        "kind": {"const": "item"},
        "score": {"type": "number"},
        "flag": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "maybe": {"type": ["string", "null"]},
    },
}
DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "synthetic", "version": "1.2.3"},
    "servers": [{"url": "https://{region}.example.test/api", "variables": {"region": {"default": "eu"}}}],
    "components": {
        "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Item": ITEM,
            # Mutually recursive models: each module's checks are bound at import, without the other.
            "Folder": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}},
                },
            },
            "File": {
                "type": "object",
                "required": ["size"],
                "properties": {
                    "size": {"type": "integer"},
                    "parent": {"$ref": "#/components/schemas/Folder"},
                    # A union with a model: parsed by the generator's own code, which names Folder too.
                    "link": {"oneOf": [{"$ref": "#/components/schemas/Folder"}, {"type": "string"}]},
                },
            },
        },
    },
    "security": [{"token": []}],
    "paths": {
        "/folder": {
            "get": {
                "operationId": "get-folder",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Folder"}}},
                    }
                },
            }
        },
        "/items": {
            "get": {
                "operationId": "list-items",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}
                            }
                        },
                    }
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("synthetic")
    spec = work / "openapi.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    run_generator(Project.at(ROOT), spec, work / "client")
    return work / "client" / "heygen_api_client"


@pytest.fixture(scope="module")
def package(generated: Path) -> ModuleType:
    package = load_package(generated, ALIAS)
    importlib.import_module(f"{ALIAS}.models")
    return package


@pytest.mark.e2e
def test_generated_package_passes_mypy_strict(generated: Path) -> None:
    # Incremental, in the worker's own cache (tests/conftest.py): the standard library and httpx are
    # analysed once per worker; this package's own modules, at their own path, are always checked.
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(generated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout


def test_defaults_come_from_that_document(package: ModuleType) -> None:
    client_module = sys.modules[f"{ALIAS}.client"]
    assert client_module.DEFAULT_BASE_URL == "https://eu.example.test/api"
    client = package.AuthenticatedClient(token="t")
    assert (client.auth_header_name, client.prefix) == ("Authorization", "Bearer")


GOOD = {"id": 1, "when": "2024-01-01T00:00:00", "children": [{"id": 2, "when": "2024-01-02T00:00:00"}]}
BAD: list[tuple[dict[str, Any], str]] = [
    ({"when": "2024-01-01T00:00:00"}, "Item.id: expected integer, got nothing (the field is missing)"),
    ({**GOOD, "when": 5}, "Item.when: expected string, got integer"),
    ({**GOOD, "when": "yesterday"}, "Item.when: expected a value the API document allows, got Invalid isoformat"),
    ({**GOOD, "day": "2024-13-01"}, "Item.day: expected a value the API document allows, got month must be in 1..12"),
    ({**GOOD, "color": "blue"}, "Item.color: expected a value the API document allows, got Unexpected value 'blue'"),
    ({**GOOD, "kind": "other"}, 'Item.kind: expected one of "item", got string "other"'),
    ({**GOOD, "score": "1"}, "Item.score: expected number, got string"),
    ({**GOOD, "flag": 1}, "Item.flag: expected boolean, got integer"),
    ({**GOOD, "tags": "a"}, "Item.tags: expected array of string, got string"),
    ({**GOOD, "children": [{"id": "2", "when": "x"}]}, "Item.id: expected integer, got string"),
    ({**GOOD, "either": 1.5}, "Item.either: expected integer or string, got number"),
    ({**GOOD, "maybe": 3}, "Item.maybe: expected null or string, got integer"),
]


def test_good_item_round_trips(package: ModuleType) -> None:
    item = package.models.Item.from_dict(GOOD)
    assert item.to_dict() == GOOD
    assert item.children[0].id == 2


@pytest.mark.parametrize(
    ("data", "message"), BAD, ids=[message.split(":")[0] + "-" + str(i) for i, (_, message) in enumerate(BAD)]
)
def test_bad_value_names_its_field(package: ModuleType, data: dict[str, Any], message: str) -> None:
    with pytest.raises(package.ResponseShapeError) as caught:
        package.models.Item.from_dict(data)
    assert str(caught.value).startswith(message)


FOLDER = {
    "name": "a",
    "files": [
        {"size": 1, "parent": {"name": "b", "files": [{"size": 2.0}]}, "link": {"name": "c"}},
        {"size": 3, "link": "d"},
    ],
}


def test_mutually_recursive_models_parse_and_check_at_every_level(package: ModuleType) -> None:
    folder = package.models.Folder.from_dict(FOLDER)
    assert folder.to_dict() == FOLDER  # 2.0 is an integer to JSON Schema, and kept as sent
    assert folder.files[0].parent.files[0].size == 2
    assert isinstance(folder.files[0].link, package.models.Folder)
    assert folder.files[1].link == "d"
    bad = {"name": "a", "files": [{"size": 1, "parent": {"name": "b", "files": [{"size": 2.5}]}}]}
    with pytest.raises(package.ResponseShapeError) as caught:
        package.models.Folder.from_dict(bad)
    assert str(caught.value) == "File.size: expected integer, got number"


def test_parsing_runs_no_import_statement(package: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nested models are imported once, when their module loads (last, so that mutually recursive
    modules find each other's class): the generator's own template ran ``from ..models.file import
    File`` inside every from_dict and to_dict call, a cost on every response."""
    imports: list[str] = []
    real_import = builtins.__import__

    def counting_import(name: str, *args: Any, **kwargs: Any) -> Any:
        imports.append(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", counting_import)
    package.models.Folder.from_dict(FOLDER).to_dict()
    package.models.Item.from_dict(GOOD).to_dict()
    assert imports == []
    exec("import json", {})  # negative control: the counter sees an import statement
    assert imports == ["json"]
