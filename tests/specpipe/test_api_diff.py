"""specpipe api-diff: griffe's breakages plus annotation changes and additions, as ids and levels."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import griffe
import pytest

from specpipe.api_diff import RULES, api_diff, locate_package
from specpipe.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from specpipe.diff import Level
from specpipe.errors import DiffError

ERR, WARN, INFO = Level.BREAKING, Level.WARNING, Level.INFO

BASE = """
from typing import Literal

LIMIT: int = 10


class Video:
    video_id: str
    msg: str | None = None

    def describe(self) -> str:
        return self.video_id


def delete(video_id: str, *, kind: Literal["generated", "translated"] = "generated") -> Video | None:
    return None


def _helper(a: int) -> int:
    return a
"""


def _package(root: Path, name: str, modules: dict[str, str]) -> Path:
    """A package folder ``root/name`` inside a project folder ``root`` (like generated/heygen-api-client)."""
    package = root / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""A package."""\n', encoding="utf-8")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(dedent(source), encoding="utf-8")
    return root


def _pair(tmp_path: Path, new: str, old: str = BASE) -> tuple[Path, Path]:
    return _package(tmp_path / "old", "pkg", {"mod": old}), _package(tmp_path / "new", "pkg", {"mod": new})


def _edit(old: str, new: str) -> str:
    assert old in BASE, old  # the edit must apply, or the case tests nothing
    return BASE.replace(old, new, 1)


CASES = [
    pytest.param(
        _edit("def delete(", "def remove("),
        [("python-function-removed", ERR, "pkg.mod.delete"), ("python-function-added", INFO, "pkg.mod.remove")],
        id="function-removed-and-added",
    ),
    pytest.param(
        _edit('video_id: str, *, kind: Literal["generated", "translated"] = "generated"', "video_id: str"),
        [("python-parameter-removed", ERR, "pkg.mod.delete")],
        id="parameter-removed",
    ),
    pytest.param(
        _edit("video_id: str, *,", "video_id: str, *, force: bool,"),
        [("python-new-required-parameter", ERR, "pkg.mod.delete")],
        id="new-required-parameter",
    ),
    pytest.param(
        _edit("video_id: str, *,", "video_id: str, *, force: bool = False,"),
        [("python-new-optional-parameter", INFO, "pkg.mod.delete")],
        id="new-optional-parameter",
    ),
    pytest.param(
        _edit("def delete(video_id: str,", "def delete(video_id: int,"),
        [("python-parameter-type-changed", ERR, "pkg.mod.delete")],
        id="parameter-type-changed",
    ),
    pytest.param(
        _edit("def delete(video_id: str,", "def delete(video_id: str | int,"),
        [("python-parameter-type-generalized", INFO, "pkg.mod.delete")],
        id="parameter-type-widened",
    ),
    pytest.param(
        _edit('Literal["generated", "translated"]', 'Literal["generated"]'),
        [("python-parameter-type-changed", ERR, "pkg.mod.delete")],
        id="parameter-literal-value-removed",
    ),
    pytest.param(
        _edit('Literal["generated", "translated"]', 'Literal["generated", "translated", "draft"]'),
        [("python-parameter-type-generalized", INFO, "pkg.mod.delete")],
        id="parameter-literal-value-added",
    ),
    pytest.param(
        _edit("def delete(video_id: str, *,", "def delete(*, video_id: str,"),
        [("python-parameter-kind-changed", ERR, "pkg.mod.delete")],
        id="parameter-kind-changed",
    ),
    pytest.param(
        _edit("def delete(video_id: str,", "def delete(force: bool = False, video_id: str = '',"),
        [("python-new-optional-parameter", INFO, "pkg.mod.delete"), ("python-parameter-moved", ERR, "pkg.mod.delete")],
        id="parameter-moved",
    ),
    pytest.param(
        _edit('] = "generated"', '] = "translated"'),
        [("python-parameter-default-changed", WARN, "pkg.mod.delete")],
        id="parameter-default-changed",
    ),
    pytest.param(
        _edit("-> Video | None:", "-> Video:"),
        [("python-return-type-narrowed", INFO, "pkg.mod.delete")],
        id="return-type-narrowed",
    ),
    pytest.param(
        _edit("-> Video | None:", "-> Video | str | None:"),
        [("python-return-type-changed", ERR, "pkg.mod.delete")],
        id="return-type-widened",
    ),
    pytest.param(
        _edit("-> Video | None:", ":"),
        [("python-return-annotation-removed", WARN, "pkg.mod.delete")],
        id="return-annotation-removed",
    ),
    pytest.param(
        _edit("    video_id: str\n", "    video_id: list[str]\n"),
        [("python-attribute-type-changed", ERR, "pkg.mod.Video.video_id")],
        id="attribute-type-changed",
    ),
    pytest.param(
        _edit("    msg: str | None = None", "    msg: str | int | None = None"),
        [("python-attribute-type-widened", ERR, "pkg.mod.Video.msg")],
        id="attribute-type-widened",
    ),
    pytest.param(
        _edit("    msg: str | None = None", "    msg: str = ''"),
        [("python-attribute-type-narrowed", WARN, "pkg.mod.Video.msg")],
        id="attribute-type-narrowed",
    ),
    pytest.param(
        _edit("    msg: str | None = None\n", ""),
        [("python-attribute-removed", ERR, "pkg.mod.Video.msg")],
        id="attribute-removed",
    ),
    pytest.param(
        _edit("    msg: str | None = None\n", "    msg: str | None = None\n    code: int\n"),
        [("python-new-required-attribute", WARN, "pkg.mod.Video.code")],
        id="required-attribute-added",
    ),
    pytest.param(
        _edit("    msg: str | None = None\n", "    msg: str | None = None\n    code: int = 0\n"),
        [("python-attribute-added", INFO, "pkg.mod.Video.code")],
        id="optional-attribute-added",
    ),
    pytest.param(
        _edit("    def describe(self) -> str:\n        return self.video_id\n", "    pass\n"),
        [("python-function-removed", ERR, "pkg.mod.Video.describe")],
        id="method-removed",
    ),
    pytest.param(
        _edit("class Video:", "class Clip:"),
        [("python-class-added", INFO, "pkg.mod.Clip"), ("python-class-removed", ERR, "pkg.mod.Video")],
        id="class-renamed",
    ),
    pytest.param(
        _edit("class Video:", "def Video() -> None: ...\n\n\nclass _Video:"),
        [("python-object-kind-changed", ERR, "pkg.mod.Video")],
        id="class-became-function",
    ),
    pytest.param(
        _edit("def _helper(a: int) -> int:", "def _helper(a: str, b: str) -> str:"),
        [],
        id="private-function-changes-are-not-api",
    ),
    pytest.param(
        _edit("def delete(video_id: str,", "def delete(video_id: 'str',").replace("Video | None", "None | Video"),
        [],
        id="same-types-written-differently",
    ),
    pytest.param(BASE, [], id="unchanged"),
]


@pytest.mark.parametrize(("new", "expected"), CASES)
def test_change_kinds(tmp_path: Path, new: str, expected: list[tuple[str, Level, str]]) -> None:
    old_dir, new_dir = _pair(tmp_path, new)
    report = api_diff(old_dir, new_dir)
    assert [(change.id, change.level, change.operation) for change in report.changes] == expected
    assert report.breaking is any(level is ERR for _, level, _ in expected)
    for change in report.changes:
        assert change.id in RULES
        assert change.level is RULES[change.id].level


def test_base_class_removed(tmp_path: Path) -> None:
    with_base = "class Base:\n    pass\n\n\nclass Video(Base):\n    pass\n"
    old_dir, new_dir = _pair(tmp_path, with_base.replace("Video(Base)", "Video"), old=with_base)
    changes = api_diff(old_dir, new_dir).changes
    assert [(c.id, c.level, c.operation) for c in changes] == [("python-base-class-removed", ERR, "pkg.mod.Video")]
    assert changes[0].message == "base classes changed from [Base] to []"


def test_a_breakage_kind_without_a_row_is_still_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind a later griffe adds must not crash the report or vanish from it."""

    def find(old: griffe.Object, new: griffe.Object) -> Iterator[griffe.Breakage]:
        yield griffe.AttributeChangedValueBreakage(new["mod.LIMIT"], 10, 11)

    monkeypatch.setattr(griffe, "find_breaking_changes", find)
    old_dir, new_dir = _pair(tmp_path, BASE)
    (change,) = api_diff(old_dir, new_dir).changes
    assert (change.id, change.level, change.operation) == ("python-api-changed", ERR, "pkg.mod.LIMIT")
    assert change.message == "Attribute value was changed (griffe)"


def test_pointers_name_file_and_line(tmp_path: Path) -> None:
    old_dir, new_dir = _pair(tmp_path, _edit("def delete(video_id: str,", "\ndef delete(video_id: int,"))
    (change,) = api_diff(old_dir, new_dir).changes
    line = next(n for n, text in enumerate(dedent(BASE).splitlines(), 1) if text.startswith("def delete"))
    assert change.old_pointer == f"pkg/mod.py:{line}"
    assert change.new_pointer == f"pkg/mod.py:{line + 1}"
    assert change.message == "parameter `video_id`: type changed from `str` to `int`"


def test_removed_module_and_reexport(tmp_path: Path) -> None:
    old_dir = _package(tmp_path / "old", "pkg", {"mod": BASE, "extra": "def helper() -> None: ...\n"})
    (old_dir / "pkg" / "__init__.py").write_text("from .mod import Video\n\n__all__ = ['Video', 'mod', 'extra']\n")
    new_dir = _package(tmp_path / "new", "pkg", {"mod": BASE})
    (new_dir / "pkg" / "__init__.py").write_text("__all__ = ['mod']\n")
    found = {(change.id, change.operation) for change in api_diff(old_dir, new_dir).changes}
    assert found == {("python-module-removed", "pkg.extra"), ("python-class-removed", "pkg.Video")}


def test_package_or_project_folder_give_the_same_report(tmp_path: Path) -> None:
    old_dir, new_dir = _pair(tmp_path, _edit("def delete(video_id: str,", "def delete(video_id: int,"))
    assert api_diff(old_dir, new_dir) == api_diff(old_dir / "pkg", new_dir / "pkg")
    assert locate_package(old_dir) == (old_dir, "pkg")
    assert locate_package(old_dir / "pkg") == (old_dir, "pkg")


def test_renamed_package_is_breaking(tmp_path: Path) -> None:
    old_dir = _package(tmp_path / "old", "pkg", {"mod": BASE})
    new_dir = _package(tmp_path / "new", "pkg2", {"mod": BASE})
    assert [(c.id, c.level) for c in api_diff(old_dir, new_dir).changes] == [("python-package-renamed", ERR)]


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        pytest.param({}, r"found: none", id="no-package"),
        pytest.param({"a": "x = 1\n", "b": "x = 1\n"}, r"found: a, b", id="two-packages"),
        pytest.param({"pkg": "def broken(:\n"}, r"cannot parse the module", id="syntax-error"),
    ],
)
def test_unusable_trees_are_errors(tmp_path: Path, layout: dict[str, str], message: str) -> None:
    """A tree griffe cannot read must fail the tool, never read as "everything was removed"."""
    broken = tmp_path / "broken"
    broken.mkdir()
    for name, source in layout.items():
        _package(broken, name, {"mod": source})
    good = _package(tmp_path / "good", "pkg", {"mod": BASE})
    with pytest.raises(DiffError, match=message):
        api_diff(good, broken)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match="not a directory"):
        api_diff(tmp_path / "absent", tmp_path)


REQUIRED = _edit("video_id: str, *,", "video_id: str, *, force: bool,")
OPTIONAL = _edit("video_id: str, *,", "video_id: str, *, force: bool = False,")


@pytest.mark.parametrize(
    ("new", "fail_on", "code", "breaking"),
    [
        pytest.param(REQUIRED, None, EXIT_FINDINGS, True, id="breaking"),
        pytest.param(OPTIONAL, None, EXIT_OK, False, id="info"),
        pytest.param(OPTIONAL, "any", EXIT_FINDINGS, False, id="info-any"),
        pytest.param(REQUIRED, "never", EXIT_OK, True, id="breaking-never"),
        pytest.param(BASE, "any", EXIT_OK, False, id="unchanged-any"),
    ],
)
def test_cli_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new: str, fail_on: str | None, code: int, breaking: bool
) -> None:
    old_dir, new_dir = _pair(tmp_path, new)
    argv = ["api-diff", str(old_dir), str(new_dir), "--format", "json"]
    assert main(argv + (["--fail-on", fail_on] if fail_on else [])) == code
    assert json.loads(capsys.readouterr().out)["breaking"] is breaking


def test_cli_markdown_and_tool_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_dir, new_dir = _pair(tmp_path, _edit("def delete(", "def remove("))
    assert main(["api-diff", str(old_dir), str(new_dir), "--format", "markdown"]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "### Breaking (1)" in out
    assert "function `delete` removed (`python-function-removed`)" in out
    assert main(["api-diff", str(old_dir), str(tmp_path / "absent")]) == EXIT_ERROR
    assert "not a directory" in capsys.readouterr().err
