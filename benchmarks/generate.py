"""Write a synthetic, valid scaleplus project of any size (default: national scale).

    python benchmarks/generate.py DIR [--stakeholders 2000] [--barriers 500] [--commitments 6000]
                                      [--plans 50] [--actions 20]

The same seed gives the same project, so timings compare like with like.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from scaleplus_cli import models  # noqa: E402  (the choices come from the one declaration of the fields)

SECTORS = list(models.NAMED_SECTORS)
CATEGORIES = list(models.CATEGORIES)
STATUSES = ["pledged", "in_progress", "done", "dropped"]  # the share of each status the project gets
INSTRUMENTS = list(models.INSTRUMENTS[:6])
FUNDING = list(models.FUNDING[:5])
WORDS = (
    "fish mangrove boat patrol market cooperative women youth school radio data council bylaw "
    "training loan ice cold chain landing site reef charcoal stove clinic water road school"
).split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def generate(
    root: Path,
    stakeholders: int = 2000,
    barriers: int = 500,
    commitments: int = 6000,
    plans: int = 50,
    actions: int = 20,
    seed: int = 7,
) -> Path:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    for folder in ("stakeholders", "barriers", "commitments", "plans"):
        (root / folder).mkdir(parents=True)
    start = dt.date(2026, 9, 15)
    (root / "scaleplus.yaml").write_text(
        "name: National fisheries reform\n"
        "challenge: Fish stocks are collapsing along the whole coast.\n"
        "retreat:\n  venue: National convention centre\n  start: 2026-09-15\n  days: 3\n"
        "goals:\n" + "".join(f"  - id: G{g}\n    text: {_text(rng, 8)}\n" for g in range(1, 9)),
        encoding="utf-8",
    )
    (root / "agenda.yaml").write_text(
        "days:\n"
        + "".join(
            '  - start: "08:30"\n    sessions:\n'
            + "".join(f"      - title: Session {d}.{s}\n        minutes: 45\n        lead: Facilitator\n" for s in range(1, 10))
            for d in range(1, 4)
        ),
        encoding="utf-8",
    )
    sids = [f"stakeholder-{i:05d}" for i in range(stakeholders)]
    for i, sid in enumerate(sids):
        (root / "stakeholders" / f"{sid}.yaml").write_text(
            f"name: Stakeholder {i:05d} of the {rng.choice(WORDS)} network\n"
            f"sector: {SECTORS[i % len(SECTORS)]}\n"
            f"organization: Organisation {i:05d}\n"
            f"representative: Person {i:05d}\n"
            f"email: person{i}@example.org\n"
            f"influence: {rng.randint(1, 5)}\n"
            f"interest: {rng.randint(1, 5)}\n"
            f"notes: |\n  {_text(rng, 10)}\n  {_text(rng, 6)}\n",
            encoding="utf-8",
        )
    bids = [f"barrier-{i:04d}" for i in range(barriers)]
    for i, bid in enumerate(bids):
        raised = "".join(f"  - {s}\n" for s in rng.sample(sids, 3))
        (root / "barriers" / f"{bid}.yaml").write_text(
            f"title: Barrier {i:04d} {_text(rng, 4).lower()}\n"
            f"category: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"description: {_text(rng, 15)}\n"
            f"severity: {rng.randint(1, 5)}\n"
            f"raised_by:\n{raised}"
            f"goals: [G{rng.randint(1, 8)}]\n",
            encoding="utf-8",
        )
    cids = [f"commitment-{i:05d}" for i in range(commitments)]
    for i, cid in enumerate(cids):
        status = STATUSES[i % len(STATUSES)]
        horizon = 100 if i % 3 else 1000
        due = start + dt.timedelta(days=horizon + rng.randint(0, 60))
        updates = ""
        if status != "pledged":
            updates = f"updates:\n  - date: 2026-10-{rng.randint(1, 28):02d}\n    note: {_text(rng, 6)}\n    status: {status}\n"
        (root / "commitments" / f"{cid}.yaml").write_text(
            f"stakeholder: {rng.choice(sids)}\n"
            f"text: {_text(rng, 12)}\n"
            f"barriers: [{', '.join(rng.sample(bids, 2))}]\n"
            f"horizon: {horizon}\n"
            f"due: {due.isoformat()}\n"
            f"resources: {_text(rng, 5)}\n"
            f"status: {status}\n" + updates,
            encoding="utf-8",
        )
    for p in range(plans):
        horizon = 100 if p % 2 else 1000
        lines = [f"title: Plan {p:03d} {_text(rng, 3).lower()}", f"horizon: {horizon}", "owner: Task force", "start: 2026-10-01", "goals: [G1, G2]", "actions:"]
        for a in range(actions):
            begin = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randint(0, 200))
            lines += [
                f"  - title: Action {p}.{a} {_text(rng, 5).lower()}",
                f"    lead: {rng.choice(sids)}",
                f"    partners: [{rng.choice(sids)}, {rng.choice(sids)}]",
                f"    instrument: {rng.choice(INSTRUMENTS)}",
                f"    barriers: [{rng.choice(bids)}]",
                f"    commitments: [{rng.choice(cids)}]",
                f"    start: {begin.isoformat()}",
                f"    end: {(begin + dt.timedelta(days=rng.randint(10, 300))).isoformat()}",
                f"    budget: {rng.randint(0, 50) * 1000}",
                f"    funding: {rng.choice(FUNDING)}",
                "    indicators:",
                f"      - name: Indicator {a}",
                "        unit: count",
                "        baseline: 0",
                f"        target: {rng.randint(5, 100)}",
                "        measurements:",
                f"          - date: 2026-11-01\n            value: {rng.randint(0, 5)}",
            ]
        (root / "plans" / f"plan-{p:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--stakeholders", type=int, default=2000)
    parser.add_argument("--barriers", type=int, default=500)
    parser.add_argument("--commitments", type=int, default=6000)
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--actions", type=int, default=20)
    args = parser.parse_args()
    generate(args.dir, args.stakeholders, args.barriers, args.commitments, args.plans, args.actions)
    print(f"wrote {args.dir}")


if __name__ == "__main__":
    main()
