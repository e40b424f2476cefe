"""Accessible charts: a colour-blind-safe palette, readable defaults, alt text always.

Every figure in the lessons goes through :func:`show`, which displays the chart as an
image *with alt text* (read aloud by screen readers) and a caption, then closes it so
it is not drawn twice. The lesson lint checks that every image output has alt text.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig, ax = figure()
    >>> _ = ax.bar(["A", "B"], [3, 5], color=PALETTE[0])
    >>> label(ax, title="Counts", x="Group", y="Students")
    >>> html = figure_html(fig, alt="Bar chart: group B has more students than A.")
    >>> 'alt="Bar chart: group B' in html
    True
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

import matplotlib
import matplotlib.pyplot as plt

#: Okabe & Ito (2008) colour-blind-safe palette, in the order the lessons use it.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: A sequential colour map that is readable in greyscale and by colour-blind readers.
SEQUENTIAL = "viridis"

STYLE = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
}


class ChartError(ValueError):
    """A chart was asked for without what it needs (alt text, labels)."""


def figure(**kwargs: Any) -> tuple[Any, Any]:
    """A new figure and axes in the project style (same arguments as ``plt.subplots``)."""
    with plt.rc_context(STYLE):
        return plt.subplots(**kwargs)


def label(ax: Any, *, title: str, x: str, y: str) -> None:
    """Give a chart a title and both axis labels (all three are required)."""
    for name, value in (("title", title), ("x", x), ("y", y)):
        if not isinstance(value, str) or not value.strip():
            raise ChartError(f"label() needs a non-empty {name}: say what the chart or axis shows.")
    ax.set_title(title)
    ax.set_xlabel(x)
    ax.set_ylabel(y)


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def figure_html(fig: Any, alt: str, caption: str | None = None) -> str:
    """HTML for a figure: an ``<img>`` with alt text, and an optional caption."""
    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ChartError(
            "Every chart needs alt text: one or two sentences saying what the chart shows, "
            "for someone who cannot see it (at least 10 characters)."
        )
    data = base64.b64encode(_png(fig)).decode("ascii")
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure style="margin:0"><img src="data:image/png;base64,{data}" '
        f'alt="{html.escape(alt, quote=True)}" style="max-width:100%">{cap}</figure>'
    )


class Figure:
    """A displayed chart: HTML with alt text in notebooks, the alt text as plain text."""

    def __init__(self, fig: Any, alt: str, caption: str | None = None):
        self.alt = alt
        self.caption = caption
        self.html = figure_html(fig, alt, caption)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"[Figure] {self.alt}"


def show(fig: Any, alt: str, caption: str | None = None) -> None:
    """Display ``fig`` with alt text (and caption), then close it so it shows once."""
    shown = Figure(fig, alt, caption)
    plt.close(fig)
    try:
        from IPython.display import display

        display(shown)
    except ImportError:  # pragma: no cover - only without IPython
        print(repr(shown))
