"""A small coverage-over-time chart (PNG as a Markdown image) for the registry's materialization page."""

from __future__ import annotations

import base64
import io
from collections import defaultdict


def coverage_plot_markdown(history: list[dict], title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row in sorted(history, key=lambda r: r["loop_batches"]):
        value = 100.0 * row["covered"] / row["total"] if row["total"] else float(row["entries"])
        series[row["category"]].append((row["loop_batches"], value))
    figure, axes = pyplot.subplots(figsize=(6, 3), dpi=80)
    for category, points in sorted(series.items()):
        xs, ys = zip(*points)
        axes.plot(xs, ys, marker="o", markersize=3, linewidth=1, label=category)
    axes.set_xlabel("loop batches")
    axes.set_ylabel("coverage %" if any(r["total"] for r in history) else "entries")
    axes.set_title(title, fontsize=9)
    if len(series) <= 12:
        axes.legend(fontsize=6, ncol=2, loc="lower right")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return f"![{title}](data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()})"
