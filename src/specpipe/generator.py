"""Run the pinned openapi-python-client in this process, as its CLI would with ``--fail-on-warning``.

In-process rather than as a subprocess: a second interpreter start and import of the generator cost
more than the generation itself (bench/regeneration.py). Does what the generator's library entry point
(``openapi_python_client.generate``) does, with its public pieces (``GeneratorData.from_dict``,
``Project``) and a ``Config`` built the way its CLI builds one, so that the document facts of
``specpipe.template_facts`` can be added to the templates' globals in between. The templates' compiled
code is kept between runs (``_BytecodeCache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import pydantic
from jinja2.bccache import Bucket
from openapi_python_client import Project as GeneratorProject
from openapi_python_client import strings
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError

from specpipe import documents, template_facts
from specpipe.errors import GenerateError, SpecpipeError

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
    # Read with our bounded reader (the generator's own load raises raw YAML errors), then validated by it.
    try:
        config_file = ConfigFile.model_validate(documents.load_mapping(config_path))
    except SpecpipeError as exc:
        raise GenerateError("generator", f"invalid generator config: {exc}") from exc
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors())
        raise GenerateError("generator", f"{config_path}: invalid generator config: {problems}") from exc
    if version is not None:
        config_file = config_file.model_copy(update={"package_version_override": version})
    return Config.from_sources(config_file, GENERATOR_META, spec, "utf-8", overwrite=False, output_path=output)


def _template_location(error: jinja2.TemplateError) -> str:
    """Which template (and line) failed: a syntax error says so; a render error only in its traceback,
    where jinja puts a frame per template line."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}"
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".jinja")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "a template"


# The templates' compiled code, kept between runs: compiling them was a third of generation (bench/regeneration.py).
_DIGEST = hashlib.sha256().digest_size
# Far above any template's bytecode (the largest is tens of kilobytes): a bigger entry is not read.
_MAX_ENTRY_BYTES = 16 * 1024 * 1024


def _environment_key(env: jinja2.Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles from it."""
    options = (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.is_async, env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?"),
        getattr(env.finalize, "__qualname__", None), sorted(env.extensions),
    )  # fmt: skip
    tools = (jinja2.__version__, importlib.metadata.version("openapi-python-client"), sys.version)
    return hashlib.sha256(repr((tools, options)).encode("utf-8")).hexdigest()[:16]


def _relocated(code: CodeType, filename: str) -> CodeType:
    """``code`` as compiled from ``filename``: a template's file is its code's, and its frames' in a traceback.

    By hand: the standard library rewrites a code object's file only when it compiles one."""
    consts = tuple(_relocated(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache in its default folder, each entry behind a digest, in files named for the environment.

    Jinja rejects an entry whose template source changed; this adds what it leaves out, since each could
    make a stale entry change the output: the Jinja, generator and Python versions and the environment's
    syntax options (in the entries' names), and a SHA-256 of each entry checked before Jinja reads it, so
    a torn, truncated or garbage entry is a miss, never other code (Jinja's own reader raises on a
    truncated header). An entry that cannot be read or written is a miss too, never an error: the cache
    only saves time. Entries are by template name and source, not by file as Jinja keys them, so that
    copies of the repository (each test's) share them.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        # No folder: jinja's default, a per-user one in the temporary directory that it makes and checks
        # to be the user's own with mode 0700, or refuses (OSError, RuntimeError).
        super().__init__(None, f"specpipe-{_environment_key(env)}-%s.cache")

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        checksum = self.get_source_checksum(source)
        bucket = Bucket(environment, self.get_cache_key(f"{name}|{checksum}"), checksum)
        self.load_bytecode(bucket)
        if bucket.code is not None and filename is not None:
            bucket.code = _relocated(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                entry = handle.read(_MAX_ENTRY_BYTES + 1)
        except OSError:  # none yet, unreadable, a folder in its place
            return
        digest, payload = entry[:_DIGEST], entry[_DIGEST:]
        if len(entry) > _MAX_ENTRY_BYTES or hashlib.sha256(payload).digest() != digest:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # sealed, yet not what Jinja writes: a miss like any other bad entry
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        payload = bucket.bytecode_to_string()
        with contextlib.suppress(OSError):  # a read-only or vanished folder: the next run compiles again
            documents.write_atomic(Path(self._get_cache_filename(bucket)), hashlib.sha256(payload).digest() + payload)


def _attach_bytecode_cache(env: jinja2.Environment) -> None:
    """Without a safe folder for the cache, ``env`` compiles every template, as it would without one."""
    try:
        env.bytecode_cache = _BytecodeCache(env)
    except (OSError, RuntimeError):  # jinja's refusals: the folder cannot be made, or is not the user's 0700 one
        env.bytecode_cache = None


# Templates of ours the generator does not know (it renders only its own list), and the package module each
# becomes. Rendered with the generator's environment and globals, before its post hooks format the package.
EXTRA_TEMPLATES = {"resources.py.jinja": "resources.py"}


# The client's runtime: real Python modules (linted, typed and unit-tested where they are), copied byte for
# byte into the package beside what the templates render. Not copied: the folder's ``__init__.py``, which
# only makes it importable for those tests.
RUNTIME_FOLDER = "runtime"
# The generator's own modules the runtime replaces; any other name it writes is refused (a runtime
# ``client.py`` would silently replace the rendered one).
RUNTIME_REPLACES = frozenset({"errors.py", "types.py"})


def runtime_files(templates: Path) -> list[Path]:
    """The runtime modules to copy, sorted; a link or a name that is not a module is an input error."""
    folder = templates / RUNTIME_FOLDER
    if not folder.is_dir():
        return []
    files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name in {"__init__.py", "__pycache__"}:
            continue
        if path.is_symlink() or not path.is_file() or path.suffix != ".py" or not path.stem.isidentifier():
            raise GenerateError("runtime", f"{path}: not a runtime module (a plain .py file named as a module)")
        files.append(path)
    return files


class _Project(GeneratorProject):
    """The generator's project, also rendering ``EXTRA_TEMPLATES`` and copying the runtime modules when it
    writes the API modules."""

    def __init__(self, *args: Any, runtime: list[Path], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.runtime = runtime

    def _build_api(self) -> None:
        super()._build_api()
        self._render_extra_templates()
        self._copy_runtime()  # last: it sees every module written before it

    def _render_extra_templates(self) -> None:
        if not EXTRA_TEMPLATES.keys() <= set(self.env.list_templates()):
            return  # the generator's own templates only (no custom folder with ours)
        # Where each operation's function module is, as the generator names it (``_build_api``).
        modules = {
            id(endpoint): f"{tag}.{strings.PythonIdentifier(endpoint.name, self.config.field_prefix)}"
            for tag, collection in self.openapi.endpoint_collections_by_tag.items()
            for endpoint in collection.endpoints
        }
        endpoints = [
            endpoint
            for collection in self.openapi.endpoint_collections_by_tag.values()
            for endpoint in collection.endpoints
        ]
        for template, module in EXTRA_TEMPLATES.items():
            text = self.env.get_template(template).render(
                endpoints=endpoints, endpoint_module=lambda endpoint: modules[id(endpoint)]
            )
            (self.package_dir / module).write_text(text, encoding=self.config.file_encoding)

    def _copy_runtime(self) -> None:
        for source in self.runtime:
            target = self.package_dir / source.name
            if target.exists() and source.name not in RUNTIME_REPLACES:
                raise GenerateError("runtime", f"{source}: would replace the generated module {source.name}")
            target.write_bytes(source.read_bytes())


def _generate(config: Config, templates: Path | None, document: dict[str, Any]) -> Sequence[GeneratorError]:
    """``openapi_python_client.generate`` for a document already read, with our globals: ``spec``, ``property_docstring``."""
    openapi = GeneratorData.from_dict(document, config=config)
    if isinstance(openapi, GeneratorError):
        return [openapi]
    runtime = runtime_files(templates) if templates is not None else []
    project = _Project(openapi=openapi, config=config, custom_template_path=templates, runtime=runtime)
    _attach_bytecode_cache(project.env)
    project.env.globals["spec"] = template_facts.facts(document, project.project_name)
    project.env.globals["property_docstring"] = template_facts.property_docstring
    return project.build()


def run(config_path: Path, templates: Path | None, spec: Path, output: Path, version: str | None) -> None:
    """Generate the client for ``spec`` into the new folder ``output``; any warning is a failure."""
    config = _config(config_path, spec, output, version)
    document = documents.load_mapping(spec)
    template_facts.check(document)
    chatter = io.StringIO()  # the generator prints progress; our CLI speaks for itself
    try:
        with _tools_on_path(), contextlib.redirect_stdout(chatter):
            errors = _generate(config, templates, document)
    except jinja2.TemplateError as exc:
        raise GenerateError("templates", f"{_template_location(exc)}: {type(exc).__name__}: {exc}") from exc
    if errors:
        listed = "\n  ".join(f"{error.level.value}: {error.header}: {error.detail or ''}".rstrip() for error in errors)
        raise GenerateError("generator", f"openapi-python-client reported {len(errors)} problem(s):\n  {listed}")
