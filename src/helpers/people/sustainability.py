"""Sustainability: the bus factor, single points of failure, and the plan's best case.

The **bus factor** of a skill is how many people could keep it going if someone left.
If it is 1, the skill leaves with that one person; if it is 0, nobody has it.
:func:`after_training` shows the survey as if a training plan had worked, to see whether
even the best case leaves single points of failure.

Example:
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"organization": ["X", "X", "Y"], "data_privacy": [4, 3, 1],
    ...                        "record_linkage": [3, 1, 1]})
    >>> bus_factor(survey, level=3).to_dict()
    {'data_privacy': 2, 'record_linkage': 1}
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from helpers.validation import require_number

from .errors import MissingColumnError, PeopleError, PlanError, require_frame
from .skills import CONFIDENT, SCALE, _group_column, ratings
from .training_plan import plan_costs

__all__ = ["bus_factor", "single_points_of_failure", "after_training"]

def bus_factor(
    survey: pd.DataFrame, level: int = CONFIDENT, by: str | None = None, skills: Sequence[str] | None = None
) -> pd.Series | pd.DataFrame:
    """How many people rate themselves at ``level`` or above in each skill (overall, or per ``by`` group).

    If this number is 1, the skill leaves with that one person; if it is 0, nobody has it.
    """
    values = ratings(survey, skills)
    low, high = SCALE
    require_number(level, "level", at_least=low, at_most=high, meaning="a rating: 4 = could teach it",
                   error=PeopleError)
    able = (values >= level).astype(int)
    if by is None:
        out = able.sum().astype(int)
        out.name = "people"
        return out
    _group_column(survey, by)
    groups = survey[by].astype(object).where(survey[by].notna(), "(blank)")
    table = able.groupby(groups.values).sum().astype(int).sort_index()
    table.index.name = by
    return table


def single_points_of_failure(
    survey: pd.DataFrame,
    level: int = CONFIDENT,
    by: str = "organization",
    skills: Sequence[str] | None = None,
    at_most: int = 1,
) -> pd.DataFrame:
    """Groups and skills held by ``at_most`` people or fewer (default: exactly one or nobody).

    >>> s = pd.DataFrame({"organization": ["X", "X", "Y"], "record_linkage": [4, 1, 3]})
    >>> single_points_of_failure(s).to_dict("records")
    [{'organization': 'X', 'skill': 'record_linkage', 'people': 1}, {'organization': 'Y', 'skill': 'record_linkage', 'people': 1}]
    """
    table = bus_factor(survey, level=level, by=by, skills=skills)
    long = table.stack().rename("people").reset_index()
    long.columns = [by, "skill", "people"]
    long = long[long["people"] <= at_most]
    return long.sort_values(["people", by], kind="stable").reset_index(drop=True)


def after_training(
    survey: pd.DataFrame, plan: pd.DataFrame, level: int = CONFIDENT, id_column: str = "respondent_id"
) -> pd.DataFrame:
    """A copy of the survey as if the plan had worked: each trained person's rating in the trained
    skill is raised to at least ``level``. An assumption, stated: training alone rarely makes an
    expert; this is the *best case*, useful to see whether even that leaves single points of failure.

    The plan's ``who`` must match the survey's ``id_column``.
    """
    require_frame(survey, "survey")
    if id_column not in survey.columns:
        raise MissingColumnError(f"The survey needs an {id_column!r} column to match the plan's 'who'.",
                                 missing=[id_column], available=survey.columns, table="survey")
    costs = plan_costs(plan)
    costs = costs[costs["hours"] > 0]
    skills = sorted(set(costs["skill"].astype(str)))
    # ratings() also checks that every trained skill is a column of the survey
    values = ratings(survey, skills) if skills else pd.DataFrame(index=survey.index)
    ids = survey[id_column].astype(str)
    unknown = sorted(set(costs["who"].astype(str)) - set(ids))
    if unknown:
        raise PlanError(
            f"{unknown[0]!r} in the plan's 'who' column is not a {id_column} in the survey. Use the survey's "
            "IDs so trained people can be matched (new hires are not in the survey yet)."
        )
    out = survey.copy()
    for skill in skills:
        people = set(costs.loc[costs["skill"] == skill, "who"].astype(str))
        trained = ids.isin(people)
        raised = values[skill].where(~trained, np.maximum(values[skill].fillna(0), level))
        out[skill] = raised.astype("Int64")
    return out
