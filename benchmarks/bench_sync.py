"""Time the merge driver against git's own line merge, and `sync import` against the git commands it wraps.

    python benchmarks/bench_sync.py [--runs 5] [--files 20]

1. One commitment file both laptops added an update to: `python -m scaleplus_cli.merging` (what git
   runs) against `git merge-file` (git's line merge, which leaves that case as a conflict), and
   against the same driver through the whole CLI (`scaleplus merge-driver`).
2. Two clones of a 300-stakeholder / 1,000-commitment project, each recording updates on the same
   `--files` commitments: `scaleplus sync import` of the other's bundle (verify, fetch, merge with the
   driver, check, report) against `git fetch` + `git merge` of the same bundle with the same driver.
3. On the same project: `scaleplus diff` (two versions read, one from git, and compared) and
   `report workplan --as-of` against `scaleplus check` and `report workplan` on the files as they are.
Each is run `--runs` times from fresh copies; medians and ratios are printed.
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
from bench_check import scaleplus  # noqa: E402
from generate import generate  # noqa: E402

BASE = "stakeholder: s1\ntext: Two boats\nhorizon: 100\nstatus: in_progress\nupdates:\n  - date: 2026-10-01\n    note: Started\n"


def timed(command: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def driver(tmp: Path, runs: int) -> dict[str, float]:
    base, theirs = tmp / "base.yaml", tmp / "theirs.yaml"
    base.write_text(BASE)
    theirs.write_text(BASE + "  - date: 2026-10-20\n    note: Fuel arrived\n")
    ours_text = BASE.replace("in_progress", "done") + "  - date: 2026-11-05\n    note: Boat 1\n    status: done\n"
    results: dict[str, list[float]] = {"module": [], "cli": [], "line": []}
    commands = {
        "module": [sys.executable, "-m", "scaleplus_cli.merging"],
        "cli": [*scaleplus(), "merge-driver"],
    }
    for _ in range(runs):
        for name, command in commands.items():
            ours = tmp / f"ours-{name}.yaml"
            ours.write_text(ours_text)
            results[name].append(timed([*command, str(base), str(ours), str(theirs), "7", "c.yaml"]))
            assert "<<<<<<<" not in ours.read_text()
        ours = tmp / "ours-line.yaml"
        ours.write_text(ours_text)
        results["line"].append(timed(["git", "merge-file", str(ours), str(base), str(theirs)], ok=(0, 1, 2)))
    return {name: statistics.median(times) for name, times in results.items()}


def laptops(tmp: Path, files: int) -> tuple[Path, Path, Path]:
    """Two clones that both recorded an update on the same `files` commitments, and Halima's bundle."""
    halima = generate(tmp / "halima", 300, 100, 1000, 10, 10)
    env_cmd = [*scaleplus()]
    git(halima, "init", "-q")
    subprocess.run([*env_cmd, "check", "-p", str(halima)], capture_output=True)  # sets up the driver
    (halima / ".gitattributes").write_text("*.yaml merge=scaleplus\n")
    git(halima, "add", "-A")
    git(halima, "commit", "-q", "-m", "After the retreat")
    daniel = tmp / "daniel"
    git(tmp, "clone", "-q", str(halima), str(daniel))
    subprocess.run([*env_cmd, "check", "-p", str(daniel)], capture_output=True)
    names = sorted(p.stem for p in (halima / "commitments").glob("*.yaml"))[:files]
    for who, folder, day in (("Halima", halima, "2026-10-05"), ("Daniel", daniel, "2026-10-07")):
        for name in names:
            path = folder / "commitments" / f"{name}.yaml"
            text = path.read_text()
            entry = f"  - date: {day}\n    note: {who} called\n"
            path.write_text(text + entry if "updates:" in text else text + "updates:\n" + entry)
        git(folder, "commit", "-q", "-am", f"{who}'s calls")
    bundle = tmp / "halima.bundle"
    subprocess.run([*env_cmd, "sync", "export", str(bundle), "-p", str(halima)], check=True, capture_output=True)
    return halima, daniel, bundle


def history(daniel: Path, runs: int) -> dict[str, float]:
    sp = scaleplus()
    commands = {
        "check": [*sp, "check", "-p", str(daniel)],
        "diff": [*sp, "diff", "HEAD~1", "-p", str(daniel)],
        "report": [*sp, "report", "workplan", "--format", "md", "--force", "-p", str(daniel)],
        "as_of": [*sp, "report", "workplan", "--format", "md", "--force", "--as-of", "HEAD~1", "-p", str(daniel)],
    }
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(timed(command, ok=(0, 1)))
    return {name: statistics.median(times) for name, times in results.items()}


def exchange(tmp: Path, runs: int, files: int) -> dict[str, float]:
    _, daniel, bundle = laptops(tmp, files)
    results: dict[str, list[float]] = {"sync": [], "git": []}
    for n in range(runs):
        for name in results:
            copy = tmp / f"daniel-{name}-{n}"
            shutil.copytree(daniel, copy, symlinks=True)
            if name == "sync":
                results[name].append(timed([*scaleplus(), "sync", "import", str(bundle), "-p", str(copy)], ok=(0, 1)))
            else:
                start = time.perf_counter()
                git(copy, "fetch", "-q", str(bundle), "HEAD:refs/heads/theirs")
                git(copy, "merge", "-q", "--no-edit", "theirs")
                results[name].append(time.perf_counter() - start)
            assert "<<<<<<<" not in (copy / "commitments").joinpath(next(iter(sorted(os.listdir(copy / "commitments"))))).read_text()
    return {**{name: statistics.median(times) for name, times in results.items()}, **history(daniel, runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=20, help="commitments both laptops updated")
    args = parser.parse_args()
    os.environ.setdefault("GIT_AUTHOR_NAME", "Bench")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@example.org")
    os.environ.setdefault("GIT_COMMITTER_NAME", "Bench")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.org")
    with tempfile.TemporaryDirectory() as tmp:
        d = driver(Path(tmp), args.runs * 2)
        e = exchange(Path(tmp), args.runs, args.files)
    print(f"{args.runs} runs each, python {sys.version.split()[0]}")
    print("one file both laptops changed:")
    print(f"  git merge-file (line merge: a conflict)       median {d['line']:6.3f} s")
    print(f"  python -m scaleplus_cli.merging (what git runs) median {d['module']:6.3f} s   ratio {d['module'] / d['line']:5.1f}x")
    print(f"  scaleplus merge-driver (through the CLI)      median {d['cli']:6.3f} s   ratio {d['cli'] / d['module']:5.1f}x the module")
    print(f"a bundle from a laptop that updated the same {args.files} commitments (1,000 in the project):")
    print(f"  git fetch + git merge, with the driver        median {e['git']:6.3f} s")
    print(f"  scaleplus sync import (+ verify, check, report) median {e['sync']:6.3f} s   ratio {e['sync'] / e['git']:5.2f}x")
    print("reading the history of that project:")
    print(f"  scaleplus check                               median {e['check']:6.3f} s")
    print(f"  scaleplus diff HEAD~1                         median {e['diff']:6.3f} s   ratio {e['diff'] / e['check']:5.2f}x check")
    print(f"  report workplan --format md                   median {e['report']:6.3f} s")
    print(f"  report workplan --format md --as-of HEAD~1    median {e['as_of']:6.3f} s   ratio {e['as_of'] / e['report']:5.2f}x")


if __name__ == "__main__":
    os.environ.setdefault("SCALEPLUS_TODAY", "2026-11-22")
    main()
