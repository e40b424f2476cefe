"""Data-quality profiles: how complete, valid and duplicate-free a table is.

Before anyone shares or links data, look at it. A profile answers three questions for
each column, each source, or each school:

* **completeness** - the share of cells that are filled in (blank text counts as missing);
* **validity** - of the filled-in cells, the share that pass a rule you state (allowed
  values, a pattern, a date, a range);
* **duplicates** - rows that repeat an earlier row (on every column, or on a key you name).

Shares are fractions from 0 to 1. Nothing here changes the tables you pass in.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"school_id": ["E01", "E01", "E02", "E02"],
    ...                    "grade": ["K", "3", "", "14"]})
    >>> p = profile(df, rules={"grade": {"K", *map(str, range(1, 13))}})
    >>> p.loc[p["column"] == "grade", ["missing", "invalid"]].values.tolist()
    [[1, 1]]
    >>> by_school = quality_by_group(df, "school_id", rules={"grade": {"K", "3"}})
    >>> by_school["completeness"].tolist()
    [1.0, 0.5]
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from helpers.validation import DataShapeError, require_columns, require_table

__all__ = [
    "is_missing",
    "valid_mask",
    "duplicate_rows",
    "profile",
    "quality_by_group",
    "compare_sources",
]


def is_missing(values: pd.Series) -> pd.Series:
    """True where a value is empty: NaN/None/NaT, or text that is blank after trimming.

    >>> import pandas as pd
    >>> is_missing(pd.Series(["a", "", "  ", None])).tolist()
    [False, True, True, True]
    """
    missing = values.isna()
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        text = values.astype("string").str.strip()
        missing = missing | (text == "").fillna(False).astype(bool)
    return missing.astype(bool)


Rule = Any  # a set/list of allowed values, a regex string, "date", a (low, high) range, or a callable


def valid_mask(values: pd.Series, rule: Rule) -> pd.Series:
    """True where a (non-missing) value passes ``rule``; missing values count as valid here.

    A rule can be: a set or list of allowed values; a regular expression (the whole value
    must match); the word ``"date"`` (any date pandas can read); a ``(low, high)`` tuple for
    numbers in a range; or a function that takes the column and returns True/False per value.

    >>> import pandas as pd
    >>> valid_mask(pd.Series(["555-0101", "12", None]), r"\\d{3}-\\d{4}").tolist()
    [True, False, True]
    >>> valid_mask(pd.Series([3, 40]), (0, 30)).tolist()
    [True, False]
    """
    missing = is_missing(values)
    present = values[~missing]
    if callable(rule):
        ok = pd.Series(np.asarray(rule(present), dtype=bool), index=present.index)
    elif isinstance(rule, str) and rule == "date":
        parsed = pd.to_datetime(present.astype("string"), errors="coerce", format="mixed")
        ok = parsed.notna()
    elif isinstance(rule, str):
        pattern = re.compile(rule)
        ok = present.astype(str).map(lambda v: bool(pattern.fullmatch(v)))
    elif isinstance(rule, tuple) and len(rule) == 2:
        low, high = rule
        num = pd.to_numeric(present, errors="coerce")
        ok = num.between(low, high).fillna(False)
    elif isinstance(rule, (set, frozenset, list)):
        allowed = {str(v) for v in rule}
        ok = present.astype(str).str.strip().isin(allowed)
    else:
        raise DataShapeError(
            f"A validity rule must be a set of allowed values, a pattern, 'date', a (low, high) "
            f"range or a function; got a {type(rule).__name__}."
        )
    out = pd.Series(True, index=values.index)
    out.loc[ok.index] = ok.astype(bool).to_numpy()
    return out


def duplicate_rows(df: pd.DataFrame, key: str | list[str] | None = None) -> pd.Series:
    """True for each row that repeats an earlier row (on ``key`` columns, or on all columns).

    >>> import pandas as pd
    >>> duplicate_rows(pd.DataFrame({"id": [1, 1, 2], "x": [5, 5, 6]})).tolist()
    [False, True, False]
    """
    require_table(df, "table")
    subset = None if key is None else ([key] if isinstance(key, str) else list(key))
    if subset is not None:
        require_columns(df, subset)
    return df.duplicated(subset=subset, keep="first")


def profile(
    df: pd.DataFrame,
    *,
    rules: Mapping[str, Rule] | None = None,
    name: str = "table",
) -> pd.DataFrame:
    """One row per column: how many values are missing, invalid (by ``rules``) and distinct.

    Columns of the result: ``column``, ``rows``, ``missing``, ``completeness`` (share
    filled in), ``invalid`` (filled in but breaking the rule), ``validity`` (share of
    filled-in values that pass; blank when the column has no rule), ``distinct`` and
    ``example`` (the most common filled-in value).
    """
    require_table(df, name)
    rules = dict(rules or {})
    require_columns(df, rules.keys(), name)
    rows = []
    for col in df.columns:
        values = df[col]
        missing = is_missing(values)
        n_present = int((~missing).sum())
        invalid = np.nan
        validity = np.nan
        if col in rules:
            ok = valid_mask(values, rules[col])
            invalid = int((~ok & ~missing).sum())
            validity = (n_present - invalid) / n_present if n_present else np.nan
        present = values[~missing]
        example = present.astype(str).mode().iloc[0] if n_present else ""
        rows.append({
            "column": col,
            "rows": len(df),
            "missing": int(missing.sum()),
            "completeness": n_present / len(df),
            "invalid": invalid,
            "validity": validity,
            "distinct": int(present.nunique()),
            "example": example,
        })
    out = pd.DataFrame(rows)
    out["invalid"] = out["invalid"].astype("Int64")
    return out


def _quality(df: pd.DataFrame, columns: list[str], rules: Mapping[str, Rule], key) -> dict:
    cells = df[columns]
    missing = pd.concat([is_missing(cells[c]) for c in columns], axis=1) if columns else pd.DataFrame()
    n_cells = missing.size
    n_present = int((~missing).to_numpy().sum()) if n_cells else 0
    checked = bad = 0
    for col, rule in rules.items():
        m = is_missing(df[col])
        ok = valid_mask(df[col], rule)
        checked += int((~m).sum())
        bad += int((~ok & ~m).sum())
    dups = int(duplicate_rows(df, key).sum()) if len(df) else 0
    return {
        "rows": len(df),
        "completeness": n_present / n_cells if n_cells else np.nan,
        "validity": (checked - bad) / checked if checked else np.nan,
        "duplicate_rows": dups,
        "duplicate_share": dups / len(df) if len(df) else np.nan,
    }


def quality_by_group(
    df: pd.DataFrame,
    by: str | list[str],
    *,
    columns: list[str] | None = None,
    rules: Mapping[str, Rule] | None = None,
    key: str | list[str] | None = None,
    name: str = "table",
) -> pd.DataFrame:
    """Completeness, validity and duplicates for each group (for example each school).

    ``columns`` are the columns whose completeness counts (default: all but ``by``);
    ``rules`` as in :func:`valid_mask`; ``key`` the columns that identify a row for the
    duplicate count (default: all columns). One row per group, sorted by the group.
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    rules = dict(rules or {})
    require_columns(df, by_cols + list(columns or []) + list(rules), name)
    cols = list(columns) if columns is not None else [c for c in df.columns if c not in by_cols]
    rows = []
    for group, part in df.groupby(by_cols, sort=True, dropna=False):
        label = dict(zip(by_cols, group if isinstance(group, tuple) else (group,)))
        rows.append({**label, **_quality(part, cols, rules, key)})
    return pd.DataFrame(rows)


def compare_sources(
    tables: Mapping[str, pd.DataFrame],
    *,
    rules: Mapping[str, Mapping[str, Rule]] | None = None,
    keys: Mapping[str, str | list[str]] | None = None,
) -> pd.DataFrame:
    """One row per source table: rows, completeness, validity and duplicates, side by side.

    ``rules`` and ``keys`` are dictionaries keyed by the source name.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": [1, 2], "dob": ["2014-03-09", ""]})
    >>> b = pd.DataFrame({"id": [1, 1], "dob": ["2014-03-09", "2014-03-09"]})
    >>> compare_sources({"a": a, "b": b})[["source", "completeness", "duplicate_rows"]].values.tolist()
    [['a', 0.75, 0], ['b', 1.0, 1]]
    """
    if not isinstance(tables, Mapping) or not tables:
        raise DataShapeError('Pass the sources as a dictionary, like {"district": students, "partner": roster}.')
    rules = rules or {}
    keys = keys or {}
    rows = []
    for source, df in tables.items():
        r = dict(rules.get(source, {}))
        key = keys.get(source)
        require_columns(df, list(r) + ([key] if isinstance(key, str) else list(key or [])), source)
        rows.append({"source": source, **_quality(df, list(df.columns), r, key)})
    return pd.DataFrame(rows)
