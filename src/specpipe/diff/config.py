"""The settings of one comparison: the date sunsets are measured against and oasdiff's lifecycle thresholds.

Built once by ``report`` (from ``specpipe diff --today``) and handed to every detector that needs it
(through ``SchemaDiffer.config``), as oasdiff hands its checks one ``Config``: no detector reads the
clock or ambient state, so two comparisons with different dates, interleaved in one thread or run in
several, each see their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

StabilityLevel = Literal["draft", "alpha", "beta", "stable"]
STABILITY_LEVELS: Final[tuple[StabilityLevel, ...]] = ("draft", "alpha", "beta", "stable")  # lowest first


@dataclass(frozen=True, slots=True)
class DiffConfig:
    """The defaults are oasdiff's: deprecation days (``--deprecation-days-beta/stable``) 0, so a sunset
    may be any date not past; stability level (``--stability-level``) beta, so endpoints marked draft
    or alpha are exempt from every check but their level's."""

    today: date
    min_sunset_days: int = 0
    stability_threshold: StabilityLevel = "beta"
