"""specpipe generate/check: all or nothing, byte-for-byte reproducible, drift detected."""

from __future__ import annotations

import importlib.metadata
import random
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from specpipe.cli import main
from specpipe.errors import GenerateError
from specpipe.generate import drift, generate
from specpipe.project import CLIENT_DIR_NAME, Project
from tests.crash import KILLED, Step, run_killed, run_killed_after, specpipe
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


# What builds and installs leave in the client folder, binary files among them (a wheel, bytecode).
LEFTOVERS = {
    ".pdm-build/heygen_api_client.pth": b"/somewhere/site-packages\n",
    "dist/heygen_api_client-4.0.8-py3-none-any.whl": b"PK\x03\x04\xff\xfe binary",
    "build/lib/heygen_api_client/__init__.py": b"# built\n",
    "heygen_api_client.egg-info/PKG-INFO": b"Name: heygen-api-client\n",
    "heygen_api_client/__pycache__/client.cpython-311.pyc": b"\xa7\r\r\n\x00\xff",
    ".venv/bin/python": b"\x7fELF",
}


def _leave_build_leftovers(project: Project) -> None:
    for name, data in LEFTOVERS.items():
        (project.client / name).parent.mkdir(parents=True, exist_ok=True)
        (project.client / name).write_bytes(data)


def _leftovers_intact(project: Project) -> bool:
    return all((project.client / name).read_bytes() == data for name, data in LEFTOVERS.items())


def test_build_leftovers_are_neither_compared_nor_deleted(project: Project) -> None:
    """pip install -e / python -m build leave these; check must stay green and generate must keep them."""
    _leave_build_leftovers(project)
    assert main(["check", "--root", str(project.root)]) == 0
    generate(project)
    assert _leftovers_intact(project)
    assert main(["check", "--root", str(project.root)]) == 0


def test_generated_gitignore_lists_what_builds_leave(project: Project) -> None:
    rules = (project.client / ".gitignore").read_text(encoding="utf-8").splitlines()
    for rule in (".pdm-build/", "build/", "dist/", "*.egg-info/", "__pycache__/", ".venv/"):
        assert rule in rules


def test_any_other_extra_or_missing_file_is_drift(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (project.client / "heygen_api_client" / "py.typed").unlink()  # an empty file
    (project.client / "heygen_api_client" / "blob.bin").write_bytes(b"\xff\xfe\x00 not text")
    (project.client / "notes.txt").write_text("not ignored\n", encoding="utf-8")
    assert main(["check", "--root", str(project.root)]) == 1
    out = capsys.readouterr().out
    assert "--- /dev/null\n+++ b/heygen-api-client/heygen_api_client/py.typed\n" in out
    assert "Binary files a/heygen-api-client/heygen_api_client/blob.bin and /dev/null differ\n" in out
    assert "--- a/heygen-api-client/notes.txt\n+++ /dev/null\n" in out


def test_generate_leaves_no_staging_folder(project: Project) -> None:
    before = sorted(path.name for path in project.root.iterdir())
    generate(project)
    assert sorted(path.name for path in project.root.iterdir()) == before
    assert sorted(path.name for path in project.generated.iterdir()) == [
        CLIENT_DIR_NAME,
        "openapi.json",
        "version.json",
    ]


@pytest.mark.parametrize(
    ("root", "named"),
    [
        pytest.param("typo", "typo: generate: no such folder", id="mistyped-root"),
        pytest.param(
            "empty",
            "not a specpipe repository: openapi/sources.yaml, generator-config.yaml missing",
            id="wrong-folder",
        ),
    ],
)
def test_the_wrong_root_fails_before_creating_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], root: str, named: str
) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["generate", "--root", str(tmp_path / root)]) == 2
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["empty"]
    assert named in capsys.readouterr().err


def _hand_edit(project: Project) -> None:
    """Something for generate to undo: an edit, a deleted file; plus leftovers it must keep."""
    client = project.client / "heygen_api_client" / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    (project.client / "heygen_api_client" / "types.py").unlink()
    _leave_build_leftovers(project)


def _assert_generated(project: Project) -> None:
    """The state every kill of generate must converge to: a complete client, leftovers kept, nothing stray."""
    assert sorted(path.name for path in project.generated.iterdir()) == [
        CLIENT_DIR_NAME,
        "openapi.json",
        "version.json",
    ]
    assert not (project.root / ".specpipe").exists()
    assert main(["check", "--root", str(project.root)]) == 0
    assert _leftovers_intact(project)


@pytest.mark.crash
@pytest.mark.parametrize(
    ("step", "recovery"),
    [
        pytest.param(Step("*/version.json"), "rolled back", id="while-staging"),
        # the first change to the client folder: the old code set it aside here, leaving none
        pytest.param(Step("generated/heygen-api-client*"), "finished", id="client-swapped"),
        pytest.param(Step(".specpipe/txn/old/0"), "finished", id="leftovers-carried-old-set-aside"),
        pytest.param(Step("generated/openapi.json"), "finished", id="effective-spec-backed-up"),
    ],
)
def test_a_killed_generate_converges_on_rerun(project: Project, step: Step, recovery: str) -> None:
    _hand_edit(project)
    killed = run_killed(project.root, step, "generate")
    assert killed.returncode == KILLED, killed.stderr
    rerun = specpipe(project.root, "generate")
    assert rerun.returncode == 0, rerun.stderr
    _assert_generated(project)
    assert f"specpipe: {recovery} the interrupted `specpipe generate`" in rerun.stderr


@pytest.mark.crash
def test_generate_killed_at_a_random_time_converges(project: Project) -> None:
    _hand_edit(project)
    run_killed_after(project.root, random.Random(9).uniform(0.5, 2.0), "generate")
    assert specpipe(project.root, "generate").returncode == 0
    _assert_generated(project)


@pytest.mark.crash
def test_sigint_before_the_mark_rolls_back(project: Project) -> None:
    _hand_edit(project)
    before = fingerprint(project.root)
    interrupted = run_killed(project.root, Step("*/version.json"), "generate", signame="SIGINT")
    assert interrupted.returncode == 128 + signal.SIGINT
    assert "interrupted by SIGINT before the commit: rolled back, nothing was changed" in interrupted.stderr
    assert fingerprint(project.root) == before
    assert _leftovers_intact(project)
    assert not (project.root / ".specpipe").exists()


def _hostile_header_name(project: Project) -> None:
    """The vendored page's API-key header name carries a quote and Python (issue 23's first finding)."""
    spec = project.vendored("heygen-api")
    text = spec.read_text(encoding="utf-8")
    assert '"name": "x-api-key"' in text
    spec.write_text(
        text.replace('"name": "x-api-key"', '"name": "X\\"+open(\\"M\\",\\"w\\")+\\""', 1), encoding="utf-8"
    )


def test_a_hostile_header_name_is_refused_naming_its_pointer(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(project.generated)
    _hostile_header_name(project)
    assert main(["generate", "--root", str(project.root)]) == 2
    err = capsys.readouterr().err
    assert "step 'names'" in err
    assert "/components/securitySchemes/sec0/name" in err
    assert "not an HTTP header name" in err
    assert fingerprint(project.generated) == before


def test_check_audits_the_committed_client_first(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Negative control: the same hand edit as a comment is only drift (exit 1, as above)."""
    client = project.client / "heygen_api_client" / "client.py"
    lines = client.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("__all__ = [\n")  # at module level, after the imports
    client.write_text("".join([*lines[:at], "__import__('os')\n", *lines[at:]]), encoding="utf-8")
    assert main(["check", "--root", str(project.root)]) == 2
    err = capsys.readouterr().err
    assert "step 'audit'" in err
    assert f"heygen_api_client/client.py:{at + 1}: a module-level Expr statement" in err
    assert f"heygen_api_client/client.py:{at + 1}: the builtin __import__" in err
