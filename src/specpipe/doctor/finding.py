"""A doctor finding: a JSON pointer into the document, the rule that failed, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One defect: where it is (a JSON pointer into the document), which rule failed, and why."""

    pointer: str
    keyword: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.keyword}: {self.message}"
