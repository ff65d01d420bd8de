"""How long the command line takes to start: each command run in fresh processes.

    .venv/bin/python bench/bench_startup.py [--runs 10] [--db STORE]

Runs ``communique --version`` and ``communique list --limit 20`` (on ``--db``, a store at
this schema; a small one is made in a temporary folder otherwise) ``--runs`` times each,
after one unmeasured run that leaves the modules' bytecode cached as an installed program
has it. Prints one JSON object: the median, fastest and slowest wall time of each and its
median CPU time, in seconds, and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [str(Path(sys.executable).with_name("communique"))]


def timed_runs(
    arguments: list[str], runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run: on a shared machine the wall time
    waits for a core, the CPU time much less."""
    samples, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(
            COMMAND + arguments,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        samples.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return samples, cpu


def small_store(folder: Path) -> Path:
    """A store of 30 releases made by the command line itself."""
    path = folder / "startup.db"
    releases = folder / "releases.jsonl"
    releases.write_text(
        "".join(
            json.dumps({"title": f"Release {n}", "body": f"Text {n}.", "date": "2024-01-01"}) + "\n"
            for n in range(30)
        ),
        encoding="utf-8",
    )
    subprocess.run(
        COMMAND + ["--db", str(path), "import", str(releases)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", type=Path, help="a store at this schema to list")
    args = parser.parse_args()
    # As an installed program starts: with its modules' bytecode cached (one run unmeasured
    # writes it), whatever this shell says about writing bytecode.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or small_store(Path(tmp))
        result = {}
        for name, arguments in (
            ("version", ["--version"]),
            ("list_20", ["--db", str(db), "list", "--limit", "20"]),
        ):
            timed_runs(arguments, 1, env)
            samples, cpu = timed_runs(arguments, args.runs, env)
            result[name] = {
                "median": statistics.median(samples),
                "fastest": min(samples),
                "slowest": max(samples),
                "cpu_median": statistics.median(cpu),
            }
    result["load_average"] = [load_before, os.getloadavg()[0]]
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
