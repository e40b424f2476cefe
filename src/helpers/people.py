"""People: skills gaps, data roles, a training plan and its budget, and the bus factor.

The Playbook's seventh principle: technology can be bought or built, but the people who
lead data sharing have to be developed. This module turns a staff skills survey and a
training plan into the numbers a partnership needs to plan that investment:

* **Gap scores** - for each skill, the share of staff who rate themselves *below* a target
  level (default 3 on a 1-4 scale), by role or by organization.
* **Which gaps block which principles** - an explicit table (:data:`SKILL_PRINCIPLES`) that
  says, for each skill, which principle suffers without it and why. It is data, so anyone
  can read it, argue with it, and pass their own.
* **Data roles** - owner (accountable), steward (fitness for use and the rules), custodian
  (the technology), and which role does which everyday task.
* **A training plan** - one row per person and course: ``who``, ``organization``,
  ``skill``, ``hours``, ``cost_per_hour``, ``month``. Totals by organization or month, a
  month-by-month timeline, and checks (over budget, a gap not covered, only one person
  trained, too many hours in one month).
* **The bus factor** - how many people could keep a skill going if someone left.

Every function is pure: it returns new tables and never changes the ones you pass in.

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
    >>> gap_scores(survey, by="organization", min_group=1)
                  data_privacy  record_linkage
    organization
    District               0.5             0.5
    Mentors                0.5             1.0
    >>> bus_factor(survey, level=3).to_dict()
    {'data_privacy': 2, 'record_linkage': 1}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.principles import PRINCIPLES
from helpers.validation import MissingColumnsError

__all__ = [
    "SURVEY_SKILLS",
    "CONFIDENT",
    "SKILL_PRINCIPLES",
    "PRINCIPLE_NAMES",
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

#: The skills in Riverbend's survey, in the order the lessons show them.
SURVEY_SKILLS = (
    "spreadsheets",
    "data_visualization",
    "data_privacy",
    "ferpa_knowledge",
    "data_governance",
    "record_linkage",
    "sql_or_python",
    "communicating_data",
)
#: Lowest and highest rating on the survey's scale (1 = no experience ... 4 = could teach it).
SCALE = (1, 4)
#: The default target: a rating of 3 or more counts as "confident".
CONFIDENT = 3

#: Short names of the seven principles (StriveTogether and Data Quality Campaign, 2015).
PRINCIPLE_NAMES = PRINCIPLES

#: Which principle stalls when a skill is missing, and why. One row per (skill, principle).
#: This is a judgement written down so it can be audited and changed, not a law of nature.
SKILL_PRINCIPLES = (
    ("spreadsheets", 2, "Inventories of systems and fields, and first data-quality checks, live in spreadsheets."),
    ("spreadsheets", 3, "Turning a question into an indicator starts with counting and filtering a table."),
    ("data_visualization", 1, "Leaders decide from a clear chart or a one-page brief, not from raw tables."),
    ("communicating_data", 1, "Someone must explain what the numbers mean, and what they do not mean, to decision-makers."),
    ("data_privacy", 4, "Classifying identifiers, suppressing small cells and limiting access are everyday privacy work."),
    ("ferpa_knowledge", 6, "Without knowing the FERPA pathways, staff say 'FERPA won't let us' and sharing stops."),
    ("data_governance", 4, "Written rules for access, retention and destruction are how protection becomes routine."),
    ("data_governance", 5, "A hub is trusted only if its governance (who decides, who may see what) is clear."),
    ("record_linkage", 5, "The hub's core job is matching records about the same child across partners."),
    ("sql_or_python", 5, "Hub linkage, storage and safe aggregates are run with code or a database, repeatably."),
)

#: The three data roles. The owner answers for the data, the steward for its fitness and
#: rules, the custodian for the technology that holds it.
DATA_ROLES = (
    ("owner", "Accountable for the data",
     "Decides whether and with whom data is shared, approves agreements and access, answers for it if "
     "something goes wrong."),
    ("steward", "Fitness for use and the rules",
     "Defines what each field means, sets and checks data-quality rules, documents definitions, reviews "
     "requests against the rules."),
    ("custodian", "The technology",
     "Runs the systems: storage, backups, security patches, user accounts and secure transfers, carrying out "
     "the owner's and steward's decisions."),
)

#: Everyday responsibilities and the role that holds each (for exercises and as a reference).
RESPONSIBILITIES = (
    ("Approve or refuse the mentoring program's request for attendance data", "owner",
     "Deciding whether data leaves the organization is the accountable person's call."),
    ("Sign the data-sharing agreement on behalf of the district", "owner",
     "Signing commits the organization; that is accountability."),
    ("Answer to the school board if a partner misuses shared data", "owner",
     "The owner is accountable for the data, including when things go wrong."),
    ("Write down what 'chronically absent' means in the data dictionary", "steward",
     "Definitions are about fitness for use: a steward's job."),
    ("Check each month's partner roster for missing dates of birth and fix the entry rules", "steward",
     "Data-quality rules and their follow-up belong to the steward."),
    ("Review a new data request against the agreed minimum fields", "steward",
     "Applying the rules to a request is stewardship; the owner then decides."),
    ("Apply security patches and run nightly backups of the hub database", "custodian",
     "Keeping the technology running and safe is the custodian's job."),
    ("Create an account for a new analyst once access has been approved", "custodian",
     "The custodian carries out an access decision; they do not make it."),
    ("Set up the encrypted file transfer between the district and the hub", "custodian",
     "Transfers are technology work."),
)

#: Columns a training plan needs.
PLAN_COLUMNS = ("who", "organization", "skill", "hours", "cost_per_hour", "month")


class PeopleError(ValueError):
    """Base class: a survey, plan or setting this module cannot use, with what to fix."""


class SurveyError(PeopleError):
    """A skills survey is missing columns or has ratings outside the scale."""


class PlanError(PeopleError):
    """A training plan is missing columns or has impossible values."""


class MissingColumnError(MissingColumnsError):
    """A needed column is not in the table (the message says which, and what to try)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else "A column is missing."


class UnknownResponsibilityError(KeyError):
    """A task that is not in :data:`RESPONSIBILITIES`."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Unknown responsibility."


# ---------------------------------------------------------------------------
# The survey
# ---------------------------------------------------------------------------


def _require_frame(table: Any, what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise PeopleError(f"The {what} should be a table (a pandas DataFrame), but got a {type(table).__name__}.")


def skill_columns(survey: pd.DataFrame, skills: Sequence[str] | None = None) -> list[str]:
    """The skill columns to use: ``skills`` if given (each must exist), else the survey skills present.

    >>> skill_columns(pd.DataFrame({"role": ["x"], "data_privacy": [2]}))
    ['data_privacy']
    """
    _require_frame(survey, "survey")
    if skills is not None:
        if isinstance(skills, str):
            skills = [skills]
        skills = list(skills)
        if not skills:
            raise SurveyError("No skills were given. Pass a list of skill column names, or leave skills out.")
        missing = [s for s in skills if s not in survey.columns]
        if missing:
            raise MissingColumnError(
                f"The survey has no column {missing[0]!r}. Its columns are: {', '.join(map(str, survey.columns))}. "
                "Check the spelling (use underscores, e.g. 'record_linkage')."
            )
        return skills
    found = [s for s in SURVEY_SKILLS if s in survey.columns]
    if not found:
        raise SurveyError(
            "None of the usual skill columns are in this table (for example 'data_privacy' or 'record_linkage'). "
            "Is it the skills survey? If your skills have other names, pass them: skills=['my_skill', ...]."
        )
    return found


def ratings(survey: pd.DataFrame, skills: Sequence[str] | None = None) -> pd.DataFrame:
    """The skill ratings as numbers (blank answers stay blank), checked against the 1-4 scale.

    >>> ratings(pd.DataFrame({"data_privacy": ["2", None, 4]})).to_dict("list")
    {'data_privacy': [2.0, nan, 4.0]}
    """
    cols = skill_columns(survey, skills)
    out = pd.DataFrame(index=survey.index)
    low, high = SCALE
    for col in cols:
        raw = survey[col]
        values = pd.to_numeric(raw.astype(object).where(raw.notna(), np.nan), errors="coerce").astype(float)
        bad = values.isna() & raw.notna()
        if bad.any():
            example = raw[bad].iloc[0]
            raise SurveyError(
                f"Column {col!r} has a rating that is not a number: {example!r}. Ratings are whole numbers "
                f"from {low} to {high}; fix or blank that answer."
            )
        outside = values.notna() & ((values < low) | (values > high) | (values != values.round()))
        if outside.any():
            raise SurveyError(
                f"Column {col!r} has a rating outside the {low}-{high} scale: {values[outside].iloc[0]:g}. "
                "Check for typing errors (for example 33 instead of 3)."
            )
        out[col] = values
    return out


def _check_target(target: Any, cols: Sequence[str]) -> dict[str, float]:
    if isinstance(target, Mapping):
        missing = [c for c in cols if c not in target]
        if missing:
            raise PeopleError(f"The target levels do not include {missing[0]!r}. Give a level for every skill.")
        levels = {c: target[c] for c in cols}
    else:
        levels = {c: target for c in cols}
    low, high = SCALE
    for skill, level in levels.items():
        if isinstance(level, bool) or not isinstance(level, (int, float, np.integer, np.floating)) or not (
            low < level <= high
        ):
            raise PeopleError(
                f"The target level for {skill!r} is {level!r}; it should be a number above {low} and at most "
                f"{high} (3 means 'confident')."
            )
    return {k: float(v) for k, v in levels.items()}


def _below(survey: pd.DataFrame, target: Any, skills: Sequence[str] | None) -> pd.DataFrame:
    """1.0 where a rating is below target, 0.0 where not, blank where unanswered."""
    values = ratings(survey, skills)
    levels = _check_target(target, list(values.columns))
    below = pd.DataFrame(index=values.index)
    for col in values.columns:
        below[col] = (values[col] < levels[col]).astype(float).where(values[col].notna())
    return below


def overall_gaps(survey: pd.DataFrame, target: Any = CONFIDENT, skills: Sequence[str] | None = None) -> pd.Series:
    """For each skill, the share (0-1) of respondents rating below ``target``; biggest gap first.

    ``target`` is one level for every skill, or a mapping ``{skill: level}``. Blank answers
    are left out of the share. Ties keep the survey's skill order.
    """
    below = _below(survey, target, skills)
    gaps = below.mean()
    order = sorted(range(len(gaps)), key=lambda i: (-_nan_low(gaps.iloc[i]), i))
    out = gaps.iloc[order]
    out.name = "gap"
    return out


def _nan_low(x: float) -> float:
    return -1.0 if pd.isna(x) else float(x)


def _group_column(survey: pd.DataFrame, by: str) -> None:
    if not isinstance(by, str) or by not in survey.columns:
        raise MissingColumnError(
            f"Cannot group by {by!r}: the survey has no such column. Try by='role' or by='organization'."
        )


def gap_scores(
    survey: pd.DataFrame,
    by: str = "role",
    target: Any = CONFIDENT,
    skills: Sequence[str] | None = None,
    min_group: int = 5,
) -> pd.DataFrame:
    """Gap scores by group: rows are the values of ``by``, columns the skills, cells the share below ``target``.

    Groups with fewer than ``min_group`` respondents are left blank, because a "share" of two
    or three named colleagues tells everyone how each of them rated themselves.
    """
    _require_frame(survey, "survey")
    _group_column(survey, by)
    if isinstance(min_group, bool) or not isinstance(min_group, (int, np.integer)) or min_group < 1:
        raise PeopleError(f"min_group should be a whole number of at least 1, not {min_group!r}.")
    below = _below(survey, target, skills)
    groups = survey[by].astype(object).where(survey[by].notna(), "(blank)")
    table = below.groupby(groups.values).mean()
    sizes = groups.value_counts()
    small = sizes[sizes < min_group].index
    table.loc[table.index.isin(small), :] = np.nan
    table.index.name = by
    table.columns.name = None
    return table.sort_index()


def biggest_gaps(
    survey: pd.DataFrame, n: int = 2, target: Any = CONFIDENT, skills: Sequence[str] | None = None
) -> list[str]:
    """The ``n`` skills with the largest overall gap (ties keep the survey's skill order).

    >>> s = pd.DataFrame({"data_privacy": [1, 4], "record_linkage": [1, 1], "spreadsheets": [4, 4]})
    >>> biggest_gaps(s, n=2)
    ['record_linkage', 'data_privacy']
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise PeopleError(f"n should be a whole number of at least 1, not {n!r}.")
    return list(overall_gaps(survey, target, skills).index[:n])


def _pretty(skill: str) -> str:
    return str(skill).replace("_", " ")


def describe_gaps(gaps: pd.DataFrame, n: int = 3) -> str:
    """One sentence naming the ``n`` biggest cells of a gap table (for alt text and captions).

    >>> t = pd.DataFrame({"data_privacy": [0.2, 0.9], "record_linkage": [1.0, 0.5]}, index=["A", "B"])
    >>> t.index.name = "role"
    >>> describe_gaps(t, n=2)
    'Biggest gaps: record linkage for A (100% below target); data privacy for B (90% below target).'
    """
    if not isinstance(gaps, pd.DataFrame) or gaps.empty:
        raise PeopleError("describe_gaps() needs a table from gap_scores().")
    long = gaps.stack().dropna()
    if long.empty:
        return "No gap scores to describe (every group was too small or unanswered)."
    positions = {(g, s): i for i, (g, s) in enumerate(long.index)}
    top = sorted(long.items(), key=lambda kv: (-kv[1], positions[kv[0]]))[:n]
    parts = [f"{_pretty(skill)} for {group} ({value:.0%} below target)" for (group, skill), value in top]
    return "Biggest gaps: " + "; ".join(parts) + "."


def draw_gap_heatmap(ax: Any, gaps: pd.DataFrame, cmap: str | None = None) -> Any:
    """Draw a gap table as an annotated heatmap on ``ax`` (viridis: readable in greyscale).

    Darker means a *smaller* gap, lighter (yellow) a bigger one; every cell also shows its
    percent, so the colour is never the only carrier of meaning. Blank groups show "n<".
    Returns the image (pass it to ``fig.colorbar``). Label and show the figure with
    ``helpers.charts.label`` and ``helpers.charts.show``.
    """
    from helpers.charts import SEQUENTIAL

    if not isinstance(gaps, pd.DataFrame) or gaps.empty:
        raise PeopleError("draw_gap_heatmap() needs a table from gap_scores().")
    values = gaps.to_numpy(dtype=float)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap or SEQUENTIAL, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([_pretty(c) for c in gaps.columns], rotation=35, ha="right")
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels([str(i) for i in gaps.index])
    ax.grid(False)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            text = "n<" if np.isnan(v) else f"{v:.0%}"
            colour = "black" if (np.isnan(v) or v > 0.45) else "white"  # contrast on viridis
            ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=9)
    return image


# ---------------------------------------------------------------------------
# Gaps -> principles
# ---------------------------------------------------------------------------


def skill_principles(mapping: Iterable[Sequence[Any]] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The skill-to-principle table (default :data:`SKILL_PRINCIPLES`) with principle names.

    >>> skill_principles().query("skill == 'ferpa_knowledge'")["principle"].tolist()
    [6]
    """
    if mapping is None:
        mapping = SKILL_PRINCIPLES
    table = mapping.copy() if isinstance(mapping, pd.DataFrame) else pd.DataFrame(list(mapping))
    if not isinstance(mapping, pd.DataFrame):
        if table.shape[1] != 3:
            raise PeopleError("Each mapping row needs three parts: (skill, principle number, why).")
        table.columns = ["skill", "principle", "why"]
    for col in ("skill", "principle", "why"):
        if col not in table.columns:
            raise MissingColumnError(f"The mapping table needs a {col!r} column (skill, principle, why).")
    bad = [p for p in table["principle"] if p not in PRINCIPLE_NAMES]
    if bad:
        raise PeopleError(f"Principle {bad[0]!r} is not one of the seven (1-7).")
    table = table[["skill", "principle", "why"]].copy()
    table["principle"] = table["principle"].astype(int)
    table.insert(2, "principle_name", table["principle"].map(PRINCIPLE_NAMES))
    return table.reset_index(drop=True)


def blocked_principles(
    gaps: pd.Series | pd.DataFrame,
    threshold: float = 0.5,
    mapping: Iterable[Sequence[Any]] | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which principles a set of gaps puts at risk: every (skill, principle) whose gap is at least ``threshold``.

    ``gaps`` is a Series (one gap per skill, e.g. :func:`overall_gaps` or one row of
    :func:`gap_scores`) or a whole :func:`gap_scores` table (then a ``group`` column says whose
    gap it is). Skills not in the mapping are ignored; blank gaps never block.

    >>> g = pd.Series({"ferpa_knowledge": 0.8, "data_privacy": 0.2})
    >>> blocked_principles(g)[["skill", "gap", "principle"]].to_dict("records")
    [{'skill': 'ferpa_knowledge', 'gap': 0.8, 'principle': 6}]
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.integer, np.floating)) or not (
        0 <= threshold <= 1
    ):
        raise PeopleError(f"threshold is a share from 0 to 1 (0.5 = half the staff below target), not {threshold!r}.")
    table = skill_principles(mapping)
    if isinstance(gaps, pd.Series):
        long = pd.DataFrame({"skill": gaps.index.astype(str), "gap": pd.to_numeric(gaps.values, errors="coerce")})
        keys = ["skill"]
    elif isinstance(gaps, pd.DataFrame):
        long = gaps.stack(future_stack=True).rename("gap").reset_index()
        long.columns = ["group", "skill", "gap"]
        long["gap"] = pd.to_numeric(long["gap"], errors="coerce")
        keys = ["group", "skill"]
    else:
        raise PeopleError("blocked_principles() needs gap scores: a Series from overall_gaps() or a gap_scores() table.")
    merged = long.merge(table, on="skill", how="inner")
    merged = merged[merged["gap"].notna() & (merged["gap"] >= threshold)]
    cols = keys + ["gap", "principle", "principle_name", "why"]
    return merged.sort_values(keys[:-1] + ["principle", "gap"], ascending=[True] * (len(keys) - 1) + [True, False],
                              kind="stable")[cols].reset_index(drop=True)


def principles_at_risk(gaps: pd.Series | pd.DataFrame, threshold: float = 0.5,
                       mapping: Iterable[Sequence[Any]] | pd.DataFrame | None = None) -> list[int]:
    """The principle numbers :func:`blocked_principles` finds, sorted, each once.

    >>> principles_at_risk(pd.Series({"record_linkage": 0.9, "data_governance": 0.6}))
    [4, 5]
    """
    return sorted({int(p) for p in blocked_principles(gaps, threshold, mapping)["principle"]})


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------


def data_roles() -> pd.DataFrame:
    """The three data roles: owner, steward and custodian, in a sentence each."""
    return pd.DataFrame(list(DATA_ROLES), columns=["role", "in_short", "what_they_do"])


def responsibilities() -> pd.DataFrame:
    """Everyday responsibilities and the role that holds each (see :data:`RESPONSIBILITIES`)."""
    return pd.DataFrame(list(RESPONSIBILITIES), columns=["responsibility", "role", "why"])


def role_for(responsibility: str) -> str:
    """The role that holds a responsibility from :data:`RESPONSIBILITIES` (spacing and case ignored).

    >>> role_for("Sign the data-sharing agreement on behalf of the district")
    'owner'
    """
    key = " ".join(str(responsibility).lower().split())
    for text, role, _ in RESPONSIBILITIES:
        if " ".join(text.lower().split()) == key:
            return role
    raise UnknownResponsibilityError(
        f"{responsibility!r} is not in the list of responsibilities. Copy a task from responsibilities()."
    )


def system_roles(data_systems: pd.DataFrame, roles: Sequence[str] = ("owner", "steward", "custodian")) -> pd.DataFrame:
    """Who holds each role for each system, as a long table; unrecorded roles say ``"not recorded"``.

    >>> systems = pd.DataFrame({"system_name": ["SIS"], "owner": ["CAO"], "steward": [""]})
    >>> system_roles(systems)[["role", "held_by"]].to_dict("list")
    {'role': ['owner', 'steward', 'custodian'], 'held_by': ['CAO', 'not recorded', 'not recorded']}
    """
    _require_frame(data_systems, "systems inventory")
    if "system_name" not in data_systems.columns:
        raise MissingColumnError("The systems inventory needs a 'system_name' column to say which system is which.")
    keep = [c for c in ("system_id", "system_name", "organization") if c in data_systems.columns]
    rows = []
    for _, system in data_systems.iterrows():
        for role in roles:
            value = system.get(role, None) if role in data_systems.columns else None
            text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
            rows.append({**{k: system[k] for k in keep}, "role": role, "held_by": text or "not recorded"})
    return pd.DataFrame(rows, columns=keep + ["role", "held_by"])


# ---------------------------------------------------------------------------
# Training plan
# ---------------------------------------------------------------------------


def plan_costs(plan: pd.DataFrame, skills: Iterable[str] | None = None) -> pd.DataFrame:
    """A checked copy of a training plan with a ``cost`` column (hours x cost per hour).

    ``skills``, if given, lists the skill names allowed in the ``skill`` column (catches typos).

    >>> plan = pd.DataFrame({"who": ["A"], "organization": ["District"], "skill": ["record_linkage"],
    ...                      "hours": [10], "cost_per_hour": [50], "month": [2]})
    >>> plan_costs(plan)["cost"].tolist()
    [500.0]
    """
    _require_frame(plan, "training plan")
    missing = [c for c in PLAN_COLUMNS if c not in plan.columns]
    if missing:
        raise MissingColumnError(
            f"The training plan is missing the column(s) {', '.join(missing)}. A plan needs one row per person "
            f"and course with: {', '.join(PLAN_COLUMNS)}."
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
        raise MissingColumnError(f"Cannot total by {by!r}. Try by='organization', 'month', 'skill' or 'who'.")
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
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise PlanError(f"months should be a whole number of at least 1, not {months!r}.")
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
) -> PlanCheck:
    """Check a training plan: within budget, each skill in ``must_cover`` trained for at least
    ``min_people`` different people (one person alone is a single point of failure), and, if
    given, nobody in more than ``max_hours_per_month`` hours of training in one month.

    >>> plan = pd.DataFrame({"who": ["A", "B"], "organization": ["X", "X"], "skill": ["s", "s"],
    ...                      "hours": [10, 10], "cost_per_hour": [40, 40], "month": [1, 2]})
    >>> check_plan(plan, budget=1000, must_cover=["s"]).ok
    True
    >>> print(check_plan(plan, budget=500, must_cover=["s", "t"]))
    Plan costs $800 of a $500 budget. 2 problem(s):
    - Over budget by $300: the plan costs $800 and the budget is $500.
    - Gap not covered: nobody in the plan is trained in t (need at least 2 people).
    """
    if isinstance(budget, bool) or not isinstance(budget, (int, float, np.integer, np.floating)) or budget < 0:
        raise PlanError(f"budget should be an amount of money (a number of at least 0), not {budget!r}.")
    if isinstance(min_people, bool) or not isinstance(min_people, (int, np.integer)) or min_people < 1:
        raise PlanError(f"min_people should be a whole number of at least 1, not {min_people!r}.")
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
    trained = {
        skill: sorted(map(str, costs.loc[(costs["skill"] == skill) & (costs["hours"] > 0), "who"].unique()))
        for skill in must_cover
    }
    for skill, people in trained.items():
        n = len(people)
        if n == 0:
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


# ---------------------------------------------------------------------------
# Bus factor
# ---------------------------------------------------------------------------


def bus_factor(
    survey: pd.DataFrame, level: int = CONFIDENT, by: str | None = None, skills: Sequence[str] | None = None
) -> pd.Series | pd.DataFrame:
    """How many people rate themselves at ``level`` or above in each skill (overall, or per ``by`` group).

    If this number is 1, the skill leaves with that one person; if it is 0, nobody has it.
    """
    values = ratings(survey, skills)
    low, high = SCALE
    if isinstance(level, bool) or not isinstance(level, (int, float, np.integer, np.floating)) or not (
        low <= level <= high
    ):
        raise PeopleError(f"level should be a rating from {low} to {high} (4 = could teach it), not {level!r}.")
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
    _require_frame(survey, "survey")
    if id_column not in survey.columns:
        raise MissingColumnError(f"The survey needs an {id_column!r} column to match the plan's 'who'.")
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
