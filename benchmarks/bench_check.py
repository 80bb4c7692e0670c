"""Time `scaleplus check` on a national-scale project against the floor, and `--help` against a bare Typer app.

    python benchmarks/bench_check.py [--runs 5] [--small]

The floor is the least any checker must do: parse the same files with PyYAML's C loader, in one
process (started fresh, like the CLI). The bare app is a two-command Typer program. Each command
runs as a subprocess `--runs` times, after one untimed run, with Python's bytecode written as an
installed package has it; medians and ratios are printed. `check` runs twice: on the
day the project is clean, and on a later day when 2,000 commitments are overdue (2,000 warnings to
print, as text and as JSON). Targets: check <= 1.2x the floor (warnings included; judged by CPU
time, which other work on the machine disturbs less than the wall clock), --help <= 1.3x the bare app.
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


CPU: dict[tuple[str, ...], float] = {}  # command -> median CPU seconds (user + system) of its runs


def installed_env() -> dict[str, str]:
    """The environment of a timed command: Python's bytecode is written and read as an installed
    package's is (pip compiles it at install). Without this, PYTHONDONTWRITEBYTECODE in a developer's
    shell makes every run compile scaleplus's own modules afresh (about 50 ms), which no user pays;
    the libraries the floors use are compiled either way."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def median_seconds(command: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall-clock seconds; the median CPU seconds go to CPU (steadier on a shared machine).
    One run first, untimed, as a warm-up (and to write the bytecode)."""
    import resource

    times, cpu = [], []
    subprocess.run(command, capture_output=True, env=installed_env())
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=installed_env())
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    CPU[tuple(command)] = statistics.median(cpu)
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
        floor_command = [sys.executable, "-c", FLOOR, str(root)]
        check_command = [*scaleplus(), "check", "-p", str(root)]
        floor = median_seconds(floor_command, args.runs)
        check = median_seconds(check_command, args.runs, ok=(0, 1))
        cpu = {"floor": CPU[tuple(floor_command)], "check": CPU[tuple(check_command)]}
        os.environ["SCALEPLUS_TODAY"] = LATE  # the day 2,000 of the commitments are overdue
        warned = median_seconds(check_command, args.runs, ok=(0, 1))
        cpu["warned"] = CPU[tuple(check_command)]
        warned_json = median_seconds([*check_command, "--format", "json"], args.runs, ok=(0, 1))
        cpu["warned_json"] = CPU[(*check_command, "--format", "json")]
        os.environ["SCALEPLUS_TODAY"] = CLEAN
        bare_file = Path(tmp) / "bare.py"
        bare_file.write_text(BARE_APP)
        bare = median_seconds([sys.executable, str(bare_file), "--help"], args.runs * 4)
        helped = median_seconds([*scaleplus(), "--help"], args.runs * 4)
    rows = [
        ("floor: PyYAML CSafeLoader, one process", floor, None),
        ("scaleplus check", check, check / floor),
        ("scaleplus check, 2,000 warnings (text)", warned, warned / floor),
        ("scaleplus check, 2,000 warnings (json)", warned_json, warned_json / floor),
        ("bare two-command Typer app --help", bare, None),
        ("scaleplus --help", helped, helped / bare),
    ]
    for name, seconds, ratio in rows:
        print(f"  {name:<42} median {seconds:6.3f} s" + (f"   ratio {ratio:4.2f}x" if ratio else ""))
    print("  CPU seconds (user + system), steadier when other work shares the machine:")
    for name, key in (("floor", "floor"), ("check", "check"), ("check, 2,000 warnings (text)", "warned"),
                      ("check, 2,000 warnings (json)", "warned_json")):
        print(f"  {name:<42} median {cpu[key]:6.3f} s" + (f"   ratio {cpu[key] / cpu['floor']:4.2f}x" if key != "floor" else ""))
    worst = max(cpu[key] for key in ("check", "warned", "warned_json")) / cpu["floor"]
    worst_wall = max(check, warned, warned_json) / floor
    print(f"targets: check <= 1.20x floor ({'met' if worst <= 1.2 else 'MISSED'} by CPU time, {worst:4.2f}x;"
          f" by wall clock {worst_wall:4.2f}x), --help <= 1.30x bare app ({'met' if helped / bare <= 1.3 else 'MISSED'})")


CLEAN, LATE = "2026-11-22", "2027-03-01"

if __name__ == "__main__":
    os.environ.setdefault("SCALEPLUS_TODAY", CLEAN)
    main()
