"""Charts for the report, drawn with matplotlib as self-contained SVG text.

The same data gives the same bytes: no timestamps in the metadata, a fixed id salt, text drawn
as paths (so no font has to be present where the report is opened).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402

STYLE = {
    "svg.hashsalt": "entente",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
}
COOPERATIVE = "#2b7bba"
HOSTILE = "#c8553d"


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Entente"})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE: inline SVG


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str) -> str:
    """Horizontal bars, first label on top."""
    with plt.rc_context(STYLE):
        height = 0.9 + 0.28 * max(len(labels), 1)
        figure, axes = plt.subplots(figsize=(6.4, height))
        positions = range(len(labels))[::-1]
        axes.barh(list(positions), list(values), color=COOPERATIVE)
        axes.set_yticks(list(positions), labels=list(labels))
        axes.set_xlim(0, max(1.0, max(values, default=0.0)) * 1.05)
        axes.set_title(title, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure)


def heatmap(labels: Sequence[str], matrix: Sequence[Sequence[float | None]], *, title: str) -> str:
    """A symmetric matrix of scores in [-1, 1]; blank where there is no evidence."""
    with plt.rc_context(STYLE):
        size = 1.6 + 0.42 * max(len(labels), 1)
        figure, axes = plt.subplots(figsize=(size + 1.2, size))
        data = [[float("nan") if v is None else v for v in row] for row in matrix]
        image = axes.imshow(data, cmap="RdBu", norm=TwoSlopeNorm(0.0, -1.0, 1.0))
        axes.set_xticks(range(len(labels)), labels=list(labels), rotation=45, ha="right")
        axes.set_yticks(range(len(labels)), labels=list(labels))
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                if value is not None and i != j:
                    axes.text(
                        j,
                        i,
                        f"{value:+.2f}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if abs(value) > 0.55 else "black",
                    )
        figure.colorbar(image, ax=axes, shrink=0.8, label="alignment")
        axes.set_title(title, loc="left")
        figure.tight_layout()
        return _svg(figure)
