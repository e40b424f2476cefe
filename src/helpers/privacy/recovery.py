"""The attacker's side of suppression: what a published table gives away about its hidden cells.

:func:`recover_suppressed` sees only what a reader sees: the published table, with its
total row and column if they were published (labelled "Total", "total", "All students"
and the like; see :data:`helpers.privacy.suppression.TOTAL_LABELS`), and blanks
(``<NA>``) where cells are hidden. It looks for three kinds of leak:

1. **Exact cells.** A row or column with a single hidden cell gives it away (total minus
   the rest), and solving one cell can expose the next. Beyond that, combining every row
   and column equation with the fact that counts are never negative can pin a cell down
   (for example hidden cells that must all be zero).
2. **Small sums.** A row or column whose total is known, minus its shown cells, is the
   exact sum of its hidden cells: "these two hidden cells add up to exactly 4".
3. **Small ranges.** For every hidden cell, the smallest and largest values that agree
   with everything published (exact, from network-flow calculations): "this cell is
   provably between 2 and 3".

A sum or range counts as a leak when it lies between 1 and ``threshold - 1``.

Example:
    >>> import pandas as pd
    >>> published = pd.DataFrame({"yes": [pd.NA, 20, 23], "no": [30, 15, 45],
    ...                           "Total": [33, 35, 68]}, index=["A", "B", "Total"]).astype("Int64")
    >>> result = recover_suppressed(published)
    >>> result.n_recovered, result.n_hidden
    (1, 1)
    >>> result.recovered[["row", "column", "value"]].values.tolist()
    [['A', 'yes', 3]]
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._bounds import cell_bounds
from ._protect import margin_signs
from .errors import CountsTableError, InconsistentTableError, require_frame
from .suppression import MAX_TOTAL, _check_threshold, is_total_label

__all__ = ["Recovery", "recover_suppressed"]


@dataclass
class Recovery:
    """What an attacker learned from a published table.

    ``cells`` has one row per hidden cell: ``row``, ``column``, the ``lower`` and
    ``upper`` bounds of its possible values (``upper`` is ``<NA>`` when nothing limits
    it), whether it was recovered ``exact``\\ ly, its ``value`` if so, ``how``, and
    ``small_range`` (its whole range lies between 1 and ``threshold - 1``). ``sums`` has
    one row per row or column whose hidden cells have a known sum: ``line``, the hidden
    ``cells``, the ``lower`` and ``upper`` bounds of their sum and ``small`` (a leak).
    ``filled`` is the published table with recovered cells filled in.
    """

    cells: pd.DataFrame
    sums: pd.DataFrame
    filled: pd.DataFrame
    threshold: int
    published: pd.DataFrame = field(repr=False)

    @property
    def n_hidden(self) -> int:
        """How many cells were hidden in the published table."""
        return int(len(self.cells))

    @property
    def n_recovered(self) -> int:
        """How many hidden cells the attacker worked out exactly."""
        return int(self.cells["exact"].sum()) if len(self.cells) else 0

    @property
    def recovered(self) -> pd.DataFrame:
        """Only the hidden cells that were recovered exactly."""
        return self.cells[self.cells["exact"]].reset_index(drop=True)

    @property
    def small_ranges(self) -> pd.DataFrame:
        """Hidden cells (not exact) proven to lie between 1 and ``threshold - 1``."""
        return self.cells[self.cells["small_range"] & ~self.cells["exact"]].reset_index(drop=True)

    @property
    def small_sums(self) -> pd.DataFrame:
        """Rows or columns whose hidden cells are proven to add up to 1 .. ``threshold - 1``."""
        return self.sums[self.sums["small"]].reset_index(drop=True)

    @property
    def n_disclosures(self) -> int:
        """Exact cells + small ranges + small sums: 0 means the table leaked nothing small."""
        return self.n_recovered + len(self.small_ranges) + len(self.small_sums)

    @property
    def safe(self) -> bool:
        """True when the attack found no exact cell, small range or small sum."""
        return self.n_disclosures == 0

    def summary(self) -> str:
        """Plain-language sentences, one line per leak found."""
        if self.n_hidden == 0:
            return "Nothing is hidden in this table, so there is nothing to recover."
        if self.safe:
            return (
                f"None of the {self.n_hidden} hidden cells can be worked out from the published cells and "
                f"totals: no exact value, no range inside 1-{self.threshold - 1}, and no small sum "
                f"(threshold {self.threshold})."
            )
        lines = []
        if self.n_recovered:
            lines.append(f"Recovered {self.n_recovered} of {self.n_hidden} hidden cells exactly:")
            for rec in self.recovered.itertuples():
                lines.append(f"  row {rec.row!r}, column {rec.column!r} = {rec.value} ({rec.how})")
        if len(self.small_sums):
            lines.append(f"{len(self.small_sums)} small sum(s) of hidden cells:")
            for rec in self.small_sums.itertuples():
                n = len(rec.cells)
                what = "these two hidden cells" if n == 2 else f"these {n} hidden cells"
                amount = (f"exactly {rec.lower}" if rec.lower == rec.upper
                          else f"between {rec.lower} and {rec.upper}")
                lines.append(f"  {rec.line}: {what} ({', '.join(map(str, rec.cells))}) add up to {amount}")
        if len(self.small_ranges):
            lines.append(f"{len(self.small_ranges)} hidden cell(s) narrowed to a small range:")
            for rec in self.small_ranges.itertuples():
                lines.append(f"  row {rec.row!r}, column {rec.column!r} is provably between {rec.lower} and {rec.upper}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        text = html.escape(self.summary()).replace("\n", "<br>")
        colour = "#0b6e4f" if self.safe else "#8a3b00"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{text}</div>'


def _find_total(labels: pd.Index, total_label: Any, axis: str) -> int | None:
    if total_label is None:
        hits = [k for k, lab in enumerate(labels) if is_total_label(lab)]
    else:
        hits = [k for k, lab in enumerate(labels)
                if lab == total_label or (isinstance(lab, tuple) and lab and lab[0] == total_label)]
    if len(hits) > 1:
        names = ", ".join(repr(labels[k]) for k in hits)
        raise CountsTableError(
            f"The published table has more than one total {axis} ({names}). Keep one total {axis}, "
            "or pass total_label=... with the exact label of the real one."
        )
    return hits[0] if hits else None


def _as_grid(published: pd.DataFrame, total_label: Any) -> tuple[np.ndarray, list, list, bool, bool]:
    """Values (float, NaN = hidden) with the margins last (unknown if not published)."""
    require_frame(published, "the published table")
    if published.shape[0] == 0 or published.shape[1] == 0:
        raise CountsTableError("The published table is empty: there is nothing to attack.")
    if published.index.duplicated().any() or published.columns.duplicated().any():
        raise CountsTableError("The published table has repeated row or column labels; give each a unique name.")
    r_tot = _find_total(published.index, total_label, "row")
    c_tot = _find_total(published.columns, total_label, "column")
    rows, cols = list(published.index), list(published.columns)
    grid = []
    for col in published.columns:
        series = published[col]
        if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
            try:
                series = pd.to_numeric(series.astype(object).where(series.notna(), np.nan))
            except (TypeError, ValueError):
                raise CountsTableError(
                    f"Column {col!r} of the published table has text in it. Keep hidden cells as blank "
                    "(<NA>), not as words like 'suppressed' or '<10'."
                ) from None
        values = series.astype("float64").to_numpy(na_value=np.nan)
        shown = values[~np.isnan(values)]
        if (shown < 0).any():
            raise CountsTableError(f"Column {col!r} of the published table has a negative count.")
        if (shown != np.round(shown)).any() or np.isinf(shown).any():
            raise CountsTableError(f"Column {col!r} of the published table has a value that is not a whole number.")
        if (shown > MAX_TOTAL).any():
            raise CountsTableError(f"Column {col!r} has a count above {MAX_TOTAL:,}; that is not a count of people.")
        grid.append(values)
    A = np.column_stack(grid)
    row_order = [k for k in range(len(rows)) if k != r_tot] + ([r_tot] if r_tot is not None else [])
    col_order = [k for k in range(len(cols)) if k != c_tot] + ([c_tot] if c_tot is not None else [])
    A = A[np.ix_(row_order, col_order)]
    rows, cols = [rows[k] for k in row_order], [cols[k] for k in col_order]
    if r_tot is None:
        A = np.vstack([A, np.full((1, A.shape[1]), np.nan)])
        rows.append("(total not published)")
    if c_tot is None:
        A = np.hstack([A, np.full((A.shape[0], 1), np.nan)])
        cols.append("(total not published)")
    return A, rows, cols, r_tot is not None, c_tot is not None


def _line_name(axis: int, k: int, rows: list, cols: list) -> str:
    return f"row {rows[k]!r}" if axis == 0 else f"column {cols[k]!r}"


def _solve_lines(A: np.ndarray, S: np.ndarray, how: dict, rows: list, cols: list) -> None:
    """Attack 1: repeatedly solve any row or column with exactly one unknown."""
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            for k in range(A.shape[axis]):
                line = A[k, :] if axis == 0 else A[:, k]
                signs = S[k, :] if axis == 0 else S[:, k]
                unknown = np.flatnonzero(np.isnan(line))
                if len(unknown) != 1:
                    continue
                m = int(unknown[0])
                known = np.delete(np.arange(len(line)), m)
                value = -float(np.dot(signs[known], line[known])) * signs[m]
                i, j = (k, m) if axis == 0 else (m, k)
                A[i, j] = value
                how[(i, j)] = f"{_line_name(axis, k, rows, cols)} had only this cell hidden"
                changed = True


def _check_consistent(A: np.ndarray, S: np.ndarray, rows: list, cols: list) -> None:
    for axis in (0, 1):
        for k in range(A.shape[axis]):
            line = A[k, :] if axis == 0 else A[:, k]
            signs = S[k, :] if axis == 0 else S[:, k]
            if not np.isnan(line).any() and abs(float(np.dot(signs, line))) > 1e-6:
                raise InconsistentTableError(
                    f"In the published table, {_line_name(axis, k, rows, cols)} does not add up to its total. "
                    "Check that the table and its totals were published from the same counts."
                )
    if (A[~np.isnan(A)] < -1e-9).any():
        raise InconsistentTableError("Solving the published equations gave a negative count: the totals do not match.")


def _line_sums(A, bounds, rows, cols, threshold) -> list[tuple]:
    """Attack 2: the sum of the still-hidden cells of each row and column."""
    R, C = A.shape
    out = []
    for axis in (0, 1):
        for k in range(A.shape[axis]):
            line = A[k, :] if axis == 0 else A[:, k]
            parts = np.flatnonzero(np.isnan(line[:-1]))
            if len(parts) < 2:
                continue
            known = float(np.nansum(line[:-1]))
            total_at = (k, C - 1) if axis == 0 else (R - 1, k)
            if not np.isnan(line[-1]):
                lower = upper = int(round(line[-1] - known))
            elif total_at in bounds:
                lo, hi = bounds[total_at]
                lower, upper = int(lo - known), (None if hi is None else int(hi - known))
                lower = max(lower, 0)
            else:
                continue
            labels = [cols[m] if axis == 0 else rows[m] for m in parts]
            small = lower >= 1 and upper is not None and upper <= threshold - 1
            out.append((_line_name(axis, k, rows, cols), labels, lower, upper, small))
    return out


def recover_suppressed(published: pd.DataFrame, *, threshold: int = 10, total_label: Any = None) -> Recovery:
    """Attack a published table of counts: exact cells, small sums and small ranges.

    Uses only the published cells, the totals, and the fact that counts are whole
    numbers, never negative. The total row and column are found by their label
    ("Total", "total", "All students" ...; pass ``total_label`` to name it exactly) and
    may sit anywhere. ``threshold`` is the smallest count that may be revealed: sums and
    ranges inside 1 .. ``threshold - 1`` are reported as leaks. Returns a
    :class:`Recovery` (``.n_recovered``, ``.small_sums``, ``.small_ranges``,
    ``.n_disclosures``, ``.safe``, ``.cells``, ``.sums``, ``.filled``).

    >>> import pandas as pd
    >>> from helpers.privacy import suppress_small_cells
    >>> counts = pd.DataFrame({"stably housed": [365, 300], "homeless": [1, 20], "foster care": [3, 15]},
    ...                       index=["E02", "H01"])
    >>> naive = counts.assign(Total=counts.sum(axis=1)).astype("Int64")
    >>> naive.loc["E02", ["homeless", "foster care"]] = pd.NA
    >>> print(recover_suppressed(naive, threshold=10))
    1 small sum(s) of hidden cells:
      row 'E02': these two hidden cells (homeless, foster care) add up to exactly 4
    >>> recover_suppressed(suppress_small_cells(counts, 10), threshold=10).safe
    True
    """
    threshold = _check_threshold(threshold)
    if total_label is not None and not isinstance(total_label, (str, int, tuple)):
        raise CountsTableError(
            f"total_label must be the label of the total row and column, such as 'Total', not a "
            f"{type(total_label).__name__}. Leave it out to find 'Total', 'All students' and the like."
        )
    A, rows, cols, has_row, has_col = _as_grid(published, total_label)
    hidden_shown = np.isnan(A)
    if not has_row:
        hidden_shown[-1, :] = False
    if not has_col:
        hidden_shown[:, -1] = False
    S = margin_signs(A.shape)
    how: dict[tuple[int, int], str] = {}
    _check_consistent(A, S, rows, cols)
    _solve_lines(A, S, how, rows, cols)
    _check_consistent(A, S, rows, cols)
    bounds = cell_bounds(A)
    for cell, (lo, hi) in bounds.items():  # pinned cells count as known for the sums
        if hi is not None and lo == hi and cell not in how:
            A[cell] = lo
            how[cell] = "the only value that fits every row and column total"
    sums = pd.DataFrame(_line_sums(A, bounds, rows, cols, threshold),
                        columns=["line", "cells", "lower", "upper", "small"])
    records = []
    for i, j in zip(*np.nonzero(hidden_shown)):
        i, j = int(i), int(j)
        if (i, j) in how:
            value = int(round(A[i, j]))
            records.append((rows[i], cols[j], value, value, True, value, how[(i, j)]))
            continue
        lower, upper = bounds[(i, j)]
        records.append((rows[i], cols[j], lower, upper, False, None, "not determined"))
    cells = pd.DataFrame(records, columns=["row", "column", "lower", "upper", "exact", "value", "how"])
    for col in ("lower", "upper", "value"):
        cells[col] = cells[col].astype("Int64")
    cells["exact"] = cells["exact"].astype(bool)
    small = (cells["lower"] >= 1) & (cells["upper"] <= threshold - 1)
    cells["small_range"] = small.fillna(False).astype(bool)
    sums["small"] = sums["small"].astype(bool)
    for col in ("lower", "upper"):
        sums[col] = sums[col].astype("Int64")
    filled = published.copy()
    for rec in cells[cells["exact"]].itertuples():
        filled.loc[rec.row, rec.column] = rec.value
    return Recovery(cells=cells, sums=sums, filled=filled, threshold=threshold, published=published)

