"""Time `scaleplus check` on a national-scale project against the floor, and `--help` against a bare Typer app.

    python benchmarks/bench_check.py [--runs 5] [--small]

The floor is the least any checker must do: parse the same files with PyYAML's C loader, in one
process (started fresh, like the CLI). The bare app is a two-command Typer program. Each command
runs as a subprocess `--runs` times (in rounds, each running every command in turn), after one
untimed run, with Python's bytecode written as an installed package has it; medians and ratios are
printed. `check` runs twice: on the day the project is clean, and on a later day when 2,000
commitments are overdue (2,000 warnings to print, as text and as JSON). Targets: check <= 1.2x the floor (warnings included; judged by CPU
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


def installed_env(**changes: str) -> dict[str, str]:
    """The environment of a timed command: Python's bytecode is written and read as an installed
    package's is (pip compiles it at install). Without this, PYTHONDONTWRITEBYTECODE in a developer's
    shell makes every run compile scaleplus's own modules afresh (about 50 ms), which no user pays;
    the libraries the floors use are compiled either way."""
    env = {**os.environ, **changes}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_in_turn(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int,
                  ok: tuple[int, ...] = (0, 1)) -> dict[str, tuple[float, float]]:
    """Median wall-clock and CPU (user + system) seconds of each command, by name. Each runs once
    untimed (a warm-up, which also writes the bytecode); then `runs` rounds, each running every
    command once in turn, so that a burst of other work on a shared machine falls on all of them
    alike rather than on one command's runs."""
    import resource

    for command, env in commands.values():
        subprocess.run(command, capture_output=True, env=env)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=env)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode not in ok:
                raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in commands}


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
        check_command = [*scaleplus(), "check", "-p", str(root)]
        clean, late = installed_env(SCALEPLUS_TODAY=CLEAN), installed_env(SCALEPLUS_TODAY=LATE)  # LATE: 2,000 overdue
        timed = timed_in_turn({
            "floor": ([sys.executable, "-c", FLOOR, str(root)], clean),
            "check": (check_command, clean),
            "warned": (check_command, late),
            "warned_json": ([*check_command, "--format", "json"], late),
        }, args.runs)
        bare_file = Path(tmp) / "bare.py"
        bare_file.write_text(BARE_APP)
        timed |= timed_in_turn({
            "bare": ([sys.executable, str(bare_file), "--help"], clean),
            "helped": ([*scaleplus(), "--help"], clean),
        }, args.runs * 4, ok=(0,))
    wall = {name: seconds for name, (seconds, _) in timed.items()}
    cpu = {name: seconds for name, (_, seconds) in timed.items()}
    floor, check, warned, warned_json = wall["floor"], wall["check"], wall["warned"], wall["warned_json"]
    bare, helped = wall["bare"], wall["helped"]
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
