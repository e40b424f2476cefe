"""Benchmark: run every notebook on a fresh kernel; report wall time and peak memory.

    python benchmarks/notebooks.py               # lessons/ and solutions/
    python benchmarks/notebooks.py lessons/04*   # some notebooks

Budgets (issue 2 and 9): each lesson under 15 s on this 2-core machine, and under 1 GB of
kernel memory so it fits a Binder session. The kernel's peak resident memory is read from
``/proc/<pid>/status`` (VmHWM) just before the kernel shuts down, so it is the true peak
for that run. Results are printed and written to ``benchmarks/results/notebooks.md``.
This is a measurement, not a test: it exits 0 whatever it finds, and flags what is over.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TIME_BUDGET_S = 15.0
MEMORY_BUDGET_MB = 1024.0


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run(path: Path) -> tuple[float, float]:
    """Execute one notebook; return (seconds from kernel start to last cell, peak MB)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        peak = _peak_rss_mb(pid)
    return elapsed, peak


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(ROOT.glob("lessons/*.ipynb")) + sorted(ROOT.glob("solutions/*.ipynb"))
    rows = []
    total = 0.0
    print(f"{'notebook':40} {'seconds':>8} {'peak MB':>8}  budget")
    for path in paths:
        try:
            seconds, peak = run(path)
            flag = []
            if seconds > TIME_BUDGET_S:
                flag.append(f"over {TIME_BUDGET_S:.0f} s")
            if peak > MEMORY_BUDGET_MB:
                flag.append(f"over {MEMORY_BUDGET_MB:.0f} MB")
            note = ", ".join(flag) or "ok"
        except Exception as err:  # report and go on: this is a measurement
            seconds, peak, note = float("nan"), float("nan"), f"FAILED: {type(err).__name__}"
        total += 0 if seconds != seconds else seconds
        rel = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        rows.append((str(rel), seconds, peak, note))
        print(f"{str(rel):40} {seconds:8.1f} {peak:8.0f}  {note}", flush=True)
    print(f"{'total':40} {total:8.1f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    lines = ["| notebook | seconds | peak kernel MB | budget |", "|---|---:|---:|---|"]
    lines += [f"| {n} | {s:.1f} | {m:.0f} | {f} |" for n, s, m, f in rows]
    lines.append(f"| total | {total:.1f} | | |")
    (out / "notebooks.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
