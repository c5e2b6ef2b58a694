"""Kill a specpipe command at a chosen step, the way CI kills a job: for the crash-safety tests.

The step is named by what the process does to the file system, not by a hook in specpipe: "after the
n-th rename, replace, hard link or unlink of a path matching a pattern" (``fnmatch`` on the path
relative to the repository root). So the same test kills the code before and after a change to the
transaction model at comparable moments, and a rename is exactly where a crash can split old from new.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Runs in the child: wraps the os functions that change names, counts the calls that touch a matching
# path, and sends the signal to itself once the n-th one has returned.
_HARNESS = """
import fnmatch, os, signal, sys

pattern, nth, signame = sys.argv[1], int(sys.argv[2]), sys.argv[3]
root = os.getcwd()
seen = 0

def _matches(path):
    try:
        relative = os.path.relpath(os.path.abspath(os.fspath(path)), root)
    except TypeError:
        return False
    return fnmatch.fnmatchcase(relative, pattern)

def _watch(real):
    def wrapper(*args, **kwargs):
        global seen
        result = real(*args, **kwargs)
        if "dir_fd" not in kwargs and any(_matches(path) for path in args[:2]):
            seen += 1
            if seen == nth:
                os.kill(os.getpid(), getattr(signal, signame))
        return result
    return wrapper

os.replace, os.rename, os.link, os.unlink = map(_watch, (os.replace, os.rename, os.link, os.unlink))
from specpipe.cli import main
sys.exit(main(sys.argv[4:]))
"""

KILLED = -9  # subprocess return code of a child killed by SIGKILL


@dataclass(frozen=True)
class Step:
    """The ``nth`` file-system operation on a path matching ``pattern`` (relative to the root)."""

    pattern: str
    nth: int = 1


def run_killed(root: Path, step: Step, *argv: str, signame: str = "SIGKILL") -> subprocess.CompletedProcess[str]:
    """Run ``specpipe ARGV`` in ``root`` and send it ``signame`` right after ``step``."""
    return subprocess.run(
        [sys.executable, "-c", _HARNESS, step.pattern, str(step.nth), signame, *argv],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def specpipe(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``specpipe ARGV`` in ``root`` in a fresh interpreter, as CI would."""
    return subprocess.run(
        [sys.executable, "-m", "specpipe", *argv],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def run_killed_after(root: Path, seconds: float, *argv: str) -> int:
    """Run ``specpipe ARGV`` in ``root`` and SIGKILL it after ``seconds`` (if still running); its return code."""
    process = subprocess.Popen([sys.executable, "-m", "specpipe", *argv], cwd=root, stderr=subprocess.DEVNULL)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
