"""A small maximum-flow solver (Dinic's algorithm) used to bound hidden table cells.

A two-way table with its totals is a network: every row and every column is a node and
every hidden cell is an edge. Which values the hidden cells can take is then a flow
problem, so exact bounds need no linear-programming library.

Example:
    >>> g = FlowNetwork(4)
    >>> for u, v, cap in [(0, 1, 3), (0, 2, 2), (1, 3, 2), (2, 3, 3)]:
    ...     _ = g.add_edge(u, v, cap)
    >>> g.max_flow(0, 3)
    4
"""

from __future__ import annotations

from collections import deque


class FlowNetwork:
    """A directed graph with integer capacities; ``max_flow`` changes the residual state."""

    def __init__(self, n: int):
        self.n = n
        self.adj: list[list[int]] = [[] for _ in range(n)]
        self.to: list[int] = []
        self.cap: list[int] = []

    def add_edge(self, u: int, v: int, capacity: int) -> int:
        """Add an edge u -> v; returns its index (the reverse edge is index + 1)."""
        self.adj[u].append(len(self.to))
        self.to.append(v)
        self.cap.append(int(capacity))
        self.adj[v].append(len(self.to))
        self.to.append(u)
        self.cap.append(0)
        return len(self.to) - 2

    def flow_on(self, edge: int) -> int:
        """Flow currently on an edge (its reverse residual capacity)."""
        return self.cap[edge ^ 1]

    def _levels(self, s: int, t: int) -> list[int] | None:
        level = [-1] * self.n
        level[s] = 0
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for e in self.adj[u]:
                if self.cap[e] > 0 and level[self.to[e]] < 0:
                    level[self.to[e]] = level[u] + 1
                    queue.append(self.to[e])
        return level if level[t] >= 0 else None

    def max_flow(self, s: int, t: int, limit: int | None = None) -> int:
        """Push as much flow from s to t as possible (stopping at ``limit`` if given)."""
        if s == t:
            raise ValueError("source and sink must differ")
        total = 0
        remaining = limit
        while remaining is None or remaining > 0:
            level = self._levels(s, t)
            if level is None:
                break
            it = [0] * self.n
            while True:
                pushed = self._push(s, t, remaining, level, it)
                if not pushed:
                    break
                total += pushed
                if remaining is not None:
                    remaining -= pushed
                    if remaining <= 0:
                        break
        return total

    def _push(self, s: int, t: int, limit: int | None, level: list[int], it: list[int]) -> int:
        # iterative DFS along the level graph; returns the bottleneck pushed (0 if none)
        path: list[int] = []
        u = s
        while True:
            if u == t:
                amount = min(self.cap[e] for e in path)
                if limit is not None:
                    amount = min(amount, limit)
                for e in path:
                    self.cap[e] -= amount
                    self.cap[e ^ 1] += amount
                return amount
            advanced = False
            while it[u] < len(self.adj[u]):
                e = self.adj[u][it[u]]
                v = self.to[e]
                if self.cap[e] > 0 and level[v] == level[u] + 1:
                    path.append(e)
                    u = v
                    advanced = True
                    break
                it[u] += 1
            if not advanced:
                if u == s:
                    return 0
                level[u] = -1  # dead end: never visit again in this phase
                e = path.pop()
                u = self.to[e ^ 1]
                it[u] += 1
