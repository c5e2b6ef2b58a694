"""Crash-safe changes to the repository: the one transaction model of extract, generate and sync.

SQLite's rollback journal in small ("Atomic Commit In SQLite"), with a commit mark that turns recovery
from undo into redo. Everything lives under ``<root>/.specpipe/`` (git-ignored):

    journal.json  the command to re-run, the state, and every change: the target, its old and new
                  sha256, where its staged new copy and the backup of its old one live
    txn/new/      new files and trees, staged; nothing the repository holds changes before the mark
    txn/old/      old versions, set aside while the new ones are renamed in

1. An interrupted transaction is recovered first, under an exclusive lock on the root folder.
2. The journal is written durably (fsync), state ``staging``; every new file and tree is staged, fsynced
   and added to it, with both digests.
3. Commit mark: the journal is rewritten durably with state ``committed``.
4. Each change is applied, the target never missing: a file's old copy is kept by a hard link and the
   new one renamed over it; a tree is swapped with the new one in one step (Linux's renameat2, else two
   renames), then takes along whatever its new ``.gitignore`` ignores (build leftovers: an editable
   install survives a regeneration) and the old tree goes to txn/old/.
5. Folders are fsynced and the journal deleted: that is the end. The staging area goes last.

Recovery: ``staging`` rolls back (the staging area is deleted; nothing else had changed); ``committed``
rolls forward (finishes 4 and 5: each step is idempotent, and whether a change is applied is told by its
staged copy still being there); ``undoing`` finishes an undo. A failure while applying undoes every change
(state ``undoing``), going on past any it cannot undo and naming all of them. SIGTERM and SIGINT roll
the transaction back before the mark and are held after it until the change is finished.

Hand-written: libraries make one file's write atomic (``os.replace`` suffices for that), none makes a
set of files and folders change together with recovery after a kill.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sys
import threading
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from specpipe import documents
from specpipe.boundary import JOURNAL_FOLDER, check_managed, inside, relative_entry
from specpipe.errors import BoundaryError, TransactionError
from specpipe.project import leftover_rules, split_tree

_AT_FDCWD = -100  # Linux's "relative to the current folder" for the *at() system calls
_RENAME_EXCHANGE = 2

State = Literal["staging", "committed", "undoing"]


@dataclass(slots=True)
class StagedChange:
    """One file or tree the transaction replaces; paths as the journal stores them."""

    target: str  # relative to the root (``../`` for a ``--report`` outside it)
    tree: bool
    staged: str  # relative to the journal folder
    backup: str
    old_sha256: str | None  # None: the target did not exist
    new_sha256: str
    staged_inode: int | None = None  # a tree's: tells, after a swap, which of two paths holds the new one


@dataclass(slots=True)
class Journal:
    command: str  # what to re-run, e.g. "specpipe sync https://…"
    state: State
    changes: list[StagedChange] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Recovered:
    """What recovery did with an interrupted transaction."""

    command: str
    finished: bool  # True: rolled forward; False: rolled back (or an undo completed)

    def __str__(self) -> str:
        if self.finished:
            return f"finished the interrupted `{self.command}` (it had passed its commit mark)"
        return f"rolled back the interrupted `{self.command}` (nothing it meant to change was changed)"


class Interrupted(SystemExit):
    """SIGTERM or SIGINT: exits with 128 + the signal number, like a shell reports a killed command."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.name = signal.Signals(signum).name


@dataclass(frozen=True, slots=True)
class _Layout:
    root: Path
    outside: frozenset[Path] = frozenset()  # targets outside the root that this command's user named

    @property
    def folder(self) -> Path:
        return self.root / JOURNAL_FOLDER

    @property
    def journal(self) -> Path:
        return self.folder / "journal.json"

    @property
    def work(self) -> Path:
        return self.folder / "txn"

    def target(self, change: StagedChange) -> Path:
        return Path(os.path.normpath(self.root / change.target))

    def staged(self, change: StagedChange) -> Path:
        return self.folder / change.staged

    def backup(self, change: StagedChange) -> Path:
        return self.folder / change.backup

    def discard(self, change: StagedChange) -> Path:
        return self.folder / f"{change.backup}.discarded"


def _sha256(path: Path, tree: bool) -> str | None:
    """A file's sha256, or a tree's over its files' names and bytes (leftovers its .gitignore ignores left out)."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    if not tree:
        digest.update(path.read_bytes())
        return digest.hexdigest()
    for relative in split_tree(path, leftover_rules(path).match_file)[0]:
        data = (path / relative).read_bytes()
        digest.update(f"{relative.as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(tree: Path) -> None:
    """Every file and folder of a staged tree on disk before the commit mark (the generator does not fsync)."""
    for folder, _, files in os.walk(tree):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                os.fsync(handle.fileno())
        _fsync_dir(Path(folder))


def _write_journal(layout: _Layout, journal: Journal) -> None:
    documents.write_atomic(layout.journal, json.dumps(asdict(journal), indent=2) + "\n")
    _fsync_dir(layout.folder)


def _read_journal(layout: _Layout) -> Journal | None:
    try:
        data: dict[str, Any] = json.loads(layout.journal.read_text(encoding="utf-8"))
        journal = Journal(data["command"], data["state"], [StagedChange(**change) for change in data["changes"]])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TransactionError(
            f"{layout.journal}: unreadable transaction journal ({exc}); inspect {layout.folder} and remove it by hand"
        ) from exc
    if journal.state not in ("staging", "committed", "undoing"):
        raise TransactionError(f"{layout.journal}: unknown transaction state {journal.state!r}")
    for index, change in enumerate(journal.changes):
        _check_change(layout, index, change)
    return journal


def _check_change(layout: _Layout, index: int, change: StagedChange) -> None:
    """Refuse, before recovery acts, an entry specpipe would not have written: a forced-in journal must
    not make recovery write, rename or delete anything outside the root or through a symlink in it."""
    for name, value, base in (
        ("target", change.target, layout.root),
        ("staged", change.staged, layout.folder),
        ("backup", change.backup, layout.folder),
    ):
        if name == "target" and isinstance(value, str) and layout.target(change) in layout.outside:
            continue  # the --report the user names again on this command line
        why = relative_entry(value)
        if why is None and name != "target" and not value.startswith("txn/"):
            why = f"not in the staging area {layout.work}"
        try:
            if why is not None:
                raise BoundaryError(why)
            inside(layout.root, base / value)
        except BoundaryError as exc:
            named = " (a --report or -o there is recovered by re-running the command that names it)"
            raise BoundaryError(
                f"{layout.journal}: invalid transaction journal: change {index} {name} {value!r}: {exc}"
                f"{named if name == 'target' else ''}; nothing was changed: inspect {layout.folder} and remove it "
                "by hand"
            ) from exc


@contextlib.contextmanager
def _root_lock(root: Path, operation: int = fcntl.LOCK_EX) -> Iterator[bool]:
    """flock on the root folder itself (no lock file to clean up); yields whether it was taken."""
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        else:
            yield True
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    with _root_lock(root) as taken:
        if not taken:
            raise TransactionError(f"{root}: another specpipe command is changing this repository; wait for it to end")
        yield


class _Signals:
    """SIGTERM and SIGINT raise ``Interrupted`` until ``hold()``; held, they wait until ``release()``."""

    def __init__(self) -> None:
        self._held = False
        self.pending: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():  # Python only allows handlers there
            for signum in (signal.SIGTERM, signal.SIGINT):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self._held:
            raise Interrupted(signum)
        if self.pending is None:
            self.pending = signum

    def hold(self) -> None:
        self._held = True

    def release(self) -> None:
        self._held = False
        if self.pending is not None:
            raise Interrupted(self.pending)


def _keep_copy(source: Path, backup: Path) -> None:
    """``backup`` becomes the old file while ``source`` stays in place: a hard link, or a copy across filesystems."""
    backup.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, backup)
    except OSError:
        partial = backup.with_name(f"{backup.name}.partial")
        shutil.copy2(source, partial)
        os.replace(partial, backup)


def _move_file(staged: Path, target: Path) -> None:
    """Rename ``staged`` over ``target``; across filesystems (a report outside the root) copy it atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        documents.write_atomic(target, staged.read_bytes())
        staged.unlink()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step, so the target is never missing; False where the system cannot.

    Linux's renameat2(RENAME_EXCHANGE), called through ctypes: the standard library has no binding, and
    the one PyPI package for it refuses to import off Linux. Elsewhere (another kernel or C library, a
    filesystem without the flag) the caller falls back to two renames, which recovery covers.
    """
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _holds_new_tree(path: Path, change: StagedChange) -> bool:
    return path.exists() and os.stat(path).st_ino == change.staged_inode


def _carry_leftovers(source: Path, destination: Path, rules_from: Path) -> None:
    """Move what ``rules_from``'s .gitignore ignores from ``source`` into ``destination`` (idempotent)."""
    for relative in split_tree(source, leftover_rules(rules_from).match_file)[1]:
        if not os.path.lexists(destination / relative):
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            os.rename(source / relative, destination / relative)


def _apply(layout: _Layout, change: StagedChange) -> None:
    """Put ``change``'s new copy in place; idempotent, so recovery can call it again after a kill anywhere."""
    target, staged, backup = layout.target(change), layout.staged(change), layout.backup(change)
    if not staged.exists():  # renamed in already
        return
    if not change.tree:
        if target.exists() and not backup.exists():
            _keep_copy(target, backup)
        _move_file(staged, target)
        return
    if _holds_new_tree(target, change):  # swapped already: the old tree is at the staged path
        _set_old_tree_aside(staged, target, backup)
        return
    if target.exists():
        if backup.exists():
            raise OSError(errno.EEXIST, f"both {target} and its backup {backup} exist")
        if _exchange(staged, target):
            _set_old_tree_aside(staged, target, backup)
            return
        backup.parent.mkdir(parents=True, exist_ok=True)
        os.rename(target, backup)  # no atomic swap here: the target is missing until the rename below
    if backup.exists():
        _carry_leftovers(backup, staged, staged)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(staged, target)


def _set_old_tree_aside(old: Path, new: Path, backup: Path) -> None:
    """After a swap: the leftovers into the new tree, the old tree (at ``old``) to its backup path."""
    _carry_leftovers(old, new, new)
    backup.parent.mkdir(parents=True, exist_ok=True)
    os.rename(old, backup)


def _undo(layout: _Layout, change: StagedChange) -> None:
    """Put ``change``'s old copy back (or remove a target that did not exist); idempotent like ``_apply``."""
    target, staged, backup = layout.target(change), layout.staged(change), layout.backup(change)
    if not change.tree:
        if backup.exists() and _sha256(target, False) == change.old_sha256:  # never replaced: keep it
            backup.unlink()
        elif backup.exists():
            os.replace(backup, target)
        elif change.old_sha256 is None and not staged.exists() and _sha256(target, False) == change.new_sha256:
            target.unlink()
        return
    if staged.exists() and _holds_new_tree(target, change):  # swapped: swap back, leftovers first
        _carry_leftovers(target, staged, target)
        if not _exchange(staged, target):
            raise OSError(errno.ENOTSUP, f"cannot swap {target} back with {staged}")
        return
    if staged.exists():  # never renamed in; the old tree may be set aside with some leftovers carried
        if backup.exists():
            _carry_leftovers(staged, backup, staged)
            os.rename(backup, target)
        return
    if target.exists() and (backup.exists() or change.old_sha256 is None):
        if backup.exists():
            _carry_leftovers(target, backup, target)
        layout.discard(change).parent.mkdir(parents=True, exist_ok=True)
        os.rename(target, layout.discard(change))
    if backup.exists():
        os.rename(backup, target)


def _end(layout: _Layout, journal: Journal) -> None:
    """Make the renames durable, delete the journal (the end of the transaction), then the staging area."""
    for folder in sorted({layout.target(change).parent for change in journal.changes}):
        if folder.is_dir():
            _fsync_dir(folder)
    layout.journal.unlink(missing_ok=True)
    _fsync_dir(layout.folder)
    _tidy(layout)


def _tidy(layout: _Layout) -> None:
    shutil.rmtree(layout.work, ignore_errors=True)
    with contextlib.suppress(OSError):  # not empty: something else lives there, leave it
        layout.folder.rmdir()


def _undo_all(layout: _Layout, journal: Journal) -> list[str]:
    """Undo every change, newest first, going on past failures; returns one line per target not restored."""
    failures: list[str] = []
    for change in reversed(journal.changes):
        try:
            _undo(layout, change)
        except OSError as exc:
            failures.append(f"{layout.target(change)}: {exc.strerror or exc}")
    return failures


def _undo_failed(layout: _Layout, failures: list[str]) -> str:
    listed = "; ".join(failures)
    return (
        f"could not restore {len(failures)} target(s) ({listed}); their old copies are kept under "
        f"{layout.work}, and the next specpipe extract, generate or sync retries the undo"
    )


def _recover_locked(layout: _Layout) -> Recovered | None:
    journal = _read_journal(layout)
    if journal is None:
        _tidy(layout)  # killed after the journal was deleted: only the staging area is left
        return None
    if journal.state == "staging":
        layout.journal.unlink()
        _tidy(layout)
        return Recovered(journal.command, finished=False)
    if journal.state == "undoing":
        failures = _undo_all(layout, journal)
        if failures:
            raise TransactionError(f"{layout.journal}: {_undo_failed(layout, failures)}")
        _end(layout, journal)
        return Recovered(journal.command, finished=False)
    for change in journal.changes:
        try:
            _apply(layout, change)
        except OSError as exc:
            raise TransactionError(
                f"{layout.journal}: cannot finish the interrupted `{journal.command}`: "
                f"{layout.target(change)}: {exc.strerror or exc}; fix the cause and run it again"
            ) from exc
    _end(layout, journal)
    return Recovered(journal.command, finished=True)


def _layout(root: Path, outside: Collection[Path]) -> _Layout:
    """The layout in ``root`` made absolute; of ``outside``, only what lies outside it (the rest is checked)."""
    root = Path(os.path.abspath(root))
    named = (Path(os.path.abspath(path)) for path in outside)
    return _Layout(root, frozenset(path for path in named if not path.is_relative_to(root)))


def recover(root: Path, outside: Collection[Path] = ()) -> Recovered | None:
    """Finish or undo an interrupted transaction in ``root``; ``None`` when there was none.

    ``outside``: files outside the root the current command names (``--report``), which an interrupted
    run of it may have journalled; any other journal entry outside the root is refused.
    """
    check_managed(root)
    layout = _layout(root, outside)
    if not layout.folder.is_dir():
        return None
    with _exclusive(root), _Signals() as signals:
        signals.hold()  # recovery is idempotent, but finishing it spares the next run the work
        recovered = _recover_locked(layout)
        signals.release()
    return recovered


def ensure_none_pending(root: Path, step: str) -> None:
    """For read-only steps (``check``): fail, naming the command to re-run, while a transaction is pending."""
    check_managed(root)
    layout = _layout(root, ())
    journal = _read_journal(layout) if root.is_dir() else None
    if journal is None:
        return
    with _root_lock(root, fcntl.LOCK_SH) as idle:
        if not idle:
            raise TransactionError(
                f"{layout.journal}: {step}: `{journal.command}` is changing the repository; "
                f"run {step} again when it has finished"
            )
    way = "finishes it" if journal.state == "committed" else "undoes it first"
    raise TransactionError(
        f"{layout.journal}: {step}: an interrupted `{journal.command}` is pending; "
        f"re-run `{journal.command}` (it {way}), then {step} again"
    )


class Transaction:
    """The changes one command makes: stage everything, then ``begin`` commits them all or none."""

    def __init__(self, layout: _Layout, step: str, command: str) -> None:
        self._layout = layout
        self._step = step
        self._journal = Journal(command, "staging")

    def scratch(self) -> Path:
        """A new empty folder in the staging area to build new files and trees in."""
        folder = self._layout.work / "new" / str(len(list((self._layout.work / "new").glob("*"))))
        folder.mkdir(parents=True)
        return folder

    def add_text(self, target: Path, data: str | bytes) -> None:
        """Stage ``data`` as the new content of the file ``target``."""
        staged = self.scratch() / target.name
        documents.write_atomic(staged, data)
        self.add(target, staged)

    def add(self, target: Path, staged: Path) -> None:
        """Stage the file or folder ``staged`` (built in ``scratch()``) to replace ``target`` on commit."""
        target = Path(os.path.abspath(target))
        if target not in self._layout.outside:
            target = inside(self._layout.root, target)
        tree = staged.is_dir()
        self._preflight(target, tree)
        if tree:
            _fsync_tree(staged)
        relative = Path(os.path.relpath(target, self._layout.root)).as_posix()
        if any(change.target == relative for change in self._journal.changes):
            raise TransactionError(f"{target}: {self._step}: written twice in one transaction")
        change = StagedChange(
            target=relative,
            tree=tree,
            staged=staged.relative_to(self._layout.folder).as_posix(),
            backup=f"txn/old/{len(self._journal.changes)}",
            old_sha256=_sha256(target, tree),
            new_sha256=_sha256(staged, tree) or "",
            staged_inode=os.stat(staged).st_ino if tree else None,
        )
        self._journal.changes.append(change)
        _write_journal(self._layout, self._journal)

    def _preflight(self, target: Path, tree: bool) -> None:
        """Refuse, before the commit mark, what applying would fail on: a folder where a file goes, and so on."""
        kind, other = ("folder", "file") if tree else ("file", "folder")
        if target.exists() and target.is_dir() != tree:
            raise TransactionError(f"{target}: {self._step}: is a {other}, cannot be replaced by a {kind}")
        parent = target.parent
        while not parent.exists():
            parent = parent.parent
        if not parent.is_dir():
            raise TransactionError(f"{target}: {self._step}: {parent} is a file, so no {kind} can be written below it")
        if not os.access(parent, os.W_OK):
            raise TransactionError(f"{target}: {self._step}: {parent} is not writable")
        if tree and os.stat(parent).st_dev != os.stat(self._layout.folder).st_dev:
            raise TransactionError(
                f"{target}: {self._step}: on another filesystem than {self._layout.folder}; a folder cannot be "
                "renamed across filesystems"
            )

    def _start(self) -> None:
        self._layout.folder.mkdir(exist_ok=True)
        _write_journal(self._layout, self._journal)

    def _roll_back(self) -> None:
        self._layout.journal.unlink(missing_ok=True)
        _tidy(self._layout)

    def _commit(self) -> None:
        layout, journal = self._layout, self._journal
        journal.state = "committed"
        _write_journal(layout, journal)
        for change in journal.changes:
            try:
                _apply(layout, change)
            except OSError as exc:
                cause = f"{layout.target(change)}: {self._step}: cannot be written: {exc.strerror or exc}"
                journal.state = "undoing"
                _write_journal(layout, journal)
                failures = _undo_all(layout, journal)
                if failures:
                    raise TransactionError(f"{cause}; undoing the change {_undo_failed(layout, failures)}") from exc
                _end(layout, journal)
                raise TransactionError(f"{cause}; every change was undone") from exc
        _end(layout, journal)


def _say(step: str, message: str) -> None:
    print(f"specpipe {step}: {message}", file=sys.stderr)


@contextlib.contextmanager
def begin(root: Path, step: str, command: str, outside: Collection[Path] = ()) -> Iterator[Transaction]:
    """Recover, then run the ``with`` body as one transaction: it stages, the exit commits all or nothing.

    ``step`` names the command in messages ("sync"); ``command`` is what a user re-runs after a kill.
    Targets must lie inside ``root`` (``specpipe.boundary``) but for the files ``outside`` names (a
    user's ``--report``). An exception in the body rolls back (nothing was changed) and propagates.
    """
    check_managed(root)
    layout = _layout(root, outside)
    with _exclusive(root), _Signals() as signals:
        signals.hold()
        if layout.folder.is_dir():
            _recover_locked(layout)
        transaction = Transaction(layout, step, command)
        try:
            signals.release()
            transaction._start()
            yield transaction
            signals.hold()  # past this point a signal waits until the change is finished
        except BaseException as exc:
            signals.hold()
            transaction._roll_back()
            if isinstance(exc, Interrupted):
                _say(step, f"interrupted by {exc.name} before the commit: rolled back, nothing was changed")
            raise
        transaction._commit()
        if signals.pending is not None:
            interrupted = Interrupted(signals.pending)
            _say(step, f"interrupted by {interrupted.name} after the commit mark: finished the change first")
            raise interrupted
