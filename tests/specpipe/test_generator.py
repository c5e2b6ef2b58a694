"""The runtime's way into the client: ``templates/runtime`` copied byte for byte, checked like the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from specpipe.cli import main
from specpipe.errors import GenerateError
from specpipe.generator import RUNTIME_FOLDER, runtime_files
from specpipe.project import Project
from tests.shared import copy_pipeline, fingerprint

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path("heygen_api_client")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copy_pipeline(tmp_path)
    return Project.at(tmp_path)


def test_the_committed_client_holds_each_runtime_module_verbatim() -> None:
    """Negative control: a runtime module the post hooks reformat (a line over 120 characters) differs here."""
    sources = runtime_files(ROOT / "templates")
    assert {path.name for path in sources} >= {"_base_client.py", "errors.py", "types.py"}
    assert "__init__.py" not in {path.name for path in sources}
    client = Project.at(ROOT).client / PACKAGE
    for source in sources:
        assert (client / source.name).read_bytes() == source.read_bytes(), source.name


def test_a_runtime_edit_is_drift_until_generate_copies_it(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """The runtime is a generator input: an edit shows in ``check`` (and in the version's input digest)."""
    assert project.templates is not None
    source = project.templates / RUNTIME_FOLDER / "_constants.py"
    source.write_bytes(source.read_bytes() + b"# an edit at the source\n")
    ledger = (project.generated / "version.json").read_bytes()
    assert main(["check", "--root", str(project.root)]) == 1
    out = capsys.readouterr().out
    assert "+++ b/heygen-api-client/heygen_api_client/_constants.py" in out
    assert "+# an edit at the source" in out
    assert main(["generate", "--root", str(project.root)]) == 0
    assert (project.client / PACKAGE / "_constants.py").read_bytes() == source.read_bytes()
    assert (project.generated / "version.json").read_bytes() != ledger


def test_a_runtime_module_may_not_replace_a_rendered_one(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Negative control: ``errors.py``, which the runtime does replace (the generator's own), passes."""
    assert project.templates is not None
    before = fingerprint(project.generated)
    (project.templates / RUNTIME_FOLDER / "client.py").write_text('"""Not the client."""\n', encoding="utf-8")
    assert main(["generate", "--root", str(project.root)]) == 2
    err = capsys.readouterr().err
    assert "step 'runtime'" in err
    assert "would replace the generated module client.py" in err
    assert "Traceback" not in err
    assert fingerprint(project.generated) == before


@pytest.mark.parametrize(
    "plant",
    [
        pytest.param(lambda folder: (folder / "_link.py").symlink_to(folder / "_real.py"), id="symlink"),
        pytest.param(lambda folder: (folder / "notes.txt").write_text("x\n", encoding="utf-8"), id="not-python"),
        pytest.param(lambda folder: (folder / "not-a-name.py").write_text("x = 1\n", encoding="utf-8"), id="bad-name"),
        pytest.param(lambda folder: (folder / "_package.py").mkdir(), id="folder"),
    ],
)
def test_only_plain_modules_are_copied(tmp_path: Path, plant: Callable[[Path], object]) -> None:
    """Negative control: the folder with only ``_real.py`` and ``__init__.py`` lists ``_real.py`` alone."""
    folder = tmp_path / RUNTIME_FOLDER
    folder.mkdir()
    (folder / "_real.py").write_text("x = 1\n", encoding="utf-8")
    (folder / "__init__.py").write_text("", encoding="utf-8")
    assert [path.name for path in runtime_files(tmp_path)] == ["_real.py"]
    plant(folder)
    with pytest.raises(GenerateError, match="not a runtime module"):
        runtime_files(tmp_path)


def test_no_runtime_folder_copies_nothing(tmp_path: Path) -> None:
    assert runtime_files(tmp_path) == []
