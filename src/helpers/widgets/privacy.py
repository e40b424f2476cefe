"""Widgets for lesson 04: a suppression threshold slider and a quasi-identifier picker.

Thin wiring over the pure functions in :mod:`helpers.privacy` (which carry the logic and
the tests). Each widget shows its result as HTML, and ``result()`` returns the same
thing a plain function call gives, so a notebook can show both.

Example:
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"yes": [12, 4, 20], "no": [30, 25, 40]}, index=["A", "B", "C"])
    >>> w = suppression_explorer(counts, threshold=5)
    >>> published, recovery = w.result()
    >>> int(published.isna().sum().sum()), recovery.n_recovered
    (4, 0)
    >>> w.slider.value = 3
    >>> "None of the" in w.output.value or "Nothing is hidden" in w.output.value
    True
    >>> people = pd.DataFrame({"zip": ["1", "1", "2"], "gender": ["F", "F", "M"]})
    >>> picker = quasi_identifier_picker(people, ["zip", "gender"], target_k=2)
    >>> picker.result().k
    1
"""

from __future__ import annotations

import html
from typing import Any, Sequence

import ipywidgets as widgets
import pandas as pd

from helpers.privacy import (
    KAnonymity,
    Recovery,
    k_anonymity,
    recover_suppressed,
    suppress_primary_only,
    suppress_small_cells,
)
from helpers.privacy.errors import PrivacyInputError, column_list, require_flag, require_frame
from helpers.privacy.suppression import validate_counts

__all__ = ["SuppressionExplorer", "QuasiIdentifierPicker", "suppression_explorer", "quasi_identifier_picker",
           "suppression_view", "published_html"]


def suppression_view(counts: pd.DataFrame, threshold: int = 10, *, complementary: bool = True) -> tuple[pd.DataFrame, Recovery]:
    """The table that would be published at ``threshold``, and what an attacker recovers from it.

    ``complementary=False`` shows the naive primary-only suppression instead.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"yes": [12, 4], "no": [30, 25]}, index=["A", "B"])
    >>> suppression_view(counts, 5, complementary=False)[1].n_recovered
    1
    """
    if require_flag(complementary, "complementary"):
        published = suppress_small_cells(counts, threshold)
    else:
        published = suppress_primary_only(counts, threshold)
    return published, recover_suppressed(published, threshold=threshold)


def published_html(published: pd.DataFrame, recovery: Recovery | None = None) -> str:
    """HTML of a published table (hidden cells shown as "suppressed") and the attack result."""
    shown = published.astype(object).where(published.notna(), "suppressed")
    table = shown.to_html(border=0, classes="published-table")
    note = ""
    if recovery is not None:
        colour = "#0b6e4f" if recovery.safe else "#8a3b00"
        text = html.escape(recovery.summary()).replace("\n", "<br>")
        note = f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px;margin-top:6px">{text}</div>'
    return table + note


class SuppressionExplorer:
    """A threshold slider (and a complementary-suppression switch) over a table of counts."""

    def __init__(self, counts: pd.DataFrame, threshold: int = 10, *, min_threshold: int = 2,
                 max_threshold: int = 30, complementary: bool = True):
        validate_counts(counts)
        if not min_threshold <= threshold <= max_threshold:
            raise PrivacyInputError(f"threshold {threshold} is outside the slider range {min_threshold}-{max_threshold}.")
        self.counts = counts
        self.slider = widgets.IntSlider(value=threshold, min=min_threshold, max=max_threshold, step=1,
                                        description="Threshold", continuous_update=False)
        self.complementary = widgets.Checkbox(value=complementary, description="Complementary suppression",
                                              indent=False)
        self.output = widgets.HTML()
        self.slider.observe(self._refresh, names="value")
        self.complementary.observe(self._refresh, names="value")
        intro = widgets.HTML("<b>Smallest count that may be published</b> (move the slider; cells below it are hidden)")
        self.box = widgets.VBox([intro, widgets.HBox([self.slider, self.complementary]), self.output])
        self._refresh()

    def result(self) -> tuple[pd.DataFrame, Recovery]:
        """The published table and the attack result for the current settings."""
        return suppression_view(self.counts, self.slider.value, complementary=self.complementary.value)

    def _refresh(self, *_: Any) -> None:
        self.output.value = published_html(*self.result())

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


class QuasiIdentifierPicker:
    """Tick the columns a release keeps; see k and how many records are at risk."""

    def __init__(self, df: pd.DataFrame, candidates: Sequence[str], *, target_k: int = 5,
                 value: Sequence[str] | None = None):
        require_frame(df, "the release")
        candidates = column_list(df, candidates, "the release")
        chosen = list(value) if value is not None else list(candidates)
        unknown = [c for c in chosen if c not in candidates]
        if unknown:
            raise PrivacyInputError(f"Starting columns {unknown} are not among the candidates {candidates}.")
        self.df = df
        self.checkboxes = {c: widgets.Checkbox(value=c in chosen, description=c, indent=False) for c in candidates}
        self.target = widgets.IntSlider(value=target_k, min=2, max=20, description="Target k", continuous_update=False)
        self.output = widgets.HTML()
        for cb in self.checkboxes.values():
            cb.observe(self._refresh, names="value")
        self.target.observe(self._refresh, names="value")
        intro = widgets.HTML("<b>Quasi-identifiers kept in the release</b> (tick to keep)")
        self.box = widgets.VBox([intro, widgets.HBox(list(self.checkboxes.values())), self.target, self.output])
        self._refresh()

    def selected(self) -> list[str]:
        """The ticked columns, in the order offered."""
        return [c for c, cb in self.checkboxes.items() if cb.value]

    def result(self) -> KAnonymity | None:
        """k-anonymity for the ticked columns (``None`` when nothing is ticked)."""
        chosen = self.selected()
        if not chosen:
            return None
        return k_anonymity(self.df, chosen, target_k=self.target.value)

    def _refresh(self, *_: Any) -> None:
        report = self.result()
        if report is None:
            self.output.value = "<i>No quasi-identifiers kept: nothing to link on.</i>"
            return
        smallest = report.groups.head(5).to_html(index=False, border=0)
        self.output.value = report._repr_html_() + "<p>Smallest groups:</p>" + smallest

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def suppression_explorer(counts: pd.DataFrame, threshold: int = 10, **kwargs: Any) -> SuppressionExplorer:
    """Show ``counts`` as it would be published, with a threshold slider (see :class:`SuppressionExplorer`)."""
    return SuppressionExplorer(counts, threshold, **kwargs)


def quasi_identifier_picker(df: pd.DataFrame, candidates: Sequence[str], *, target_k: int = 5,
                            value: Sequence[str] | None = None) -> QuasiIdentifierPicker:
    """Checkboxes for the quasi-identifiers a release keeps, with k-anonymity shown live."""
    return QuasiIdentifierPicker(df, candidates, target_k=target_k, value=value)
