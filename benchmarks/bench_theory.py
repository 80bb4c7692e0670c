"""Time the theory of change's rules and the health check on a national-scale project.

    python benchmarks/bench_theory.py [--runs 5] [--outcomes 1000]

The project from generate.py, first as it is, then with a theory.yaml of --outcomes outcomes (six
early for every three intermediate and one long-term; each early outcome leads to two intermediate
ones, each intermediate one to two long-term ones, each long-term one to a goal). Prints the median
seconds of `check` without and with the theory (start-up and reading included) and their ratio, and
of `assess`. Target: the theory adds less than a quarter to `check`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import scaleplus  # noqa: E402
from generate import generate  # noqa: E402


def theory_text(outcomes: int, seed: int = 14) -> str:
    rng = random.Random(seed)
    long_term = max(1, outcomes // 10)
    intermediate = max(1, outcomes * 3 // 10)
    early = max(1, outcomes - long_term - intermediate)
    lines = ["outcomes:"]

    def add(prefix: str, n: int, level: str, targets: list[str], indicator: bool = False) -> None:
        lines.extend([f"  - id: {prefix}-{n:04d}", f"    text: {level} outcome {n}", f"    level: {level}",
                      f"    leads_to: [{', '.join(targets)}]"])
        if indicator:
            lines.extend(["    indicators:", f"      - {{name: measure {n}, baseline: 0, target: 10}}"])

    for n in range(early):
        add("early", n, "early", [f"intermediate-{rng.randrange(intermediate):04d}" for _ in range(2)])
    for n in range(intermediate):
        add("intermediate", n, "intermediate", [f"long-term-{rng.randrange(long_term):04d}" for _ in range(2)])
    for n in range(long_term):
        lines.extend([f"  - id: long-term-{n:04d}", f"    text: long-term outcome {n}", "    level: long_term",
                      f"    leads_to: [G{n % 8 + 1}]", "    indicators:", f"      - {{name: measure {n}, target: 10}}"])
    return "\n".join(lines) + "\n"


def median_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([*scaleplus(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--outcomes", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("SCALEPLUS_TODAY", "2026-11-22")
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "national")
        without = median_seconds(["check", "-p", str(root)], args.runs)
        (root / "theory.yaml").write_text(theory_text(args.outcomes), encoding="utf-8")
        with_theory = median_seconds(["check", "-p", str(root)], args.runs)
        assess = median_seconds(["assess", "--format", "json", "-p", str(root)], args.runs)
    ratio = with_theory / without
    print(f"national-scale project, {args.outcomes:,} outcomes, {args.runs} runs, python {sys.version.split()[0]}")
    print(f"  check without theory.yaml   median {without:6.2f} s")
    print(f"  check with theory.yaml      median {with_theory:6.2f} s   ratio {ratio:4.2f}")
    print(f"  assess --format json        median {assess:6.2f} s")
    print(f"target: the theory adds less than a quarter to check ({'met' if ratio < 1.25 else 'MISSED'})")


if __name__ == "__main__":
    main()
