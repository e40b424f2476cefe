"""k-anonymity and l-diversity of a row-level release, over chosen quasi-identifiers.

A release is **k-anonymous** when every record shares its quasi-identifier values (say
ZIP, birth year and gender) with at least k - 1 other records, so a linkage attack on
those columns can at best narrow a person down to a group of k. k-anonymity says nothing
about what the group has in common: if everyone in a group has the same sensitive value,
knowing someone is in the group reveals it. **l-diversity** asks that each group contain
at least l different sensitive values (the simple "distinct" version is used here).

Missing quasi-identifier values count as a value of their own (a blank ZIP is still
something a reader can match on). A missing *sensitive* value is not a different
sensitive value: a group whose only values are "homeless" and blank is 1-diverse.

Example:
    >>> import pandas as pd
    >>> release = pd.DataFrame({"zip": ["00101", "00101", "00101", "00102"],
    ...                         "gender": ["F", "F", "F", "M"], "iep": [True, False, True, True]})
    >>> report = k_anonymity(release, ["zip", "gender"], target_k=2)
    >>> report.k, report.records_at_risk, report.share_at_risk
    (1, 1, 0.25)
    >>> l_diversity(release, ["zip", "gender"], "iep").l
    1
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from .errors import PrivacyInputError, column_list, require_frame

__all__ = ["KAnonymity", "LDiversity", "k_anonymity", "l_diversity", "group_sizes"]


def _check_target(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise PrivacyInputError(f"{name} must be a whole number of records, 1 or more (got {value!r}), such as 5.")
    return int(value)


def _prepare(df: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    require_frame(df, "the release")
    qis = column_list(df, quasi_identifiers, "the release")
    if len(set(qis)) != len(qis):
        raise PrivacyInputError(f"A quasi-identifier is listed twice: {qis}.")
    if len(df) == 0:
        raise PrivacyInputError("The release has no rows, so there is nothing to measure.")
    return df, qis


def group_sizes(df: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> pd.DataFrame:
    """One row per combination of quasi-identifier values, with its number of ``records``.

    Sorted from the smallest group up.

    >>> import pandas as pd
    >>> group_sizes(pd.DataFrame({"zip": ["1", "1", "2"]}), ["zip"]).values.tolist()
    [['2', 1], ['1', 2]]
    """
    df, qis = _prepare(df, quasi_identifiers)
    sizes = df.groupby(qis, dropna=False, observed=True, sort=True).size().rename("records").reset_index()
    return sizes.sort_values("records", kind="stable").reset_index(drop=True)


@dataclass
class KAnonymity:
    """How well a release hides people in groups (see :func:`k_anonymity`)."""

    k: int
    target_k: int
    n_records: int
    n_groups: int
    records_at_risk: int
    groups: pd.DataFrame
    quasi_identifiers: list[str]

    @property
    def share_at_risk(self) -> float:
        """Share of records in groups smaller than ``target_k`` (0 to 1)."""
        return self.records_at_risk / self.n_records if self.n_records else 0.0

    def summary(self) -> str:
        return (
            f"k = {self.k} on {', '.join(self.quasi_identifiers)}: {self.n_records:,} records in "
            f"{self.n_groups:,} groups; {self.records_at_risk:,} records ({self.share_at_risk:.1%}) are in "
            f"groups smaller than {self.target_k}."
        )

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = "#0b6e4f" if self.k >= self.target_k else "#8a3b00"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{html.escape(self.summary())}</div>'


def k_anonymity(df: pd.DataFrame, quasi_identifiers: str | Sequence[str], *, target_k: int = 5) -> KAnonymity:
    """Measure k-anonymity: the smallest group size, and who is in groups below ``target_k``.

    Returns a :class:`KAnonymity` with ``k`` (smallest group), ``records_at_risk`` and
    ``share_at_risk`` (records in groups smaller than ``target_k``), and ``groups`` (the
    size of every group, smallest first).

    >>> import pandas as pd
    >>> k_anonymity(pd.DataFrame({"zip": ["1"] * 5 + ["2"] * 3}), ["zip"]).summary()
    'k = 3 on zip: 8 records in 2 groups; 3 records (37.5%) are in groups smaller than 5.'
    """
    target_k = _check_target(target_k, "target_k")
    groups = group_sizes(df, quasi_identifiers)
    qis = [c for c in groups.columns if c != "records"]
    at_risk = int(groups.loc[groups["records"] < target_k, "records"].sum())
    return KAnonymity(
        k=int(groups["records"].min()),
        target_k=target_k,
        n_records=int(len(df)),
        n_groups=int(len(groups)),
        records_at_risk=at_risk,
        groups=groups,
        quasi_identifiers=qis,
    )


@dataclass
class LDiversity:
    """How varied the sensitive values are within each quasi-identifier group."""

    l: int  # noqa: E741 - the name used in the literature
    target_l: int
    n_records: int
    records_at_risk: int
    groups: pd.DataFrame
    sensitive: str

    @property
    def share_at_risk(self) -> float:
        """Share of records in groups with fewer than ``target_l`` distinct sensitive values."""
        return self.records_at_risk / self.n_records if self.n_records else 0.0

    def summary(self) -> str:
        return (
            f"l = {self.l} for '{self.sensitive}': {self.records_at_risk:,} records "
            f"({self.share_at_risk:.1%}) are in groups with fewer than {self.target_l} different values."
        )

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__


def l_diversity(
    df: pd.DataFrame, quasi_identifiers: str | Sequence[str], sensitive: str, *, target_l: int = 2
) -> LDiversity:
    """Distinct l-diversity: the fewest different ``sensitive`` values in any group.

    Blank sensitive values are not counted as a value (a group of one known value and
    blanks has l = 1; an all-blank group has l = 0).

    >>> import pandas as pd
    >>> release = pd.DataFrame({"zip": ["1", "1", "2", "2"], "homeless": [True, True, True, False]})
    >>> report = l_diversity(release, ["zip"], "homeless")
    >>> report.l, report.records_at_risk
    (1, 2)
    >>> l_diversity(release.assign(homeless=[True, None, True, False]), ["zip"], "homeless").l
    1
    """
    target_l = _check_target(target_l, "target_l")
    df, qis = _prepare(df, quasi_identifiers)
    try:
        hash(sensitive)
    except TypeError:
        sensitive = [sensitive]  # unhashable: refused just below
    if isinstance(sensitive, (list, tuple, set, dict)) or sensitive is None:
        raise PrivacyInputError(
            f"sensitive must be one column name, such as 'homeless', not {sensitive!r}. "
            "Check each sensitive column in its own call."
        )
    column_list(df, [sensitive], "the release")
    if sensitive in qis:
        raise PrivacyInputError(f"'{sensitive}' cannot be both a quasi-identifier and the sensitive column.")
    grouped = df.groupby(qis, dropna=False, observed=True, sort=True)[sensitive]
    groups = pd.DataFrame({"records": grouped.size(), "distinct_values": grouped.nunique(dropna=True)}).reset_index()
    groups = groups.sort_values(["distinct_values", "records"], kind="stable").reset_index(drop=True)
    at_risk = int(groups.loc[groups["distinct_values"] < target_l, "records"].sum())
    return LDiversity(
        l=int(groups["distinct_values"].min()),
        target_l=target_l,
        n_records=int(len(df)),
        records_at_risk=at_risk,
        groups=groups,
        sensitive=sensitive,
    )
