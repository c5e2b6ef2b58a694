"""specpipe generate/check: all or nothing, byte-for-byte reproducible, drift detected."""

from __future__ import annotations

import importlib.metadata
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from specpipe.cli import main
from specpipe.errors import GenerateError
from specpipe.generate import drift, generate
from specpipe.project import Project
from tests.shared import copy_pipeline, fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the repository's pipeline inputs and committed output."""
    copy_pipeline(tmp_path)
    return Project.at(tmp_path)


def _rename_target(project: Project) -> None:
    overlay = project.overlays[0]
    overlay.write_text(overlay.read_text(encoding="utf-8").replace(".Deleted", ".Removed", 1), encoding="utf-8")


def _undo_a_fix(project: Project) -> None:
    """Drop both msg actions: the effective spec then has a doctor finding (null example vs string)."""
    overlay = project.overlays[0]
    text = overlay.read_text(encoding="utf-8")
    start = text.index(
        "  - target: $.paths['/v1/video.delete'].delete.responses['200'].content['application/json'].schema.properties.msg.type"
    )
    end = text.index("  - target: $.paths['/v1/video.delete'].delete.responses['404']")
    overlay.write_text(text[:start] + text[end:], encoding="utf-8")


def _break_generator_config(project: Project) -> None:
    project.generator_config.write_text("class_overrides: [not, a, mapping]\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("breakage", "step"),
    [
        pytest.param(_rename_target, "overlay", id="overlay-target-vanished"),
        pytest.param(_undo_a_fix, "doctor", id="doctor-finding"),
        pytest.param(_break_generator_config, "generator", id="generator-fails"),
    ],
)
def test_failure_leaves_generated_untouched(project: Project, breakage: Callable[[Project], None], step: str) -> None:
    before = fingerprint(project.generated)
    breakage(project)
    with pytest.raises(GenerateError) as error:
        generate(project)
    assert error.value.step == step
    assert f"step '{step}'" in str(error.value)
    assert fingerprint(project.generated) == before


def test_cli_names_the_failing_step(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    _rename_target(project)
    assert main(["generate", "--root", str(project.root)]) == 2
    err = capsys.readouterr().err
    assert "step 'overlay'" in err
    assert "Removed" in err


def test_regeneration_is_byte_identical(project: Project) -> None:
    shutil.rmtree(project.generated)
    generate(project)
    first = fingerprint(project.generated)
    generate(project)
    assert fingerprint(project.generated) == first
    assert not list(project.generated.rglob(".ruff_cache"))


def test_committed_tree_is_what_generation_produces(project: Project) -> None:
    assert drift(project) == ""


def test_check_reports_drift_as_a_diff(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    client = project.client / "heygen_api_client" / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    (project.client / "stray.py").write_text("x = 1\n", encoding="utf-8")
    assert main(["check", "--root", str(project.root)]) == 1
    out = capsys.readouterr().out
    assert "-# hand edit" in out
    assert "a/heygen-api-client/stray.py" in out


def test_refuses_an_unpinned_generator(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata,
        "version",
        lambda name: "0.0.1" if name == "openapi-python-client" else real(name),
    )
    with pytest.raises(
        GenerateError, match=r"openapi-python-client 0\.0\.1 is installed; pyproject.toml pins 0\.29\.1"
    ):
        generate(project)
