"""Benchmark: suppressing the count table built from 1,000,000 rows, and attacking the result.

Targets (issue 16): suppress_small_cells under 1 s, reported as a ratio to a plain
``groupby().size().unstack()`` of the same rows timed in the same run; the learner's attack
(recover_suppressed: exact bounds of every hidden cell, small sums, small ranges) under 5 s.
Each step is timed REPEATS times and the best time is reported (the machine is shared).

    python benchmarks/suppression.py [rows] [threshold]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from helpers.privacy import count_table, recover_suppressed, suppress_small_cells

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
THRESHOLD = int(sys.argv[2]) if len(sys.argv) > 2 else 10
REPEATS = 3
GRADES = ["K"] + [str(g) for g in range(1, 13)]
SUBGROUPS = {  # skewed on purpose: some groups are rare, so many cells are small
    "none": 0.80, "english_learner": 0.08, "iep": 0.07, "section_504": 0.03,
    "homeless": 0.012, "foster_care": 0.004, "migrant": 0.003, "military": 0.001,
}


def make_rows(n: int, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    schools = [f"S{i:03d}" for i in range(60)]
    school_weights = rng.dirichlet(np.ones(len(schools)) * 2)
    return pd.DataFrame({
        "school_id": rng.choice(schools, size=n, p=school_weights),
        "grade": rng.choice(GRADES, size=n),
        "subgroup": rng.choice(list(SUBGROUPS), size=n, p=np.array(list(SUBGROUPS.values())) / sum(SUBGROUPS.values())),
    })


def best_of(func, repeats: int = REPEATS):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    rows = make_rows(ROWS)
    t_groupby, plain = best_of(lambda: rows.groupby(["school_id", "grade", "subgroup"]).size().unstack(fill_value=0))
    t_count, counts = best_of(lambda: count_table(rows, ["school_id", "grade"], "subgroup"))
    assert plain.to_numpy().sum() == counts.to_numpy().sum() == ROWS
    t_suppress, published = best_of(lambda: suppress_small_cells(counts, THRESHOLD))
    t_zeros, with_zeros = best_of(lambda: suppress_small_cells(counts, THRESHOLD, suppress_zeros=True))
    t_attack, recovery = best_of(lambda: recover_suppressed(published, threshold=THRESHOLD), repeats=1)
    inner = published.iloc[:-1, :-1]
    small = int(((counts > 0) & (counts < THRESHOLD)).to_numpy().sum())
    hidden_inner = int(inner.isna().to_numpy().sum())
    hidden_totals = int(published.isna().to_numpy().sum()) - hidden_inner
    print(f"rows aggregated:            {ROWS:,}")
    print(f"table (school x grade by subgroup): {counts.shape[0]} x {counts.shape[1]} = {counts.size:,} cells, "
          f"{small:,} small (1-{THRESHOLD - 1})")
    print(f"hidden inner cells:         {hidden_inner:,} ({hidden_inner - small:,} complementary); "
          f"hidden totals: {hidden_totals}")
    print(f"plain groupby().size().unstack(): {t_groupby:.3f} s  (the yardstick)")
    print(f"count_table:                {t_count:.3f} s  ({t_count / t_groupby:.1f}x the groupby)")
    print(f"suppress_small_cells:       {t_suppress:.3f} s  ({t_suppress / t_groupby:.1f}x the groupby; "
          f"target under 1 s -> {'OK' if t_suppress < 1 else 'TOO SLOW'})")
    print(f"  with suppress_zeros=True (as the hub does): {t_zeros:.3f} s ({t_zeros / t_groupby:.1f}x), "
          f"{int(with_zeros.isna().to_numpy().sum()):,} cells hidden")
    print(f"recover_suppressed (attack): {t_attack:.3f} s  ({t_attack / t_groupby:.1f}x the groupby; "
          f"target under 5 s -> {'OK' if t_attack < 5 else 'TOO SLOW'})")
    print(f"attack result: {recovery.n_recovered} exact, {len(recovery.small_sums)} small sums, "
          f"{len(recovery.small_ranges)} small ranges (safe: {recovery.safe})")


if __name__ == "__main__":
    main()
