"""Time `scaleplus remind --format docx` writing a thousand or more Word letters.

    python benchmarks/bench_remind.py [--runs 3]

The national-scale project from generate.py, on a day when most of its stakeholders have a
commitment overdue or due within 14 days; each run writes every letter into a fresh folder (start-up,
reading and checking the project included). Prints the letters written, the median seconds and the
milliseconds a letter. Target: 1,000 letters in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import scaleplus  # noqa: E402
from generate import generate  # noqa: E402

LATE = "2027-03-01"  # 2,000 commitments overdue: letters to about 1,300 stakeholders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["SCALEPLUS_TODAY"] = LATE
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "national")
        times, letters = [], 0
        for n in range(args.runs):
            out = Path(tmp) / f"letters-{n}"
            began = time.perf_counter()
            subprocess.run([*scaleplus(), "remind", "--format", "docx", "--out", str(out), "-p", str(root)],
                           check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - began)
            letters = len(list(out.glob("*.docx")))
    median = statistics.median(times)
    print(f"national-scale project on {LATE}: {letters:,} letters, {args.runs} runs, python {sys.version.split()[0]}")
    print(f"  scaleplus remind --format docx   median {median:6.2f} s   {1000 * median / letters:5.1f} ms a letter")
    per_thousand = 1000 * median / letters
    print(f"target: 1,000 letters under 10 s ({'met' if per_thousand < 10 else 'MISSED'}: {per_thousand:.1f} s for 1,000)")


if __name__ == "__main__":
    main()
