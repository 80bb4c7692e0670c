"""The theory of change as a picture: actions, early, intermediate and long-term outcomes, then the
common goals, in five columns, with an arrow for every link (an action serving an outcome, an
outcome leading to another or to a goal). Drawn for A4 landscape and legible in grey: the columns
differ by the weight and dash of their box edges as well as by their fill. matplotlib is imported
only when a picture is drawn."""

from __future__ import annotations

import io
import textwrap
from typing import Any

# Fill and edge of each column's boxes: light to dark, with different edges, so a grey print still
# tells them apart.
STYLES = {
    "action": ("#FFFFFF", "#455A64", "dashed", 1.0),
    "early": ("#E0F2F1", "#00695C", "solid", 1.0),
    "intermediate": ("#B2DFDB", "#00695C", "solid", 1.6),
    "long_term": ("#80CBC4", "#004D40", "solid", 2.4),
    "goal": ("#1F4E4C", "#1F4E4C", "solid", 2.4),
}
COLUMNS = ("action", "early", "intermediate", "long_term", "goal")


def ordered(pathway: dict[str, Any]) -> list[dict[str, Any]]:
    """The columns with each one's boxes ordered to keep arrows short and uncrossed: goals as given,
    then each column, from right to left, by the mean place of what its boxes lead to (the
    barycentre heuristic of layered drawings); boxes leading nowhere drawn keep their order, last."""
    columns = [dict(c, boxes=list(c["boxes"])) for c in pathway["columns"]]
    targets: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for source, target in pathway["links"]:
        targets.setdefault(tuple(source), []).append(tuple(target))
    place: dict[tuple[str, str], float] = {}
    for column in reversed(columns):
        kind, boxes = column["kind"], column["boxes"]

        def key(item: tuple[int, dict[str, Any]]) -> tuple[float, int]:
            n, box = item
            known = [place[t] for t in targets.get((kind, box["id"]), []) if t in place]
            return (sum(known) / len(known) if known else float("inf"), n)

        if kind != "goal":
            boxes[:] = [box for _, box in sorted(enumerate(boxes), key=key)]
        for n, box in enumerate(boxes):
            place[kind, box["id"]] = (n + 0.5) / len(boxes)
    return columns


def draw(pathway: dict[str, Any], fmt: str = "png") -> bytes:
    """The picture of `pathway` (see documents/theory.py: columns of {id, label} boxes and links)
    as PNG or SVG bytes, 27 x 14.5 cm: scaled to 24 cm, it fits A4 landscape under the title."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    columns = ordered(pathway)
    tallest = max([len(c["boxes"]) for c in columns] + [1])
    width_in, height_in = 27 / 2.54, 14.5 / 2.54
    fig = plt.figure(figsize=(width_in, height_in), dpi=200)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    plt.rcParams["svg.fonttype"] = "none"

    col_width, gap = 17.0, (100 - 5 * 17.0) / 6
    header_y = 96.0
    top, bottom = 91.0, 1.5
    size = 7.5 if tallest <= 8 else 6.5 if tallest <= 12 else 5.6 if tallest <= 16 else 4.6 if tallest <= 20 else 3.8
    wrap = round(30 * 7.5 / size)  # a smaller font fits more letters across the same box
    centres: dict[tuple[str, str], tuple[float, float, float]] = {}  # (kind, id) -> x left, y centre, half height
    for n, column in enumerate(columns):
        kind = column["kind"]
        fill, edge, line, weight = STYLES[kind]
        x = gap + n * (col_width + gap)
        ax.text(x + col_width / 2, header_y, column["title"], ha="center", va="center", fontsize=9, fontweight="bold",
                color="#1F4E4C")
        boxes = column["boxes"]
        if not boxes:
            continue
        slot = (top - bottom) / len(boxes)
        for k, box in enumerate(boxes):
            text = "\n".join(textwrap.wrap(box["label"], wrap, max_lines=5 if kind == "goal" else 4, placeholder=" …")) or box["id"]
            lines = text.count("\n") + 1
            half = min(slot * 0.42, 1.3 + lines * 1.45 * size / 7 * (17 / (height_in * 2.54)))
            y = top - slot * (k + 0.5)
            ax.add_patch(FancyBboxPatch((x, y - half), col_width, 2 * half, boxstyle="round,pad=0,rounding_size=0.8",
                                        facecolor=fill, edgecolor=edge, linestyle=line, linewidth=weight, zorder=2))
            ax.text(x + col_width / 2, y, text, ha="center", va="center", fontsize=size, zorder=3,
                    color="#FFFFFF" if kind == "goal" else "#263238", linespacing=1.15)
            centres[kind, box["id"]] = (x, y, half)
    for (from_kind, from_id), (to_kind, to_id) in pathway["links"]:
        start, end = centres.get((from_kind, from_id)), centres.get((to_kind, to_id))
        if start is None or end is None:
            continue
        backwards = end[0] <= start[0]
        x0 = start[0] + col_width if not backwards else start[0]
        x1 = end[0] if not backwards else end[0] + col_width
        arrow = FancyArrowPatch((x0, start[1]), (x1, end[1]), arrowstyle="-|>", mutation_scale=8, linewidth=0.7,
                                color="#546E7A", alpha=0.85, zorder=1, shrinkA=0.5, shrinkB=0.5,
                                connectionstyle="arc3,rad=0.0" if not backwards else "arc3,rad=0.4")
        ax.add_patch(arrow)
    out = io.BytesIO()
    fig.savefig(out, format=fmt, dpi=200 if fmt == "png" else None, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return out.getvalue()
