"""How specpipe writes an overlay as YAML (``doctor --suggest``, ``overlay.stale``): as a person would."""

from __future__ import annotations

import yaml


class OverlayDumper(yaml.SafeDumper):
    """Long strings (the descriptions) folded (``>-``), as in our hand-written overlay."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 80 and " " in value and "\n" not in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


OverlayDumper.add_representer(str, _string)
