"""The transaction model: all or nothing, whatever step a kill lands on, and a re-run always converges."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from specpipe import transaction
from specpipe.errors import TransactionError
from specpipe.transaction import Interrupted, Transaction, begin, ensure_none_pending, recover
from tests.shared import fingerprint

Tree = dict[str, str]


def _write(root: Path, files: Tree) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _read(root: Path) -> Tree:
    """The repository's files, the journal folder aside."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".specpipe" not in path.relative_to(root).parts
    }


OLD: Tree = {
    "a.txt": "old a\n",
    "keep.txt": "untouched\n",
    "client/.gitignore": "leftover/\n",
    "client/module.py": "old = 1\n",
    "client/gone.py": "removed by the change\n",
    "client/leftover/editable.pth": "an install left this\n",
    "client/pkg/__pycache__/module.pyc": "bytecode\n",
}
NEW_CLIENT: Tree = {".gitignore": "leftover/\n__pycache__/\n", "module.py": "new = 2\n", "pkg/added.py": "x = 1\n"}
NEW: Tree = {
    "a.txt": "new a\n",
    "b.txt": "b did not exist\n",
    "keep.txt": "untouched\n",
    **{f"client/{name}": text for name, text in NEW_CLIENT.items()},
    # build leftovers the new .gitignore ignores ride along into the new tree
    "client/leftover/editable.pth": "an install left this\n",
    "client/pkg/__pycache__/module.pyc": "bytecode\n",
}


def _stage_all(changes: Transaction, root: Path) -> None:
    changes.add_text(root / "a.txt", "new a\n")
    changes.add_text(root / "b.txt", "b did not exist\n")
    built = changes.scratch() / "client"
    _write(built, NEW_CLIENT)
    changes.add(root / "client", built)


def _transact(root: Path, body: Callable[[Transaction], None]) -> None:
    with begin(root, "test", "specpipe test") as changes:
        body(changes)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    _write(repo, OLD)
    return repo


def test_commit_replaces_everything_and_leaves_no_journal(root: Path) -> None:
    with begin(root, "test", "specpipe test") as changes:
        _stage_all(changes, root)
        assert _read(root) == OLD  # nothing the repository holds changes before the commit
    assert _read(root) == NEW
    assert not (root / ".specpipe").exists()


def test_a_failure_while_staging_changes_nothing(root: Path) -> None:
    def body(changes: Transaction) -> None:
        _stage_all(changes, root)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        _transact(root, body)
    assert _read(root) == OLD
    assert not (root / ".specpipe").exists()


def _fork_and_kill(root: Path, nth: int, run: Callable[[], None]) -> bool:
    """Run ``run`` in a forked child that SIGKILLs itself after its ``nth`` rename, link or unlink.

    Returns whether the child was killed (False: it finished before reaching the ``nth``).
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            seen = 0

            def watch(real: Callable[..., None]) -> Callable[..., None]:
                def wrapper(*args: object, **kwargs: object) -> None:
                    nonlocal seen
                    real(*args, **kwargs)
                    seen += 1
                    if seen == nth:
                        os.kill(os.getpid(), signal.SIGKILL)

                return wrapper

            for name in ("replace", "rename", "link", "unlink"):
                setattr(os, name, watch(getattr(os, name)))
            run()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def _journal_state(root: Path) -> str | None:
    journal = root / ".specpipe" / "journal.json"
    return str(json.loads(journal.read_text(encoding="utf-8"))["state"]) if journal.exists() else None


@pytest.mark.parametrize("swap", [True, False], ids=["atomic-swap", "two-renames"])
def test_a_kill_at_every_step_recovers_to_old_or_new(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: bool
) -> None:
    """Every rename, link and unlink of a transaction is a place a kill can land: try each one.

    With the atomic swap (Linux), the client folder is never missing, whichever step the kill lands on;
    without it (other systems), recovery puts it back.
    """
    if not swap:
        monkeypatch.setattr(transaction, "_exchange", lambda first, second: False)

    def run() -> None:
        _transact(root, lambda changes: _stage_all(changes, root))

    pristine = tmp_path / "pristine"
    os.rename(root, pristine)
    outcomes: dict[str, int] = {"old": 0, "new": 0}
    nth = 0
    while True:
        nth += 1
        assert nth < 300, "the transaction never finished"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(pristine, root, symlinks=True)
        if not _fork_and_kill(root, nth, run):
            assert _read(root) == NEW
            break
        state = _journal_state(root)
        if swap:
            assert (root / "client" / "module.py").exists(), f"kill after operation {nth}: the client is missing"
        recover(root)
        after = _read(root)
        assert after in (OLD, NEW), f"kill after operation {nth} ({state}): neither old nor new"
        if state == "committed":
            assert after == NEW, f"kill after operation {nth}: past the commit mark, recovery must finish"
        if state == "staging":
            assert after == OLD, f"kill after operation {nth}: before the commit mark, recovery must roll back"
        assert not (root / ".specpipe").exists()
        outcomes["new" if after == NEW else "old"] += 1
    assert outcomes["old"] >= 5
    assert outcomes["new"] >= 5


def test_undo_goes_on_past_what_it_cannot_restore_and_names_all(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Applying b.txt fails; undoing fails for b.txt and for the client tree; a.txt is still put back."""
    real_replace, real_rename = os.replace, os.rename
    failing = {root / "b.txt", root / "client"}

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target) in failing:
            raise OSError(errno.EACCES, "Permission denied (injected)")
        real_replace(source, target)

    def rename(source: str | Path, target: str | Path) -> None:
        if Path(target) in failing and ".specpipe/txn/old" in str(source):  # only the undo's rename
            raise OSError(errno.EACCES, "Permission denied (injected)")
        real_rename(source, target)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "rename", rename)

    def body(changes: Transaction) -> None:
        changes.add_text(root / "a.txt", "new a\n")
        built = changes.scratch() / "client"
        _write(built, NEW_CLIENT)
        changes.add(root / "client", built)
        changes.add_text(root / "b.txt", "b did not exist\n")

    with pytest.raises(TransactionError) as error:
        _transact(root, body)
    message = str(error.value)
    assert (
        "b.txt: test: cannot be written: Permission denied (injected); undoing the change could not restore" in message
    )
    assert "could not restore 1 target(s)" in message
    assert f"({root / 'client'}: Permission denied (injected))" in message
    assert "\n" not in message  # one line, however many targets
    assert (root / "a.txt").read_text(encoding="utf-8") == "old a\n"  # restored although the client was not
    assert _journal_state(root) == "undoing"
    with pytest.raises(TransactionError, match="pending"):
        ensure_none_pending(root, "check")
    monkeypatch.undo()
    recovered = recover(root)
    assert recovered is not None
    assert not recovered.finished
    assert _read(root) == OLD
    assert not (root / ".specpipe").exists()


def test_sigterm_before_the_mark_rolls_back(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def body(changes: Transaction) -> None:
        _stage_all(changes, root)
        os.kill(os.getpid(), signal.SIGTERM)

    with pytest.raises(Interrupted) as interrupted:
        _transact(root, body)
    assert interrupted.value.code == 128 + signal.SIGTERM
    assert _read(root) == OLD
    assert not (root / ".specpipe").exists()
    assert "interrupted by SIGTERM before the commit: rolled back" in capsys.readouterr().err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_after_the_mark_waits_until_the_change_is_finished(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], signum: int
) -> None:
    real_apply = transaction._apply

    def apply_and_signal(layout: object, change: transaction.StagedChange) -> None:
        os.kill(os.getpid(), signum)
        real_apply(layout, change)  # type: ignore[arg-type]

    monkeypatch.setattr(transaction, "_apply", apply_and_signal)
    with pytest.raises(Interrupted) as interrupted:
        _transact(root, lambda changes: _stage_all(changes, root))
    assert interrupted.value.code == 128 + signum
    assert _read(root) == NEW
    assert not (root / ".specpipe").exists()
    assert "after the commit mark: finished the change first" in capsys.readouterr().err


def test_handlers_are_restored(root: Path) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    with begin(root, "test", "specpipe test") as changes:
        assert signal.getsignal(signal.SIGTERM) not in before
        _stage_all(changes, root)
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


@pytest.mark.parametrize(
    ("target", "cause"),
    [
        pytest.param("client", "is a folder, cannot be replaced by a file", id="folder-where-a-file-goes"),
        pytest.param("a.txt/inside", "a.txt is a file, so no file can be written below it", id="below-a-file"),
    ],
)
def test_preflight_refuses_before_anything_changes(root: Path, target: str, cause: str) -> None:
    before = fingerprint(root)

    def body(changes: Transaction) -> None:
        changes.add_text(root / "b.txt", "staged first\n")
        changes.add_text(root / target, "x\n")

    with pytest.raises(TransactionError, match=cause):
        _transact(root, body)
    assert fingerprint(root) == before
    assert not (root / ".specpipe").exists()


@pytest.fixture
def running(root: Path) -> Iterator[None]:
    """Another process holds the root's lock, as a running specpipe command does."""
    fd = os.open(root, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


def _pending_journal(root: Path, state: str) -> None:
    (root / ".specpipe").mkdir()
    journal = {"command": "specpipe sync page.md", "state": state, "changes": []}
    (root / ".specpipe" / "journal.json").write_text(json.dumps(journal), encoding="utf-8")


@pytest.mark.usefixtures("running")
def test_one_writer_at_a_time(root: Path) -> None:
    _pending_journal(root, "staging")
    with pytest.raises(TransactionError, match="another specpipe command is changing this repository"):
        recover(root)
    with pytest.raises(TransactionError, match=r"`specpipe sync page.md` is changing the repository; run check again"):
        ensure_none_pending(root, "check")
    assert _journal_state(root) == "staging"


@pytest.mark.parametrize(("state", "way"), [("staging", "undoes it first"), ("committed", "finishes it")])
def test_a_pending_journal_names_the_command_to_rerun(root: Path, state: str, way: str) -> None:
    _pending_journal(root, state)
    before = fingerprint(root)
    with pytest.raises(TransactionError) as error:
        ensure_none_pending(root, "check")
    assert str(error.value) == (
        f"{root / '.specpipe' / 'journal.json'}: check: an interrupted `specpipe sync page.md` is pending; "
        f"re-run `specpipe sync page.md` (it {way}), then check again"
    )
    assert fingerprint(root) == before  # read-only
    recovered = recover(root)
    assert recovered is not None
    assert recovered.command == "specpipe sync page.md"
    assert not (root / ".specpipe").exists()
    ensure_none_pending(root, "check")


def test_an_unreadable_journal_is_named(root: Path) -> None:
    (root / ".specpipe").mkdir()
    (root / ".specpipe" / "journal.json").write_text("{", encoding="utf-8")
    with pytest.raises(TransactionError, match=r"journal.json: unreadable transaction journal"):
        recover(root)


def test_staged_files_honour_the_umask(root: Path) -> None:
    previous = os.umask(0o027)
    try:
        with begin(root, "test", "specpipe test") as changes:
            changes.add_text(root / "b.txt", "b\n")
    finally:
        os.umask(previous)
    assert (root / "b.txt").stat().st_mode & 0o777 == 0o640
