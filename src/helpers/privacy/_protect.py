"""The protection engine behind :func:`helpers.privacy.suppress_small_cells`.

It works on a table *with its margins* (last row and column are the totals) and decides
which cells to hide. The rule it enforces, for a threshold ``t``:

    Every hidden cell whose true count is below ``t`` (a small count, or a hidden zero)
    lies on a hidden **rectangle** of four cells along which it can be moved up to ``t``
    or more while every row and column still adds up and no count goes below zero.

A rectangle ``(i, j), (i, j2), (i2, j), (i2, j2)`` of hidden cells can trade counts: add
``d`` to two opposite corners and take ``d`` from the other two (for total cells the
signs follow the totals). So a reader of the published table cannot rule out that the
cell holds ``t`` or more, whatever else they combine. Because any sum of hidden cells is
at least each of its parts, the same holds for sums: no set of hidden cells (a row's
hidden cells, say) can be shown to add up to a count from 1 to ``t - 1``.

Each rectangle is chosen once, for one small cell, and never undone (hiding more cells
only widens what a reader must consider possible), so one pass over the small cells is
enough. Cells that may never be hidden (known structural zeros) are never used.

Example:
    >>> import numpy as np
    >>> from helpers.privacy.suppression import with_margins
    >>> table = with_margins(np.array([[365, 1, 3], [300, 20, 15]]))
    >>> small = (table > 0) & (table < 10)
    >>> protect_table(table, 10, small, np.zeros(table.shape, dtype=bool)).astype(int).tolist()
    [[1, 1, 1, 0], [1, 1, 1, 0], [0, 0, 0, 0]]
"""

from __future__ import annotations

import numpy as np

_INTERIOR_COST = 1.0
_MARGIN_COST = 20.0
_GRAND_COST = 400.0


def margin_signs(shape: tuple[int, int]) -> np.ndarray:
    """+1 for inner cells and the grand total, -1 for row and column totals.

    With these signs every row and column of the table-with-margins sums to zero.

    >>> margin_signs((2, 2)).tolist()
    [[1, -1], [-1, 1]]
    """
    rows, cols = shape
    inner_r = np.arange(rows) < rows - 1
    inner_c = np.arange(cols) < cols - 1
    return np.where(inner_r[:, None] == inner_c[None, :], 1, -1).astype(np.int64)


def base_cost(table: np.ndarray) -> np.ndarray:
    """What hiding each cell costs: inner cells cheap (smaller counts cheaper), totals dear.

    >>> base_cost(np.array([[1, 1], [1, 2]])).round(2).tolist()
    [[1.05, 21.05], [21.05, 400.0]]
    """
    scale = float(table[:-1, :-1].max()) + 1.0 if table.size else 1.0
    cost = (_INTERIOR_COST + table / (scale * 10.0)).astype(float)
    cost[-1, :] += _MARGIN_COST
    cost[:, -1] += _MARGIN_COST
    cost[-1, -1] = _GRAND_COST
    return cost


def _capacity(A: np.ndarray, S: np.ndarray, i: int, j: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """How far cell (i, j) can grow along each rectangle through rows x cols (inf: no limit).

    Growing (i, j) by d moves (i, j2) by ``-s*S[i, j2]*d``, (i2, j) by ``-s*S[i2, j]*d`` and
    (i2, j2) by ``s*S[i2, j2]*d``; a corner that moves down limits d to its count.
    """
    s = S[i, j]
    b_dir = -s * S[i, cols]
    c_dir = -s * S[rows, j]
    d_dir = s * S[np.ix_(rows, cols)]
    cap_b = np.where(b_dir < 0, A[i, cols], np.inf)[None, :]
    cap_c = np.where(c_dir < 0, A[rows, j], np.inf)[:, None]
    cap_d = np.where(d_dir < 0, A[np.ix_(rows, cols)], np.inf)
    return np.minimum(np.minimum(cap_b, cap_c), cap_d)


def _already_protected(A, S, hidden, i, j, need) -> bool:
    """True when a rectangle of hidden cells already lets (i, j) grow by ``need``."""
    cols = np.flatnonzero(hidden[i, :])
    cols = cols[cols != j]
    rows = np.flatnonzero(hidden[:, j])
    rows = rows[rows != i]
    if not len(cols) or not len(rows):
        return False
    cap = _capacity(A, S, i, j, rows, cols)
    return bool(((cap >= need) & hidden[np.ix_(rows, cols)]).any())


def _cheapest_rectangle(A, S, hidden, fixed, cost, i, j, need) -> tuple[int, int] | None:
    """The (i2, j2) of the cheapest rectangle that lets (i, j) grow by ``need``."""
    R, C = A.shape
    cap = _capacity(A, S, i, j, np.arange(R), np.arange(C))
    extra = np.where(hidden, 0.0, np.where(fixed, np.inf, cost))
    total = extra[i, :][None, :] + extra[:, j][:, None] + extra
    total = np.where(cap >= need, total, np.inf)
    total[i, :] = np.inf
    total[:, j] = np.inf
    k = int(np.argmin(total))
    i2, j2 = divmod(k, C)
    if not np.isfinite(total[i2, j2]):
        return None
    return i2, j2


def protect_table(table: np.ndarray, threshold: int, primary: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Boolean mask of cells to hide: ``primary`` plus the complements that protect it.

    ``table`` has its margins; ``primary`` marks the cells that must be hidden; ``fixed``
    marks cells that may never be hidden (published as they are). Every hidden cell
    counted below ``threshold`` ends on a hidden rectangle along which it can grow to
    ``threshold`` (see the module notes). When no such rectangle exists (only possible
    when fixed cells block every one), every cell is hidden: nothing is safer than
    publishing a table that gives a small count away.
    """
    A = np.asarray(table, dtype=np.int64)
    S = margin_signs(A.shape)
    hidden = np.asarray(primary, dtype=bool).copy()
    fixed = np.asarray(fixed, dtype=bool)
    cost = base_cost(A)
    R, C = A.shape
    todo = [(int(i), int(j)) for i, j in zip(*np.nonzero(hidden & (A < threshold)))]
    # inner cells first (their rectangles often protect the totals too), largest need first
    todo.sort(key=lambda ij: (ij[0] == R - 1 or ij[1] == C - 1, A[ij], ij))
    for i, j in todo:
        need = int(threshold - A[i, j])
        if _already_protected(A, S, hidden, i, j, need):
            continue
        corner = _cheapest_rectangle(A, S, hidden, fixed, cost, i, j, need)
        if corner is None:
            return np.ones(A.shape, dtype=bool)
        i2, j2 = corner
        hidden[i, j2] = hidden[i2, j] = hidden[i2, j2] = True
    return hidden
