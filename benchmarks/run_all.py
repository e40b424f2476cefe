"""Run every benchmark in this folder, one after another, and print what each measured.

    python benchmarks/run_all.py      # or: make benchmark

Benchmarks measure; they are not tests and do not run in `make test`. Each script prints
its own table (and most also write benchmarks/results/*.md, which git ignores).
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["generator.py", "suppression.py", "linkage.py", "notebooks.py"]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        path = HERE / name
        if not path.exists():
            print(f"== {name}: missing, skipped")
            continue
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(path)])
        print(f"== {name}: exit {code}, {time.perf_counter() - start:.0f} s\n", flush=True)
        if code:
            failed.append(name)
    if failed:
        print("benchmarks that failed to run:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
