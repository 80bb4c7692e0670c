"""Time `scaleplus rollup` and `check` on a national programme against the floor, cold and warm.

    python benchmarks/bench_rollup.py [--runs 3] [--provinces 10] [--districts 10] [--communities 10]

The programme: 1,000 community sites in 100 districts in 10 provinces (about 60,000 files; see
generate.py --programme). The floor is the least any reader must do: parse the same files with
PyYAML's C loader, in one process started fresh. Cold: the parse cache emptied before each run;
warm: nothing changed since the run before. Medians of wall-clock and CPU seconds, ratios to the
floor's, and the largest resident memory are printed. Targets: cold <= 1.5x the floor, warm <= 0.3x,
memory below 1 GiB.
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
from generate import generate_programme  # noqa: E402

FLOOR = """
import os, sys, yaml
for folder, _dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def run(command: list[str], env: dict[str, str], before=None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak resident KiB) of one run as a child process."""
    if before:
        before()
    start = time.perf_counter()
    pid = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def median(command: list[str], env: dict[str, str], runs: int, before=None) -> tuple[float, float, int]:
    results = [run(command, env, before) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communities", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scaleplus-bench-"))
    try:
        root = work / "programme"
        files = generate_programme(root, args.provinces, args.districts, args.communities)
        cache = work / "cache"
        env = {**os.environ, "SCALEPLUS_CACHE": str(cache), "SCALEPLUS_TODAY": "2026-11-22"}
        sites = 1 + args.provinces * (1 + args.districts * (1 + args.communities))
        print(f"programme: {sites:,} sites, {files:,} files")
        floor = median([sys.executable, "-c", FLOOR, str(root)], env, args.runs)
        print(f"{'floor (C loader parse)':<32} {floor[0]:7.2f} s  {floor[1]:7.2f} s CPU")
        scaleplus = [sys.executable, "-m", "scaleplus_cli"]

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        for name, command in (
            ("rollup --format json", [*scaleplus, "rollup", "-p", str(root), "--format", "json"]),
            ("rollup (table)", [*scaleplus, "rollup", "-p", str(root)]),
            ("check -p", [*scaleplus, "check", "-p", str(root)]),
        ):
            cold = median(command, env, args.runs, before=empty_cache)
            run(command, env)  # fills the cache
            warm = median(command, env, args.runs)
            for label, (wall, cpu, rss) in (("cold", cold), ("warm", warm)):
                print(
                    f"{name + ' ' + label:<32} {wall:7.2f} s  {cpu:7.2f} s CPU"
                    f"  {wall / floor[0]:5.2f}x floor ({cpu / floor[1]:4.2f}x CPU)  {rss / 1024:6.0f} MiB"
                )
        print("targets: cold <= 1.5x, warm <= 0.3x the floor; memory < 1024 MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
