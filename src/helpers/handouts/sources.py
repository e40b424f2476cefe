"""What the facilitator kit is made of, read from the lessons' own sources.

Nothing in the kit is typed twice: each lesson's title, principle, questions, objectives and
key points come from the solution notebook's ``metadata["lesson"]``; discussion prompts from
its Markdown cells that start with ``**Discuss``; the chart for the slides from a cell tagged
``slide-chart`` (or else the first chart the notebook draws); checked questions from the
``q.<name>.check(...)`` calls in the notebook, looked up in ``helpers.checks.lessonNN``.

Example:
    >>> cell = {"cell_type": "markdown", "metadata": {"tags": []},
    ...         "source": "> **Facilitator note:** pair people up."}
    >>> is_facilitator_note(cell)
    True
    >>> plain_links("See [PII](../docs/glossary.md#pii) and [the Playbook](https://example.org).")
    'See PII and [the Playbook](https://example.org).'
    >>> discussion_prompts_in("**Discuss.** Who decides?\\n\\n<!-- BEGIN SOLUTION -->\\nThe board.\\n<!-- END SOLUTION -->")
    [('**Discuss.** Who decides?', 'The board.')]
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from helpers.exercises import ChoiceQuestion, NumberQuestion, PickItemsQuestion, Question
from helpers.principles import PRINCIPLES

ROOT = Path(__file__).resolve().parents[3]
SOLUTIONS = ROOT / "solutions"
CHECK = re.compile(r"\bq\.(\w+)\.check\(")
MODEL = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->(.*?)<!--\s*END SOLUTION\s*-->", re.S)
GLOSSARY_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)?docs/glossary\.md#[^)]*\)|\[([^\]]+)\]\(glossary\.md#[^)]*\)")
FIGURE = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.S)
ALT = re.compile(r'\balt="([^"]*)"')
FACILITATOR_TAG = "facilitator-note"
SLIDE_CHART_TAG = "slide-chart"


class LessonSourceError(ValueError):
    """A solution notebook lacks something the kit needs (said which, and how to fix it)."""


def tags(cell: Any) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_facilitator_note(cell: Any) -> bool:
    """A facilitator note: tagged ``facilitator-note``, or a Markdown cell opening with the note."""
    if FACILITATOR_TAG in tags(cell):
        return True
    return cell.get("cell_type") == "markdown" and cell.get("source", "").lstrip().startswith(
        "> **Facilitator note")


def plain_links(markdown: str) -> str:
    """Markdown with glossary links turned back into plain words (paper has no links)."""
    return GLOSSARY_LINK.sub(lambda m: m.group(1) or m.group(2), markdown)


def without_model_answers(markdown: str) -> str:
    """Markdown with the solution-only model answers removed (what learners see)."""
    return MODEL.sub("\n", markdown).strip()


def discussion_prompts_in(markdown: str) -> list[tuple[str, str]]:
    """Each ``**Discuss`` paragraph of one Markdown cell, with the model answer that follows it."""
    out = []
    pieces = re.split(r"(?=^\*\*Discuss)", markdown, flags=re.M)
    for piece in pieces:
        if not piece.startswith("**Discuss"):
            continue
        model = MODEL.search(piece)
        prompt = piece[: model.start()] if model else piece
        answer = re.sub(r"^\*\*Model answer[.:]?\*\*[.:]?\s*", "", model.group(1).strip()) if model else ""
        out.append((plain_links(prompt.strip()), plain_links(answer)))
    return out


@dataclass(frozen=True)
class Chart:
    """One chart from a notebook's output: the ``<img>`` data URI and its alt text."""

    src: str
    alt: str


@dataclass(frozen=True)
class CheckedQuestion:
    """A question a lesson checks: its object, the prompt the learner reads, and where."""

    lesson: int
    name: str
    question: Question
    prompt: str

    @property
    def scenario(self) -> bool:
        return is_scenario(self.question)


@dataclass
class Lesson:
    """One lesson, as its solution notebook describes it."""

    path: Path
    nb: Any
    meta: dict = field(default_factory=dict)

    @property
    def number(self) -> int:
        return int(self.meta.get("number", self.path.name[:2]))

    @property
    def code(self) -> str:
        return f"{self.number:02d}"

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.path.stem))

    @property
    def principle(self) -> int:
        try:
            return int(self.meta.get("principle", 0))
        except (TypeError, ValueError):
            return 0

    @property
    def principle_name(self) -> str:
        if 1 <= self.principle <= 7:
            return PRINCIPLES[self.principle]
        kind = self.meta.get("kind") or ("welcome" if self.principle == 0 else "capstone")
        return "Getting started" if kind == "welcome" else "All seven principles together"

    def items(self, key: str) -> list[str]:
        return [plain_links(str(x)) for x in self.meta.get(key, []) or []]

    @property
    def minutes(self) -> int:
        return int(self.meta.get("minutes", 0) or 0)

    def cells(self, include_notes: bool = False) -> list[Any]:
        return [c for c in self.nb.cells if include_notes or not is_facilitator_note(c)]

    def discussion_prompts(self) -> list[tuple[str, str]]:
        """Every discussion prompt (Markdown starting ``**Discuss``) and its model answer."""
        out = []
        for cell in self.cells():
            if cell.cell_type == "markdown":
                out += discussion_prompts_in(cell.source)
        return out

    def charts(self) -> list[Chart]:
        """Every chart image the notebook shows, in order, with its alt text."""
        found = []
        for cell in self.cells():
            for chart in _charts_in(cell):
                found.append(chart)
        return found

    def slide_chart(self) -> Chart | None:
        """The chart tagged ``slide-chart``, else the notebook's first chart, else None."""
        for cell in self.cells():
            if SLIDE_CHART_TAG in tags(cell):
                charts = _charts_in(cell)
                if charts:
                    return charts[0]
        charts = self.charts()
        return charts[0] if charts else None

    def checks_module(self) -> Any:
        try:
            return importlib.import_module(f"helpers.checks.lesson{self.code}")
        except ImportError:
            return None

    def checked_questions(self) -> list[CheckedQuestion]:
        """Each question the notebook checks, once, in order, with the text just before it."""
        module = self.checks_module()
        if module is None:
            return []
        out, seen, last_text = [], set(), ""
        for cell in self.cells():
            if cell.cell_type == "markdown":
                last_text = without_model_answers(cell.source)
                continue
            for name in CHECK.findall(cell.source):
                q = getattr(module, name, None)
                if name in seen or not isinstance(q, Question):
                    continue
                seen.add(name)
                out.append(CheckedQuestion(self.number, name, q, plain_links(last_text)))
        return out


def _charts_in(cell: Any) -> list[Chart]:
    found = []
    for output in cell.get("outputs", []) or []:
        html = output.get("data", {}).get("text/html", "")
        if isinstance(html, list):
            html = "".join(html)
        for fig in FIGURE.findall(html):
            src = re.search(r'src="(data:image/[^"]+)"', fig)
            alt = ALT.search(fig)
            if src:
                found.append(Chart(src.group(1), _unescape(alt.group(1)) if alt else ""))
    return found


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def is_scenario(q: Question) -> bool:
    """A scenario (decision) question: the question's own ``scenario`` flag when it has one,
    else any multiple-choice or pick-the-items question (a judgement, not a computation)."""
    flag = getattr(q, "scenario", None)
    if isinstance(flag, bool):
        return flag
    return isinstance(q, (ChoiceQuestion, PickItemsQuestion))


def _safely(compute, default):
    try:
        value = compute()
    except Exception:  # the kit still renders; tests/test_checks.py catches real faults
        return default
    return default if value is None else value


def learner_options(q: Question) -> tuple[str, list[tuple[str, str]]]:
    """What a learner chooses from: ``("choose", [(key, text)])``, ``("pick", [("", item)])``,
    ``("label", [(item, "")] + the labels)`` or ``("", [])`` for other questions."""
    if isinstance(q, ChoiceQuestion):
        return "choose", [(str(k), str(v)) for k, v in dict(_safely(lambda: q.options, {})).items()]
    if isinstance(q, PickItemsQuestion):
        texts = getattr(q, "current_texts", None)  # letter-keyed picks: show each letter's text
        lettered = _safely(texts, {}) if callable(texts) else {}
        if lettered:
            return "pick", [(str(k), str(v)) for k, v in dict(lettered).items()]
        raw = _safely(lambda: q.options, ())
        if hasattr(raw, "items"):
            return "pick", [(str(k), str(v)) for k, v in raw.items()]
        return "pick", [("", str(o)) for o in _safely(q.current_options, [])]
    if callable(getattr(q, "current_items", None)) and hasattr(q, "labels"):
        labels = _safely(lambda: q.labels, ())
        meaning = dict(labels) if isinstance(labels, dict) or hasattr(labels, "items") else {}
        return "label", ([(str(i), "") for i in _safely(q.current_items, [])]
                         + [("label", f"{k}: {meaning[k]}" if meaning.get(k) else str(k)) for k in labels])
    return "", []


def _legacy_answer_lines(q: Question) -> list[str]:
    """The answer lines for question classes without ``describe_answer()`` (older helpers)."""
    if isinstance(q, ChoiceQuestion):
        lines = [f"**Answer:** {q.answer} ({dict(q.options).get(q.answer, '')})"]
        wrong = [f"- {k}: {v}" for k, v in dict(q.feedback or {}).items()]
        return lines + (["", "Feedback on wrong choices:", *wrong] if wrong else [])
    if isinstance(q, PickItemsQuestion):
        lines = ["**Answer:** " + ", ".join(f"`{a}`" for a in sorted(q.current_answer()))]
        why = [f"- `{k}`: {v}" for k, v in dict(q.why_not or {}).items()]
        return lines + (["", "Why the others are not needed:", *why] if why else [])
    if isinstance(q, NumberQuestion):
        return [f"**Answer:** {q._expected():,.4g}"]
    return []


def answer_lines(q: Question) -> list[str]:
    """Markdown lines with the expected answer and the feedback on wrong choices (no option list).

    The question's own ``describe_answer()`` (the same text as the answer key) when it has one.
    """
    describe = getattr(q, "describe_answer", None)
    try:
        lines = list(describe()) if callable(describe) else _legacy_answer_lines(q)
    except Exception as err:
        lines = [f"**Answer:** computed from the data ({type(err).__name__} while computing here)."]
    first = next((i for i, line in enumerate(lines) if line.startswith("**Answer:**")), None)
    return lines[first:] if first is not None else lines


def short_answer(q: Question) -> str:
    """The answer in one line, for the cheat-sheet."""
    lines = answer_lines(q)
    for line in lines:
        if line.startswith("**Answer:**"):
            return line[len("**Answer:**"):].strip()
    rows = [r for r in lines if r.startswith("| ") and not r.startswith(("| Item", "| ---"))]
    if rows:
        return "; ".join(": ".join(c.strip() for c in r.strip("| ").split("|")) for r in rows)
    return str(_safely(lambda: q.solution_text, "")) or "see the answer key"


@lru_cache(maxsize=None)
def question_facts(q: Question) -> dict:
    """What a card or cheat-sheet shows about a question (computed once per question per build:
    ``question_facts.cache_clear()`` starts afresh)."""
    kind, options = learner_options(q)
    return {"kind": kind, "options": options, "answer_lines": answer_lines(q), "answer": short_answer(q),
            "why": str(_safely(lambda: q.correct_note, "")), "solution": str(_safely(lambda: q.solution_text, ""))}


def lessons(root: Path = ROOT) -> list[Lesson]:
    """Every solution notebook, in order, read fresh from disk."""
    paths = sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise LessonSourceError(f"No solution notebooks found in {root / 'solutions'}.")
    out = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.get("lesson")
        if not isinstance(meta, dict) or "title" not in meta:
            raise LessonSourceError(
                f"{path.name} has no metadata['lesson'] with a title: the kit is built from it. "
                "See CONTRIBUTING.md (Lesson anatomy).")
        out.append(Lesson(path, nb, dict(meta)))
    return out
