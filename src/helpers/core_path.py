"""How much a first-time participant meets on a lesson's core path.

The *core path* of a learner notebook is every cell outside its *Going further* sections
(cells tagged ``going-further``). A participant who has never coded should read little code
there and write none from scratch. This module measures, per learner notebook:

* ``code_lines``: visible, non-blank, non-comment code lines on the core path (code cells
  whose source is hidden, the ``plumbing`` cells, do not count);
* ``from_scratch``: exercises that ask for code written from scratch (a ``# Your code here``
  left by a ``# BEGIN SOLUTION`` block) on the core path;
* ``facilitator_notes``: facilitator notes left where learners see them.

The limits (``LIMITS``) are enforced by ``tests/test_lesson_structure.py``; print the table with
``python -m helpers.core_path``.

Example:
    >>> nb = {"cells": [
    ...     {"cell_type": "code", "metadata": {}, "source": "# load\\nx = 1\\n\\ny = 2"},
    ...     {"cell_type": "code", "metadata": {"tags": ["going-further"]}, "source": "z = 3"},
    ...     {"cell_type": "code", "metadata": {"jupyter": {"source_hidden": True}}, "source": "w = 4"},
    ...     {"cell_type": "code", "metadata": {}, "source": "# Your code here\\nt = ____"}]}
    >>> measure(nb)
    {'code_lines': 3, 'from_scratch': 1, 'facilitator_notes': 0}
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

#: The most each learner notebook may have on its core path (aim for 25 code lines).
LIMITS = {"code_lines": 40, "from_scratch": 0, "facilitator_notes": 0}

NOTE = re.compile(r"facilitator note", re.I)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _hidden(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def measure(lesson: Any) -> dict[str, int]:
    """Core-path counts for one learner notebook (a dict as read from its JSON)."""
    code_lines = from_scratch = notes = 0
    for cell in lesson["cells"]:
        text = _source(cell)
        if cell.get("cell_type") == "markdown" or "facilitator-note" in _tags(cell):
            notes += bool(NOTE.search(text)) or "facilitator-note" in _tags(cell)
            continue
        if cell.get("cell_type") != "code" or "going-further" in _tags(cell):
            continue
        from_scratch += len(re.findall(r"^\s*# Your code here\s*$", text, re.M))
        if _hidden(cell):
            continue
        code_lines += sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))
    return {"code_lines": code_lines, "from_scratch": from_scratch, "facilitator_notes": notes}


def table(lessons_dir: Path) -> list[tuple[str, dict[str, int]]]:
    """``(file name, measure)`` for every learner notebook in ``lessons_dir``."""
    return [(p.name, measure(json.loads(p.read_text(encoding="utf-8"))))
            for p in sorted(Path(lessons_dir).glob("[0-9][0-9]_*.ipynb"))]


def render(rows: list[tuple[str, dict[str, int]]]) -> str:
    """The measure as a Markdown table, with the limits in the last row."""
    lines = ["| lesson | core-path code lines | from-scratch exercises | facilitator notes |",
             "|---|---:|---:|---:|"]
    lines += [f"| {name} | {m['code_lines']} | {m['from_scratch']} | {m['facilitator_notes']} |" for name, m in rows]
    lines.append(f"| limit | {LIMITS['code_lines']} | {LIMITS['from_scratch']} | {LIMITS['facilitator_notes']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from helpers.authoring import ROOT

    rows = table(ROOT / "lessons")
    print(render(rows))
    over = [name for name, m in rows if any(m[k] > LIMITS[k] for k in LIMITS)]
    if over:
        print("over the limits: " + ", ".join(over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
