"""Time `scaleplus check` on a national-scale project against the floor, and `--help` against a bare Typer app.

    python benchmarks/bench_check.py [--runs 5] [--small]

The floor is the least any checker must do: parse the same files with PyYAML's C loader, in one
process (started fresh, like the CLI). The bare app is a two-command Typer program. Each command
runs as a subprocess `--runs` times; medians and ratios are printed. Targets: check <= 1.5x the
floor, --help <= 1.3x the bare app.
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
from generate import generate  # noqa: E402

FLOOR = """
import os, sys, yaml
root = sys.argv[1]
for folder in ("", "stakeholders", "barriers", "commitments", "plans"):
    d = os.path.join(root, folder)
    for name in sorted(os.listdir(d)):
        if name.endswith(".yaml"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""

BARE_APP = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str) -> None:
    print(name)
@app.command()
def bye(name: str) -> None:
    print(name)
app()
"""


def median_seconds(command: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return statistics.median(times)


def scaleplus() -> list[str]:
    exe = shutil.which("scaleplus", path=str(Path(sys.executable).parent)) or shutil.which("scaleplus")
    return [exe] if exe else [sys.executable, "-m", "scaleplus_cli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="a tenth of the size, for a quick look")
    args = parser.parse_args()
    scale = 10 if args.small else 1
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "national", 2000 // scale, 500 // scale, 6000 // scale, 50 // scale or 1, 20)
        files = sum(1 for _ in root.rglob("*.yaml"))
        env_note = f"{files} files, {args.runs} runs each, python {sys.version.split()[0]}"
        print(f"national-scale project: {env_note}")
        floor = median_seconds([sys.executable, "-c", FLOOR, str(root)], args.runs)
        check = median_seconds([*scaleplus(), "check", "-p", str(root)], args.runs, ok=(0, 1))
        bare_file = Path(tmp) / "bare.py"
        bare_file.write_text(BARE_APP)
        bare = median_seconds([sys.executable, str(bare_file), "--help"], args.runs * 4)
        helped = median_seconds([*scaleplus(), "--help"], args.runs * 4)
    rows = [
        ("floor: PyYAML CSafeLoader, one process", floor, None),
        ("scaleplus check", check, check / floor),
        ("bare two-command Typer app --help", bare, None),
        ("scaleplus --help", helped, helped / bare),
    ]
    for name, seconds, ratio in rows:
        print(f"  {name:<42} median {seconds:6.3f} s" + (f"   ratio {ratio:4.2f}x" if ratio else ""))
    print(f"targets: check <= 1.50x floor ({'met' if check / floor <= 1.5 else 'MISSED'}),"
          f" --help <= 1.30x bare app ({'met' if helped / bare <= 1.3 else 'MISSED'})")


if __name__ == "__main__":
    os.environ.setdefault("SCALEPLUS_TODAY", "2026-11-22")
    main()
