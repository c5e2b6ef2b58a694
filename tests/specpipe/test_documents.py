"""documents: bounded reading of every JSON/YAML input (nesting, YAML aliases, integer length, numbers JSON
has), and write_atomic (whole files only, with the permissions any other file would get)."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.documents import write_atomic
from specpipe.errors import InputError, LimitError
from specpipe.limits import Limits, reading_limits
from tests.specpipe.hostile import alias_bomb, run_limited

SPEC = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"


def deep_json(depth: int) -> str:
    return '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": ' + (
        "[" * depth + "]" * depth + "}"
    )


def deep_yaml(depth: int) -> str:
    return SPEC + "x-deep: " + "[" * depth + "]" * depth + "\n"


def big_int_json(digits: int) -> str:
    return '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-big": ' + "7" * digits + "}"


def big_int_yaml(digits: int) -> str:
    return SPEC + "x-big: " + "7" * digits + "\n"


@pytest.mark.parametrize(
    ("text", "limit", "flag"),
    [
        pytest.param(
            SPEC + alias_bomb(),
            "nodes added by YAML aliases exceeds the limit of 100000",
            "--max-alias-nodes",
            id="alias-bomb",
        ),
        pytest.param(deep_json(101), "nesting depth exceeds the limit of 100", "--max-nesting", id="json-101-deep"),
        pytest.param(
            deep_json(100_000), "nesting depth exceeds the limit of 100", "--max-nesting", id="json-100000-deep"
        ),
        pytest.param(deep_yaml(100), "nesting depth exceeds the limit of 100", "--max-nesting", id="yaml-101-deep"),
        pytest.param(
            deep_yaml(100_000), "nesting depth exceeds the limit of 100", "--max-nesting", id="yaml-100000-deep"
        ),
        pytest.param(
            SPEC + "x: &a [[[[1]]]]\n" + "y: " + "[" * 96 + "*a" + "]" * 96 + "\n",
            "nesting depth exceeds the limit of 100",
            "--max-nesting",
            id="yaml-deep-through-an-alias",
        ),
        pytest.param(
            big_int_json(4301),
            "an integer's number of digits exceeds the limit of 4300",
            "--max-int-digits",
            id="json-int",
        ),
        pytest.param(
            big_int_yaml(4301),
            "an integer's number of digits exceeds the limit of 4300",
            "--max-int-digits",
            id="yaml-int",
        ),
    ],
)
def test_limits_name_the_source_the_limit_and_the_flag(text: str, limit: str, flag: str) -> None:
    with pytest.raises(LimitError) as error:
        documents.parse_text(text, "the-spec.yaml")
    assert str(error.value) == f"the-spec.yaml: {limit} (raise it with {flag} N)"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(deep_json(99), id="json-at-the-nesting-limit"),  # 99 + the document object = 100
        pytest.param(deep_yaml(99), id="yaml-at-the-nesting-limit"),
        pytest.param(big_int_json(4300), id="json-int-at-the-limit"),
        pytest.param(big_int_yaml(4300), id="yaml-int-at-the-limit"),
        pytest.param(SPEC + alias_bomb(levels=3), id="aliases-within-the-limit"),  # 12,330 nodes added
        pytest.param(SPEC + "base: &base {type: string}\nuse: {<<: *base, description: d}\n", id="merge-key"),
    ],
)
def test_documents_within_the_limits_are_read(text: str) -> None:
    """Negative controls: each limit lets through exactly what it allows."""
    assert documents.parse_text(text, "s")["openapi"] == "3.1.0"


def test_raising_a_limit_lets_the_document_through() -> None:
    with reading_limits(Limits(max_nesting=200, max_alias_nodes=2 * 10**6, max_int_digits=5000)):
        assert len(str(documents.parse_text(big_int_json(4301), "s")["x-big"])) == 4301
        assert documents.parse_text(deep_json(150), "s")["openapi"] == "3.1.0"
        assert len(documents.parse_text(SPEC + alias_bomb(levels=5), "s")["x-bomb"]["a5"]) == 10
    with pytest.raises(LimitError):  # and the block ends with the defaults back
        documents.parse_text(big_int_json(4301), "s")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        pytest.param('{"a": 1e999}', "invalid JSON: the number 1e999 is out of range", id="json-1e999"),
        pytest.param('{"a": -1e400}', "out of range", id="json-minus-1e400"),
        pytest.param('{"a": NaN}', "NaN is not JSON", id="json-nan"),
        pytest.param('{"a": Infinity}', "Infinity is not JSON", id="json-infinity"),
        pytest.param("a: .inf\n", "not a finite number", id="yaml-inf"),
        pytest.param("a: 1.0e+999\n", "not a finite number", id="yaml-1e999"),
        pytest.param("a: &a [*a]\n", "alias 'a' at line 1 refers to a node that contains it", id="yaml-recursive"),
        pytest.param("a: [1,\n", "invalid YAML: while parsing a flow node", id="yaml-one-line"),
    ],
)
def test_what_json_cannot_hold_is_refused(text: str, cause: str) -> None:
    with pytest.raises(InputError, match=cause) as error:
        documents.parse_text(text, "f")
    assert "\n" not in str(error.value)


def test_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"openapi": "3.1.0"}).encode())
    assert documents.load(path) == {"openapi": "3.1.0"}


# --- each bomb in its own process under a 200 MB address-space limit, against the real command -------

OVERLAY = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {x-a: 1}\n"
# The anchors in an extension, the laughs applied to the document (and so written out) by the action.
OVERLAY_BOMB = (
    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n"
    + alias_bomb()
    + "actions:\n  - target: $.info\n    update: {x-laughs: *a9}\n"
)


@pytest.mark.parametrize(
    ("files", "command", "flag"),
    [
        pytest.param(
            {"spec.yaml": SPEC + alias_bomb(), "a.overlay.yaml": OVERLAY},
            ["overlay", "spec.yaml", "a.overlay.yaml"],
            "--max-alias-nodes",
            id="alias-bomb-spec",
        ),
        pytest.param(
            {"bomb.overlay.yaml": OVERLAY_BOMB, "spec.yaml": SPEC},
            ["overlay", "spec.yaml", "bomb.overlay.yaml"],
            "--max-alias-nodes",
            id="alias-bomb-overlay",
        ),
        pytest.param({"spec.json": deep_json(100_000)}, ["doctor", "spec.json"], "--max-nesting", id="deep-json"),
        pytest.param({"spec.yaml": deep_yaml(100_000)}, ["doctor", "spec.yaml"], "--max-nesting", id="deep-yaml"),
        pytest.param({"spec.json": big_int_json(5000)}, ["doctor", "spec.json"], "--max-int-digits", id="int-json"),
        pytest.param({"spec.yaml": big_int_yaml(5000)}, ["doctor", "spec.yaml"], "--max-int-digits", id="int-yaml"),
    ],
)
def test_a_bomb_ends_in_exit_2_in_a_small_box(
    tmp_path: Path, files: dict[str, str], command: list[str], flag: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    bomb = next(iter(files))  # the first file holds the bomb
    outcome = run_limited(*[str(tmp_path / part) if part in files else part for part in command], timeout=60)
    assert outcome.code == 2, outcome.stderr
    assert outcome.stderr.startswith(f"specpipe {command[0]}: error: {tmp_path / bomb}: ")
    assert f"(raise it with {flag} N)" in outcome.stderr
    assert outcome.stderr.count("\n") == 1  # one line, no traceback


def test_a_raised_limit_reads_the_document_in_the_box(tmp_path: Path) -> None:
    """Negative control for the box: the same command on a document within the raised limit succeeds."""
    spec = tmp_path / "spec.json"
    spec.write_text(big_int_json(5000), encoding="utf-8")
    assert run_limited("doctor", str(spec), "--max-int-digits", "5000").code == 0


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.json", "{}\n")
        (tmp_path / "existing.json").write_text("old\n", encoding="utf-8")
        write_atomic(tmp_path / "existing.json", "new\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == mode
    assert (tmp_path / "existing.json").stat().st_mode & 0o777 == mode
    assert (tmp_path / "existing.json").read_text(encoding="utf-8") == "new\n"


def test_leaves_no_temporary_file_when_the_rename_fails(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "folder.json", "{}\n")
    assert [path.name for path in tmp_path.iterdir()] == ["folder.json"]


def test_parsing_runs_no_cyclic_collection_and_leaves_the_collector_on() -> None:
    text = json.dumps({"items": [{"n": index, "tags": [str(index)]} for index in range(5000)]})
    collections: list[str] = []

    def count(phase: str, _info: dict[str, int]) -> None:
        collections.append(phase)

    threshold = gc.get_threshold()
    gc.set_threshold(1000)  # 10,000 containers: ten collections if the collector ran
    gc.collect()  # the count starts at zero: what little the call allocates before pausing triggers none
    gc.callbacks.append(count)
    try:
        documents.parse_json(text, "big.json")
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(count)
    assert collections == []
    assert gc.isenabled()


# Plain scalars where YAML 1.1 (PyYAML's own resolvers) and the YAML 1.2 core schema disagree, or agree.
# Negative control: with PyYAML's 1.1 resolvers put back in _StringKeyLoader, every "1.1 differs" row fails.
YAML_12_TABLE = [
    # 1.1 differs: booleans only true/false in its three spellings
    ("yes", "yes"),
    ("No", "No"),
    ("on", "on"),
    ("OFF", "OFF"),
    ("y", "y"),
    # 1.1 differs: integers are decimal, 0o octal or 0x hex; no 0b, no _, no base 60
    ("012", 12),
    ("0o12", 10),
    ("0b101", "0b101"),
    ("1_000", "1_000"),
    ("1:30", "1:30"),
    # 1.1 differs: a float needs no dot
    ("1e3", 1000.0),
    ("-2E-2", -0.02),
    # the same in both
    ("true", True),
    ("True", True),
    ("FALSE", False),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    ("0x1F", 31),
    ("+12", 12),
    ("-0", 0),
    ("1.5", 1.5),
    (".5", 0.5),
    ("1.", 1.0),
    ("2001-12-14", "2001-12-14"),
    ("nul", "nul"),
    ("0o9", "0o9"),
    ("NaN", "NaN"),
]


@pytest.mark.parametrize(("scalar", "value"), YAML_12_TABLE, ids=[f"{s or 'empty'}" for s, _ in YAML_12_TABLE])
def test_plain_scalars_are_read_by_the_yaml_12_core_schema(scalar: str, value: object) -> None:
    parsed = documents.parse_yaml(f"value: {scalar}\n", "t.yaml")["value"]
    assert parsed == value
    assert type(parsed) is type(value)  # True == 1 and 1 == 1.0: the type tells them apart


def test_an_enum_of_yes_no_on_off_stays_strings_and_so_do_such_keys() -> None:
    assert documents.parse_yaml("enum: [yes, no, on, off]\non: push\n", "t.yaml") == {
        "enum": ["yes", "no", "on", "off"],
        "on": "push",
    }


@pytest.mark.parametrize(("scalar", "cause"), [("!!int 1:30", "is not a YAML 1.2 integer"), ("-.inf", "not a finite")])
def test_what_the_core_schema_refuses_is_an_input_error(scalar: str, cause: str) -> None:
    with pytest.raises(InputError, match=cause):
        documents.parse_yaml(f"value: {scalar}\n", "t.yaml")


def test_the_core_schema_keeps_the_integer_digits_limit() -> None:
    """Negative control: catching every ValueError in _construct_int turns this into a plain InputError."""
    with pytest.raises(LimitError, match="--max-int-digits"):
        documents.parse_yaml(f"value: 0o{'7' * 10}\nbig: {'9' * 5000}\n", "t.yaml")


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"info": {"version": "2.1"}}, "2.1"),
        ({"info": {"version": 2}}, None),  # YAML reads an unquoted 2 as a number: not a version string
        ({"info": "2.1"}, None),
        ({}, None),
    ],
)
def test_info_version_is_a_string_or_none(document: dict[str, object], expected: str | None) -> None:
    assert documents.info_version(document) == expected
