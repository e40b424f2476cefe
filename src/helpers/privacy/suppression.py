"""Small-cell suppression for published count tables, with complementary suppression.

A table of counts (rows x columns, for example schools x student groups) is published
with its totals. Any count from 1 to ``threshold - 1`` could point at a handful of real
students, so it is hidden (**primary suppression**). Hiding one cell is not enough: if a
row shows its total and every other cell, the hidden cell is the total minus the rest.
So more cells are hidden (**complementary suppression**) until no hidden cell can be
worked out exactly from the published cells and totals, by any combination of the row,
column and grand-total equations, using only the fact that counts are never negative.

How the rules here work (the choices a data team has to make and write down):

* **Threshold.** A parameter (default 10). There is no single federal minimum; NCES SLDS
  Technical Brief 3 (NCES 2011-603) reported state minimums in 2010 from 5 to 30, with 10
  the most common.
* **Totals.** A "Total" row and column are added. A total that is itself small (1 to
  threshold - 1) is suppressed like any other cell. Published totals are always the true
  totals; they are never perturbed.
* **Zeros.** By default a zero is published: a count of nobody points at no one. Zeros
  are never trusted as protection, though: a suppressed cell that could be recovered
  because the other hidden cells in its line must all be zero (the classic failure when
  every complementary cell is a zero) is detected and fixed like any other exposure. When
  a zero would itself reveal something about everyone in a group (in a two-outcome table,
  "0 not absent" means every student in that group was absent), pass
  ``suppress_zeros=True`` to suppress zeros as well.
* **What "cannot be recovered" means.** For every hidden cell, the smallest and largest
  values consistent with everything published differ. A cell that could be pinned down
  (and is not itself a small count) is simply published again, since hiding it protects
  nothing. The guarantee is tested by attacking the output with
  :func:`helpers.privacy.recover_suppressed`, which computes those exact bounds.
* **Which cells are sacrificed.** For each exposed small cell, the cheapest rectangle of
  cells that protects it is hidden: cells that are already hidden are free, then zeros and
  small counts; totals only when nothing else works. The result is protective, not
  guaranteed minimal (finding the fewest cells is a hard optimisation problem).

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

from collections import deque
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .errors import CountsTableError, PrivacyInputError, require_columns, require_frame

__all__ = ["TOTAL", "suppress_small_cells", "suppress_primary_only", "publish_percentages", "count_table", "suppression_pattern"]

#: The label of the added total row and column.
TOTAL = "Total"

_INTERIOR_COST = 1.0
_MARGIN_COST = 20.0
_GRAND_COST = 400.0


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
        if TOTAL in flat:
            raise CountsTableError(
                f"The counts table already has a '{TOTAL}' {axis_name}. Pass the table without "
                "totals: they are added (and checked) for you."
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
    return counts, np.column_stack(columns)


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


def margin_signs(shape: tuple[int, int]) -> np.ndarray:
    """+1 for inner cells and the grand total, -1 for row and column totals.

    With these signs every row and column of the table-with-margins sums to zero, which
    turns the table into a network (rows and columns are nodes, hidden cells are edges).
    """
    rows, cols = shape
    inner_r = np.arange(rows) < rows - 1
    inner_c = np.arange(cols) < cols - 1
    return np.where(inner_r[:, None] == inner_c[None, :], 1, -1).astype(np.int64)


class _Pattern:
    """Which cells of a table-with-margins are hidden, and whether each can be pinned down."""

    def __init__(self, table: np.ndarray):
        self.A = table
        self.R, self.C = table.shape
        self.S = margin_signs(table.shape)
        self.hidden = np.zeros(table.shape, dtype=bool)
        self.arcs: list[list[tuple[int, int]]] = [[] for _ in range(self.R + self.C)]

    def ends(self, i: int, j: int) -> tuple[int, int]:
        row, col = i, self.R + j
        return (row, col) if self.S[i, j] > 0 else (col, row)

    def hide(self, i: int, j: int) -> None:
        if self.hidden[i, j]:
            return
        self.hidden[i, j] = True
        cell = i * self.C + j
        u, v = self.ends(i, j)
        self.arcs[u].append((v, cell))  # the cell can always grow along its direction
        if self.A[i, j] > 0:
            self.arcs[v].append((u, cell))  # and shrink, if it is above zero

    def unhide(self, i: int, j: int) -> None:
        self.hidden[i, j] = False
        cell = i * self.C + j
        for node in range(self.R + self.C):
            self.arcs[node] = [a for a in self.arcs[node] if a[1] != cell]

    def _reach(self, start: int, goal: int, skip: int) -> bool:
        seen = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt, cell in self.arcs[node]:
                if cell == skip or nxt in seen:
                    continue
                if nxt == goal:
                    return True
                seen.add(nxt)
                queue.append(nxt)
        return False

    def pinned(self, i: int, j: int) -> bool:
        """True when the hidden cell (i, j) has only one value consistent with the rest."""
        cell = i * self.C + j
        u, v = self.ends(i, j)
        if self._reach(v, u, cell):  # a cycle lets the cell grow
            return False
        return not (self.A[i, j] > 0 and self._reach(u, v, cell))  # ... or shrink

    def protect(self, i: int, j: int, base_cost: np.ndarray) -> None:
        """Hide the cheapest rectangle of cells that lets hidden cell (i, j) move."""
        A, S = self.A, self.S
        s = S[i, j]
        b_val, c_val = A[i, :][None, :], A[:, j][:, None]
        sb, sc, sd = (-s * S[i, :])[None, :], (-s * S[:, j])[:, None], s * S
        grow = ((sb > 0) | (b_val > 0)) & ((sc > 0) | (c_val > 0)) & ((sd > 0) | (A > 0))
        shrink = ((sb < 0) | (b_val > 0)) & ((sc < 0) | (c_val > 0)) & ((sd < 0) | (A > 0))
        valid = grow | (shrink & (A[i, j] > 0))
        valid[i, :] = False
        valid[:, j] = False
        cost = np.where(self.hidden, 0.0, base_cost)
        total = cost[i, :][None, :] + cost[:, j][:, None] + cost
        total = np.where(valid, total, np.inf)
        i2, j2 = np.unravel_index(int(np.argmin(total)), total.shape)
        if not np.isfinite(total[i2, j2]):  # pragma: no cover - a rectangle through the totals always exists
            raise RuntimeError("no protecting rectangle found")
        for a, b in ((i, j2), (i2, j), (i2, j2)):
            self.hide(int(a), int(b))


def _base_cost(table: np.ndarray) -> np.ndarray:
    R, C = table.shape
    scale = float(table[:-1, :-1].max()) + 1.0 if table.size else 1.0
    cost = _INTERIOR_COST + table / (scale * 10.0 if scale else 1.0)
    cost = cost.astype(float)
    cost[-1, :] += _MARGIN_COST
    cost[:, -1] += _MARGIN_COST
    cost[-1, -1] = _GRAND_COST
    return cost


def suppression_pattern(table: np.ndarray, threshold: int = 10, *, suppress_zeros: bool = False) -> np.ndarray:
    """Boolean mask of the cells to hide in a table that already has its margins.

    ``table`` is an integer array whose last row and column are the totals (see
    :func:`with_margins`). Cells counted 1 to ``threshold - 1`` (and zeros when
    ``suppress_zeros``) are hidden, then complementary cells until none can be pinned.

    >>> suppression_pattern(with_margins([[3, 20], [15, 30]])).astype(int).tolist()
    [[1, 1, 0], [1, 1, 0], [0, 0, 0]]
    """
    A = np.asarray(table, dtype=np.int64)
    threshold = _check_threshold(threshold)
    primary = (A < threshold) & ((A > 0) | bool(suppress_zeros))
    pattern = _Pattern(A)
    for i, j in zip(*np.nonzero(primary)):
        pattern.hide(int(i), int(j))
    base_cost = _base_cost(A)
    order = sorted(zip(*np.nonzero(primary)), key=lambda ij: (ij[0] == A.shape[0] - 1 or ij[1] == A.shape[1] - 1, ij))
    for i, j in order:
        if pattern.pinned(int(i), int(j)):
            pattern.protect(int(i), int(j), base_cost)
    # A complementary cell that can still be pinned down protects nothing: publish it.
    # (Its value already follows from the rest, so no other cell's range changes.)
    pinned_extra = [(int(i), int(j)) for i, j in zip(*np.nonzero(pattern.hidden & ~primary)) if pattern.pinned(int(i), int(j))]
    for i, j in pinned_extra:
        pattern.unhide(i, j)
    if any(pattern.pinned(int(i), int(j)) for i, j in zip(*np.nonzero(primary))):  # pragma: no cover - safety net
        return np.ones(A.shape, dtype=bool)  # last resort: publish nothing rather than something recoverable
    return pattern.hidden.copy()


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
    counts: pd.DataFrame, threshold: int = 10, *, add_totals: bool = True, suppress_zeros: bool = False
) -> pd.DataFrame:
    """The publishable version of a table of counts: small cells and their complements hidden.

    ``counts`` is a DataFrame of non-negative whole numbers (rows x columns, **without**
    totals). Returns a **new** ``Int64`` DataFrame with a "Total" row and column (unless
    ``add_totals=False``) in which hidden cells are ``<NA>``:

    * every count from 1 to ``threshold - 1`` is hidden (totals included);
    * zeros are published unless ``suppress_zeros=True`` (see the module notes);
    * further cells are hidden until no hidden cell can be worked out exactly from the
      published cells and totals (checked with exact bounds, not just "two per line").

    With ``add_totals=False`` the same cells are hidden (so the table stays safe for a
    reader who knows the published totals from elsewhere) and the totals are left off.

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
    table = with_margins(values)
    hidden = suppression_pattern(table, threshold, suppress_zeros=suppress_zeros)
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
    table = with_margins(values)
    hidden = (table > 0) & (table < threshold)
    published = pd.DataFrame(table, index=_extend(frame.index), columns=_extend(frame.columns)).astype("Int64")
    published = published.mask(pd.DataFrame(hidden, index=published.index, columns=published.columns))
    if not add_totals:
        published = published.iloc[:-1, :-1].copy()
    return published


def publish_percentages(
    counts: pd.DataFrame,
    threshold: int = 10,
    *,
    of: str = "row",
    decimals: int = 1,
    add_totals: bool = True,
    suppress_zeros: bool = False,
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
    if of not in ("row", "column"):
        raise PrivacyInputError(f"of must be 'row' or 'column' (which total is the denominator), not {of!r}.")
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or decimals < 0:
        raise PrivacyInputError(f"decimals must be a whole number of decimal places (0 or more), not {decimals!r}.")
    published = suppress_small_cells(counts, threshold, add_totals=True, suppress_zeros=suppress_zeros)
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
    rows = [rows] if isinstance(rows, str) else list(rows)
    columns = [columns] if isinstance(columns, str) else list(columns)
    require_columns(df, rows + columns, "the data")
    if set(rows) & set(columns):
        raise PrivacyInputError(f"The same column cannot be both rows and columns: {sorted(set(rows) & set(columns))}.")
    keys = df[rows + columns].copy()
    for col in keys.columns:
        if keys[col].isna().any():
            keys[col] = keys[col].astype(object).where(keys[col].notna(), "(missing)")
    counts = keys.groupby(rows + columns, observed=True, dropna=False).size()
    table = counts.unstack(columns, fill_value=0)
    return table.astype("int64")
