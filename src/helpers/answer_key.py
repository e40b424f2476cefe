"""The facilitator answer key, generated from the solution notebooks and the checks.

For every checked question it shows the prompt the learner sees (the text cell just before
the check), the options, the expected answer, why it is right, and the feedback each wrong
choice gets; for every discussion prompt, the model answer kept in the solution notebook.
Because it is generated, it never disagrees with the lessons::

    python -m helpers.answer_key          # rewrite docs/answer-key.md
    python -m helpers.answer_key --check  # exit 1 if it is out of date

Example:
    >>> from helpers.exercises import ChoiceQuestion
    >>> q = ChoiceQuestion("pick", options={"a": "Yes", "b": "No"}, answer="b",
    ...                    hints=["Think."], solution_text='"b"', correct_note="Because.")
    >>> "**Answer:** b (No)" in describe_question(q)
    True
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

import nbformat

from helpers.authoring import MD_BLOCK, ROOT, lesson_meta, solution_paths
from helpers.exercises import Question

OUTPUT = ROOT / "docs" / "answer-key.md"
CHECK = re.compile(r"\bq\.(\w+)\.check\(")
MODEL = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->(.*?)<!--\s*END SOLUTION\s*-->", re.S)


def _quote(text: str, limit: int = 700) -> str:
    text = text.strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " ..."
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def describe_question(q: Question) -> str:
    """Markdown for one question: each question type describes itself (``q.describe()``)."""
    return q.describe()


def lesson_key(path) -> str:
    """The answer-key section for one solution notebook."""
    nb = nbformat.read(path, as_version=4)
    meta = lesson_meta(nb, path.name)
    module = importlib.import_module(f"helpers.checks.lesson{path.name[:2]}")
    out = [f"## {int(meta['number']):02d}. {meta['title']}", ""]
    last_text = ""
    seen: set[str] = set()
    for cell in nb.cells:
        src = cell.source
        if cell.cell_type == "markdown":
            for model in MODEL.findall(src):
                prompt = MD_BLOCK.sub("\n", src).strip()
                out += ["### Discussion", "", _quote(prompt), "", "**Model answer:**", "", model.strip(), ""]
            last_text = MD_BLOCK.sub("\n", src)
            continue
        for name in CHECK.findall(src):
            q = getattr(module, name, None)
            if name in seen or not isinstance(q, Question):
                continue
            seen.add(name)
            out += [f"### `q.{name}`", "", _quote(last_text), "", describe_question(q), ""]
    return "\n".join(out)


def current() -> str:
    """The whole answer key for the solution notebooks now in the project."""
    parts = [
        "# Answer key for facilitators",
        "",
        "Generated from `solutions/` and `src/helpers/checks/` by `python -m helpers.answer_key`;",
        "do not edit by hand. Learners see the same feedback in the notebooks, without the answers.",
        "",
    ]
    parts += [lesson_key(p) for p in solution_paths()]
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.answer_key")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/answer-key.md is out of date")
    args = parser.parse_args(argv)
    text = current()
    if args.check:
        ok = OUTPUT.exists() and OUTPUT.read_text() == text
        print("answer key is up to date" if ok else "answer key is out of date: run python -m helpers.answer_key")
        return 0 if ok else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
