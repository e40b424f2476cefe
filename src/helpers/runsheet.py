"""The facilitator run-sheet, generated from the lessons' own metadata.

Each solution notebook's ``metadata["lesson"]`` holds its title, principle, time estimate,
questions, objectives and key points (the same block that renders the lesson's opening and
closing cells). This module turns them into ``docs/run-sheet.md``, so the run-sheet can
never disagree with the notebooks::

    python -m helpers.runsheet          # rewrite docs/run-sheet.md
    python -m helpers.runsheet --check  # exit 1 if it is out of date

Example:
    >>> meta = {"number": 1, "title": "Leaders", "principle": 1, "minutes": 45,
    ...         "questions": ["Who decides?"], "objectives": ["Brief a leader."],
    ...         "keypoints": ["Leaders move data."]}
    >>> print(render([meta]).splitlines()[7])
    | 01 | Leaders | 1 | 45 | 0:00-0:45 |
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from helpers.authoring import PRINCIPLES, ROOT, lesson_meta, solution_paths

OUTPUT = ROOT / "docs" / "run-sheet.md"


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def render(metas: list[dict]) -> str:
    """The run-sheet Markdown for lessons given as metadata blocks, in order."""
    lines = [
        "# Run-sheet",
        "",
        "Generated from the lessons' metadata by `python -m helpers.runsheet`; do not edit by hand.",
        "Times are teaching time only: add breaks (see the facilitator guide).",
        "",
        "| # | Lesson | Principle | Minutes | Running time |",
        "|---|---|---|---:|---|",
    ]
    elapsed = 0
    for m in metas:
        start, elapsed = elapsed, elapsed + int(m["minutes"])
        principle = m["principle"] if 1 <= int(m["principle"]) <= 7 else ("-" if m["principle"] == 0 else "all")
        lines.append(f"| {int(m['number']):02d} | {m['title']} | {principle} | {m['minutes']} | "
                     f"{_clock(start)}-{_clock(elapsed)} |")
    lines += ["", f"Total teaching time: {_clock(elapsed)} (h:mm).", ""]
    for m in metas:
        label = PRINCIPLES.get(m["principle"], "")
        lines += [f"## {int(m['number']):02d}. {m['title']} ({m['minutes']} min)", "", f"*{label}*", "",
                  "**Questions**", ""]
        lines += [f"- {q}" for q in m["questions"]]
        lines += ["", "**Objectives**", ""]
        lines += [f"- {o}" for o in m["objectives"]]
        lines += ["", "**Key points to land**", ""]
        lines += [f"- {k}" for k in m["keypoints"]]
        lines.append("")
    return "\n".join(lines)


def current(root: Path = ROOT) -> str:
    """The run-sheet for the solution notebooks now in ``root``."""
    metas = [lesson_meta(nbformat.read(p, as_version=4), p.name) for p in solution_paths(root)]
    return render(metas)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.runsheet")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/run-sheet.md is out of date")
    args = parser.parse_args(argv)
    text = current()
    if args.check:
        ok = OUTPUT.exists() and OUTPUT.read_text() == text
        print("run-sheet is up to date" if ok else "run-sheet is out of date: run python -m helpers.runsheet")
        return 0 if ok else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
