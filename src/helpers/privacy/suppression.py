"""Small-cell suppression for published count tables, protecting cells *and* sums.

A table of counts (rows x columns, for example schools x student groups) is published
with its totals. Any count from 1 to ``threshold - 1`` could point at a handful of real
students, so it is hidden (**primary suppression**). Hiding it is not enough: a row total
minus the row's other cells gives a lone hidden cell back, and even when two cells are
hidden, "total minus the shown cells" is the exact *sum* of the hidden ones ("these two
cells add up to 4"), and combining rows and columns can corner a cell ("it is 2 or 3").
So more cells are hidden (**complementary suppression**).

**What "safe" means here** (for a threshold ``t``, using only the published cells and
totals, the fact that counts are whole numbers and never negative, and any structural
zeros you declare):

1. no published cell or total is a count from 1 to ``t - 1``; published cells and
   totals are the true ones (never perturbed);
2. every hidden cell counted below ``t`` could be ``t`` or more: it lies on a hidden
   rectangle along which it can grow to ``t`` while every line still adds up (see
   :mod:`helpers.privacy._protect`). So no hidden cell is pinned to one value, no hidden
   cell's possible range lies inside ``1 .. t - 1``, and no set of hidden cells - in
   particular the hidden cells of a row or column with a published total - can be shown
   to add up to a count from 1 to ``t - 1`` (a sum is at least each of its parts);
3. what it does *not* promise: a reader may still learn bounds that exclude zero (for
   example "at least 1 and at most 40"), and tables published separately from the same
   people (two cross-tabulations sharing a margin) are not protected against each other.

The property tests in ``tests/test_privacy_guarantee.py`` check 1-2 on thousands of
random tables with an independent linear-programming attacker.

Choices a data team has to make and write down:

* **Threshold.** A parameter (default 10). There is no single federal minimum; NCES SLDS
  Technical Brief 3 (NCES 2011-603) reported state minimums in 2010 from 5 to 30, with 10
  the most common.
* **Totals.** A "Total" row and column are added. A total that is itself small is
  suppressed like any other cell.
* **Zeros.** By default a zero is published: a count of nobody points at no one. When a
  zero would reveal something about everyone in a group (in a two-outcome table,
  "0 not absent" means everyone was absent), pass ``suppress_zeros=True``.
* **Structural zeros.** Cells everybody knows are zero (an elementary school has no
  grade 8) are listed in ``structural_zeros``: they are always published as 0 and never
  used to hide anything, because a reader would not be fooled by hiding them.
* **Which cells are sacrificed.** For each small cell the cheapest protecting rectangle
  is hidden: already hidden cells are free, then small counts, then larger ones; totals
  only when nothing else works. Protective, not guaranteed minimal.

Example:
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"housed": [40, 35, 52], "homeless": [3, 12, 14]},
    ...                       index=pd.Index(["E01", "E02", "E03"], name="school"))
    >>> published = suppress_small_cells(counts, threshold=10)
    >>> published
            housed  homeless  Total
    school
    E01       <NA>      <NA>     43
    E02       <NA>      <NA>     47
    E03         52        14     66
    Total      127        29    156
    >>> counts.loc["E01", "homeless"]  # the input is unchanged
    np.int64(3)
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from ._protect import margin_signs, protect_table
from .errors import CountsTableError, PrivacyInputError, column_list, require_flag, require_frame

__all__ = ["TOTAL", "TOTAL_LABELS", "suppress_small_cells", "suppress_primary_only", "publish_percentages", "count_table",
           "suppression_pattern"]

#: The label of the added total row and column.
TOTAL = "Total"
#: The largest grand total accepted (totals stay exact as whole numbers below it).
MAX_TOTAL = 2**53
#: Labels read as a total row or column (compared ignoring case and spaces).
TOTAL_LABELS = ("total", "totals", "grand total", "all", "all students", "overall", "sum")


def is_total_label(label: Any) -> bool:
    """True for labels such as "Total", "total" or "All students" (or a tuple starting with one).

    >>> is_total_label("All students"), is_total_label(("TOTAL", "")), is_total_label("E01")
    (True, True, False)
    """
    if isinstance(label, tuple):
        label = label[0] if label else None
    return isinstance(label, str) and " ".join(label.split()).casefold() in TOTAL_LABELS

# ---------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------
def _label(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else f"'{value}'"


def validate_counts(counts: Any) -> tuple[pd.DataFrame, np.ndarray]:
    """Check a table of counts; return it (as a DataFrame) and its values as int64.

    Raises :class:`CountsTableError` naming the column or cell at fault.

    >>> validate_counts(pd.DataFrame({"a": [1, 2]}))[1].tolist()
    [[1], [2]]
    """
    if isinstance(counts, pd.Series):
        counts = counts.to_frame(counts.name if counts.name is not None else "count")
    require_frame(counts, "the counts")
    if counts.shape[0] == 0 or counts.shape[1] == 0:
        raise CountsTableError(
            f"The counts table is empty ({counts.shape[0]} rows, {counts.shape[1]} columns). "
            "Build it with count_table(df, rows=..., columns=...) or check your filter."
        )
    for axis_name, labels in (("row", counts.index), ("column", counts.columns)):
        flat = [lab for tup in labels for lab in (tup if isinstance(tup, tuple) else (tup,))]
        found = next((lab for lab in flat if is_total_label(lab)), None)
        if found is not None:
            raise CountsTableError(
                f"The counts table already has a total {axis_name} ({_label(found)}). Pass the table without "
                "totals: they are added (and checked) for you. If it is not a total, rename it."
            )
    if counts.columns.duplicated().any() or counts.index.duplicated().any():
        raise CountsTableError("The counts table has repeated row or column labels. Give each one a unique name.")
    columns = []
    for col in counts.columns:
        series = counts[col]
        if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
            raise CountsTableError(
                f"Column {_label(col)} holds {series.dtype} values, not counts. A counts table has only "
                "whole-number cells. If this column names the rows, make it the index first, "
                f"for example counts.set_index({_label(col)})."
            )
        if pd.api.types.is_integer_dtype(series.dtype) and not series.isna().any():
            if (series < 0).any():
                row = counts.index[int(np.flatnonzero((series < 0).to_numpy())[0])]
                raise CountsTableError(
                    f"Column {_label(col)} has a negative count in row {_label(row)}. Counts of people "
                    "cannot be negative: check how the table was built."
                )
            if (series > MAX_TOTAL).any():
                raise CountsTableError(f"Column {_label(col)} has a count above {MAX_TOTAL:,}; that is not a count of people.")
            columns.append(series.to_numpy(dtype=np.int64))
            continue
        values = series.astype("float64").to_numpy(na_value=np.nan)
        if np.isnan(values).any():
            row = counts.index[int(np.flatnonzero(np.isnan(values))[0])]
            raise CountsTableError(
                f"Column {_label(col)} has a blank (missing) count, first in row {_label(row)}. "
                "Counts must all be filled in: use 0 where there is nobody."
            )
        if np.isinf(values).any():
            raise CountsTableError(f"Column {_label(col)} has an infinite value; counts must be whole numbers.")
        if (values < 0).any():
            row = counts.index[int(np.flatnonzero(values < 0)[0])]
            raise CountsTableError(
                f"Column {_label(col)} has a negative count in row {_label(row)}. Counts of people "
                "cannot be negative: check how the table was built."
            )
        if (values != np.round(values)).any():
            row = counts.index[int(np.flatnonzero(values != np.round(values))[0])]
            raise CountsTableError(
                f"Column {_label(col)} has a fractional value in row {_label(row)}. Suppression works on "
                "counts of people (whole numbers), not on rates or percentages: suppress the counts, "
                "then compute percentages with publish_percentages()."
            )
        columns.append(values.astype(np.int64))
    table = np.column_stack(columns)
    if float(np.abs(table).astype(float).sum()) > MAX_TOTAL:
        raise CountsTableError(
            f"The counts add up to more than {MAX_TOTAL:,}, which cannot be a count of people "
            "(and would not add up exactly). Check how the table was built."
        )
    return counts, table


def _check_threshold(threshold: Any) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)):
        raise PrivacyInputError(
            f"threshold must be a whole number such as 10, not {threshold!r}. "
            "It is the smallest count that may be published."
        )
    if threshold < 1:
        raise PrivacyInputError(f"threshold must be at least 1 (got {threshold}); states use 5 to 30.")
    return int(threshold)


# ---------------------------------------------------------------------------------------
# the protection engine (works on the table with its margins)
# ---------------------------------------------------------------------------------------
def with_margins(values: np.ndarray) -> np.ndarray:
    """The counts with a total column, a total row and the grand total added (int64).

    >>> with_margins(np.array([[1, 2], [3, 4]])).tolist()
    [[1, 2, 3], [3, 4, 7], [4, 6, 10]]
    """
    values = np.asarray(values, dtype=np.int64)
    r, c = values.shape
    out = np.zeros((r + 1, c + 1), dtype=np.int64)
    out[:r, :c] = values
    out[:r, c] = values.sum(axis=1)
    out[r, :c] = values.sum(axis=0)
    out[r, c] = values.sum()
    return out


def suppression_pattern(
    table: np.ndarray, threshold: int = 10, *, suppress_zeros: bool = False, structural_zeros: Any = None
) -> np.ndarray:
    """Boolean mask of the cells to hide in a table that already has its margins.

    ``table`` is an integer array whose last row and column are the totals (see
    :func:`with_margins`). Counts 1 to ``threshold - 1`` (and zeros when
    ``suppress_zeros``, except structural zeros) are hidden, then complementary cells
    until every hidden cell below the threshold could be the threshold or more.
    ``structural_zeros`` is a boolean array the shape of the inner table (or ``None``).

    >>> suppression_pattern(with_margins([[3, 20], [15, 30]])).astype(int).tolist()
    [[1, 1, 0], [1, 1, 0], [0, 0, 0]]
    """
    A = np.asarray(table, dtype=np.int64)
    threshold = _check_threshold(threshold)
    suppress_zeros = require_flag(suppress_zeros, "suppress_zeros")
    fixed = np.zeros(A.shape, dtype=bool)
    if structural_zeros is not None:
        inner = np.asarray(structural_zeros, dtype=bool)
        fixed[:-1, :-1] = inner
        fixed[:-1, -1] = inner.all(axis=1)  # a line of structural zeros has a known total of 0
        fixed[-1, :-1] = inner.all(axis=0)
        fixed[-1, -1] = inner.all()
    primary = (A < threshold) & ((A > 0) | suppress_zeros) & ~fixed
    return protect_table(A, threshold, primary, fixed)


def _structural_mask(structural_zeros: Any, frame: pd.DataFrame, values: np.ndarray) -> np.ndarray | None:
    """Read ``structural_zeros`` (a True/False table or a list of (row, column) pairs)."""
    if structural_zeros is None:
        return None
    hint = ("Pass structural_zeros as a list of (row, column) label pairs, for example "
            "[('E01', '8')], or as a True/False table shaped like the counts.")
    if isinstance(structural_zeros, pd.DataFrame):
        same = (len(structural_zeros.index) == len(frame.index) and len(structural_zeros.columns) == len(frame.columns)
                and set(structural_zeros.index) == set(frame.index) and set(structural_zeros.columns) == set(frame.columns))
        if not same:
            raise PrivacyInputError("structural_zeros must have the same rows and columns as the counts table. " + hint)
        if not all(pd.api.types.is_bool_dtype(d) for d in structural_zeros.dtypes):
            raise PrivacyInputError("structural_zeros must hold only True and False. " + hint)
        aligned = structural_zeros.reindex(index=list(frame.index), columns=list(frame.columns))
        mask = aligned.to_numpy(dtype=bool)
    elif isinstance(structural_zeros, (list, tuple, set)):
        mask = np.zeros(values.shape, dtype=bool)
        for pair in structural_zeros:
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise PrivacyInputError(f"structural_zeros: {pair!r} is not a (row, column) pair. " + hint)
            row, col = pair
            if row not in frame.index or col not in frame.columns:
                raise PrivacyInputError(
                    f"structural_zeros: there is no cell at row {_label(row)}, column {_label(col)} in the counts. "
                    "Use the row and column labels exactly as the counts table shows them.")
            mask[frame.index.get_loc(row), frame.columns.get_loc(col)] = True
    else:
        raise PrivacyInputError(f"structural_zeros cannot be a {type(structural_zeros).__name__}. " + hint)
    if (values[mask] != 0).any():
        i, j = (int(k[0]) for k in np.nonzero(mask & (values != 0)))
        raise CountsTableError(
            f"structural_zeros: the cell at row {_label(frame.index[i])}, column {_label(frame.columns[j])} "
            f"counts {values[i, j]}, not 0. A structural zero is a cell that is zero by definition; "
            "check the table or leave that cell out of structural_zeros.")
    return mask

# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------
def _total_label(labels: pd.Index) -> Any:
    if isinstance(labels, pd.MultiIndex):
        return (TOTAL,) + ("",) * (labels.nlevels - 1)
    return TOTAL


def _extend(labels: pd.Index) -> pd.Index:
    extra = _total_label(labels)
    if isinstance(labels, pd.MultiIndex):
        return pd.MultiIndex.from_tuples(list(labels) + [extra], names=labels.names)
    return pd.Index(list(labels) + [extra], name=labels.name, dtype=object)


def suppress_small_cells(
    counts: pd.DataFrame,
    threshold: int = 10,
    *,
    add_totals: bool = True,
    suppress_zeros: bool = False,
    structural_zeros: Any = None,
) -> pd.DataFrame:
    """The publishable version of a table of counts: small cells and their complements hidden.

    ``counts`` is a DataFrame of non-negative whole numbers (rows x columns, **without**
    totals). Returns a **new** ``Int64`` DataFrame with a "Total" row and column (unless
    ``add_totals=False``) in which hidden cells are ``<NA>``. The guarantee (see the
    module notes): nothing published is a count from 1 to ``threshold - 1``, and every
    hidden cell below the threshold could, for all a reader can work out, be the
    threshold or more - so no hidden cell, and no sum of hidden cells (such as "total
    minus the shown cells"), is revealed as a small count, exactly or as a range.

    * ``suppress_zeros=True`` hides zeros too (see the module notes);
    * ``structural_zeros`` lists cells known to be zero by definition, as (row, column)
      label pairs or a True/False table shaped like ``counts``: they are published as 0
      and never used as complements;
    * with ``add_totals=False`` the same cells are hidden (so the table stays safe for a
      reader who knows the totals from elsewhere) and the totals are left off.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"yes": [12, 4], "no": [30, 25]}, index=["A", "B"])
    >>> suppress_small_cells(counts, threshold=5)
              yes    no  Total
    A        <NA>  <NA>     42
    B        <NA>  <NA>     29
    Total      16    55     71
    >>> suppress_small_cells(counts, threshold=3)["yes"].tolist()
    [12, 4, 16]
    >>> suppress_small_cells(counts.assign(no=[30, -1]))
    Traceback (most recent call last):
    ...
    helpers.privacy.errors.CountsTableError: Column 'no' has a negative count in row 'B'. Counts of people cannot be negative: check how the table was built.
    """
    frame, values = validate_counts(counts)
    threshold = _check_threshold(threshold)
    add_totals = require_flag(add_totals, "add_totals")
    suppress_zeros = require_flag(suppress_zeros, "suppress_zeros")
    structural = _structural_mask(structural_zeros, frame, values)
    table = with_margins(values)
    hidden = suppression_pattern(table, threshold, suppress_zeros=suppress_zeros, structural_zeros=structural)
    return _publish(frame, table, hidden, add_totals)


def _publish(frame: pd.DataFrame, table: np.ndarray, hidden: np.ndarray, add_totals: bool) -> pd.DataFrame:
    published = pd.DataFrame(table, index=_extend(frame.index), columns=_extend(frame.columns)).astype("Int64")
    published = published.mask(pd.DataFrame(hidden, index=published.index, columns=published.columns))
    if published.columns.name is None and not isinstance(published.columns, pd.MultiIndex):
        published.columns.name = frame.columns.name
    if not add_totals:
        published = published.iloc[:-1, :-1].copy()
    return published


def suppress_primary_only(counts: pd.DataFrame, threshold: int = 10, *, add_totals: bool = True) -> pd.DataFrame:
    """The naive way: hide only the small cells and publish the totals. **Do not publish this.**

    Kept for teaching: attack the result with :func:`helpers.privacy.recover_suppressed`
    and most hidden cells come straight back (total minus the rest of the row).

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"yes": [12, 4], "no": [30, 25]}, index=["A", "B"])
    >>> suppress_primary_only(counts, threshold=5).loc["B"].tolist()
    [<NA>, 25, 29]
    """
    frame, values = validate_counts(counts)
    threshold = _check_threshold(threshold)
    add_totals = require_flag(add_totals, "add_totals")
    table = with_margins(values)
    return _publish(frame, table, (table > 0) & (table < threshold), add_totals)


def publish_percentages(
    counts: pd.DataFrame,
    threshold: int = 10,
    *,
    of: str = "row",
    decimals: int = 1,
    add_totals: bool = True,
    suppress_zeros: bool = False,
    structural_zeros: Any = None,
) -> pd.DataFrame:
    """Percentages that agree with :func:`suppress_small_cells` and reveal nothing it hides.

    Each percentage is ``count / total * 100`` with the row total (``of="row"``) or the
    column total (``of="column"``) as denominator. A percentage is published **only when
    both its count and its denominator are published**: a shown percentage next to a
    shown total would give back a hidden count, and a shown percentage next to a shown
    count would give back a hidden total. Hidden percentages are ``<NA>``.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"absent": [12, 4, 20], "not absent": [30, 25, 40]}, index=["A", "B", "C"])
    >>> publish_percentages(counts, threshold=5)
           absent  not absent  Total
    A        <NA>        <NA>  100.0
    B        <NA>        <NA>  100.0
    C        33.3        66.7  100.0
    Total    27.5        72.5  100.0
    """
    if not isinstance(of, str) or of not in ("row", "column"):
        raise PrivacyInputError(f"of must be 'row' or 'column' (which total is the denominator), not {of!r}.")
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or decimals < 0:
        raise PrivacyInputError(f"decimals must be a whole number of decimal places (0 or more), not {decimals!r}.")
    add_totals = require_flag(add_totals, "add_totals")
    published = suppress_small_cells(counts, threshold, add_totals=True, suppress_zeros=suppress_zeros,
                                     structural_zeros=structural_zeros)
    numer = published.astype("Float64")
    if of == "row":
        denom = numer.iloc[:, [-1]].to_numpy()
        denom = pd.DataFrame(np.repeat(denom, numer.shape[1], axis=1), index=numer.index, columns=numer.columns)
    else:
        denom = numer.iloc[[-1], :].to_numpy()
        denom = pd.DataFrame(np.repeat(denom, numer.shape[0], axis=0), index=numer.index, columns=numer.columns)
    denom = denom.astype("Float64")
    denom = denom.mask(denom == 0)  # no percentage of nobody
    pct = (numer / denom * 100).round(int(decimals))
    pct = pct.mask(numer.isna() | denom.isna())
    if not add_totals:
        pct = pct.iloc[:-1, :-1].copy()
    return pct


def count_table(df: pd.DataFrame, rows: str | Sequence[str], columns: str | Sequence[str]) -> pd.DataFrame:
    """Count people by two groupings: the input :func:`suppress_small_cells` expects.

    Missing values are counted under "(missing)" rather than silently dropped.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"school": ["A", "A", "B"], "homeless": [True, False, False]})
    >>> count_table(people, "school", "homeless")
    homeless  False  True
    school
    A             1     1
    B             1     0
    """
    require_frame(df, "the data")
    rows = list(rows) if isinstance(rows, (list, tuple)) else [rows]
    columns = list(columns) if isinstance(columns, (list, tuple)) else [columns]
    if not rows or not columns:
        raise PrivacyInputError(
            "count_table() needs at least one column for rows and one for columns, for example "
            "count_table(df, rows='school_id', columns='homeless')."
        )
    column_list(df, rows + columns, "the data")
    if len(df) == 0:
        raise PrivacyInputError("The data has no rows, so there is nothing to count. Check your filter.")
    if set(rows) & set(columns):
        raise PrivacyInputError(f"The same column cannot be both rows and columns: {sorted(set(rows) & set(columns))}.")
    keys = df[rows + columns].copy()
    for col in keys.columns:
        if keys[col].isna().any():
            keys[col] = keys[col].astype(object).where(keys[col].notna(), "(missing)")
    counts = keys.groupby(rows + columns, observed=True, dropna=False).size()
    table = counts.unstack(columns, fill_value=0)
    return table.astype("int64")
