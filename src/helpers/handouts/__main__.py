"""Command line: ``python -m helpers.handouts [--no-pdf] [--check]`` (see helpers.handouts.build)."""

from __future__ import annotations

import argparse
import sys

from helpers.handouts.build import OUTPUT, ROOT, build, stale
from helpers.handouts.pdf import ChromiumMissing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.handouts",
                                     description="Generate the facilitator kit into docs/handouts/.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed kit is out of date")
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML only (no Chromium needed)")
    args = parser.parse_args(argv)
    where = OUTPUT.relative_to(ROOT)
    if args.check:
        problems = stale()
        for p in problems:
            print(f"  {p}")
        print("handouts are up to date" if not problems else "handouts are out of date: run make handouts")
        return 1 if problems else 0
    try:
        manifest = build(pdf=not args.no_pdf)
    except ChromiumMissing as err:
        print(err, file=sys.stderr)
        return 2
    pages = sum(e["pages"] for e in manifest.values())
    print(f"wrote {where}/" + (f" ({len(manifest)} PDFs, {pages} pages)" if manifest else " (HTML only)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
