"""The five conditions of collective success as a picture: one bar per condition on the 0-3 scale,
its score written at its end, dark enough to read in grey. matplotlib is imported only when drawn."""

from __future__ import annotations

import io
import textwrap
from typing import Any


def draw(chart: dict[str, Any], fmt: str = "png") -> bytes:
    """`chart`: labels, scores (0-3) and the names of the four scores, as documents/assess.py gives."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = ["\n".join(textwrap.wrap(label, 26)) for label in chart["labels"]]
    scores = [s or 0 for s in chart["scores"]]
    fig, ax = plt.subplots(figsize=(16 / 2.54, 6.2 / 2.54), dpi=200)
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, [3] * len(labels), color="#EEF3F3", height=0.62, zorder=1)
    bars = ax.barh(positions, scores, color="#1F4E4C", height=0.62, zorder=2)
    for bar, score in zip(bars, scores):
        ax.text(min(bar.get_width(), 3) + 0.05, bar.get_y() + bar.get_height() / 2, f"{score}/3", va="center",
                fontsize=8, fontweight="bold", color="#263238")
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_xlim(0, 3.35)
    ax.set_xticks([0, 1, 2, 3], [f"{n} {name}" for n, name in enumerate(chart["ticks"])], fontsize=7)
    ax.grid(axis="x", color="#B8C4C6", linewidth=0.6, zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "scaleplus"}):  # SVG: text a page can read
        fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return out.getvalue()
