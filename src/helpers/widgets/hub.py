"""Widgets for lesson 05: a linkage threshold slider and a partner's report request form.

Thin ipywidgets wiring over pure functions: :func:`helpers.linkage.threshold_summary` and
:func:`helpers.hub.request_report`. Each widget keeps its current HTML in ``.output.value``
so it can be checked without a browser.

Example:
    >>> import pandas as pd
    >>> class Fake:  # any result with .scored and .links(threshold)
    ...     scored = pd.DataFrame({"left_id": ["a", "b"], "right_id": ["1", "2"],
    ...                            "match_probability": [0.99, 0.4]})
    ...     def links(self, t):
    ...         return self.scored[self.scored["match_probability"] >= t]
    >>> truth = pd.DataFrame({"left_id": ["a", "b"], "right_id": ["1", ""]})
    >>> w = threshold_explorer(Fake(), truth, threshold=0.5)
    >>> "precision 1.000" in w.output.value
    True
"""

from __future__ import annotations

import html
from typing import Any, Sequence

import ipywidgets as widgets
import pandas as pd

from helpers.hub import Hub, request_report
from helpers.linkage.evaluate import threshold_summary

__all__ = ["ThresholdExplorer", "threshold_explorer", "ReportForm", "report_form"]

_SHOW = ["left_id", "right_id", "match_probability", "first_name_left", "first_name_right", "last_name_left",
         "last_name_right", "dob_left", "dob_right", "linked", "same_person"]


def _table_html(df: pd.DataFrame) -> str:
    return df.to_html(index=False, na_rep="—", border=0, escape=True)


class ThresholdExplorer:
    """A slider for the match-probability threshold; shows precision, recall and nearby pairs."""

    def __init__(self, result: Any, truth: pd.DataFrame, *, threshold: float = 0.9, n: int = 6):
        self.result, self.truth, self.n = result, truth, n
        self.slider = widgets.FloatSlider(value=threshold, min=0.05, max=0.999, step=0.01,
                                          description="Threshold", readout_format=".2f",
                                          continuous_update=False, layout=widgets.Layout(width="60%"))
        self.output = widgets.HTML()
        self.slider.observe(lambda change: self.refresh(), names="value")
        self.widget = widgets.VBox([self.slider, self.output])
        self.refresh()

    def refresh(self) -> None:
        quality, near = threshold_summary(self.result, self.truth, self.slider.value, self.n)
        cols = [c for c in _SHOW if c in near.columns]
        self.output.value = (f"<p><b>At threshold {self.slider.value:.2f}:</b> {html.escape(str(quality))}</p>"
                             f"<p>The {len(near)} pairs scored closest to the threshold:</p>"
                             + _table_html(near[cols]))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def threshold_explorer(result: Any, truth: pd.DataFrame, *, threshold: float = 0.9, n: int = 6) -> ThresholdExplorer:
    """A :class:`ThresholdExplorer` (display it by putting it last in a cell)."""
    return ThresholdExplorer(result, truth, threshold=threshold, n=n)


class ReportForm:
    """A partner's report request: pick a grouping and a measure, press the button."""

    def __init__(self, hub: Hub, party: str, *, today: Any = None, fields: Sequence[str] | None = None):
        self.hub, self.party, self.today = hub, party, today
        agreement = hub.agreement(party)
        options = list(fields) if fields is not None else list(agreement.may_see if agreement else [])
        if len(options) < 2:
            options = options + ["(ask the district)"] * (2 - len(options))
        self.by = widgets.Dropdown(options=options, value=options[0], description="Count by")
        self.measure = widgets.Dropdown(options=options, value=options[-1], description="Measure")
        self.button = widgets.Button(description="Send request", button_style="primary")
        self.output = widgets.HTML("<p>Choose, then press <b>Send request</b>.</p>")
        self.button.on_click(lambda _: self.submit())
        self.widget = widgets.VBox([widgets.HBox([self.by, self.measure, self.button]), self.output])

    def submit(self) -> None:
        response = request_report(self.hub, self.party, by=self.by.value, measure=self.measure.value,
                                  today=self.today)
        text = f"<p><b>{html.escape(response.message)}</b></p>"
        if response.table is not None:
            text += response.table.to_html(na_rep="hidden", border=0)
        self.output.value = text

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def report_form(hub: Hub, party: str, *, today: Any = None, fields: Sequence[str] | None = None) -> ReportForm:
    """A :class:`ReportForm` for ``party`` (fields default to those its agreement lets it see).
    The hub keeps its own clock; ``today`` is only accepted when it is the hub's date."""
    return ReportForm(hub, party, today=today, fields=fields)
