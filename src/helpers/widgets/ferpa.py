"""A widget that walks a learner through the FERPA pathway questions.

**Training material, not legal advice.** The widget is thin wiring over
:func:`helpers.ferpa.find_pathways`: one dropdown per question (every question also
offers "not sure yet"), and the candidate pathways are shown as you answer. A pathway
shows as *fits* only when every question that decides it is answered.

Example:
    >>> w = pathway_finder({"education_record": "no"})
    >>> w.result().keys("fits")
    ['not_education_record']
    >>> w.answers()["education_record"]
    'no'
    >>> "False" in w.labels() or "True" in w.labels()
    False
"""

from __future__ import annotations

import html
from typing import Any, Mapping

import ipywidgets as widgets

from helpers.ferpa.pathways import UNKNOWN, PathwayResult, find_pathways, questions, sections, validate_answers

__all__ = ["PathwayFinder", "pathway_finder"]


class PathwayFinder:
    """Dropdowns for the pathway questions and a live list of candidate pathways."""

    def __init__(self, answers: Mapping[str, Any] | None = None):
        start = validate_answers(answers or {})
        specs = questions()
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows = []
        for section in sections():
            rows.append(widgets.HTML(f"<h4>{html.escape(section['title'])}</h4>"))
            for key in section["questions"]:
                spec = specs[key]
                options = [("Not sure yet", UNKNOWN)] + [(str(label), value) for value, label in spec["choices"].items()]
                dd = widgets.Dropdown(options=options, value=start[key], layout=widgets.Layout(width="95%"),
                                      description_allow_html=False)
                dd.observe(self._refresh, names="value")
                self.dropdowns[key] = dd
                rows.append(widgets.VBox([widgets.HTML(f"<b>{html.escape(spec['prompt'])}</b>"), dd]))
        self.output = widgets.HTML()
        intro = widgets.HTML("<p><i>Training material, not legal advice.</i> A pathway shows as <b>fits</b> only when "
                             "every question that decides it is answered; <b>Not sure yet</b> keeps it "
                             "<b>possible</b> and lists what to find out. Skip the sections that do not apply.</p>")
        self.box = widgets.VBox([intro, *rows, self.output])
        self._refresh()

    def labels(self) -> list[str]:
        """Every text a learner sees in the dropdowns (for checking that none reads "True"/"False")."""
        return [str(label) for dd in self.dropdowns.values() for label, _ in dd.options]

    def answers(self) -> dict[str, str]:
        """The current answers, as a dictionary you can pass to ``find_pathways``."""
        return {key: dd.value for key, dd in self.dropdowns.items()}

    def result(self) -> PathwayResult:
        """The candidate pathways for the current answers."""
        return find_pathways(self.answers())

    def _refresh(self, *_: Any) -> None:
        self.output.value = self.result().to_html()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def pathway_finder(answers: Mapping[str, Any] | None = None) -> PathwayFinder:
    """Show the pathway questions as dropdowns, optionally starting from ``answers``."""
    return PathwayFinder(answers)
