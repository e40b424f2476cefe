"""People (principle 7): skills gaps, data roles, a training plan and its budget, the bus factor.

The Playbook's seventh principle: technology can be bought or built, but the people who
lead data sharing have to be developed. One concept per module:

- ``helpers.people.skills`` - the skills survey: ratings and gap scores (the share of
  staff below a target level) overall, by role or by organization, described and drawn;
  skill areas, including the skills of *leading the work* (convening partners,
  negotiating agreements, building trust across organizations).
- ``helpers.people.gap_impact`` - which skill gaps put which principles at risk
  (:data:`SKILL_PRINCIPLES`, a table anyone can read and replace).
- ``helpers.people.roles`` - data owner, steward and custodian; everyday
  responsibilities; who holds each role for each system.
- ``helpers.people.training_plan`` - a plan's costs, totals, month-by-month timeline
  and checks (budget, gaps covered by enough people, monthly load).
- ``helpers.people.sustainability`` - the bus factor, single points of failure, and
  the survey as if the plan had worked.
- ``helpers.people.errors`` - the errors these raise.

Every name is also importable from ``helpers.people`` itself, as the lessons do. Every
function is pure: it returns new tables and never changes the ones you pass in.

Example:
    >>> import pandas as pd
    >>> survey = pd.DataFrame({
    ...     "respondent_id": ["A", "B", "C", "D"],
    ...     "organization": ["District", "District", "Mentors", "Mentors"],
    ...     "role": ["analyst", "teacher", "coordinator", "coordinator"],
    ...     "data_privacy": [4, 2, 1, 3],
    ...     "record_linkage": [3, 1, 1, 1],
    ... })
    >>> overall_gaps(survey).to_dict()
    {'record_linkage': 0.75, 'data_privacy': 0.5}
    >>> principles_at_risk(overall_gaps(survey))
    [4, 5]
    >>> bus_factor(survey, level=3).to_dict()
    {'data_privacy': 2, 'record_linkage': 1}
"""

from .errors import MissingColumnError, PeopleError, PlanError, SurveyError, UnknownResponsibilityError
from .gap_impact import SKILL_PRINCIPLES, blocked_principles, principles_at_risk, skill_principles
from .roles import DATA_ROLES, RESPONSIBILITIES, data_roles, responsibilities, role_for, system_roles
from .skills import (
    CONFIDENT,
    SCALE,
    SKILL_AREAS,
    SURVEY_SKILLS,
    biggest_gaps,
    describe_gaps,
    draw_gap_heatmap,
    gap_scores,
    overall_gaps,
    ratings,
    skill_columns,
    skills_in,
)
from .sustainability import after_training, bus_factor, single_points_of_failure
from .training_plan import PLAN_COLUMNS, PlanCheck, check_plan, plan_costs, plan_timeline, plan_totals

__all__ = [
    "SURVEY_SKILLS",
    "SKILL_AREAS",
    "skills_in",
    "SCALE",
    "CONFIDENT",
    "SKILL_PRINCIPLES",
    "DATA_ROLES",
    "RESPONSIBILITIES",
    "PLAN_COLUMNS",
    "PeopleError",
    "SurveyError",
    "PlanError",
    "MissingColumnError",
    "UnknownResponsibilityError",
    "skill_columns",
    "ratings",
    "overall_gaps",
    "gap_scores",
    "biggest_gaps",
    "describe_gaps",
    "draw_gap_heatmap",
    "skill_principles",
    "blocked_principles",
    "principles_at_risk",
    "data_roles",
    "responsibilities",
    "role_for",
    "system_roles",
    "plan_costs",
    "plan_totals",
    "plan_timeline",
    "check_plan",
    "PlanCheck",
    "bus_factor",
    "single_points_of_failure",
    "after_training",
]
