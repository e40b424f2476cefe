"""Command line: ``python -m helpers.riverbend --seed 2026 --students 6000 --out datasets``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import DEFAULT_SEED, DEFAULT_STUDENTS, generate, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.riverbend",
        description="Generate the fictional Riverbend community's datasets (seeded, reproducible).",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--students", type=int, default=DEFAULT_STUDENTS,
                        help=f"number of district students (default {DEFAULT_STUDENTS})")
    parser.add_argument("--out", type=Path, default=Path("datasets"), help="output folder (default datasets)")
    parser.add_argument("--docs", type=Path, default=None,
                        help="where to write the Markdown data dictionary (default: docs/data-dictionary.md "
                             "next to the output folder when it is the project's datasets/ folder)")
    args = parser.parse_args(argv)
    docs = args.docs
    out = args.out.resolve()
    if docs is None and out.name == "datasets" and (out.parent / "pyproject.toml").exists():
        docs = args.out.resolve().parent / "docs" / "data-dictionary.md"
    start = time.perf_counter()
    tables = generate(args.seed, args.students)
    paths = write(tables, args.out, docs)
    seconds = time.perf_counter() - start
    print(f"Riverbend data: seed {args.seed}, {args.students:,} students, written to {args.out}/")
    for path in paths:
        name = path.stem
        rows = f"{len(tables[name]):>9,} rows" if path.suffix == ".csv" else " " * 14
        size = path.stat().st_size / 1024
        print(f"  {rows}  {size:9,.0f} KB  {path}")
    print(f"{len(paths)} files in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
