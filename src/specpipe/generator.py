"""Run the pinned openapi-python-client in this process, as its CLI would with ``--fail-on-warning``.

In-process rather than as a subprocess: a second interpreter start and import of the generator cost
more than the generation itself (bench/regeneration.py). Uses the generator's documented library
entry point (``openapi_python_client.generate``) with a ``Config`` built the way its CLI builds one.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pydantic
from openapi_python_client import generate as generate_client
from openapi_python_client.config import Config, ConfigFile, MetaType

from specpipe.errors import GenerateError

# The generator writes project metadata for one build backend; pdm-backend is pure Python and PEP 621.
GENERATOR_META = MetaType.PDM


@contextlib.contextmanager
def _tools_on_path() -> Iterator[None]:
    """The post hooks call ``ruff`` by name: take it from this interpreter's environment, where the pin holds."""
    previous = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{previous}"
    try:
        yield
    finally:
        os.environ["PATH"] = previous


def _config(config_path: Path, spec: Path, output: Path, version: str | None) -> Config:
    try:
        config_file = ConfigFile.load_from_path(path=config_path)
    except (OSError, ValueError, pydantic.ValidationError) as exc:
        raise GenerateError("generator", f"{config_path}: invalid generator config: {exc}") from exc
    if version is not None:
        config_file = config_file.model_copy(update={"package_version_override": version})
    return Config.from_sources(config_file, GENERATOR_META, spec, "utf-8", overwrite=False, output_path=output)


def run(config_path: Path, templates: Path | None, spec: Path, output: Path, version: str | None) -> None:
    """Generate the client for ``spec`` into the new folder ``output``; any warning is a failure."""
    config = _config(config_path, spec, output, version)
    chatter = io.StringIO()  # the generator prints progress; our CLI speaks for itself
    with _tools_on_path(), contextlib.redirect_stdout(chatter):
        errors = generate_client(config=config, custom_template_path=templates)
    if errors:
        listed = "\n  ".join(f"{error.level.value}: {error.header}: {error.detail or ''}".rstrip() for error in errors)
        raise GenerateError("generator", f"openapi-python-client reported {len(errors)} problem(s):\n  {listed}")
