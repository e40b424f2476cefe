"""Generator throughput: time and peak memory at 1x, 10x, 100,000 students and 100x (600,000).

Run: ``python benchmarks/generator.py`` (add sizes as arguments, e.g. ``6000 60000``).
Each size runs in a fresh subprocess so peak memory (ru_maxrss) is measured per size.
Targets: default community under 10 s; 100,000 students under 2 minutes; roughly linear.
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
from helpers.riverbend import generate, write
n = int(sys.argv[1])
t0 = time.perf_counter()
tables = generate(2026, n)
t1 = time.perf_counter()
with tempfile.TemporaryDirectory() as tmp:  # removed afterwards: 100x is over a gigabyte
    out = Path(tmp) / "datasets"
    paths = write(tables, out)
    t2 = time.perf_counter()
    mb = sum(p.stat().st_size for p in paths) / 1e6
rows = sum(len(df) for df in tables.values())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux -> MB
print(json.dumps({"students": n, "generate_s": t1 - t0, "write_s": t2 - t1, "rows": rows,
                  "mb": mb, "peak_mb": peak, "attendance_rows": len(tables["attendance"])}))
"""


def measure(n: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(n)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    print(f"{'students':>9} {'generate s':>10} {'write s':>8} {'total s':>8} {'s per 1k':>9} "
          f"{'rows':>11} {'CSV MB':>8} {'peak MB':>8}")
    for n in sizes:
        r = measure(n)
        total = r["generate_s"] + r["write_s"]
        print(f"{n:>9,} {r['generate_s']:>10.2f} {r['write_s']:>8.2f} {total:>8.2f} "
              f"{1000 * total / n:>9.3f} {r['rows']:>11,} {r['mb']:>8.1f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [6_000, 60_000, 100_000, 600_000])
