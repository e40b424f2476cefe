"""Briefs: one self-contained page, escaped text, alt text on every chart."""

import base64
import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.brief import BriefError, make_brief, render_brief, slugify  # noqa: E402
from helpers.charts import ChartError, figure, label  # noqa: E402


def chart():
    fig, ax = figure()
    ax.bar(["A", "B"], [1, 2])
    label(ax, title="t", x="x", y="y")
    return fig


ARGS = dict(audience="Board chair", takeaways=["One.", "Two.", "Three."], data_note="Synthetic data.")


def test_file_is_self_contained_and_escaped(tmp_path):
    fig = chart()
    path = make_brief("Risks <script>alert(1)</script> & co", charts=[(fig, "Bar chart: B is twice A.", "Cap")],
                      out_dir=tmp_path, display=False, date=dt.date(2026, 1, 5), **ARGS)
    page = path.read_text()
    assert path.parent == tmp_path and path.suffix == ".html"
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; co" in page
    assert 'alt="Bar chart: B is twice A."' in page and "<figcaption>Cap</figcaption>" in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from the internet
    png = page.split("data:image/png;base64,")[1].split('"')[0]
    assert base64.b64decode(png)[:4] == b"\x89PNG"
    assert "2026-01-05" in page and page.count("<li>") == 3
    assert not plt.fignum_exists(fig.number), "figures are closed after saving"


def test_reader_needs_are_enforced():
    fig = chart()
    with pytest.raises(BriefError, match="three"):
        render_brief("T", charts=[(fig, "A chart showing B above A.")], **{**ARGS, "takeaways": ["a", "b"]})
    with pytest.raises(BriefError, match="one or two"):
        render_brief("T", charts=[], **ARGS)
    with pytest.raises(BriefError, match="one or two"):
        render_brief("T", charts=[(fig, "alt text long enough")] * 3, **ARGS)
    with pytest.raises(ChartError):
        render_brief("T", charts=[(fig, "")], **ARGS)
    with pytest.raises(BriefError, match="not a figure"):
        render_brief("T", charts=[("fig", "alt text long enough")], **ARGS)
    with pytest.raises(BriefError, match="one page"):
        render_brief("T", charts=[(fig, "alt text long enough")], **{**ARGS, "takeaways": ["x" * 300, "b", "c"]})
    with pytest.raises(BriefError, match="data note"):
        render_brief("T", charts=[(fig, "alt text long enough")], **{**ARGS, "data_note": " "})
    plt.close(fig)


def test_inputs_untouched_and_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    takeaways = ["One.", "Two.", "Three."]
    charts = [(chart(), "Bar chart: B is twice A.")]
    path = make_brief("Default place", audience="x", takeaways=takeaways, charts=charts,
                      data_note="n", display=False)
    assert path == tmp_path / "briefs" / "default-place.html"
    assert takeaways == ["One.", "Two.", "Three."] and len(charts) == 1


def test_slugify():
    assert slugify("  ") == "brief"
    assert slugify("A/B: c") == "a-b-c"
