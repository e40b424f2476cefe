"""Exact bounds of the hidden cells of a published two-way table (the attacker's maths).

A two-way table with its totals is a network: every row and every column is a node and
every hidden cell is an edge (the signs of :func:`margin_signs` give each edge its
direction). The non-negative whole-number tables that agree with what was published are
then exactly the flows in that network, so for every hidden cell the smallest and
largest possible value come from two maximum-flow calculations. These flows are
computed with :func:`scipy.sparse.csgraph.maximum_flow` (fast, 32-bit capacities), or
with the small pure-Python solver in :mod:`helpers.privacy._flow` for larger totals.

Example:
    >>> import numpy as np
    >>> grid = np.array([[np.nan, np.nan, 5.0], [np.nan, np.nan, 5.0], [4.0, 6.0, 10.0]])
    >>> cell_bounds(grid)
    {(0, 0): (0, 4), (0, 1): (1, 5), (1, 0): (0, 4), (1, 1): (1, 5)}
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

from ._flow import FlowNetwork
from ._protect import margin_signs
from .errors import InconsistentTableError

_INT32 = 2**31 - 1


def _setup(A: np.ndarray):
    R, C = A.shape
    S = margin_signs(A.shape)
    unknown = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.isnan(A)))]
    known = np.nan_to_num(A, nan=0.0)
    supply = np.zeros(R + C)
    supply[:R] = -(S * known).sum(axis=1)
    supply[R:] = (S * known).sum(axis=0)
    supply = np.round(supply).astype(np.int64)
    if supply.sum() != 0:
        raise InconsistentTableError("The published totals do not add up to the grand total.")
    ends = [((i, R + j) if S[i, j] > 0 else (R + j, i)) for i, j in unknown]
    return unknown, supply, ends


def cell_bounds(A: np.ndarray) -> dict[tuple[int, int], tuple[int, int | None]]:
    """``{(i, j): (lower, upper)}`` for every NaN cell of a table-with-margins.

    ``upper`` is ``None`` when nothing published limits the cell. Raises
    :class:`InconsistentTableError` when no table of non-negative counts fits.
    """
    unknown, supply, ends = _setup(A)
    if not unknown:
        return {}
    n = A.shape[0] + A.shape[1]
    need = int(supply[supply > 0].sum())
    big = need + 1
    if big * (n + 2) < _INT32:
        return _bounds_scipy(unknown, supply, ends, n, need, big)
    return _bounds_python(unknown, supply, ends, n, need)  # pragma: no cover - totals above 2**30


def _bounds_scipy(unknown, supply, ends, n, need, big):
    source, sink = n, n + 1
    src = [u for u, _ in ends] + [source] * int((supply > 0).sum()) + list(np.flatnonzero(supply < 0))
    dst = [v for _, v in ends] + list(np.flatnonzero(supply > 0)) + [sink] * int((supply < 0).sum())
    cap = [big] * len(ends) + list(supply[supply > 0]) + list(-supply[supply < 0])
    net = csr_array((np.array(cap, dtype=np.int32), (np.array(src), np.array(dst))), shape=(n + 2, n + 2))
    result = maximum_flow(net, source, sink)
    if result.flow_value != need:
        raise InconsistentTableError(
            "No table of non-negative counts matches the published cells and totals. "
            "Check that they were published from the same counts."
        )
    flow = result.flow.tocsr()
    x0 = [int(flow[u, v]) for u, v in ends]
    m = len(ends)
    total = sum(x0)
    cap_inf = total + 1
    # residual network: every hidden cell can grow (edge u->v) and shrink by its value (v->u)
    src = np.array([u for u, _ in ends] + [v for _, v in ends])
    dst = np.array([v for _, v in ends] + [u for u, _ in ends])
    data = np.array([cap_inf] * m + x0, dtype=np.int32)
    order = np.lexsort((dst, src))  # CSR order: by row, then column
    indptr = np.searchsorted(src[order], np.arange(n + 1))
    position = np.empty(2 * m, dtype=np.int64)
    position[order] = np.arange(2 * m)
    base = data[order]
    indices = dst[order].astype(np.int32)
    indptr = indptr.astype(np.int32)
    bounds = {}
    for k, cell in enumerate(unknown):
        u, v = ends[k]
        d = base.copy()
        d[position[k]] = 0
        d[position[m + k]] = 0
        residual = csr_array((d, indices, indptr), shape=(n, n))
        up = int(maximum_flow(residual, v, u).flow_value)
        down = int(maximum_flow(residual, u, v).flow_value) if x0[k] > 0 else 0
        bounds[cell] = (int(x0[k] - min(x0[k], down)), None if up >= cap_inf else int(x0[k] + up))
    return bounds


def _bounds_python(unknown, supply, ends, n, need):  # pragma: no cover - only for totals above 2**30
    big = int(np.abs(supply).sum()) + 1
    g = FlowNetwork(n + 2)
    source, sink = n, n + 1
    edges = [g.add_edge(u, v, big) for u, v in ends]
    for node in range(n):
        if supply[node] > 0:
            g.add_edge(source, node, int(supply[node]))
        elif supply[node] < 0:
            g.add_edge(node, sink, int(-supply[node]))
    if g.max_flow(source, sink) != need:
        raise InconsistentTableError(
            "No table of non-negative counts matches the published cells and totals. "
            "Check that they were published from the same counts."
        )
    x0 = [g.flow_on(e) for e in edges]
    cap_inf = sum(x0) + 1
    bounds = {}
    for k, cell in enumerate(unknown):
        u, v = ends[k]

        def flow(a: int, b: int) -> int:
            net = FlowNetwork(n)
            for other, (p, q) in enumerate(ends):
                if other != k:
                    net.add_edge(p, q, cap_inf)
                    if x0[other] > 0:
                        net.add_edge(q, p, x0[other])
            return net.max_flow(a, b, limit=cap_inf)

        up = flow(v, u)
        down = flow(u, v) if x0[k] > 0 else 0
        bounds[cell] = (x0[k] - min(x0[k], down), None if up >= cap_inf else x0[k] + up)
    return bounds
