"""Time `scaleplus report all` on a synthetic project of 300 stakeholders and 1,000 commitments,
then on one twice that size, to show the time grows linearly.

    python benchmarks/bench_report.py [--runs 5]
    python benchmarks/bench_report.py --language fr [--language es ...]   # against English

Each run is a fresh `scaleplus report all` subprocess (start-up included) writing every document in
every format: agenda (docx, md), commitment sheets (docx, md), work plan (docx, xlsx, md). The
project comes from generate.py. Target: under 3 s for the base size.

With --language, the base-size project is rendered in English and in each language given (the same
project, `language:` and `currency: USD` set in scaleplus.yaml), the runs of the languages taking
turns so that a change in the machine's load falls on all of them; each language's median CPU time
is compared with English's. Target: within 10% of English.

"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

BASE = {"stakeholders": 300, "barriers": 75, "commitments": 1000, "plans": 8, "actions": 20}
TARGET_SECONDS = 3.0
LANGUAGE_TARGET = 1.10  # a language's time over English's


def time_report(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (user + system) of each run."""
    command = [sys.executable, "-m", "scaleplus_cli", "report", "all", "-p", str(root), "--out", str(root / "out")]
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def set_language(root: Path, code: str) -> None:
    path = root / "scaleplus.yaml"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(("language:", "currency:"))]
    path.write_text("\n".join([*kept, f"language: {code}", "currency: USD", ""]), encoding="utf-8")


def compare_languages(languages: list[str], runs: int) -> None:
    """Medians of wall and CPU time per language; the verdict is on CPU time, which another program
    busy on the machine disturbs far less than wall time."""
    codes = ["en", *[c for c in languages if c != "en"]]
    wall: dict[str, list[float]] = {c: [] for c in codes}
    cpu: dict[str, list[float]] = {c: [] for c in codes}
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "base", **BASE)
        for _ in range(runs):
            for code in codes:
                set_language(root, code)
                w, c = time_report(root, 1)
                wall[code] += w
                cpu[code] += c
    english = statistics.median(cpu["en"])
    for code in codes:
        median = statistics.median(cpu[code])
        verdict = "" if code == "en" else (
            f", {median / english:.2f}x English: " + ("meets" if median / english <= LANGUAGE_TARGET else "MISSES")
            + f" the {LANGUAGE_TARGET:.2f}x target"
        )
        print(
            f"{code}: median {median:.2f} s CPU (min {min(cpu[code]):.2f}), {statistics.median(wall[code]):.2f} s wall"
            f" (min {min(wall[code]):.2f}), {runs} runs{verdict}"
        )
    print(f"(load average {os.getloadavg()[0]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", action="append", choices=("en", "fr", "es", "pt"),
                        help="compare report all in this language with English (repeatable)")
    args = parser.parse_args()
    if args.language:
        compare_languages(args.language, args.runs)
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 2):
            size = {k: v if k == "actions" else v * factor for k, v in BASE.items()}  # actions per plan
            root = generate(Path(tmp) / f"x{factor}", **size)
            wall, cpu = time_report(root, args.runs if factor == 1 else max(3, args.runs // 2))
            results[factor] = statistics.median(wall), statistics.median(cpu)
            print(
                f"{size['stakeholders']:>5} stakeholders, {size['commitments']:>5} commitments,"
                f" {size['plans'] * size['actions']:>4} actions: median {results[factor][0]:.2f} s wall"
                f" (min {min(wall):.2f}, max {max(wall):.2f}), {results[factor][1]:.2f} s CPU, {len(wall)} runs"
            )
    print(
        f"2x size takes {results[2][0] / results[1][0]:.2f}x the wall time, {results[2][1] / results[1][1]:.2f}x the CPU"
        " (2.00x would be exactly linear; start-up is a fixed cost)"
    )
    verdict = "meets" if results[1][0] < TARGET_SECONDS else "MISSES"
    print(f"target: under {TARGET_SECONDS:.0f} s wall for the base size: {verdict} (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
