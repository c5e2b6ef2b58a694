"""Every failure ends in exit 2 and one line naming the file, the step and the cause; --debug adds the traceback."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from specpipe import documents
from specpipe.cli import EXIT_ERROR, _generated_summary, main
from specpipe.project import Project
from tests.shared import copy_pipeline, fingerprint
from tests.specpipe.hostile import failing_writes


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copy_pipeline(tmp_path / "repo")
    return Project.at(tmp_path / "repo")


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str], lines: int = 1) -> str:
    """Run the command, expect exit 2 with one line on stderr (a doctor stop lists its findings below it)
    and nothing on stdout; return stderr."""
    assert main(argv) == EXIT_ERROR
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == lines, captured.err
    assert "Traceback" not in captured.err
    assert captured.err.startswith(f"specpipe {argv[0]}: error: ")
    return captured.err


def _generate(project: Project, capsys: pytest.CaptureFixture[str], lines: int = 1) -> str:
    return _fails(["generate", "--root", str(project.root)], capsys, lines)


def test_generated_being_a_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project.generated)
    project.generated.write_text("not a folder\n", encoding="utf-8")
    assert f"{project.generated} is a file, so no folder can be written below it" in _generate(project, capsys)
    assert project.generated.read_text(encoding="utf-8") == "not a folder\n"


# A read-only generated/ refuses the renames that put the new client in place; a full disk refuses the
# staging of new files, which happens beside generated/, under the transaction's .specpipe/ folder.
@pytest.mark.parametrize(
    ("error", "folders_too", "where", "cause"),
    [
        pytest.param(errno.EROFS, True, "generated", "Read-only file system", id="read-only-generated"),
        pytest.param(errno.ENOSPC, False, "", "No space left on device", id="disk-full"),
    ],
)
def test_unwritable_generated(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: int,
    folders_too: bool,
    where: str,
    cause: str,
) -> None:
    before = fingerprint(project.root)
    failing_writes(monkeypatch, project.root / where, error, folders_too=folders_too)
    line = _generate(project, capsys)
    assert f"error: {project.root / where}" in line
    assert f": {cause}" in line
    monkeypatch.undo()
    assert main(["generate", "--root", str(project.root)]) == 0  # recovers whatever is pending, then regenerates
    assert fingerprint(project.root) == before


def test_invalid_yaml_in_the_generator_config(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.generator_config.write_text("project_name_override: [unclosed\n", encoding="utf-8")
    line = _generate(project, capsys)
    assert "step 'generator'" in line
    assert f"{project.generator_config}: invalid YAML" in line


@pytest.mark.parametrize(
    ("edit", "kind"),
    [
        pytest.param("{% if %}", "TemplateSyntaxError", id="syntax"),
        pytest.param("{{ no_such_variable.attribute }}", "UndefinedError", id="render"),
    ],
)
def test_a_template_error_names_the_template(
    project: Project, capsys: pytest.CaptureFixture[str], edit: str, kind: str
) -> None:
    assert project.templates is not None
    template = project.templates / "client.py.jinja"
    template.write_text(template.read_text(encoding="utf-8") + edit + "\n", encoding="utf-8")
    before = fingerprint(project.generated)
    line = _generate(project, capsys)
    assert "step 'templates'" in line
    assert "client.py.jinja:" in line
    assert kind in line
    assert fingerprint(project.generated) == before


def test_a_circular_ref_stops_generate_at_doctor(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    spec = documents.load_mapping(project.vendored("heygen-api"))
    spec.setdefault("components", {}).setdefault("schemas", {}).update(
        {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A", "example": 1}}
    )
    project.vendored("heygen-api").write_text(documents.dumps(spec), encoding="utf-8")
    line = _generate(project, capsys, lines=2)
    assert "step 'doctor'" in line
    assert "/components/schemas/A: $ref: circular reference" in line


@pytest.mark.parametrize("command", ["extract", "overlay"])
def test_output_pointing_at_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}))
    overlay = tmp_path / "a.overlay.yaml"
    overlay.write_text("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {}\n")
    folder = tmp_path / "out"
    folder.mkdir()
    argv = ["extract", str(spec)] if command == "extract" else ["overlay", str(spec), str(overlay)]
    line = _fails([*argv, "-o", str(folder)], capsys)
    cause = "extract: is a folder, cannot be replaced by a file" if command == "extract" else "Is a directory"
    assert f"{folder}: {cause}" in line
    assert list(folder.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.overlay.yaml", "out", "spec.json"]


def test_debug_adds_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text('{"openapi": 1e999}', encoding="utf-8")
    assert main(["doctor", str(spec), "--debug"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith(
        f"specpipe doctor: error: {spec}: invalid JSON: the number 1e999 is out of range for a double (JSON has no Infinity or NaN)\n"
    )
    _fails(["doctor", str(spec)], capsys)  # without --debug: the last line alone


def test_an_unexpected_error_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: object) -> None:
        raise TypeError("a bug\nover two lines")

    monkeypatch.setattr("specpipe.doctor.diagnose", broken)
    spec = tmp_path / "spec.json"
    spec.write_text("{}", encoding="utf-8")
    assert (
        _fails(["doctor", str(spec)], capsys) == "specpipe doctor: error: unexpected TypeError: a bug over two lines\n"
    )


def test_generate_says_truthfully_whether_it_changed_anything(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18: it printed "up to date" after rewriting 7 files. Negative control: a summary that ignores
    what regenerate returned prints the same line both times."""
    readme = project.client / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (project.client / "LICENSE").unlink()
    cache = project.client / "heygen_api_client" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "leftover.pyc").write_bytes(b"a build leftover is no change")
    assert main(["generate", "--root", str(project.root)]) == 0
    err = capsys.readouterr().err
    assert err == "generated/: 2 file(s) changed: heygen-api-client/LICENSE, heygen-api-client/README.md\n"
    assert main(["generate", "--root", str(project.root)]) == 0
    assert capsys.readouterr().err == (
        "generated/ is up to date with openapi/ + overlay/ + generator-config.yaml (nothing changed)\n"
    )


def test_a_long_list_of_changes_is_cut() -> None:
    changed = [Path(f"f{index:02}.py") for index in range(12)]
    assert _generated_summary(changed, shown=3) == "generated/: 12 file(s) changed: f00.py, f01.py, f02.py and 9 more"
