"""Which skill gaps put which of the seven principles at risk.

An explicit table (:data:`SKILL_PRINCIPLES`) says, for each skill, which principle
stalls without it and why. It is data, so anyone can read it, argue with it, and pass
their own mapping instead.

Example:
    >>> import pandas as pd
    >>> principles_at_risk(pd.Series({"record_linkage": 0.9, "data_governance": 0.6}))
    [4, 5]
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import pandas as pd

from helpers.principles import PRINCIPLES
from helpers.validation import require_columns, require_number

from .errors import MissingColumnError, PeopleError

__all__ = ["SKILL_PRINCIPLES", "skill_principles", "blocked_principles", "principles_at_risk"]

#: Which principle stalls when a skill is missing, and why. One row per (skill, principle).
#: This is a judgment written down so it can be audited and changed, not a law of nature.
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
    ("convening_partners", 1, "Someone has to bring decision-makers to one table around a shared question, and keep them coming."),
    ("convening_partners", 5, "A hub is a one-stop shop only if someone keeps its partners meeting and using it."),
    ("negotiating_agreements", 6, "The legal pathways become real only in an agreement that both sides negotiate and sign."),
    ("negotiating_agreements", 5, "Every partner's data reaches the hub through an agreement someone has to work out."),
    ("building_trust", 4, "Trust, turf and time, not technology, are what stall collaboration between organizations."),
    ("building_trust", 5, "A hub works only when every party trusts it with their data."),
)


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
    require_columns(table, ["skill", "principle", "why"], "The skill-to-principle mapping", allow_empty=True,
                    error=MissingColumnError)
    bad = [p for p in table["principle"] if p not in PRINCIPLES]
    if bad:
        raise PeopleError(f"Principle {bad[0]!r} is not one of the seven (1-7).")
    table = table[["skill", "principle", "why"]].copy()
    table["principle"] = table["principle"].astype(int)
    table.insert(2, "principle_name", table["principle"].map(PRINCIPLES))
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
    require_number(threshold, "threshold", at_least=0, at_most=1, meaning="a share: 0.5 = half the staff below target",
                   error=PeopleError)
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
