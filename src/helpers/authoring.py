"""Authoring: one source of truth per lesson.

Each lesson is written once, as the *solution* notebook in ``solutions/``. The learner
notebook in ``lessons/`` is generated from it, never edited by hand::

    python -m helpers.authoring build            # execute solutions, regenerate lessons
    python -m helpers.authoring build --no-execute   # only regenerate lessons
    python -m helpers.authoring check            # exit 1 if any lesson is out of date

Markers an author puts in a solution notebook:

* ``name = expression  # SOLUTION`` becomes ``name = ____  # your answer here``.
  A text answer keeps its quotes: ``my_answer = "b"  # SOLUTION`` becomes
  ``my_answer = "____"  # your answer here``, so a learner types the letter between them.
* A block between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
  ``# Your code here``. Write ``# BEGIN SOLUTION blank: a, b`` to also leave
  ``a = ____`` and ``b = ____`` behind, so later cells still run.
* In Markdown, text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  (model answers to discussion prompts) is removed from the lesson.
* A cell tagged ``solution-only`` is left out of the lesson.
* A Markdown cell tagged ``facilitator-note`` is left out of the lesson and collected, per
  lesson and in order, into ``docs/facilitator-notes.md`` (the facilitator edition).
* Cells tagged ``going-further`` form *Going further* sections for data staff: the section's
  heading cell is collapsed in the lesson (JupyterLab's ``jp-MarkdownHeadingCollapsed``), so
  the core path stays short; the cells still run and are tested.
* A code cell tagged ``plumbing`` (loading, chart drawing) has its source hidden in the lesson
  (``"jupyter": {"source_hidden": true}``); the learner may expand it.

The notebook's ``metadata["lesson"]`` holds the lesson's title, kind (``welcome``,
``principle`` or ``capstone``), principle (for a principle lesson), time estimate, questions, objectives and key points. ``build`` renders them into the first
cell (tagged ``lesson-header``) and last cell (tagged ``lesson-keypoints``), so the
notebook, its metadata and the facilitator run-sheet cannot disagree.

Lessons are saved without outputs, execution counts or widget state.

Example:
    >>> cell = {"cell_type": "code", "source": "rate = 0.25  # SOLUTION", "metadata": {}}
    >>> strip_cell(cell)["source"]
    'rate = ____  # your answer here'
    >>> strip_code('my_answer = "b"  # SOLUTION')
    'my_answer = "____"  # your answer here'
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

from helpers.glossary import link_terms
from helpers.principles import PRINCIPLES as SEVEN_PRINCIPLES

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions"
LESSONS = ROOT / "lessons"

LINE_MARK = re.compile(r"^(?P<indent>\s*)(?P<lhs>[^=#]+?)\s*=(?!=)\s*(?P<rhs>.+?)\s*#\s*SOLUTION\s*$")
BEGIN = re.compile(r"^(?P<indent>\s*)#\s*BEGIN SOLUTION(?:\s+blank:\s*(?P<blanks>.+))?\s*$")
END = re.compile(r"^\s*#\s*END SOLUTION\s*$")
QUOTED = re.compile(r"""(["'])[^"'\n]*\1""")  # a text answer such as "b": the lesson shows "____"
MD_BLOCK = re.compile(r"\s*<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->\s*", re.S)

REQUIRED_META = ("number", "title", "kind", "minutes", "questions", "objectives", "keypoints")
#: What a lesson is: each kind's label in headers and the run-sheet. A principle lesson also
#: names its principle (1-7) and is labelled with that principle's name.
KINDS = {"welcome": "Getting started", "principle": None, "capstone": "All seven principles together"}
#: Cell tags with a meaning for the build (see the module docstring).
FACILITATOR_NOTE, GOING_FURTHER, PLUMBING = "facilitator-note", "going-further", "plumbing"


class AuthoringError(ValueError):
    """A solution notebook's markers or metadata are malformed."""


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def strip_code(source: str, where: str = "cell") -> str:
    """Replace solution markers in one code cell's source with placeholders."""
    out: list[str] = []
    in_block = False
    for lineno, line in enumerate(source.split("\n"), 1):
        if in_block:
            if END.match(line):
                in_block = False
            elif BEGIN.match(line):
                raise AuthoringError(f"{where}, line {lineno}: BEGIN SOLUTION inside another block")
            continue
        begin = BEGIN.match(line)
        if begin:
            in_block = True
            indent = begin["indent"]
            out.append(f"{indent}# Your code here")
            for name in (begin["blanks"] or "").split(","):
                if name.strip():
                    out.append(f"{indent}{name.strip()} = ____")
            continue
        if END.match(line):
            raise AuthoringError(f"{where}, line {lineno}: END SOLUTION without BEGIN SOLUTION")
        mark = LINE_MARK.match(line)
        if mark:
            blank = '"____"' if QUOTED.fullmatch(mark["rhs"].strip()) else "____"  # a letter keeps its quotes
            out.append(f"{mark['indent']}{mark['lhs'].strip()} = {blank}  # your answer here")
            continue
        if re.search(r"#\s*SOLUTION\s*$", line):
            raise AuthoringError(f"{where}, line {lineno}: '# SOLUTION' needs the form `name = value  # SOLUTION`")
        out.append(line)
    if in_block:
        raise AuthoringError(f"{where}: BEGIN SOLUTION is never closed with END SOLUTION")
    return "\n".join(out)


def strip_cell(cell: dict, where: str = "cell") -> dict:
    """Return the learner version of one cell (the input is not changed)."""
    new = copy.deepcopy(dict(cell))
    src = _source(new)
    if new.get("cell_type") == "code":
        new["source"] = strip_code(src, where)
        new["outputs"] = []
        new["execution_count"] = None
    elif new.get("cell_type") == "markdown":
        new["source"] = MD_BLOCK.sub("\n\n", src).strip("\n") if "BEGIN SOLUTION" in src else src
    meta = dict(new.get("metadata", {}))
    for key in ("execution", "collapsed", "scrolled"):
        meta.pop(key, None)
    new["metadata"] = meta
    return nbformat.from_dict(new)


def lesson_meta(nb: Any, name: str = "notebook") -> dict:
    """The validated ``metadata['lesson']`` block of a solution notebook."""
    meta = nb.get("metadata", {}).get("lesson")
    if not isinstance(meta, dict):
        raise AuthoringError(f"{name}: metadata['lesson'] is missing")
    missing = [k for k in REQUIRED_META if k not in meta or meta[k] in (None, "", [])]
    if missing:
        raise AuthoringError(f"{name}: metadata['lesson'] lacks {', '.join(missing)}")
    if meta["kind"] not in KINDS:
        raise AuthoringError(f"{name}: metadata['lesson']['kind'] is {meta['kind']!r}; use one of {', '.join(KINDS)}")
    if meta["kind"] == "principle" and meta.get("principle") not in SEVEN_PRINCIPLES:
        raise AuthoringError(f"{name}: a principle lesson needs metadata['lesson']['principle'] between 1 and 7")
    cut = meta.get("one_day")
    if cut is not None and not (isinstance(cut, dict) and isinstance(cut.get("minutes"), int)
                                and 0 < cut["minutes"] <= int(meta["minutes"]) and str(cut.get("plan", "")).strip()):
        raise AuthoringError(f"{name}: metadata['lesson']['one_day'] needs whole 'minutes' (at most the lesson's "
                             "own minutes) and a 'plan' saying what the room does in the workshop cut")
    return meta


def lesson_label(meta: dict) -> str:
    """How a lesson is labelled: 'Principle 4: Build ...', 'Getting started', ...

    >>> lesson_label({"kind": "principle", "principle": 6})
    "Principle 6: Don't blame it on FERPA"
    >>> lesson_label({"kind": "capstone"})
    'All seven principles together'
    """
    if meta["kind"] == "principle":
        return f"Principle {meta['principle']}: {SEVEN_PRINCIPLES[meta['principle']]}"
    return KINDS[meta["kind"]]


def render_header(meta: dict) -> str:
    """The Markdown of a lesson's opening cell, from its metadata."""
    number = int(meta["number"])
    which = lesson_label(meta)
    lines = [
        f"# Lesson {number:02d}: {meta['title']}",
        "",
        f"**{which}** · about **{meta['minutes']} minutes**",
        "",
        "> **Questions**",
    ]
    lines += [f"> - {q}" for q in meta["questions"]]
    lines += ["", "> **By the end you will be able to**"]
    lines += [f"> - {o}" for o in meta["objectives"]]
    lines += [
        "",
        "*Training material with a fictional community (Riverbend) and synthetic data. "
        "Nothing here is legal advice.*",
    ]
    return "\n".join(lines)


def render_keypoints(meta: dict) -> str:
    """The Markdown of a lesson's closing cell, from its metadata."""
    lines = ["## Key points", ""]
    lines += [f"- {k}" for k in meta["keypoints"]]
    return "\n".join(lines)


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def sync_generated_cells(nb: Any, name: str = "notebook") -> Any:
    """Return ``nb`` with its header and key-points cells rendered from metadata."""
    nb = copy.deepcopy(nb)
    meta = lesson_meta(nb, name)
    cells = nb["cells"]
    header = nbformat.v4.new_markdown_cell(render_header(meta), metadata={"tags": ["lesson-header"]})
    footer = nbformat.v4.new_markdown_cell(render_keypoints(meta), metadata={"tags": ["lesson-keypoints"]})
    for generated in (header, footer):
        generated.pop("id", None)
    if cells and "lesson-header" in _tags(cells[0]):
        header["id"] = cells[0].get("id")
        cells[0] = header
    else:
        cells.insert(0, header)
    if cells and "lesson-keypoints" in _tags(cells[-1]):
        footer["id"] = cells[-1].get("id")
        cells[-1] = footer
    else:
        cells.append(footer)
    for cell in (cells[0], cells[-1]):
        if cell.get("id") is None:
            cell.pop("id", None)
    return nb


def _collapse_going_further(cells: list, name: str) -> None:
    """Collapse the heading that opens each run of going-further cells (in place, on copies)."""
    previous = False
    for i, cell in enumerate(cells):
        further = GOING_FURTHER in _tags(cell)
        if further and not previous:
            if cell.get("cell_type") != "markdown" or not re.match(r"#{1,6} ", _source(cell).lstrip()):
                raise AuthoringError(f"{name}, cell {i + 1}: a Going further section must open with a "
                                     "Markdown heading cell (e.g. '## Going further: ...') tagged going-further")
            cell["metadata"]["jp-MarkdownHeadingCollapsed"] = True
        previous = further


def make_lesson(solution: Any, name: str = "notebook") -> Any:
    """Build the learner notebook from a solution notebook (which is not changed)."""
    lesson = copy.deepcopy(solution)
    lesson_meta(lesson, name)
    cells = []
    for i, cell in enumerate(solution["cells"]):
        tags = _tags(cell)
        if "solution-only" in tags or FACILITATOR_NOTE in tags:
            continue
        new = strip_cell(cell, f"{name}, cell {i + 1}")
        if PLUMBING in tags and new["cell_type"] == "code":
            new["metadata"]["jupyter"] = {**new["metadata"].get("jupyter", {}), "source_hidden": True}
        cells.append(new)
    _collapse_going_further(cells, name)
    lesson["cells"] = cells
    lesson["metadata"].pop("widgets", None)
    return lesson


def dumps(nb: Any) -> str:
    """Serialize exactly as committed (stable key order, trailing newline)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _ensure_ids(nb: Any) -> Any:
    for i, cell in enumerate(nb["cells"]):
        if not cell.get("id"):
            cell["id"] = f"c{i:03d}"
    return nb


def execute(nb: Any, cwd: Path, timeout: int = 300) -> Any:
    """Run a notebook top to bottom on a fresh kernel; return it with outputs."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        allow_errors=False,
    )
    client.execute()
    return nb


WIDGET_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def stable_widget_ids(nb: Any) -> Any:
    """Renumber the random widget model IDs of an executed notebook, deterministically.

    ipywidgets names every model with a random 32-hex-digit ID, so each run would change the
    saved widget state and outputs. IDs are renumbered 0...01, 0...02, ... in an order that
    does not depend on the random IDs: the widgets shown in the outputs (cell order), then
    every model they refer to (breadth first, in the order the references appear), then any
    others by their content. Every reference stays consistent, and rebuilt solutions are
    byte-for-byte stable.
    """
    state = (nb.get("metadata", {}).get("widgets", {})
             .get("application/vnd.jupyter.widget-state+json", {}).get("state", {}))
    shown = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and view.get("model_id") and view["model_id"] not in shown:
                shown.append(view["model_id"])
    known = set(state) | set(shown)
    if not known:
        return nb
    order: dict[str, str] = {}
    queue = list(shown)
    while True:
        while queue:
            model = queue.pop(0)
            if model in order:
                continue
            order[model] = f"{len(order) + 1:032x}"
            refs = WIDGET_ID.findall(json.dumps(state.get(model, {}), sort_keys=True))
            queue += [r for r in refs if r in known and r not in order]
        rest = [m for m in known if m not in order]
        if not rest:
            break
        masked = {m: WIDGET_ID.sub("ID", json.dumps(state.get(m, {}), sort_keys=True)) for m in rest}
        queue = [min(rest, key=lambda m: (masked[m], m))]
    text = dumps(nb)
    return nbformat.reads(WIDGET_ID.sub(lambda m: order.get(m.group(0), m.group(0)), text), as_version=4)


def solution_paths(root: Path = ROOT) -> list[Path]:
    return sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))


def build(names: list[str] | None = None, run: bool = True, root: Path = ROOT) -> list[Path]:
    """Refresh generated cells, execute solutions (optional) and write lessons."""
    written = []
    for path in solution_paths(root):
        if names and not any(n in path.name for n in names):
            continue
        nb = nbformat.read(path, as_version=4)
        nb = _ensure_ids(link_terms(sync_generated_cells(nb, path.name)))
        if run:
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    cell["outputs"] = []
                    cell["execution_count"] = None
            print(f"executing {path.name} ...", flush=True)
            nb = stable_widget_ids(execute(nb, path.parent))
        path.write_text(dumps(nb), encoding="utf-8")
        lesson_path = root / "lessons" / path.name
        lesson_path.write_text(dumps(make_lesson(nb, path.name)), encoding="utf-8")
        written.append(lesson_path)
        print(f"wrote {lesson_path.relative_to(root)}")
    return written


def stale_lessons(root: Path = ROOT) -> list[str]:
    """Names of lessons that differ from what their solution would generate."""
    problems = []
    solutions = {p.name for p in solution_paths(root)}
    for path in solution_paths(root):
        nb = nbformat.read(path, as_version=4)
        expected = dumps(make_lesson(nb, path.name))
        synced = dumps(sync_generated_cells(nb, path.name))
        if synced != dumps(nb):
            problems.append(f"solutions/{path.name}: header or key points differ from its metadata")
        elif dumps(link_terms(nb)) != synced:
            problems.append(f"solutions/{path.name}: glossary links are missing")
        lesson_path = root / "lessons" / path.name
        if not lesson_path.exists():
            problems.append(f"lessons/{path.name}: missing")
        elif lesson_path.read_text(encoding="utf-8") != expected:
            problems.append(f"lessons/{path.name}: out of date")
    for path in sorted((root / "lessons").glob("*.ipynb")):
        if path.name not in solutions:
            problems.append(f"lessons/{path.name}: has no solution notebook")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.authoring", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="execute solution notebooks and regenerate lessons/")
    b.add_argument("names", nargs="*", help="only notebooks whose file name contains one of these")
    b.add_argument("--no-execute", action="store_true", help="do not re-run the solution notebooks")
    sub.add_parser("check", help="fail if any lesson is out of date")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.names, run=not args.no_execute)
        from helpers import agenda, answer_key, facilitator_notes, runsheet  # generated from the same source

        runsheet.main([])
        agenda.main([])
        answer_key.main([])
        facilitator_notes.main([])
        return 0
    problems = stale_lessons()
    for p in problems:
        print(p)
    if problems:
        print("Run: python -m helpers.authoring build")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
