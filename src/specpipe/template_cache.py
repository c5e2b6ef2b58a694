"""A bytecode cache for the generator's templates, so a run does not compile them all again (bench/regeneration.py).

Jinja's ``FileSystemBytecodeCache`` with its default folder, a per-user folder in the temporary directory
that it creates and checks to be the user's own with mode 0700 (if it cannot, there is no cache). Jinja
keys an entry by template name and file and rejects one whose template source changed; this adds what
it leaves out, since each could make a stale entry change the output:

- the Jinja, generator and Python versions and the environment's syntax options, in the entries' names
  (Jinja's own header has its bytecode format and the Python minor version only);
- a SHA-256 of each entry, checked before Jinja reads it: a torn, truncated or garbage entry is a miss,
  never other code (a bad header makes Jinja's own reader raise, not miss).

The cache only saves time: an entry that cannot be read or written is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from specpipe import documents

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
        sorted(env.extensions),
    )  # fmt: skip
    tools = (jinja2.__version__, importlib.metadata.version("openapi-python-client"), sys.version)
    return hashlib.sha256(repr((tools, options)).encode("utf-8")).hexdigest()[:16]


class TemplateBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache with each entry behind a digest, in files named for the environment."""

    def __init__(self, env: jinja2.Environment, directory: str | None = None) -> None:
        super().__init__(directory, f"specpipe-{_environment_key(env)}-%s.cache")

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
        except Exception:  # an entry of another Jinja, verified yet unreadable to this one
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        payload = bucket.bytecode_to_string()
        with contextlib.suppress(OSError):  # a read-only or vanished folder: the next run compiles again
            documents.write_atomic(Path(self._get_cache_filename(bucket)), hashlib.sha256(payload).digest() + payload)


def attach(env: jinja2.Environment) -> None:
    """Give ``env`` the cache in its default folder; without one (no safe folder can be made) it compiles."""
    try:
        env.bytecode_cache = TemplateBytecodeCache(env)
    except (OSError, RuntimeError):  # jinja's refusals: the folder cannot be made, or is not the user's 0700 one
        env.bytecode_cache = None
