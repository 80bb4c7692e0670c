"""Time `scaleplus rollup` and `check` on a national programme against the floor, cold and warm.

    python benchmarks/bench_rollup.py [--runs 5] [--provinces 10] [--districts 10] [--communities 10]

The programme: 1,000 community sites in 100 districts in 10 provinces (about 60,000 files; see
generate.py --programme). The floor is the least any reader must do: parse the same files with
PyYAML's C loader, in one process started fresh. Cold: the parse cache emptied before the run;
warm: nothing changed since the cold run just before. The commands run in rounds (each round runs
the floor and every command in turn, after one untimed round), so that a burst of other work on a
shared machine falls on the floor and on scaleplus alike, with Python's bytecode written as an
installed package has it. Medians of wall-clock and CPU seconds, ratios to the floor's, and the
largest resident memory are printed. Targets (judged by CPU time, which other work disturbs less):
cold <= 1.5x the floor, warm <= 0.3x, memory below 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import installed_env, scaleplus  # noqa: E402
from generate import generate_programme  # noqa: E402

FLOOR = """
import os, sys, yaml
for folder, _dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""

COMMANDS = {
    "rollup --format json": ["rollup", "--format", "json"],
    "rollup (table)": ["rollup"],
    "check -p": ["check"],
}
TARGETS = {"cold": 1.5, "warm": 0.3}


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak resident KiB) of one run as a child process."""
    start = time.perf_counter()
    pid = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communities", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scaleplus-bench-"))
    try:
        root = work / "programme"
        files = generate_programme(root, args.provinces, args.districts, args.communities)
        cache = work / "cache"
        env = installed_env(SCALEPLUS_CACHE=str(cache), SCALEPLUS_TODAY="2026-11-22")
        sites = 1 + args.provinces * (1 + args.districts * (1 + args.communities))
        print(f"programme: {sites:,} sites, {files:,} files, {args.runs} rounds, python {sys.version.split()[0]}")
        floor_command = [sys.executable, "-c", FLOOR, str(root)]
        results: dict[str, list[tuple[float, float, int]]] = {"floor": []}
        for round_ in range(args.runs + 1):  # the first round untimed: bytecode written, files in the page cache
            timed = {"floor": run(floor_command, env)}
            for name, words in COMMANDS.items():
                command = [*scaleplus(), *words, "-p", str(root)]
                shutil.rmtree(cache, ignore_errors=True)
                timed[f"{name} cold"] = run(command, env)
                timed[f"{name} warm"] = run(command, env)
            if round_:
                for key, value in timed.items():
                    results.setdefault(key, []).append(value)
        floor_wall = statistics.median(r[0] for r in results["floor"])
        floor_cpu = statistics.median(r[1] for r in results["floor"])
        print(f"{'floor (C loader parse)':<32} {floor_wall:7.2f} s  {floor_cpu:7.2f} s CPU")
        missed = []
        for key, runs in results.items():
            if key == "floor":
                continue
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            target = TARGETS[key.rsplit(" ", 1)[1]]
            if cpu / floor_cpu > target or rss >= 1024 * 1024:
                missed.append(key)
            print(
                f"{key:<32} {wall:7.2f} s  {cpu:7.2f} s CPU"
                f"  {wall / floor_wall:5.2f}x floor ({cpu / floor_cpu:4.2f}x CPU)  {rss / 1024:6.0f} MiB"
            )
        verdict = "all met" if not missed else "MISSED: " + ", ".join(missed)
        print(f"targets (CPU time): cold <= 1.5x, warm <= 0.3x the floor; memory < 1024 MiB: {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
