"""Time `scaleplus export` of a national-scale project against openpyxl's write-only mode writing
the same cells.

    python benchmarks/bench_export.py [--runs 5] [--small]

The floor is a fresh Python process that imports openpyxl and writes, in write-only mode, exactly
the cell values `scaleplus export` wrote (read from its workbook beforehand, not timed), without
styles or drop-downs. `scaleplus export` also starts the CLI, reads and checks the whole project,
styles the header, sizes the columns and adds the drop-downs. Each runs `--runs` times as a
subprocess (in rounds, the two in turn), after one untimed run, with Python's bytecode written as an
installed package has it; medians (wall clock and CPU) and their ratio are printed. Target: export <= 2x the floor.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import installed_env, scaleplus, timed_in_turn  # noqa: E402
from generate import generate  # noqa: E402

FLOOR = """
import pickle, sys
from openpyxl import Workbook
with open(sys.argv[1], "rb") as f:
    sheets = pickle.load(f)
book = Workbook(write_only=True)
for title, rows in sheets.items():
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
book.save(sys.argv[2])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="a tenth of the size, for a quick look")
    args = parser.parse_args()
    scale = 10 if args.small else 1
    from openpyxl import load_workbook

    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "national", 2000 // scale, 500 // scale, 6000 // scale, 50 // scale or 1, 20)
        exported = Path(tmp) / "export.xlsx"
        export = [*scaleplus(), "export", str(exported), "-p", str(root), "--force"]
        subprocess.run(export, check=True, stdout=subprocess.DEVNULL)
        book = load_workbook(exported, read_only=True)
        sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
        book.close()
        cells = sum(len(row) for rows in sheets.values() for row in rows)
        values = Path(tmp) / "cells.pickle"
        values.write_bytes(pickle.dumps(sheets))
        print(f"national-scale project: {cells:,} cells in {len(sheets)} sheets, {args.runs} runs each,"
              f" python {sys.version.split()[0]}")
        timed = timed_in_turn({
            "floor": ([sys.executable, "-c", FLOOR, str(values), str(Path(tmp) / "floor.xlsx")], installed_env()),
            "ours": (export, installed_env()),
        }, args.runs, ok=(0,))
        floor, ours = timed["floor"], timed["ours"]
    print(f"  {'floor: openpyxl write-only, same cells':<42} median {floor[0]:6.3f} s wall, {floor[1]:6.3f} s CPU")
    print(f"  {'scaleplus export':<42} median {ours[0]:6.3f} s wall, {ours[1]:6.3f} s CPU"
          f"   ratio {ours[0] / floor[0]:4.2f}x wall, {ours[1] / floor[1]:4.2f}x CPU")
    print(f"target: export <= 2x the floor ({'met' if ours[1] / floor[1] <= 2 else 'MISSED'}, by CPU time)")


if __name__ == "__main__":
    os.environ.setdefault("SCALEPLUS_TODAY", "2026-11-22")
    main()
