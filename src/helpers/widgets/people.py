"""A training-plan adjuster: sliders for hours and month, the budget, live checks.

Thin wiring over :func:`helpers.people.training_plan.check_plan` and ``plan_totals``:
one row of controls per line of the plan (hours slider, month drop-down); the checks
and the totals by organization update as you move them. ``adjuster.plan()`` gives the
adjusted plan as a new table, ready for ``check_plan`` or an exercise check.

The budget is an editable box only with ``budget_editable=True``; an exercise whose check
judges against a fixed budget shows it as plain text, so nobody edits a number the check
ignores.

Example:
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"who": ["A", "B"], "organization": ["X", "X"], "skill": ["s", "s"],
    ...                      "hours": [10, 10], "cost_per_hour": [40, 40], "month": [1, 2]})
    >>> w = plan_adjuster(plan, budget=700, must_cover=["s"])
    >>> w.result().ok
    False
    >>> w.hours[1].value = 5
    >>> w.result().ok, w.plan()["hours"].tolist()
    (True, [10.0, 5.0])
    >>> plan["hours"].tolist()   # the table you passed in is not changed
    [10, 10]
    >>> fixed = plan_adjuster(plan, budget=700, budget_editable=False)
    >>> fixed.budget.value, "not editable" in fixed.budget_label.value
    (700.0, True)
"""

from __future__ import annotations

import html
from typing import Any, Iterable

import ipywidgets as widgets
import pandas as pd

from helpers.people.training_plan import PlanCheck, check_plan, plan_costs, plan_totals

__all__ = ["PlanAdjuster", "plan_adjuster"]


class PlanAdjuster:
    """Sliders over a training plan, with the plan's checks shown live."""

    def __init__(self, plan: pd.DataFrame, budget: float, must_cover: Iterable[str] = (), min_people: int = 2,
                 max_hours_per_month: float | None = None, months: int = 12, max_hours: int = 60,
                 min_hours: float | None = None, budget_editable: bool = True):
        self._base = plan_costs(plan).drop(columns="cost")
        self.must_cover = list(must_cover)
        self.min_people = min_people
        self.max_hours_per_month = max_hours_per_month
        self.min_hours = min_hours
        self.budget = widgets.BoundedFloatText(value=float(budget), min=0, max=10_000_000, step=500,
                                               description="Budget ($)", disabled=not budget_editable)
        self.budget_label = widgets.HTML(f"<b>Budget: ${float(budget):,.0f}</b> (set by the partnership; not editable "
                                         "in this exercise)")
        self.hours: list[widgets.IntSlider] = []
        self.months: list[widgets.Dropdown] = []
        rows = []
        for _, line in self._base.iterrows():
            top = max(max_hours, int(line["hours"]))
            h = widgets.IntSlider(value=int(round(line["hours"])), min=0, max=top, step=1, description="hours",
                                  continuous_update=False)
            m = widgets.Dropdown(options=list(range(1, max(months, int(line["month"])) + 1)), value=int(line["month"]),
                                 description="month", layout=widgets.Layout(width="160px"))
            for control in (h, m):
                control.observe(self._refresh, names="value")
            self.hours.append(h)
            self.months.append(m)
            name = html.escape(f"{line['who']} ({line['organization']}): {line['skill']}, "
                               f"${line['cost_per_hour']:,.0f}/hour")
            rows.append(widgets.HBox([widgets.HTML(name, layout=widgets.Layout(width="420px")), h, m]))
        self.budget.observe(self._refresh, names="value")
        self.report = widgets.HTML()
        self.totals = widgets.HTML()
        self.box = widgets.VBox([self.budget if budget_editable else self.budget_label, *rows, self.report,
                                 self.totals])
        self._refresh()

    def plan(self) -> pd.DataFrame:
        """The plan with the hours and months currently set (a new table)."""
        out = self._base.copy()
        out["hours"] = [float(h.value) for h in self.hours]
        out["month"] = [int(m.value) for m in self.months]
        return out

    def set_plan(self, plan: pd.DataFrame) -> None:
        """Move the controls to the hours and months of ``plan`` (same rows as the starting plan)."""
        target = plan_costs(plan)
        if len(target) != len(self.hours):
            raise ValueError(f"The plan has {len(target)} rows; this adjuster has {len(self.hours)}. "
                             "Pass a plan with the same rows as the one you started from.")
        for slider, dropdown, hours, month in zip(self.hours, self.months, target["hours"], target["month"]):
            slider.max = max(slider.max, int(round(hours)))
            slider.value = int(round(hours))
            dropdown.value = int(month)

    def result(self) -> PlanCheck:
        """The checks for the current settings."""
        return check_plan(self.plan(), budget=float(self.budget.value), must_cover=self.must_cover,
                          min_people=self.min_people, max_hours_per_month=self.max_hours_per_month,
                          min_hours=self.min_hours)

    def _refresh(self, *_: Any) -> None:
        self.report.value = self.result()._repr_html_()
        self.totals.value = "<b>By organization</b>" + plan_totals(self.plan()).to_html(float_format="{:,.0f}".format)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def plan_adjuster(plan: pd.DataFrame, budget: float, must_cover: Iterable[str] = (), min_people: int = 2,
                  max_hours_per_month: float | None = None, months: int = 12, min_hours: float | None = None,
                  budget_editable: bool = True) -> PlanAdjuster:
    """Show a training plan with a slider per line; see :class:`PlanAdjuster`."""
    return PlanAdjuster(plan, budget, must_cover, min_people, max_hours_per_month, months,
                        min_hours=min_hours, budget_editable=budget_editable)
