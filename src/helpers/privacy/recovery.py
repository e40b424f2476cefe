"""The attacker's side of suppression: back out hidden cells from a published table.

:func:`recover_suppressed` sees only what a reader sees: the published table, with its
"Total" row and column if they were published, and ``<NA>`` where cells are hidden. It
tries two attacks:

1. **Line by line** (what anyone with a calculator can do): a row or column with a single
   hidden cell gives it away (total minus the rest). Solving one cell can expose the next,
   so this repeats until nothing changes.
2. **Exact bounds** (what a determined analyst can do): for every remaining hidden cell,
   the smallest and largest values that agree with *all* the published cells and totals at
   once, knowing that counts are never negative. For a two-way table these bounds come
   from a network-flow calculation and are exact. A cell whose smallest and largest
   possible values are equal is recovered, even though no single line revealed it (this
   catches, for example, hidden cells that must all be zero).

If there is no total row or column, lines without a published total give no equation.

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

from ._flow import FlowNetwork
from .errors import CountsTableError, InconsistentTableError, require_frame
from .suppression import TOTAL, margin_signs

__all__ = ["Recovery", "recover_suppressed"]


@dataclass
class Recovery:
    """What an attacker learned from a published table.

    ``cells`` has one row per hidden cell: its ``row`` and ``column`` labels, the
    ``lower`` and ``upper`` bounds of its possible values (``upper`` is ``<NA>`` when
    nothing published limits it), whether it was ``exact``\\ ly recovered, the ``value`` if
    so, and ``how``. ``filled`` is the published table with recovered cells filled in.
    """

    cells: pd.DataFrame
    filled: pd.DataFrame
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

    def summary(self) -> str:
        """One plain-language sentence (plus one line per recovered cell)."""
        if self.n_hidden == 0:
            return "Nothing is hidden in this table, so there is nothing to recover."
        if self.n_recovered == 0:
            return (
                f"None of the {self.n_hidden} hidden cells can be worked out exactly from the "
                "published cells and totals."
            )
        lines = [f"Recovered {self.n_recovered} of {self.n_hidden} hidden cells exactly:"]
        for rec in self.recovered.itertuples():
            lines.append(f"  row {rec.row!r}, column {rec.column!r} = {rec.value} ({rec.how})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        text = html.escape(self.summary()).replace("\n", "<br>")
        colour = "#8a3b00" if self.n_recovered else "#0b6e4f"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{text}</div>'


def _is_total(label: Any, total_label: str) -> bool:
    if isinstance(label, tuple):
        return len(label) > 0 and label[0] == total_label
    return label == total_label


def _as_grid(published: pd.DataFrame, total_label: str) -> tuple[np.ndarray, list, list, bool, bool]:
    """Values (float, NaN = hidden) with a margin row and column (unknown if not published)."""
    require_frame(published, "the published table")
    if published.shape[0] == 0 or published.shape[1] == 0:
        raise CountsTableError("The published table is empty: there is nothing to attack.")
    has_row = _is_total(published.index[-1], total_label)
    has_col = _is_total(published.columns[-1], total_label)
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
        if (values[~np.isnan(values)] < 0).any():
            raise CountsTableError(f"Column {col!r} of the published table has a negative count.")
        grid.append(values)
    A = np.column_stack(grid)
    if not has_row:
        A = np.vstack([A, np.full((1, A.shape[1]), np.nan)])
        rows.append(total_label)
    if not has_col:
        A = np.hstack([A, np.full((A.shape[0], 1), np.nan)])
        cols.append(total_label)
    return A, rows, cols, has_row, has_col


def _solve_lines(A: np.ndarray, S: np.ndarray, how: dict, rows: list, cols: list) -> None:
    """Attack 1: repeatedly solve any row or column with exactly one unknown."""
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            n_lines = A.shape[axis]
            for k in range(n_lines):
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
                name = f"row {rows[k]!r}" if axis == 0 else f"column {cols[k]!r}"
                how[(i, j)] = f"{name} had only this cell hidden"
                changed = True


def _check_consistent(A: np.ndarray, S: np.ndarray, rows: list, cols: list) -> None:
    for axis in (0, 1):
        for k in range(A.shape[axis]):
            line = A[k, :] if axis == 0 else A[:, k]
            signs = S[k, :] if axis == 0 else S[:, k]
            if not np.isnan(line).any() and abs(float(np.dot(signs, line))) > 1e-6:
                name = f"row {rows[k]!r}" if axis == 0 else f"column {cols[k]!r}"
                raise InconsistentTableError(
                    f"In the published table, {name} does not add up to its total. "
                    "Check that the table and its totals were published from the same counts."
                )
    for value in A[~np.isnan(A)]:
        if value < -1e-9:
            raise InconsistentTableError("Solving the published equations gave a negative count: the totals do not match.")


def _bounds(A: np.ndarray, S: np.ndarray) -> dict[tuple[int, int], tuple[int, int | None]]:
    """Attack 2: exact lower and upper bounds of every unknown cell (network flows)."""
    R, C = A.shape
    unknown = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.isnan(A)))]
    if not unknown:
        return {}
    known = np.nan_to_num(A, nan=0.0)
    n = R + C

    def ends(i: int, j: int) -> tuple[int, int]:
        return (i, R + j) if S[i, j] > 0 else (R + j, i)

    # supply at each node: rows need sum(sign * x) over unknowns = -sum(sign * known)
    supply = np.zeros(n)
    supply[:R] = -(S * known).sum(axis=1)
    supply[R:] = (S * known).sum(axis=0)
    supply = np.round(supply).astype(np.int64)
    if supply.sum() != 0:
        raise InconsistentTableError("The published totals do not add up to the grand total.")
    big = int(np.abs(supply).sum()) + 1
    g = FlowNetwork(n + 2)
    source, sink = n, n + 1
    edge_of = {}
    for i, j in unknown:
        u, v = ends(i, j)
        edge_of[(i, j)] = g.add_edge(u, v, big)
    need = 0
    for node in range(n):
        if supply[node] > 0:
            g.add_edge(source, node, int(supply[node]))
            need += int(supply[node])
        elif supply[node] < 0:
            g.add_edge(node, sink, int(-supply[node]))
    if g.max_flow(source, sink) != need:
        raise InconsistentTableError(
            "No table of non-negative counts matches the published cells and totals. "
            "Check that they were published from the same counts."
        )
    x0 = {cell: g.flow_on(e) for cell, e in edge_of.items()}

    bounds = {}
    for cell in unknown:
        u, v = ends(*cell)
        others = [c for c in unknown if c != cell]
        # cells that can grow without limit along a path mean "no upper bound"
        finite = sum(x0[c] for c in others)
        cap_inf = finite + 1

        def flow(a: int, b: int) -> int:
            net = FlowNetwork(n)
            for c in others:
                p, q = ends(*c)
                net.add_edge(p, q, cap_inf)
                if x0[c] > 0:
                    net.add_edge(q, p, x0[c])
            return net.max_flow(a, b, limit=cap_inf)

        up = flow(v, u)
        down = flow(u, v) if x0[cell] > 0 else 0
        lower = x0[cell] - min(x0[cell], down)
        upper = None if up >= cap_inf else x0[cell] + up
        bounds[cell] = (lower, upper)
    return bounds


def recover_suppressed(published: pd.DataFrame, *, total_label: str = TOTAL) -> Recovery:
    """Try to work out every hidden (``<NA>``) cell of a published table of counts.

    Uses only the published cells, the totals (the last row and column, when they are
    labelled ``total_label``) and the fact that counts are never negative. Returns a
    :class:`Recovery`: ``.n_recovered``, ``.recovered`` (cells worked out exactly),
    ``.cells`` (every hidden cell with its possible range) and ``.filled``.

    >>> import pandas as pd
    >>> from helpers.privacy import suppress_small_cells
    >>> counts = pd.DataFrame({"yes": [12, 4, 20], "no": [30, 25, 40]}, index=["A", "B", "C"])
    >>> recover_suppressed(suppress_small_cells(counts, threshold=5)).n_recovered
    0
    """
    A, rows, cols, has_row, has_col = _as_grid(published, total_label)
    hidden = np.isnan(A)
    hidden_shown = hidden.copy()
    if not has_row:
        hidden_shown[-1, :] = False
    if not has_col:
        hidden_shown[:, -1] = False
    S = margin_signs(A.shape)
    how: dict[tuple[int, int], str] = {}
    _check_consistent(A, S, rows, cols)
    _solve_lines(A, S, how, rows, cols)
    _check_consistent(A, S, rows, cols)
    bounds = _bounds(A, S)
    records = []
    for i, j in zip(*np.nonzero(hidden_shown)):
        i, j = int(i), int(j)
        if (i, j) in how:
            value = int(round(A[i, j]))
            records.append((rows[i], cols[j], value, value, True, value, how[(i, j)]))
            continue
        lower, upper = bounds[(i, j)]
        exact = upper is not None and lower == upper
        records.append(
            (rows[i], cols[j], lower, upper, exact, lower if exact else None,
             "the only value that fits every row and column total" if exact else "not determined")
        )
    cells = pd.DataFrame(records, columns=["row", "column", "lower", "upper", "exact", "value", "how"])
    for col in ("lower", "upper", "value"):
        cells[col] = cells[col].astype("Int64")
    cells["exact"] = cells["exact"].astype(bool)
    filled = published.copy()
    for rec in cells[cells["exact"]].itertuples():
        filled.loc[rec.row, rec.column] = rec.value
    return Recovery(cells=cells, filled=filled, published=published)
