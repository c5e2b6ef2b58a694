"""Every error specpipe raises on purpose, one subclass per pipeline step.

    SpecpipeError                 base; the CLI turns any of these into a message and exit 2
    ├── InputError                a file could not be read or parsed (JSON/YAML)
    │   └── LimitError            it exceeds a reading limit (nesting, YAML aliases, integer length, download)
    ├── ExtractError              a published page holds no, several, or an invalid OpenAPI document
    ├── OverlayError              an Overlay document is invalid, or an action cannot be applied
    │   └── UnmatchedTargetError  strict mode: an action's target matched nothing
    ├── GenerateError             a generation step failed; ``step`` names it
    ├── DiffError                 a document cannot be compared
    ├── SyncError                 fetching a published page failed
    ├── ReleaseError              a release was refused (uncommitted changes, drift) or failed
    ├── TransactionError          a change could not be committed or undone, or one is pending
    └── BoundaryError             a path leaves the repository or goes through a symlink in it

Findings (doctor's example violations, drift, breaking changes) are not errors: they are values
returned by each step, and the CLI maps them to exit 1.
"""

from __future__ import annotations


class SpecpipeError(Exception):
    """Base of every deliberate specpipe failure."""


class InputError(SpecpipeError):
    """A file could not be read or parsed."""


class LimitError(InputError):
    """An input exceeds a reading limit; the message names the limit and the flag that raises it."""


class ExtractError(SpecpipeError):
    """A published page holds no, several, or an invalid OpenAPI document."""


class OverlayError(SpecpipeError):
    """An Overlay document is invalid or one of its actions cannot be applied."""


class UnmatchedTargetError(OverlayError):
    """An action's target matched nothing, which in strict mode means upstream moved under our fix."""


class GenerateError(SpecpipeError):
    """A generation step failed; nothing committed was touched."""

    def __init__(self, step: str, cause: str) -> None:
        super().__init__(f"generate failed at step '{step}': {cause}")
        self.step = step


class DiffError(SpecpipeError):
    """A document cannot be compared."""


class SyncError(SpecpipeError):
    """Fetching or vendoring a published page failed."""


class ReleaseError(SpecpipeError):
    """A release was refused or failed; the committed state was put back."""


class TransactionError(SpecpipeError):
    """A change to the repository could not be committed or undone, or an interrupted one is pending."""


class BoundaryError(SpecpipeError):
    """A path leaves the repository or goes through a symlink there, or a journal names such a path."""
