"""Where each artefact of the data flow lives in the repository; one place, so no step hard-codes paths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
OVERLAY_SUFFIXES = (".overlay.yaml", ".overlay.yml", ".overlay.json")


@dataclass(frozen=True)
class Project:
    """The repository layout: published page → vendored spec → overlay → effective spec → client."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root.resolve())

    @property
    def vendored_spec(self) -> Path:
        return self.root / "openapi" / "heygen-api.json"

    @property
    def overlays(self) -> list[Path]:
        """Every overlay (``*.overlay.yaml``, ``.yml`` or ``.json``: none is ignored), applied in file-name order."""
        return sorted(
            path for path in (self.root / "overlay").glob("*.overlay.*") if path.name.endswith(OVERLAY_SUFFIXES)
        )

    @property
    def generator_config(self) -> Path:
        return self.root / "generator-config.yaml"

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
