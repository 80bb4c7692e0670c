"""Write a synthetic, valid scaleplus project of any size (default: national scale), or a national
programme of sites (1,000 communities in 100 districts in 10 provinces: about 60,000 files).

    python benchmarks/generate.py DIR [--stakeholders 2000] [--barriers 500] [--commitments 6000]
                                      [--plans 50] [--actions 20]
    python benchmarks/generate.py DIR --programme [--provinces 10] [--districts 10] [--communities 10]

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


CODES = [("ICE", "Tonnes of ice sold at cost", "t", "sum"), ("PATROL", "Patrol days on the water", "days", "sum"),
         ("WOMEN-BMU", "Share of women on landing-site committees", "%", "mean")]
BARRIER_CODES = ["COLD-CHAIN", "ENFORCEMENT", "NO-DATA", "MANGROVE-CUT"]
LEVEL_SITE = {"national": (10, 4, 6), "province": (10, 4, 6), "district": (10, 3, 5), "community": (20, 8, 25)}


def _site(rng: random.Random, root: Path, name: str, level: str, sites: list[str], *, plans: int = 0, actions: int = 0,
          shared: bool = False) -> int:
    """One site of a programme: its scaleplus.yaml and entities (stakeholders, barriers, commitments,
    plans by level); the number of files written."""
    n_stakeholders, n_barriers, n_commitments = LEVEL_SITE[level]
    for folder in ("stakeholders", "barriers", "commitments", "plans"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    text = (f"name: {name}\nchallenge: Fish stocks are collapsing along the coast.\nlevel: {level}\n"
            "retreat:\n  start: 2026-09-15\n  days: 2\ngoals:\n  - id: G1\n    text: Fish stocks recover\n")
    if sites:
        text += "sites:\n" + "".join(f"  - {s}\n" for s in sites)
    if shared:
        text += "indicators:\n" + "".join(
            f"  - code: {c}\n    name: {n}\n    unit: \"{u}\"\n    aggregate: {a}\n    target: {rng.randint(100, 10_000)}\n"
            for c, n, u, a in CODES
        )
    (root / "scaleplus.yaml").write_text(text, encoding="utf-8")
    files = 1
    if level == "community":
        (root / "agenda.yaml").write_text(
            'days:\n  - start: "08:30"\n    sessions:\n'
            + "".join(f"      - title: Session {s}\n        minutes: 45\n" for s in range(1, 7)), encoding="utf-8")
        files += 1
    sids = [f"s{i:03d}" for i in range(n_stakeholders)]
    national = iter(rng.sample(range(200), n_stakeholders // 5 + 1))
    for i, sid in enumerate(sids):
        # Most organisations are the site's own; one in five is a national one found in many sites.
        org = f"National organisation {next(national):03d}" if i % 5 == 0 else f"{name} organisation {i:03d}"
        (root / "stakeholders" / f"{sid}.yaml").write_text(
            f"name: {org}\nsector: {SECTORS[i % len(SECTORS)]}\nrepresentative: Person {i:03d}\n"
            f"influence: {rng.randint(1, 5)}\ninterest: {rng.randint(1, 5)}\nnotes: {_text(rng, 10)}\n",
            encoding="utf-8",
        )
    bids = [f"b{i:02d}" for i in range(n_barriers)]
    for i, bid in enumerate(bids):
        code = f"code: {BARRIER_CODES[i]}\n" if i < len(BARRIER_CODES) and rng.random() < 0.8 else ""
        (root / "barriers" / f"{bid}.yaml").write_text(
            f"title: Barrier {i:02d} {_text(rng, 4).lower()}\ncategory: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"description: {_text(rng, 12)}\nseverity: {rng.randint(2, 5)}\n"
            f"raised_by: [{', '.join(rng.sample(sids, 2))}]\ngoals: [G1]\n{code}",
            encoding="utf-8",
        )
    for i in range(n_commitments):
        status = STATUSES[i % len(STATUSES)]
        indicator = ""
        if i < len(CODES) and rng.random() < 0.7:
            code, label, unit, _ = CODES[i]
            value = f"        value: {rng.randint(0, 60)}\n" if rng.random() < 0.9 else "        value: 0\n"
            indicator = (f"indicators:\n  - name: {label}\n    code: {code}\n    unit: \"{unit}\"\n    measurements:\n"
                         f"      - date: 2026-11-{rng.randint(1, 20):02d}\n{value}")
        (root / "commitments" / f"c{i:03d}.yaml").write_text(
            f"stakeholder: {rng.choice(sids)}\ntext: Commitment {i:03d} {_text(rng, 10).lower()}\n"
            f"barriers: [{', '.join(rng.sample(bids, 2))}]\nhorizon: {100 if i % 3 else 1000}\n"
            f"due: 2026-{rng.randint(10, 12)}-{rng.randint(1, 28):02d}\nstatus: {status}\n{indicator}",
            encoding="utf-8",
        )
    files += n_stakeholders + n_barriers + n_commitments
    for p in range(plans):
        lines = [f"title: Plan {p}", "horizon: 100", "start: 2026-10-01", "actions:"]
        for a in range(actions):
            lines += [f"  - title: Action {p}.{a} {_text(rng, 4).lower()}", f"    lead: {rng.choice(sids)}",
                      f"    barriers: [{rng.choice(bids)}]", "    start: 2026-10-01", "    end: 2027-01-31",
                      f"    budget: {rng.randint(0, 50) * 100}"]
        (root / "plans" / f"p{p}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        files += 1
    return files


def generate_programme(root: Path, provinces: int = 10, districts: int = 10, communities: int = 10, seed: int = 7) -> int:
    """A national programme: the nation's folder lists its provinces, each its districts, each its
    communities (`provinces` x `districts` x `communities` community sites); the number of files."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    provinces_ = [f"province-{p:02d}" for p in range(provinces)]
    files = _site(rng, root, "National programme", "national", provinces_, shared=True)
    for p, province in enumerate(provinces_):
        districts_ = [f"district-{d:02d}" for d in range(districts)]
        files += _site(rng, root / province, f"Province {p:02d}", "province", districts_)
        for d, district in enumerate(districts_):
            communities_ = [f"community-{c:02d}" for c in range(communities)]
            files += _site(rng, root / province / district, f"District {p:02d}.{d:02d}", "district", communities_)
            for c, community in enumerate(communities_):
                files += _site(rng, root / province / district / community, f"Community {p:02d}.{d:02d}.{c:02d}",
                               "community", [], plans=2, actions=5)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--stakeholders", type=int, default=2000)
    parser.add_argument("--barriers", type=int, default=500)
    parser.add_argument("--commitments", type=int, default=6000)
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--programme", action="store_true", help="a national programme of sites instead of one project")
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--districts", type=int, default=10, help="per province")
    parser.add_argument("--communities", type=int, default=10, help="per district")
    args = parser.parse_args()
    if args.programme:
        files = generate_programme(args.dir, args.provinces, args.districts, args.communities)
        print(f"wrote {args.dir}: {files:,} files")
        return
    generate(args.dir, args.stakeholders, args.barriers, args.commitments, args.plans, args.actions)
    print(f"wrote {args.dir}")


if __name__ == "__main__":
    main()
