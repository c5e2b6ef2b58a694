"""Sources at scale: the multi-source step of ``specpipe sync`` at 10 sources x 2,000 operations, against
its I/O floor.

The step is what sync does before the generator: read each source's page, extract its document and
check its title (``specpipe.sync``), then slice, overlay, merge and doctor them
(``specpipe.generate.effective_spec``), and write the effective document. Each source is the vendored
legacy document scaled by bench/synthetic.py under its own path prefix and operationIds, published as
a markdown page (a fenced JSON block, as docs.heygen.com serves it), with its own overlay (6 actions
per operation). The floor is what Python needs just to read the same pages and overlays and write a
document of the merged size, with the same JSON library (``specpipe.documents``). Every run is a
fresh process, timed after its imports; wall and CPU seconds are both reported (the host is shared:
CPU time moves less), the median of three runs below the largest size, one run at it.
Goals (issue 22): time <= 3x the floor at 10 x 2,000, growing linearly (the growth ratios track the
size ratios: at most 1.2x of them).
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import measure
import synthetic
from measure import Row

from specpipe import documents
from specpipe.generate import effective_spec
from specpipe.project import Project
from specpipe.sync import _read as read_source
from specpipe.sync import locations

ROOT = Path(__file__).resolve().parents[1]
LARGEST = (10, 2000)
# (sources, operations per source): the goal's size, and one smaller in each dimension for the growth.
SIZES = ((2, 2000), (10, 200), LARGEST)
RUNS = 3
TIME_GOAL = 3.0
GROWTH_SLACK = 1.2
TITLE = "heygen-api"
_COPY = re.compile(r"^/copy")


def _name(index: int) -> str:
    return f"source-{index}"


def _source_documents(index: int, operations: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Source ``index``'s document and overlay: the scaled legacy ones under a prefix of its own."""
    vendored = documents.load_mapping(ROOT / "openapi" / "heygen-api.json")
    overlay = documents.load_mapping(ROOT / "overlay" / "heygen-api.overlay.yaml")
    spec = synthetic.scaled_spec(vendored, operations)
    prefix = f"/s{index}"
    spec["paths"] = {prefix + path: item for path, item in spec["paths"].items()}
    for item in spec["paths"].values():
        for verb in synthetic.OPERATIONS:
            if isinstance(item.get(verb), dict) and "operationId" in item[verb]:
                item[verb]["operationId"] += f"-s{index}"
    scaled = synthetic.scaled_overlay(overlay, vendored, operations)
    for action in scaled["actions"]:
        action["target"] = action["target"].replace("$.paths['/copy", f"$.paths['{prefix}/copy", 1)
    return spec, scaled


def write_project(folder: Path, sources: int, operations: int) -> Path:
    """A specpipe project of ``sources`` sources (manifest, overlays) with their pages beside it; its root."""
    root = folder / f"project-{sources}x{operations}"
    (root / "openapi").mkdir(parents=True)
    (root / "overlay").mkdir()
    (root / "pages").mkdir()
    entries = []
    for index in range(sources):
        spec, overlay = _source_documents(index, operations)
        page = root / "pages" / f"{_name(index)}.md"
        page.write_text(f"# Source {index}\n\n## OpenAPI\n\n```json\n{documents.dumps(spec)}```\n", encoding="utf-8")
        (root / "overlay" / f"{_name(index)}.overlay.json").write_text(documents.dumps(overlay), encoding="utf-8")
        entries.append({"name": _name(index), "url": str(page), "title": TITLE})
    # JSON is YAML: the manifest reads as any sources.yaml does.
    (root / "openapi" / "sources.yaml").write_text(json.dumps({"sources": entries}), encoding="utf-8")
    return root


def _step(root: Path, output: Path) -> None:
    project = Project.at(root)
    sources = project.sources()
    where = locations(sources, None, None)
    vendored = {source.name: read_source(source, where[source.name], None).document for source in sources}
    output.write_text(documents.dumps(effective_spec(project, vendored)), encoding="utf-8")


def _floor(root: Path, output: Path) -> None:
    paths: dict[str, Any] = {}
    for page in sorted((root / "pages").iterdir()):
        text = page.read_text(encoding="utf-8")
        document = documents.parse_json(text[text.index("{") : text.rindex("}") + 1], str(page))
        paths |= document["paths"]
    for overlay in sorted((root / "overlay").iterdir()):
        documents.load(overlay)
    output.write_text(documents.dumps({**document, "paths": paths}), encoding="utf-8")


def _worker(kind: str, root: Path) -> dict[str, float]:
    """In a fresh process: the step or its floor, once; wall and CPU seconds."""
    output = root / f"out-{kind}.json"
    start, cpu = time.perf_counter(), time.process_time()
    (_step if kind == "step" else _floor)(root, output)
    figures = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}
    output.unlink()
    return figures


def _measure(kind: str, root: Path, runs: int) -> dict[str, float]:
    arguments = [sys.executable, __file__, "--worker", kind, str(root)]
    results = [
        json.loads(subprocess.run(arguments, capture_output=True, text=True, check=True).stdout) for _ in range(runs)
    ]
    return {key: statistics.median(result[key] for result in results) for key in ("seconds", "cpu")}


def _label(size: tuple[int, int]) -> str:
    return f"{size[0]} x {size[1]:,}"


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-sources-") as name:
        roots = {size: write_project(Path(name), *size) for size in SIZES}
        steps = {size: _measure("step", roots[size], 1 if size == LARGEST else RUNS) for size in SIZES}
        floor = _measure("floor", roots[LARGEST], 1)
        large = steps[LARGEST]
        case = f"{_label(LARGEST)} operations"
        rows += [
            Row("sources", f"{case}, time", large["seconds"], floor["seconds"], "s", "I/O floor", TIME_GOAL),
            Row("sources", f"{case}, CPU time", large["cpu"], floor["cpu"], "s", "I/O floor's CPU", TIME_GOAL),
        ]
        for size in SIZES[:-1]:
            grown = (LARGEST[0] * LARGEST[1]) / (size[0] * size[1])
            for key, what in (("seconds", "t"), ("cpu", "cpu")):
                rows.append(
                    Row(
                        "sources",
                        f"growth {what}({_label(LARGEST)})/{what}({_label(size)}), size {grown:g}x",
                        large[key],
                        steps[size][key] * grown,
                        "s",
                        f"{what}({_label(size)}) x {grown:g}",
                        GROWTH_SLACK,
                    )
                )
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(_worker(sys.argv[2], Path(sys.argv[3]))))
    else:
        measure.main(run, __doc__)
