"""Where each artefact of the data flow lives in the repository; one place, so no step hard-codes paths."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from specpipe.errors import InputError
from specpipe.sources import MANIFEST_NAME, Source, load_manifest

CLIENT_DIR_NAME = "heygen-api-client"
EFFECTIVE_SPEC_NAME = "openapi.json"
# Build artefacts that may sit in a working tree (tests import the client) but are never pipeline output
# or input.
_BUILD_ARTEFACTS = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def is_build_artefact(relative: Path) -> bool:
    return bool(_BUILD_ARTEFACTS.intersection(relative.parts)) or relative.suffix == ".pyc"


def tree_files(root: Path) -> Iterator[Path]:
    """The files under ``root`` that the pipeline reads or writes, as sorted paths relative to it."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not is_build_artefact(relative):
            yield relative


VERSION_LEDGER_NAME = "version.json"
GENERATOR_LOCK_NAME = "generator-lock.txt"
# What builds and installs leave in the generated client (``.pdm-build/``, ``dist/``, caches) is listed in its
# ``.gitignore`` (templates/.gitignore.jinja): neither compared by the drift gate nor deleted by generate.
LEFTOVER_RULES_NAME = ".gitignore"


def leftover_rules(tree: Path) -> pathspec.GitIgnoreSpec:
    """The ``.gitignore`` rules of ``tree`` (none when it has no ``.gitignore``); git itself is not needed."""
    try:
        lines = (tree / LEFTOVER_RULES_NAME).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{tree / LEFTOVER_RULES_NAME}: cannot read: {exc}") from exc
    return pathspec.GitIgnoreSpec.from_lines(lines)


def split_tree(tree: Path, ignored: Callable[[str], bool]) -> tuple[list[Path], list[Path]]:
    """``tree``'s files that ``ignored`` keeps, and the top-most entries it ignores (an ignored folder once).

    ``ignored`` takes a POSIX path relative to ``tree``, a folder's with a trailing slash (gitignore style,
    e.g. ``leftover_rules(tree).match_file``). Ignored folders are not descended into, so a virtual
    environment in the tree costs one entry.
    """
    kept: list[Path] = []
    leftovers: list[Path] = []
    for folder, dirs, files in os.walk(tree):
        base = Path(folder).relative_to(tree)
        for name in sorted(dirs):
            if ignored(f"{(base / name).as_posix()}/"):
                leftovers.append(base / name)
                dirs.remove(name)
        for name in files:
            (leftovers if ignored((base / name).as_posix()) else kept).append(base / name)
    return sorted(kept), sorted(leftovers)


OVERLAY_SUFFIXES = (".overlay.yaml", ".overlay.yml", ".overlay.json")


@dataclass(frozen=True)
class Project:
    """The repository layout: published page → vendored spec → overlay → effective spec → client."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root.resolve())

    def require(self, command: str, *inputs: Path) -> None:
        """Fail before anything is written when the root is not a specpipe repository (wrong folder, typo)."""
        if not self.root.is_dir():
            raise InputError(f"{self.root}: {command}: no such folder (run it from the repository root or pass --root)")
        missing = [path.relative_to(self.root).as_posix() for path in inputs if not path.exists()]
        if missing:
            raise InputError(
                f"{self.root}: {command}: not a specpipe repository: {', '.join(missing)} missing "
                "(run it from the repository root or pass --root)"
            )

    @property
    def manifest(self) -> Path:
        """The upstream sources (``specpipe.sources``), in merge order."""
        return self.root / "openapi" / MANIFEST_NAME

    def sources(self) -> list[Source]:
        return load_manifest(self.manifest)

    def vendored(self, name: str) -> Path:
        """Where source ``name``'s published document is vendored verbatim."""
        return self.root / "openapi" / f"{name}.json"

    @property
    def overlays(self) -> list[Path]:
        """Every overlay (``*.overlay.yaml``, ``.yml`` or ``.json``: none is ignored), in file-name order."""
        return sorted(
            path for path in (self.root / "overlay").glob("*.overlay.*") if path.name.endswith(OVERLAY_SUFFIXES)
        )

    def overlays_by_source(self, sources: list[Source]) -> dict[str, list[Path]]:
        """Each source's overlays (``overlay/<source>.overlay.*``); an overlay named after no source is refused,
        so a typo or a removed source can never make a fix silently stop applying."""
        owned: dict[str, list[Path]] = {source.name: [] for source in sources}
        for path in self.overlays:
            name = next(path.name.removesuffix(suffix) for suffix in OVERLAY_SUFFIXES if path.name.endswith(suffix))
            if name not in owned:
                raise InputError(
                    f"{path}: overlay: matches no source of {self.manifest.name} "
                    f"(name it overlay/<source>.overlay.yaml, one of: {', '.join(owned)})"
                )
            owned[name].append(path)
        return owned

    @property
    def diff_exceptions(self) -> Path:
        """Reviewed spec-diff exceptions (``specpipe.diff.exceptions``), read by sync and release when present."""
        return self.root / "overlay" / "diff-exceptions.yaml"

    @property
    def generator_config(self) -> Path:
        return self.root / "generator-config.yaml"

    @property
    def generator_lock(self) -> Path:
        """The generator's whole dependency set with hashes (``pip install --require-hashes -r``)."""
        return self.root / GENERATOR_LOCK_NAME

    @property
    def templates(self) -> Path | None:
        path = self.root / "templates"
        return path if path.is_dir() else None

    @property
    def generated(self) -> Path:
        return self.root / "generated"

    @property
    def effective_spec(self) -> Path:
        return self.generated / EFFECTIVE_SPEC_NAME

    @property
    def client(self) -> Path:
        return self.generated / CLIENT_DIR_NAME

    @property
    def changelog(self) -> Path:
        """Every upstream sync's report, newest first (written by ``specpipe sync``)."""
        return self.root / "CHANGELOG.md"

    @property
    def version_ledger(self) -> Path:
        """What the package version was derived from (see ``specpipe.version``)."""
        return self.generated / VERSION_LEDGER_NAME
