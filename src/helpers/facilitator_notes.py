"""The facilitator edition: every facilitator note, per lesson and in order.

In a solution notebook a facilitator note is a Markdown cell tagged ``facilitator-note``.
The build leaves it out of the learner notebook (so no note gives an answer away) and this
module collects all of them into ``docs/facilitator-notes.md``, each under the lesson and
section it belongs to::

    python -m helpers.facilitator_notes          # rewrite docs/facilitator-notes.md
    python -m helpers.facilitator_notes --check  # exit 1 if it is out of date

Example:
    >>> nb = {"metadata": {"lesson": {"number": 1, "title": "Leaders"}}, "cells": [
    ...     {"cell_type": "markdown", "metadata": {}, "source": "## 2. The superintendent"},
    ...     {"cell_type": "markdown", "metadata": {"tags": ["facilitator-note"]},
    ...      "source": "> **Facilitator note:** Ask the room first."}]}
    >>> notes(nb)
    [('2. The superintendent', 'Ask the room first.')]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

TAG = "facilitator-note"
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
LEAD = re.compile(r"^\s*>?\s*\*\*Facilitator note:?\*\*:?\s*", re.I)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notes(nb: Any) -> list[tuple[str, str]]:
    """``(section heading, note text)`` for every facilitator-note cell of a notebook, in order."""
    section, found = "Opening", []
    for cell in nb["cells"]:
        text = _source(cell)
        tags = cell.get("metadata", {}).get("tags", [])
        if TAG in tags:
            body = "\n".join(re.sub(r"^>\s?", "", line) for line in text.strip().splitlines())
            found.append((section, LEAD.sub("", body, count=1).strip()))
        elif cell.get("cell_type") == "markdown" and "lesson-header" not in tags:
            headings = HEADING.findall(text)
            if headings:
                section = headings[-1].replace("**", "")
    return found


def render(lessons: list[tuple[dict, list[tuple[str, str]]]]) -> str:
    """The facilitator edition's Markdown for ``(lesson metadata, notes)`` pairs."""
    lines = ["# Facilitator notes", "",
             "Generated from the solution notebooks by `python -m helpers.facilitator_notes`; do not edit "
             "by hand. These notes are left out of the learner notebooks: some give answers away.", ""]
    for meta, found in lessons:
        lines += [f"## Lesson {int(meta['number']):02d}: {meta['title']}", ""]
        if not found:
            lines += ["*No facilitator notes in this lesson.*", ""]
        last = None
        for section, text in found:
            if section != last:
                lines += [f"### {section}", ""]
                last = section
            lines += [text, ""]
    return "\n".join(lines)


def current(root: Path | None = None) -> str:
    """The facilitator edition for the solution notebooks now in ``root``."""
    from helpers.authoring import ROOT, lesson_meta, solution_paths

    root = root or ROOT
    items = []
    for path in solution_paths(root):
        nb = nbformat.read(path, as_version=4)
        items.append((lesson_meta(nb, path.name), notes(nb)))
    return render(items)


def output(root: Path | None = None) -> Path:
    from helpers.authoring import ROOT

    return (root or ROOT) / "docs" / "facilitator-notes.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.facilitator_notes")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/facilitator-notes.md is out of date")
    args = parser.parse_args(argv)
    text, path = current(), output()
    if args.check:
        ok = path.exists() and path.read_text(encoding="utf-8") == text
        print("facilitator notes are up to date" if ok else "out of date: run python -m helpers.facilitator_notes")
        return 0 if ok else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
