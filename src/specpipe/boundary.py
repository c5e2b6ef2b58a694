"""The repository's edge: what the pipeline writes, deletes or restores lies inside the root, reached
through no symlink.

A pull request can commit a symlink (``generated/`` pointing at ``~``) or force in a journal naming
``../outside/.bashrc``, and CI then runs specpipe on that tree. So every path is checked lexically
(normalised, inside the root) and then component by component from the root down: a symlink anywhere
on the way, the path itself included, is refused rather than followed. ``os.path.realpath`` would
follow the link and only tell where it lands; refusing is simpler to reason about, and nothing the
pipeline writes is meant to be a link. Paths a user names outside the repository (``sync --report``,
``extract -o``) are theirs: the callers let those through explicitly.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from specpipe.errors import BoundaryError
from specpipe.project import CLIENT_DIR_NAME

JOURNAL_FOLDER = ".specpipe"
# The folders the pipeline manages, each refused when it is a symlink before any command reads or writes
# (the transaction's staging folders too: a linked txn/new would have new files built outside).
MANAGED = (
    "openapi",
    "overlay",
    "generated",
    f"generated/{CLIENT_DIR_NAME}",
    JOURNAL_FOLDER,
    f"{JOURNAL_FOLDER}/txn",
    f"{JOURNAL_FOLDER}/txn/new",
    f"{JOURNAL_FOLDER}/txn/old",
)


def refuse_links(root: Path, path: Path) -> None:
    """Raise when ``path`` (below ``root``) or a folder between it and ``root`` is a symlink."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise BoundaryError(
                f"{current}: is a symbolic link; specpipe follows none inside the repository {root} "
                "(it would write outside it): replace it with the real file or folder"
            )


def check_managed(root: Path) -> None:
    """Refuse a repository whose managed folders are symlinks, before anything is read or changed."""
    for name in MANAGED:
        refuse_links(root, root / name)


def inside(root: Path, path: Path) -> Path:
    """``path`` (absolute, or relative to ``root``) normalised; refused outside ``root`` or through a symlink."""
    root = Path(os.path.abspath(root))
    absolute = Path(os.path.normpath(root / path))
    if absolute == root or not absolute.is_relative_to(root):
        raise BoundaryError(f"{path}: outside the repository {root}")
    refuse_links(root, absolute)
    return absolute


def relative_entry(value: object) -> str | None:
    """Why a journal's relative path is not one specpipe wrote (None: it is): the journal may be hostile."""
    if not isinstance(value, str) or not value:
        return "not a path"
    if posixpath.isabs(value) or os.path.isabs(value):
        return "an absolute path (outside the repository)"
    if ".." in value.split("/"):
        return "climbs out with '..' (outside the repository)"
    if posixpath.normpath(value) != value or "\\" in value or "\0" in value:
        return "not a normalised path"
    return None
