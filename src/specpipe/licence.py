"""The generated client's LICENSE: the repository's own licence, then the notice of the generator whose
templates ours derive from (its MIT licence asks for it in every copy).

openapi-python-client renders a fixed list of files, none of them a licence, so generation adds it.
"""

from __future__ import annotations

from pathlib import Path

from specpipe.project import Project

LICENCE_NAME = "LICENSE"
TEMPLATES_NOTICE_NAME = "NOTICE"


def add_client_licence(project: Project, client_dir: Path) -> None:
    """Write ``client_dir/LICENSE``: the repository's LICENSE and ``templates/NOTICE``, those that exist."""
    sources = [project.root / LICENCE_NAME]
    if project.templates is not None:
        sources.append(project.templates / TEMPLATES_NOTICE_NAME)
    parts = [path.read_text(encoding="utf-8").rstrip() for path in sources if path.is_file()]
    if parts:
        (client_dir / LICENCE_NAME).write_text("\n\n\n".join(parts) + "\n", encoding="utf-8")
