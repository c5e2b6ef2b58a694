"""The runtime's way into the client: ``templates/runtime`` copied byte for byte, checked like the rest."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest

from specpipe.cli import main
from specpipe.errors import GenerateError
from specpipe.generator import RUNTIME_FOLDER, _attach_bytecode_cache, runtime_files
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


# The templates' bytecode cache: jinja's default folder is per user under the temporary directory, which
# these tests point at a folder of their own.


def _cache_folder(temporary: Path) -> Path:
    return temporary / f"_jinja2-cache-{os.getuid()}"


def _entries(temporary: Path) -> list[Path]:
    return sorted(_cache_folder(temporary).glob("specpipe-*.cache"))


def _sealed(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder filled by one generation, copied by each test that reads it."""
    root = tmp_path_factory.mktemp("warm")
    copy_pipeline(root / "repo")
    (root / "tmp").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(root / "tmp"))
        assert main(["generate", "--root", str(root / "repo")]) == 0
    return _cache_folder(root / "tmp")


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates jinja compiles from source (a cache hit compiles nothing)."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        names.append(str(name))
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def test_a_warm_cache_compiles_no_template_and_changes_no_byte(
    project: Project, temporary: Path, warm_cache: Path, compiled: list[str]
) -> None:
    """Negative control: without the cache attached (``_attach_bytecode_cache`` a no-op) every template compiles."""
    shutil.copytree(warm_cache, _cache_folder(temporary))
    before = fingerprint(project.generated)
    assert len(_entries(temporary)) >= len(list(ROOT.joinpath("templates").glob("*.jinja")))
    assert stat.S_IMODE(_cache_folder(temporary).stat().st_mode) == 0o700
    assert main(["generate", "--root", str(project.root)]) == 0
    assert compiled == []
    assert fingerprint(project.generated) == before


def _other_code(entry: bytes) -> bytes:
    """The entry with its template's text changed in place (same length: the bytecode still loads), digest kept."""
    assert b"import" in entry
    return entry.replace(b"import", b"imPort")


def _unreadable_to_jinja(entry: bytes) -> bytes:
    """Jinja's header and then a cut pickle, under a correct digest: jinja's reader raises on it."""
    return _sealed(jinja2.bccache.bc_magic + b"\x80")


def _folder_instead(path: Path) -> None:
    path.unlink()
    path.mkdir()


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda entry: b"",
    "truncated": lambda entry: entry[: len(entry) // 2],
    "garbage": lambda entry: b"\x00\xffnot bytecode" * 64,
    "other code, stale digest": _other_code,
    "unreadable to jinja, sealed": _unreadable_to_jinja,
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_corrupt_entry_is_compiled_again_never_loaded(
    project: Project, temporary: Path, warm_cache: Path, compiled: list[str], corruption: str
) -> None:
    """Each corrupt entry is a miss, rewritten whole; the client's bytes are the committed ones.

    Negative controls: without the digest check, "other code" renders ``imPort`` (the generation fails
    or its bytes differ); without the ``except`` around jinja's reader, "unreadable" is a traceback.
    """
    shutil.copytree(warm_cache, _cache_folder(temporary))
    before = fingerprint(project.generated)
    entries = _entries(temporary)
    touched = [path for path in entries if corruption != "other code, stale digest" or b"import" in path.read_bytes()]
    for path in touched:
        path.write_bytes(CORRUPTIONS[corruption](path.read_bytes()))
    assert main(["generate", "--root", str(project.root)]) == 0
    assert fingerprint(project.generated) == before
    assert len(compiled) == len(touched)
    for path in touched:
        entry = path.read_bytes()
        assert entry == _sealed(entry[hashlib.sha256().digest_size :]), path.name


def _a_file(folder: Path) -> None:
    folder.write_text("x", encoding="utf-8")


def _a_link(folder: Path) -> None:
    target = folder.with_name("elsewhere")
    target.mkdir(0o700)
    folder.symlink_to(target, target_is_directory=True)


def _not_ours(folder: Path) -> None:
    folder.mkdir(0o700)
    os.chown(folder, os.getuid() + 1, -1)  # PermissionError unless privileged


def _no_temporary_folder(folder: Path) -> None:
    folder.parent.rmdir()
    folder.parent.write_text("", encoding="utf-8")


@pytest.mark.parametrize("spoil", [_a_file, _a_link, _not_ours, _no_temporary_folder])
def test_without_a_safe_cache_folder_templates_are_compiled(
    project: Project, temporary: Path, compiled: list[str], spoil: Callable[[Path], None]
) -> None:
    """Jinja's checks of its folder hold: none is used but the user's own 0700 folder, and generation goes on.

    Negative controls: the folder as jinja makes it gets entries (``warm_cache``); without the ``except``
    in ``_attach_bytecode_cache`` each case here exits 2.
    """
    folder = _cache_folder(temporary)
    try:
        spoil(folder)
    except PermissionError:
        pytest.skip("changing a folder's owner needs privileges")
    before = fingerprint(project.generated)
    assert main(["generate", "--root", str(project.root)]) == 0
    assert fingerprint(project.generated) == before
    assert compiled
    written = [path for path in temporary.rglob("*") if path.name.startswith("specpipe-")] if temporary.is_dir() else []
    assert written == []


def test_an_entry_that_cannot_be_written_is_skipped(
    project: Project, temporary: Path, warm_cache: Path, compiled: list[str]
) -> None:
    """A folder where an entry goes: it can be neither read nor replaced, and generation goes on.

    Negative control: without ``contextlib.suppress(OSError)`` around the write, generate exits 2."""
    shutil.copytree(warm_cache, _cache_folder(temporary))
    before = fingerprint(project.generated)
    entries = _entries(temporary)
    for path in entries:
        _folder_instead(path)
    assert main(["generate", "--root", str(project.root)]) == 0
    assert fingerprint(project.generated) == before
    assert len(compiled) == len(entries)
    assert all(path.is_dir() for path in entries)


def test_a_template_read_from_the_cache_is_its_own_file(tmp_path: Path, temporary: Path, compiled: list[str]) -> None:
    """An entry made from another copy of the templates names this copy's file, in the template and in
    a traceback. Negative control: without ``_relocated`` both name the first copy's file."""
    for copy in ("first", "second"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "t.jinja").write_text("{{ 1 // zero }}\n", encoding="utf-8")
    templates = []
    for copy in ("first", "second"):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / copy))
        _attach_bytecode_cache(env)
        templates.append(env.get_template("t.jinja"))
    assert compiled == ["t.jinja"]  # the second copy's came from the cache
    second = str(tmp_path / "second" / "t.jinja")
    assert templates[1].filename == second
    with pytest.raises(ZeroDivisionError) as raised:
        templates[1].render(zero=0)
    assert [frame.filename for frame in traceback.extract_tb(raised.tb)][-1] == second
