"""A small coverage-over-time chart (PNG as a Markdown image) for the registry's materialization page.

The x axis counts loop batches (whole numbers only); the legend sits to the right of the plot, never over a line;
a category named after a colour (the static_colors hue families) is drawn in that colour.
"""

from __future__ import annotations

import base64
import io
from collections import defaultdict

#: Line colours for categories that are colour names; "neutral" is grey and "clear" a dashed light grey.
CATEGORY_COLOURS = {"red": "#d62728", "orange": "#ff7f0e", "yellow": "#e6c000", "green": "#2ca02c",
                    "cyan": "#17becf", "blue": "#1f4fd6", "purple": "#7b3fb5", "magenta": "#e377c2",
                    "neutral": "#7f7f7f", "clear": "#c7c7c7"}


def coverage_plot_png(history: list[dict], title: str) -> bytes:
    """The chart as PNG bytes: one line per category, coverage % (or entries for open-ended registries)."""
    from matplotlib import pyplot

    figure = coverage_figure(history, title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    pyplot.close(figure)
    return buffer.getvalue()


def coverage_figure(history: list[dict], title: str):
    """The chart as a matplotlib figure (the caller closes it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row in sorted(history, key=lambda r: r["loop_batches"]):
        value = 100.0 * row["covered"] / row["total"] if row["total"] else float(row["entries"])
        series[row["category"]].append((row["loop_batches"], value))
    figure, axes = pyplot.subplots(figsize=(7.5, 3), dpi=80)
    for category, points in sorted(series.items()):
        xs, ys = zip(*points)
        style = {"color": CATEGORY_COLOURS[category]} if category in CATEGORY_COLOURS else {}
        if category == "clear":
            style["linestyle"] = "--"
        axes.plot(xs, ys, marker="o", markersize=3, linewidth=1, label=category, **style)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("loop batches")
    axes.set_ylabel("coverage %" if any(r["total"] for r in history) else "entries")
    axes.set_title(title, fontsize=9)
    if series:
        axes.legend(fontsize=6, ncol=1 if len(series) <= 12 else 2, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                    borderaxespad=0.0, frameon=False)
    figure.tight_layout()
    return figure


def coverage_plot_markdown(history: list[dict], title: str) -> str:
    png = coverage_plot_png(history, title)
    return f"![{title}](data:image/png;base64,{base64.b64encode(png).decode()})"
