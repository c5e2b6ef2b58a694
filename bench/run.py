"""Every benchmark, each in a fresh interpreter, gathered into one table with the machine it ran on.

python bench/run.py                      # all of them (about ten minutes on a quiet machine)
python bench/run.py call_overhead scale  # some of them
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import measure

BENCHMARKS = ("call_overhead", "throughput", "regeneration", "scale", "floor", "sources", "import_time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of {', '.join(BENCHMARKS)} (default: all)")
    names = parser.parse_args().names or list(BENCHMARKS)
    if unknown := sorted(set(names) - set(BENCHMARKS)):
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    rows: list[measure.Row] = []
    failed: list[str] = []
    for name in names:
        print(f"running {name}...", file=sys.stderr, flush=True)
        script = Path(__file__).with_name(f"{name}.py")
        completed = subprocess.run([sys.executable, str(script), "--json"], capture_output=True, text=True, check=False)
        if completed.returncode:  # the others still run: one broken benchmark must not cost the whole table
            print(
                f"bench/run.py: {script.name} failed (exit {completed.returncode}):\n{completed.stderr}",
                file=sys.stderr,
            )
            failed.append(name)
            continue
        rows += measure.from_json(completed.stdout)
    sys.stdout.write(f"Machine: {measure.machine()}\n\n{measure.table(rows)}")
    if failed:
        sys.exit(f"bench/run.py: failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
