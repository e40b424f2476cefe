"""A one-page brief for a decision-maker, saved as a self-contained HTML file.

Leaders rarely read notebooks. They read one page: who it is for, three plain-language
takeaways, one or two charts, and a short note on where the numbers come from. This
module renders exactly that, as a single HTML file (charts embedded, no internet needed)
that opens in any browser and prints on one page.

Every piece of text is escaped, so a name like ``<Bright Futures & Co>`` prints as
typed and cannot break the page. Every chart needs alt text that states its finding.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import tempfile
    >>> from helpers.charts import figure, label
    >>> fig, ax = figure()
    >>> _ = ax.bar(["E01", "E06"], [0.12, 0.25])
    >>> label(ax, title="Chronic absence by school", x="School", y="Share of students")
    >>> out = tempfile.mkdtemp()
    >>> path = make_brief("Chronic absence in Riverbend", audience="Superintendent",
    ...     takeaways=["One in seven students missed 10% of school days.",
    ...                "Cedar Ridge has the highest rate.", "Three partners already serve them."],
    ...     charts=[(fig, "Bar chart: E06 has about twice the rate of E01.")],
    ...     data_note="Synthetic training data.", out_dir=out, display=False)
    >>> path.name, "E06 has about twice" in path.read_text()
    ('chronic-absence-in-riverbend.html', True)
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any, Sequence

from helpers.charts import figure_html

__all__ = ["BriefError", "render_brief", "make_brief", "slugify"]

#: Where briefs are saved unless ``out_dir`` says otherwise (next to the notebook).
DEFAULT_DIR = "briefs"

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.55rem;margin:0 0 .2rem}
.audience{color:#44546a;margin:0 0 1rem;font-size:.95rem}
h2{font-size:1.05rem;margin:1.1rem 0 .4rem;border-bottom:2px solid #0072B2;padding-bottom:.15rem}
ol.takeaways{padding-left:1.3rem;margin:0}
ol.takeaways li{margin:.3rem 0;font-size:1.05rem}
.charts{display:flex;flex-wrap:wrap;gap:.8rem}
.charts figure{flex:1 1 20rem;margin:0}
.charts img{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:#44546a}
.note{font-size:.85rem;color:#333;background:#f4f6f8;padding:.5rem .7rem;border-left:3px solid #999}
footer{font-size:.75rem;color:#666;margin-top:1rem}
@media print{body{margin:0;max-width:none}.charts figure{break-inside:avoid}}
"""


class BriefError(ValueError):
    """A brief is missing something a reader needs (a takeaway, alt text, a data note)."""


def slugify(text: str) -> str:
    """A file-name-safe version of a title.

    >>> slugify("Chronic absence: Cedar Ridge & the city!")
    'chronic-absence-cedar-ridge-the-city'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return slug[:60].strip("-") or "brief"


def _text(value: Any, what: str, *, max_len: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BriefError(f"The brief's {what} must be some text, in quotes; got {value!r}.")
    value = " ".join(value.split())
    if len(value) > max_len:
        raise BriefError(
            f"The brief's {what} has {len(value)} characters; keep it under {max_len} so the "
            "brief fits on one page. Say one thing, plainly."
        )
    return value


def _charts_html(charts: Sequence[Any]) -> str:
    if not isinstance(charts, (list, tuple)) or not 1 <= len(charts) <= 2:
        raise BriefError("Give one or two charts, as a list of (figure, alt text) pairs.")
    parts = []
    for i, item in enumerate(charts, 1):
        if not isinstance(item, (list, tuple)) or len(item) not in (2, 3):
            raise BriefError(
                f"Chart {i} should be a pair (figure, alt text) or a triple (figure, alt text, caption)."
            )
        fig, alt = item[0], item[1]
        caption = item[2] if len(item) == 3 else None
        if not hasattr(fig, "savefig"):
            raise BriefError(f"Chart {i} is not a figure. Make one with helpers.charts.figure().")
        parts.append(figure_html(fig, alt, caption))
    return "\n".join(parts)


def render_brief(
    title: str,
    *,
    audience: str,
    takeaways: Sequence[str],
    charts: Sequence[Any],
    data_note: str,
    date: dt.date | None = None,
) -> str:
    """The brief as one HTML document (a string). See :func:`make_brief`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from helpers.charts import figure
    >>> fig, ax = figure()
    >>> page = render_brief("<Draft> & co", audience="Board", takeaways=["a b", "c d", "e f"],
    ...     charts=[(fig, "An empty chart, for the example.")], data_note="Made up.")
    >>> "&lt;Draft&gt; &amp; co" in page and "<Draft>" not in page
    True
    """
    title = _text(title, "title", max_len=120)
    audience = _text(audience, "audience", max_len=120)
    data_note = _text(data_note, "data note", max_len=600)
    if isinstance(takeaways, str) or not isinstance(takeaways, (list, tuple)) or len(takeaways) != 3:
        raise BriefError("A brief has exactly three takeaways: give a list of three short sentences.")
    items = [_text(t, f"takeaway {i}", max_len=220) for i, t in enumerate(takeaways, 1)]
    figures = _charts_html(charts)
    e = html.escape
    when = (date or dt.date.today()).isoformat()
    li = "\n".join(f"<li>{e(t)}</li>" for t in items)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>{e(title)}</h1>
<p class="audience">For: {e(audience)}</p>
<h2>Three things to know</h2>
<ol class="takeaways">
{li}
</ol>
<h2>The evidence</h2>
<div class="charts">
{figures}
</div>
<h2>About the data</h2>
<p class="note">{e(data_note)}</p>
</main>
<footer>Prepared {e(when)}.</footer>
</body>
</html>
"""


def make_brief(
    title: str,
    *,
    audience: str,
    takeaways: Sequence[str],
    charts: Sequence[Any],
    data_note: str,
    out_dir: str | Path | None = None,
    filename: str | None = None,
    display: bool = True,
    date: dt.date | None = None,
) -> Path:
    """Save a one-page brief as a self-contained HTML file; show it; return its path.

    * ``title`` - the headline; ``audience`` - who it is for (for example "Superintendent");
    * ``takeaways`` - exactly three short, plain-language sentences;
    * ``charts`` - one or two ``(figure, alt_text)`` pairs (or ``(figure, alt_text, caption)``);
      the alt text should state the chart's finding;
    * ``data_note`` - where the numbers come from, what they leave out, how to read them.

    The file goes to ``out_dir`` (default: a ``briefs`` folder next to the notebook), named
    after the title unless ``filename`` is given. Open it in a browser to read or print.
    With ``display=True`` the brief is also shown in the notebook. The figures are closed.
    """
    page = render_brief(title, audience=audience, takeaways=takeaways, charts=charts,
                        data_note=data_note, date=date)
    folder = Path(out_dir) if out_dir is not None else Path.cwd() / DEFAULT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    name = filename or f"{slugify(title)}.html"
    if not name.endswith(".html"):
        name += ".html"
    path = folder / name
    path.write_text(page, encoding="utf-8")
    try:
        import matplotlib.pyplot as plt

        for item in charts:
            plt.close(item[0])
    except Exception:  # pragma: no cover - closing is a courtesy
        pass
    if display:
        _display(page, path)
    return path


def _display(page: str, path: Path) -> None:
    body = page.split("<main>", 1)[1].split("</main>", 1)[0]
    try:
        rel = path.relative_to(Path.cwd())
    except ValueError:
        rel = path
    shown = (
        '<div style="border:1px solid #c8ced6;padding:0 1rem 1rem;max-width:46rem;'
        'font-family:system-ui,Arial,sans-serif">'
        f"{body}</div>"
        f'<p style="font-size:.85rem">Saved as <code>{html.escape(str(rel))}</code>: open it from '
        "the file browser on the left (or download it) to read or print it.</p>"
    )
    try:
        from IPython.display import HTML, display

        display(HTML(shown))
    except ImportError:  # pragma: no cover - only without IPython
        print(f"Brief saved to {path}")
