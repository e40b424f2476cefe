"""The skills survey: who rates themselves below a target level, in which skills, by group.

Staff rate each skill from 1 (no experience) to 4 (could teach it). A **gap score** is
the share of respondents rating *below* a target level (default 3, "confident"),
overall or by role or organization. Small groups are left blank, so a "share" never
reveals how two or three named colleagues rated themselves.

Example:
    >>> import pandas as pd
    >>> survey = pd.DataFrame({
    ...     "respondent_id": ["A", "B", "C", "D"],
    ...     "organization": ["District", "District", "Mentors", "Mentors"],
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
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.validation import require_number

from .errors import MissingColumnError, PeopleError, SurveyError, require_frame

__all__ = [
    "SURVEY_SKILLS",
    "SKILL_AREAS",
    "skills_in",
    "SCALE",
    "CONFIDENT",
    "skill_columns",
    "ratings",
    "overall_gaps",
    "gap_scores",
    "biggest_gaps",
    "describe_gaps",
    "draw_gap_heatmap",
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
    "convening_partners",
    "negotiating_agreements",
    "building_trust",
)
#: Which area each survey skill belongs to. "leading the work" holds the skills of the people
#: who lead data sharing across organizations (the Playbook's seventh principle).
SKILL_AREAS = {
    "spreadsheets": "working with data",
    "data_visualization": "working with data",
    "record_linkage": "working with data",
    "sql_or_python": "working with data",
    "data_privacy": "protecting data",
    "ferpa_knowledge": "protecting data",
    "data_governance": "protecting data",
    "communicating_data": "working with data",
    "convening_partners": "leading the work",
    "negotiating_agreements": "leading the work",
    "building_trust": "leading the work",
}
#: Lowest and highest rating on the survey's scale (1 = no experience ... 4 = could teach it).
SCALE = (1, 4)
#: The default target: a rating of 3 or more counts as "confident".
CONFIDENT = 3


def skills_in(area: str) -> list[str]:
    """The survey skills in one area of :data:`SKILL_AREAS`, in survey order.

    >>> skills_in("leading the work")
    ['convening_partners', 'negotiating_agreements', 'building_trust']
    """
    found = [s for s in SURVEY_SKILLS if SKILL_AREAS.get(s) == area]
    if not found:
        areas = ", ".join(repr(a) for a in dict.fromkeys(SKILL_AREAS.values()))
        raise PeopleError(f"No skills in the area {area!r}. The areas are: {areas}.")
    return found


def skill_columns(survey: pd.DataFrame, skills: Sequence[str] | None = None) -> list[str]:
    """The skill columns to use: ``skills`` if given (each must exist), else the survey skills present.

    >>> skill_columns(pd.DataFrame({"role": ["x"], "data_privacy": [2]}))
    ['data_privacy']
    """
    require_frame(survey, "survey")
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
                "Check the spelling (use underscores, e.g. 'record_linkage').",
                missing=missing, available=survey.columns, table="survey",
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
        require_number(level, f"The target level for {skill!r}", above=low, at_most=high,
                       meaning="3 means 'confident'", error=PeopleError)
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
            f"Cannot group by {by!r}: the survey has no such column. Try by='role' or by='organization'.",
            missing=[by], available=survey.columns, table="survey",
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
    require_frame(survey, "survey")
    _group_column(survey, by)
    require_number(min_group, "min_group", at_least=1, whole=True, error=PeopleError)
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
    require_number(n, "n", at_least=1, whole=True, error=PeopleError)
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
    percent, so the color is never the only carrier of meaning. Blank groups show "n<".
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
            text_color = "black" if (np.isnan(v) or v > 0.45) else "white"  # contrast on viridis
            ax.text(j, i, text, ha="center", va="center", color=text_color, fontsize=9)
    return image
