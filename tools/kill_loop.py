"""Kill a command at every step of its write, over and over, and check that each time the project is
either exactly as before the command or exactly as after it (once the next command has run).

    python tools/kill_loop.py [--rounds N]    # import, plan --write and report on sample_project

Each round runs every scenario once per step (tools/kill_at.py), from a fresh copy of
sample_project; the next command (`scaleplus check`) undoes what the killed one left. Prints one line
per scenario: runs, how many ended as before and as after, and any that ended neither way.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_project"
KILLED = -signal.SIGKILL


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def restore(root: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(root)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def scaleplus(args: list[str], cwd: Path, kill_at: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    program = [str(REPO / "tools" / "kill_at.py"), str(kill_at)] if kill_at else ["-m", "scaleplus_cli"]
    return subprocess.run([sys.executable, *program, *args], cwd=cwd, env=env, capture_output=True, text=True)


def scenarios(work: Path) -> dict[str, list[str]]:
    sheet = work / "people.csv"
    sheet.write_text(
        "id,name,sector,interest\n"
        "blue-horizon-foundation,,,1\nmwamba-beach-management-unit,,,1\n"
        ",Mwamba Youth Divers,community,2\n,Lake Women Traders,private_sector,3\n"
    )
    return {
        "import": ["import", str(sheet), "--kind", "stakeholders", "-p", "project"],
        "plan --write": ["plan", "--write", "-p", "project"],
        "report": ["report", "all", "--format", "md", "-p", "project"],
    }


def loop(name: str, args: list[str], work: Path) -> tuple[int, int, int, list[str]]:
    root = work / "project"
    before = tree(root)
    done = scaleplus(args, work)
    if done.returncode != 0:
        raise SystemExit(f"{name}: the command fails even without a kill:\n{done.stderr}")
    after = tree(root)
    runs = as_before = as_after = 0
    neither: list[str] = []
    step = 0
    while True:
        step += 1
        restore(root, before)
        killed = scaleplus(args, work, kill_at=step)
        if killed.returncode != KILLED:
            break
        runs += 1
        scaleplus(["check", "-p", "project"], work)
        now = tree(root)
        if now == before:
            as_before += 1
        elif now == after:
            as_after += 1
        else:
            neither.append(f"step {step}: {sorted(r for r in set(now) | set(after) if now.get(r) != after.get(r))[:4]}")
    restore(root, before)
    return runs, as_before, as_after, neither


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(SAMPLE, work / "project")
        totals: dict[str, list[int]] = {}
        failed = False
        for _ in range(options.rounds):
            for name, args in scenarios(work).items():
                runs, before, after, neither = loop(name, args, work)
                total = totals.setdefault(name, [0, 0, 0, 0])
                for i, n in enumerate((runs, before, after, len(neither))):
                    total[i] += n
                for line in neither:
                    print(f"{name}: NEITHER before nor after, {line}")
                    failed = True
        for name, (runs, before, after, neither) in totals.items():
            print(f"{name:13} {runs:4} kills: {before} as before, {after} as after, {neither} neither")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
