"""Benchmark: small-cell + complementary suppression of a table built from 1,000,000 rows.

Target: suppression (aggregation excluded and included, both printed) under 2 seconds.
The attack on the result (recover_suppressed) is timed too, for information.

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


def main() -> None:
    rows = make_rows(ROWS)
    t0 = time.perf_counter()
    counts = count_table(rows, ["school_id", "grade"], "subgroup")
    t1 = time.perf_counter()
    published = suppress_small_cells(counts, THRESHOLD)
    t2 = time.perf_counter()
    recovery = recover_suppressed(published)
    t3 = time.perf_counter()
    inner = published.iloc[:-1, :-1]
    small = int(((counts > 0) & (counts < THRESHOLD)).to_numpy().sum())
    print(f"rows aggregated:        {ROWS:,}")
    print(f"table (school x grade by subgroup): {counts.shape[0]} x {counts.shape[1]} = {counts.size:,} cells, "
          f"{small:,} small (1-{THRESHOLD - 1})")
    print(f"hidden inner cells:     {int(inner.isna().to_numpy().sum()):,} "
          f"({int(inner.isna().to_numpy().sum()) - small:,} complementary); hidden totals: "
          f"{int(published.isna().to_numpy().sum()) - int(inner.isna().to_numpy().sum())}")
    print(f"aggregation time:       {t1 - t0:.3f} s")
    print(f"suppression time:       {t2 - t1:.3f} s   (target: under 2 s) -> {'OK' if t2 - t1 < 2 else 'TOO SLOW'}")
    print(f"aggregation+suppression:{t2 - t0:.3f} s")
    print(f"attack (recover_suppressed): {t3 - t2:.3f} s, recovered exactly: {recovery.n_recovered}")


if __name__ == "__main__":
    main()
