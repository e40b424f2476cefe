"""Build the whole facilitator kit into ``docs/handouts/``, and tell when it is out of date.

Every file is generated from the lessons and the project's data files, so after any lesson
changes one command brings the kit back in step::

    make handouts                              # = python -m helpers.handouts
    python -m helpers.handouts --no-pdf        # HTML only (no Chromium needed)
    python -m helpers.handouts --check         # exit 1 if anything committed is stale

HTML (and the e-mail's .txt) is deterministic, so staleness is a plain comparison. PDFs are not
byte-stable, so ``manifest.json`` records, for each PDF, the SHA-256 of the HTML it was printed
from and its page count; a PDF is stale when its HTML has changed since.

Example:
    >>> limits = {i.path: (i.min_pages, i.max_pages) for i in kit_items(only_static=True)}
    >>> limits["principles.html"]
    (1, 1)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from helpers.handouts import cards, forms, paper, sheets, slides, spanish
from helpers.handouts.page import esc, page
from helpers.handouts.pdf import digest, page_count, print_many
from helpers.handouts.sources import ROOT, Lesson, lessons as read_lessons, question_facts

OUTPUT = ROOT / "docs" / "handouts"
MANIFEST = "manifest.json"


@dataclass
class Item:
    """One generated file: where it goes, how to make it, whether it is printed, and its page limits."""

    path: str
    title: str
    group: str
    make: Callable[[], str]
    pdf: bool = True
    min_pages: int = 1
    max_pages: int | None = None

    @property
    def pdf_path(self) -> str:
        return re.sub(r"\.html$", ".pdf", self.path)


def _stem(lesson: Lesson) -> str:
    return lesson.path.stem


def kit_items(lessons: list[Lesson] | None = None, only_static: bool = False) -> list[Item]:
    """Everything the kit holds, in the order the index lists it."""
    ls = [] if only_static else (lessons if lessons is not None else read_lessons())
    items = [
        Item("principles.html", "The seven principles (one page)", "Handouts", lambda: sheets.principles_page(ls),
             max_pages=1),
        Item("worksheet-question-to-action.html", "Question, indicator, minimal data, action (lesson 03)",
             "Handouts", lambda: sheets.worksheet_page(ls), max_pages=1),
        Item("ferpa-decision-sheet.html", "FERPA pathway decision sheet (lesson 06)", "Handouts",
             lambda: sheets.ferpa_sheet(), max_pages=8),
        Item("scenario-cards.html", "Scenario cards, learners' set (no answers)", "Handouts",
             lambda: cards.cards_page(ls, facilitator=False)),
        Item("scenario-cards-facilitator.html", "Scenario cards, facilitator's copy (answers and feedback)",
             "Handouts", lambda: cards.cards_page(ls, facilitator=True)),
        Item("pre-workshop-email.html", "Pre-workshop e-mail (also as .txt to paste)", "Before and after",
             lambda: forms.email_page(ls), max_pages=2),
        Item("self-assessment.html", "Self-assessment, before and after (from the objectives)", "Before and after",
             lambda: forms.self_assessment_page(ls), max_pages=3),
        Item("feedback-form.html", "Feedback form (one page, anonymous)", "Before and after",
             lambda: forms.feedback_page(ls), max_pages=1),
        Item("es/principios.html", "Los siete principios (Spanish)", "Spanish for family-facing partners",
             lambda: spanish.principles_page_es(ls), max_pages=1),
        Item("es/glosario.html", "Glosario / Glossary (curated subset, both languages)",
             "Spanish for family-facing partners", spanish.glossary_page),
        Item("es/family-notice.html", "Family notice: what is shared and why (English and Spanish)",
             "Spanish for family-facing partners", spanish.notice_page, max_pages=2),
        Item("es/consent-form.html", "Sample consent form, 34 CFR 99.30 (English and Spanish)",
             "Spanish for family-facing partners", spanish.consent_page, max_pages=1),
    ]
    for le in ls:
        deck = slides.lesson_slides(le)
        items.append(Item(f"slides/{_stem(le)}.html", f"Slides {le.code}: {le.title}", "Slides",
                          (lambda le=le: slides.lesson_deck(le)), min_pages=len(deck), max_pages=len(deck)))
    for le in ls:
        items.append(Item(f"cheat-sheets/{_stem(le)}.html", f"Answers {le.code}: {le.title}", "Answer cheat-sheets",
                          (lambda le=le: sheets.cheat_sheet(le, question_facts)), max_pages=2))
    for le in ls:
        items.append(Item(f"paper/{_stem(le)}.html", f"Paper copy {le.code}: {le.title}", "Paper fallback",
                          (lambda le=le: paper.paper_page(le)), pdf=False))
    return items


def index_page(items: list[Item]) -> str:
    """docs/handouts/index.html: every file, grouped, with its PDF."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    body = ['<p>Everything a facilitator carries into the room, generated from the lessons by '
            "<code>make handouts</code>. Print the PDFs (Letter, black and white is fine) or open the HTML "
            "in any browser, offline. Where each item is used: docs/facilitator-guide.md.</p>"]
    for group, members in groups.items():
        rows = "".join(
            f'<tr><td><a href="{esc(i.path)}">{esc(i.title)}</a></td><td>'
            + (f'<a href="{esc(i.pdf_path)}">PDF</a>' if i.pdf else "HTML only: print from the browser")
            + "</td></tr>" for i in members)
        body.append(f'<h2>{esc(group)}</h2><table class="index">{rows}</table>')
    return page("Facilitator kit", "".join(body), subtitle="Slides, handouts, scenario cards, paper fallback, "
                "forms, and pages in Spanish")


def readme_text(items: list[Item]) -> str:
    """docs/handouts/README.md: the same index, readable on the project's web page."""
    lines = ["# Facilitator kit", "", "Generated from the lessons by `make handouts` "
             "(`python -m helpers.handouts`); do not edit by hand. Open `index.html` for the same list offline.",
             ""]
    group = None
    for item in items:
        if item.group != group:
            group = item.group
            lines += ["", f"## {group}", ""]
        pdf = f" ([PDF]({item.pdf_path}))" if item.pdf else ""
        lines.append(f"- [{item.title}]({item.path}){pdf}")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def sources(lessons: list[Lesson] | None = None) -> dict[str, str]:
    """Every deterministic file of the kit (relative path -> text), rendered now."""
    question_facts.cache_clear()
    items = kit_items(lessons)
    out = {item.path: item.make() for item in items}
    out["pre-workshop-email.txt"] = forms.email_text(lessons if lessons is not None else read_lessons())
    out["index.html"] = index_page(items)
    out["README.md"] = readme_text(items)
    return out


def _read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def build(out: Path = OUTPUT, pdf: bool = True, workers: int = 2) -> dict:
    """Write the kit; print PDFs whose HTML changed (or that are missing). Returns the manifest."""
    ls = read_lessons()
    items = kit_items(ls)
    texts = sources(ls)
    for rel, text in texts.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    manifest = _read_manifest(out)
    wanted = {}
    for item in items:
        if item.pdf:
            wanted[item.pdf_path] = (item, digest(texts[item.path].encode("utf-8")))
    if pdf:
        todo = [(out / it.path, out / rel) for rel, (it, h) in wanted.items()
                if manifest.get(rel, {}).get("html_sha256") != h or not (out / rel).exists()]
        print_many(todo, workers=workers)
        problems = []
        for rel, (item, h) in wanted.items():
            pages = page_count(out / rel)
            manifest[rel] = {"html": item.path, "html_sha256": h, "pages": pages}
            if pages < item.min_pages or (item.max_pages is not None and pages > item.max_pages):
                problems.append(f"{rel}: {pages} pages, expected {item.min_pages}-{item.max_pages}")
        manifest = {k: manifest[k] for k in sorted(wanted)}
        (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        if problems:
            raise RuntimeError("Some printed handouts have the wrong length (shorten the source or relax the "
                               "limit in helpers/handouts/build.py):\n  " + "\n  ".join(problems))
    _remove_orphans(out, set(texts) | set(wanted) | {MANIFEST})
    return manifest


def _remove_orphans(out: Path, keep: set[str]) -> None:
    """Delete generated files no longer in the kit (for example a renamed lesson's slides)."""
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in keep and path.suffix in (".html", ".pdf", ".txt", ".md"):
            path.unlink()


def stale(out: Path = OUTPUT) -> list[str]:
    """What in ``out`` does not match the lessons now (empty when the kit is current)."""
    problems = []
    ls = read_lessons()
    texts = sources(ls)
    for rel, text in texts.items():
        path = out / rel
        if not path.exists():
            problems.append(f"{rel} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel} is out of date")
    manifest = _read_manifest(out)
    for item in kit_items(ls):
        if not item.pdf:
            continue
        entry = manifest.get(item.pdf_path, {})
        if not (out / item.pdf_path).exists():
            problems.append(f"{item.pdf_path} is missing")
        elif entry.get("html_sha256") != digest(texts[item.path].encode("utf-8")):
            problems.append(f"{item.pdf_path} was printed from an older {item.path}")
    return problems
