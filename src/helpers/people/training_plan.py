"""A training plan: one row per person and course, its costs, totals, timeline and checks.

A plan has the columns :data:`PLAN_COLUMNS`: ``who``, ``organization``, ``skill``,
``hours``, ``cost_per_hour`` and ``month`` (1 = the plan's first month).
:func:`check_plan` says whether it is within budget, covers the gaps with enough
people (one trained person is a single point of failure), each with enough hours to
count as trained, and keeps each month's training load reasonable.

Example:
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"who": ["A", "B"], "organization": ["X", "X"], "skill": ["s", "s"],
    ...                      "hours": [10, 10], "cost_per_hour": [40, 40], "month": [1, 2]})
    >>> plan_totals(plan).to_dict("index")
    {'X': {'people': 2, 'hours': 20.0, 'cost': 800.0}}
    >>> check_plan(plan, budget=1000, must_cover=["s"]).ok
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from helpers.validation import require_number

from .errors import MissingColumnError, PlanError, require_frame

__all__ = ["PLAN_COLUMNS", "plan_costs", "plan_totals", "plan_timeline", "PlanCheck", "check_plan"]

#: Columns a training plan needs.
PLAN_COLUMNS = ("who", "organization", "skill", "hours", "cost_per_hour", "month")


def plan_costs(plan: pd.DataFrame, skills: Iterable[str] | None = None) -> pd.DataFrame:
    """A checked copy of a training plan with a ``cost`` column (hours x cost per hour).

    ``skills``, if given, lists the skill names allowed in the ``skill`` column (catches typos).

    >>> plan = pd.DataFrame({"who": ["A"], "organization": ["District"], "skill": ["record_linkage"],
    ...                      "hours": [10], "cost_per_hour": [50], "month": [2]})
    >>> plan_costs(plan)["cost"].tolist()
    [500.0]
    """
    require_frame(plan, "training plan")
    missing = [c for c in PLAN_COLUMNS if c not in plan.columns]
    if missing:
        raise MissingColumnError(
            f"The training plan is missing the column(s) {', '.join(missing)}. A plan needs one row per person "
            f"and course with: {', '.join(PLAN_COLUMNS)}.",
            missing=missing, available=plan.columns, table="training plan",
        )
    out = plan.copy()
    for col in ("hours", "cost_per_hour", "month"):
        values = pd.to_numeric(out[col].astype(object), errors="coerce")
        if values.isna().any():
            row = values[values.isna()].index[0]
            raise PlanError(f"Row {row!r}: '{col}' must be a number, not {plan.loc[row, col]!r}.")
        if (values < 0).any():
            row = values[values < 0].index[0]
            raise PlanError(f"Row {row!r}: '{col}' cannot be negative ({values[row]:g}).")
        out[col] = values.astype(float)
    months = out["month"]
    bad = (months < 1) | (months != months.round())
    if bad.any():
        row = months[bad].index[0]
        raise PlanError(
            f"Row {row!r}: 'month' should be a whole month number from 1 (the first month of the plan), "
            f"not {plan.loc[row, 'month']!r}."
        )
    out["month"] = months.astype(int)
    for col in ("who", "skill", "organization"):
        blank = out[col].isna() | (out[col].astype(str).str.strip() == "")
        if blank.any():
            raise PlanError(f"Row {blank[blank].index[0]!r}: '{col}' is blank. Every row needs a {col}.")
    if skills is not None:
        allowed = set(skills)
        unknown = sorted(set(out["skill"].astype(str)) - allowed)
        if unknown:
            raise PlanError(
                f"The plan trains {unknown[0]!r}, which is not a known skill. Known skills: {', '.join(sorted(allowed))}."
            )
    out["cost"] = out["hours"] * out["cost_per_hour"]
    return out


def plan_totals(plan: pd.DataFrame, by: str = "organization") -> pd.DataFrame:
    """Totals of a plan per ``by`` (organization, month, skill or who): people, hours and cost.

    >>> plan = pd.DataFrame({"who": ["A", "B", "A"], "organization": ["X", "X", "X"],
    ...                      "skill": ["s", "s", "t"], "hours": [2, 3, 4], "cost_per_hour": [10, 10, 5],
    ...                      "month": [1, 1, 2]})
    >>> plan_totals(plan).to_dict("index")
    {'X': {'people': 2, 'hours': 9.0, 'cost': 70.0}}
    """
    costs = plan_costs(plan)
    if by not in costs.columns or by in ("hours", "cost_per_hour", "cost"):
        raise MissingColumnError(f"Cannot total by {by!r}. Try by='organization', 'month', 'skill' or 'who'.",
                                 missing=[str(by)], available=["organization", "month", "skill", "who"],
                                 table="training plan")
    grouped = costs.groupby(by, sort=True)
    out = pd.DataFrame({
        "people": grouped["who"].nunique().astype(int),
        "hours": grouped["hours"].sum(),
        "cost": grouped["cost"].sum(),
    })
    return out


def plan_timeline(plan: pd.DataFrame, months: int = 12, budget: float | None = None) -> pd.DataFrame:
    """Month by month: hours, cost and cumulative cost for months 1..``months`` (empty months show 0).

    With a ``budget``, a ``budget_left`` column shows what remains after each month.
    """
    costs = plan_costs(plan)
    require_number(months, "months", at_least=1, whole=True, error=PlanError)
    late = costs[costs["month"] > months]
    if not late.empty:
        raise PlanError(
            f"Row {late.index[0]!r} is planned for month {late['month'].iloc[0]}, after the last month ({months}). "
            "Move it earlier or make the timeline longer."
        )
    index = pd.RangeIndex(1, months + 1, name="month")
    grouped = costs.groupby("month")
    out = pd.DataFrame({
        "hours": grouped["hours"].sum().reindex(index, fill_value=0.0),
        "cost": grouped["cost"].sum().reindex(index, fill_value=0.0),
    })
    out["cumulative_cost"] = out["cost"].cumsum()
    if budget is not None:
        out["budget_left"] = float(budget) - out["cumulative_cost"]
    return out


@dataclass(frozen=True)
class PlanCheck:
    """The result of :func:`check_plan`: one row per check in ``findings``."""

    findings: pd.DataFrame
    total_cost: float
    budget: float
    trained: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return bool(self.findings["ok"].all())

    @property
    def problems(self) -> list[str]:
        """The details of the checks that failed."""
        return list(self.findings.loc[~self.findings["ok"], "detail"])

    def __str__(self) -> str:
        head = (f"Plan costs ${self.total_cost:,.0f} of a ${self.budget:,.0f} budget. "
                + ("Every check passes." if self.ok else f"{len(self.problems)} problem(s):"))
        lines = [head] + [f"- {p}" for p in self.problems]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        import html

        items = "".join(
            f"<li>{'&#10004;' if ok else '&#10006;'} {html.escape(detail)}</li>"
            for ok, detail in zip(self.findings["ok"], self.findings["detail"])
        )
        verdict = "Every check passes." if self.ok else f"{len(self.problems)} problem(s) to fix."
        return (f"<p><b>Plan costs ${self.total_cost:,.0f} of a ${self.budget:,.0f} budget.</b> {verdict}</p>"
                f"<ul style='list-style:none;padding-left:0.5em'>{items}</ul>")


def check_plan(
    plan: pd.DataFrame,
    budget: float,
    must_cover: Iterable[str] = (),
    min_people: int = 2,
    max_hours_per_month: float | None = None,
    min_hours: float | None = None,
) -> PlanCheck:
    """Check a training plan: within budget, each skill in ``must_cover`` trained for at least
    ``min_people`` different people (one person alone is a single point of failure), and, if
    given, nobody in more than ``max_hours_per_month`` hours of training in one month.

    ``min_hours`` is how much training makes a person count as trained in a skill: their
    hours in that skill, added over the plan, must reach it (an hour-long webinar is an
    introduction, not a skill). Without it, any hours above 0 count.

    >>> plan = pd.DataFrame({"who": ["A", "B"], "organization": ["X", "X"], "skill": ["s", "s"],
    ...                      "hours": [10, 10], "cost_per_hour": [40, 40], "month": [1, 2]})
    >>> check_plan(plan, budget=1000, must_cover=["s"]).ok
    True
    >>> print(check_plan(plan, budget=500, must_cover=["s", "t"]))
    Plan costs $800 of a $500 budget. 2 problem(s):
    - Over budget by $300: the plan costs $800 and the budget is $500.
    - Gap not covered: nobody in the plan is trained in t, and the plan has no line for it, so no change of hours can cover it. Add a line for each of at least 2 people (who, skill, hours, cost per hour).
    >>> print(check_plan(plan.assign(hours=[10, 0]), budget=1000, must_cover=["s"]))
    Plan costs $400 of a $1,000 budget. 1 problem(s):
    - Single point of failure: only 1 person is trained in s (need at least 2).
    >>> print(check_plan(plan, budget=1000, must_cover=["s"], min_hours=12))
    Plan costs $800 of a $1,000 budget. 1 problem(s):
    - Too few hours: A and B have under 12 hours each in s, so nobody counts as trained in it yet (need at least 2 people with 12 hours or more).
    """
    require_number(budget, "budget", at_least=0, meaning="an amount of money", error=PlanError)
    require_number(min_people, "min_people", at_least=1, whole=True, error=PlanError)
    if min_hours is not None:
        require_number(min_hours, "min_hours", at_least=0, meaning="hours of training that make a person count as trained",
                       error=PlanError)
    if isinstance(must_cover, str):
        must_cover = [must_cover]
    costs = plan_costs(plan)
    total = float(costs["cost"].sum())
    rows = []
    if total > budget:
        rows.append(("budget", False,
                     f"Over budget by ${total - budget:,.0f}: the plan costs ${total:,.0f} and the budget is ${budget:,.0f}."))
    else:
        rows.append(("budget", True, f"Within budget: ${total:,.0f} of ${budget:,.0f} (${budget - total:,.0f} left)."))
    hours_per_person = costs.groupby(["skill", "who"])["hours"].sum()
    trained, short = {}, {}
    for skill in must_cover:
        person_hours = hours_per_person[skill] if skill in hours_per_person.index.get_level_values(0) else pd.Series(dtype=float)
        person_hours = person_hours[person_hours > 0]
        enough = person_hours if min_hours is None else person_hours[person_hours >= min_hours]
        trained[skill] = sorted(map(str, enough.index))
        short[skill] = sorted(map(str, person_hours.index.difference(enough.index)))
    for skill, people in trained.items():
        n = len(people)
        if n < min_people and short[skill]:
            names = " and ".join([", ".join(short[skill][:-1]), short[skill][-1]] if len(short[skill]) > 1
                                 else short[skill])
            has = "has" if len(short[skill]) == 1 else "have"
            each = "" if len(short[skill]) == 1 else " each"
            counted = ("nobody counts as trained in it yet" if n == 0 else
                       f"only {n} {'person counts' if n == 1 else 'people count'} as trained in it")
            rows.append((f"cover {skill}", False,
                         f"Too few hours: {names} {has} under {min_hours:g} hours{each} in {skill}, so {counted} "
                         f"(need at least {min_people} people with {min_hours:g} hours or more)."))
        elif n == 0 and skill not in set(costs["skill"]):
            rows.append((f"cover {skill}", False,
                         f"Gap not covered: nobody in the plan is trained in {skill}, and the plan has no line for "
                         f"it, so no change of hours can cover it. Add a line for each of at least {min_people} "
                         "people (who, skill, hours, cost per hour)."))
        elif n == 0:
            rows.append((f"cover {skill}", False,
                         f"Gap not covered: nobody in the plan is trained in {skill} (need at least {min_people} people)."))
        elif n < min_people:
            label = "Single point of failure" if n == 1 else "Too few people"
            rows.append((f"cover {skill}", False,
                         f"{label}: only {n} {'person is' if n == 1 else 'people are'} trained in {skill} "
                         f"(need at least {min_people})."))
        else:
            rows.append((f"cover {skill}", True, f"{skill}: {n} people trained."))
    if max_hours_per_month is not None:
        per = costs.groupby(["who", "month"])["hours"].sum()
        heavy = per[per > max_hours_per_month]
        if heavy.empty:
            rows.append(("workload", True, f"Nobody has more than {max_hours_per_month:g} training hours in a month."))
        for (who, month), hours in heavy.items():
            rows.append(("workload", False,
                         f"Too much in one month: {who} has {hours:g} training hours in month {month} "
                         f"(limit {max_hours_per_month:g}). Spread it over more months."))
    findings = pd.DataFrame(rows, columns=["check", "ok", "detail"])
    return PlanCheck(findings=findings, total_cost=total, budget=float(budget), trained=trained)
