"""The one-page handouts: the seven principles, lesson 03's worksheet, the FERPA decision sheet.

Each is built from the project's own sources: the principles' names from
``helpers.principles`` (and each principle's line from ``principles.yaml``), the worksheet's
columns and worked rows from lesson 03's question-to-action table, and the decision sheet from
``helpers/ferpa/rules.yaml``, the same file the lesson's pathway finder reads.

Example:
    >>> rows = table_rows("| A | B |\\n|---|---|\\n| 1 | 2 |\\n\\ntext")
    >>> rows
    [['A', 'B'], ['1', '2']]
    >>> "Pave the way" in principles_page([])
    True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from helpers.handouts.page import HERE, bullet_list, esc, lines, md, md_inline, page
from helpers.handouts.sources import Lesson, plain_links
from helpers.principles import PRINCIPLES

RULES = HERE.parent / "ferpa" / "rules.yaml"


@lru_cache(maxsize=1)
def principle_lines() -> dict:
    """The principles' lines and Spanish names (``principles.yaml``)."""
    return yaml.safe_load((HERE / "principles.yaml").read_text(encoding="utf-8"))


def _lessons_for(lessons: list[Lesson], number: int) -> str:
    found = [f"{le.code} {le.title}" for le in lessons if le.principle == number]
    return "Lesson " + "; ".join(found) if found else ""


def principles_page(lessons: list[Lesson]) -> str:
    """The seven principles on one page, with each principle's line and its lesson."""
    data = principle_lines()
    items = []
    for n, name in PRINCIPLES.items():
        line = data["principles"].get(n, {}).get("line_en", "")
        where = _lessons_for(lessons, n)
        items.append(f'<li><div class="name">{esc(name)}</div>'
                     + (f'<div class="line">&ldquo;{esc(line)}&rdquo;</div>' if line else "")
                     + (f'<div class="lessons">{esc(where)}</div>' if where else "") + "</li>")
    body = (f'<p class="note">{esc(data["core_idea"]["en"])}</p>'
            f'<ol class="principles">{"".join(items)}</ol>'
            f'<p class="small">Names and quoted lines: <em>{esc(data["source"])}</em>. '
            "The lessons work through each principle on the fictional community of Riverbend.</p>")
    return page("The seven principles of effective data sharing", body,
                subtitle="From the Data Sharing Playbook, one principle per lesson")


def table_rows(markdown: str) -> list[list[str]]:
    """The rows of the first Markdown table in ``markdown`` (header first, rule line dropped)."""
    rows, started = [], False
    for line in markdown.splitlines():
        if line.strip().startswith("|"):
            started = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            rows.append(cells)
        elif started:
            break
    return rows


def _action_table(lessons: list[Lesson]) -> tuple[list[str], list[list[str]], str]:
    """Lesson 03's question-to-action table: header, worked rows, and the sentence after it."""
    for lesson in lessons:
        if lesson.principle != 3:
            continue
        for cell in lesson.cells():
            if cell.cell_type != "markdown":
                continue
            rows = table_rows(plain_links(cell.source))
            if rows and rows[0] and rows[0][0].lower().startswith("question") and "action" in rows[0][-1].lower():
                after = plain_links(cell.source).split(rows[-1][-1], 1)[-1]
                tail = next((p.strip() for p in after.split("\n\n") if p.strip() and not p.lstrip().startswith(
                    ("|", ">"))), "")
                return rows[0], rows[1:], tail
    return ["Question", "Indicator", "Minimal data elements", "Action"], [], ""


def worksheet_page(lessons: list[Lesson], blank_rows: int = 3) -> str:
    """Question, indicator, minimal data, action: worked rows from lesson 03, then blank rows."""
    header, examples, tail = _action_table(lessons)
    head = "".join(f"<th>{md_inline(h)}</th>" for h in header)
    worked = "".join("<tr>" + "".join(f"<td>{md_inline(c)}</td>" for c in row) + "</tr>" for row in examples)
    blank = "".join("<tr>" + "<td></td>" * len(header) + "</tr>" for _ in range(blank_rows))
    steps = [
        "**Question**: one question a person will act on, in their own words.",
        "**Indicator**: the number that answers it, with its settings stated (threshold, time span, who counts).",
        "**Minimal data**: the fewest data elements that compute the indicator. Could an aggregate do instead?",
        "**Action**: who does what differently, depending on the answer. No action, no data.",
    ]
    body = ("<h2>How to fill it in</h2>" + bullet_list(steps, "small")
            + (f"<h2>Worked examples from the lesson</h2><table class='small'><tr>{head}</tr>{worked}</table>"
               if examples else "")
            + (f'<p class="small">{md_inline(tail)}</p>' if tail else "")
            + f'<h2>Your questions</h2><table class="worksheet"><tr>{head}</tr>{blank}</table>'
            + "<p class='small'>Check each row: would the answer change what someone does? Which element "
              "could you drop and still answer the question?</p>")
    return page("Question, indicator, minimal data, action", body,
                subtitle="Worksheet for principle 3: only gather information if it leads to action (lesson 03)")


def _rules(path: Path = RULES) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path} should hold a mapping with 'questions' and 'pathways'.")
    return data


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _choice_label(questions: dict, question: str, choice) -> str:
    choices = (questions.get(question) or {}).get("choices") or {}
    return str(choices.get(choice, choices.get(str(choice), choice)))


def _group_text(numbers: dict[str, int], group: dict) -> str:
    """One group of deciding conditions, by question number: "Q2 yes; Q3 parent or student"."""
    parts = []
    for question, accepted in group.items():
        choices = " or ".join(str(c).replace("_", " ") for c in _as_list(accepted))
        parts.append(f"<strong>Q{numbers.get(question, '?')}</strong> {esc(choices)}")
    return "; ".join(parts)


def _conditions(numbers: dict[str, int], rule: dict) -> str:
    when = rule.get("when") if isinstance(rule.get("when"), dict) else {}
    groups = [g for g in _as_list(rule.get("any_of")) if isinstance(g, dict)]
    text = _group_text(numbers, when) if when else ""
    if groups:
        alternatives = " <em>or</em> ".join(f"({_group_text(numbers, g)})" for g in groups)
        text = (text + "; and " if text else "") + ("one of " if len(groups) > 1 else "") + alternatives
    return text or "&mdash;"


RECORD = {"required": "yes", "not_required": "no", "not_applicable": "n/a"}


def ferpa_sheet(path: Path = RULES) -> str:
    """The FERPA pathway decision sheet, read from the pathway finder's rules file.

    Page one: the questions, numbered, and every pathway with the answers that decide it. Then,
    per pathway, what to confirm and what to write down.
    """
    rules = _rules(path)
    questions = rules.get("questions") or {}
    pathways = [r for r in _as_list(rules.get("pathways")) if isinstance(r, dict)]
    groups = [(str(sec.get("title", "")), [k for k in _as_list(sec.get("questions")) if k in questions])
              for sec in _as_list(rules.get("sections")) if isinstance(sec, dict)]
    grouped = {k for _, keys in groups for k in keys}
    rest = [k for k in questions if k not in grouped]
    if rest:
        groups.append(("Other questions" if groups else "", rest))
    order = [k for _, keys in groups for k in keys]
    numbers = {key: i for i, key in enumerate(order, 1)}

    def ask_item(key: str) -> str:
        q = questions.get(key) or {}
        choices = " / ".join(str(c).replace("_", " ") for c in (q.get("choices") or {}))
        return (f"<li><strong>Q{numbers[key]}</strong> {esc(q.get('prompt', key))} "
                f"<span class='small'>{esc(choices)}</span></li>")

    ask = "".join((f"<li class='section'>{esc(title)}</li>" if title else "")
                  + "".join(ask_item(k) for k in keys) for title, keys in groups if keys)
    glance = "".join(
        f"<tr><td><strong>{esc(r.get('name', r.get('key', '')))}</strong><br>"
        f"<span class='small'>{esc(r.get('citation', ''))}</span></td>"
        f"<td>{_conditions(numbers, r)}</td>"
        f"<td>{esc(RECORD.get(str(r.get('record_of_disclosure')), str(r.get('record_of_disclosure', ''))))}</td></tr>"
        for r in pathways)
    details = []
    for rule in pathways + ([rules["none"]] if isinstance(rules.get("none"), dict) else []):
        parts = [f"<h3>{esc(rule.get('name', rule.get('key', '')))}</h3>"]
        for title, key in (("Confirm", "confirm"), ("Write down", "document")):
            items = [str(i) for i in _as_list(rule.get(key))]
            if items:
                parts.append(f"<strong>{title}:</strong>" + bullet_list(items))
        if rule.get("record_reason"):
            parts.append(f"<p><strong>Record (99.32):</strong> {md_inline(str(rule['record_reason']))}</p>")
        if rule.get("note"):
            parts.append(f"<p><em>{md_inline(str(rule['note']))}</em></p>")
        links = [str(u) for u in _as_list(rule.get("guidance"))]
        if links:
            parts.append("<p class='guidance'>ED guidance: " + "; ".join(esc(u) for u in links) + "</p>")
        details.append(f'<div class="pathway">{"".join(parts)}</div>')
    body = (
        '<p class="note small">Training material, not legal advice. This sheet simplifies FERPA (20 U.S.C. 1232g; '
        "34 CFR Part 99) for discussion; state law and local policy may add requirements. When a deciding fact "
        "is unknown, a pathway is only <em>possible</em>: confirm it with your district's privacy officer or "
        "counsel. ED's guidance: studentprivacy.ed.gov.</p>"
        f"<h2>1. Answer these questions about the request</h2><ul class='steps ferpa-q'>{ask}</ul>"
        "<h2>2. A pathway fits only when every deciding answer matches</h2>"
        "<p class='small'>Answers are the short names of the choices above. If none fits, the answer is not "
        "&ldquo;FERPA forbids it&rdquo; but &ldquo;share de-identified data, get written consent, or reshape "
        "the work&rdquo;. An agreement documents a pathway; it does not create one.</p>"
        f'<table class="glance small"><tr><th>Pathway</th><th>Deciding answers</th><th>Record '
        f"(99.32)?</th></tr>{glance}</table>"
        f'<h2 class="pagebreak">3. Before relying on a pathway</h2><div class="columns">{"".join(details)}</div>'
    )
    return page("FERPA pathways: a decision sheet", body, body_class="ferpa",
                subtitle="Principle 6: don't blame it on FERPA (lesson 06). Built from the rules file the "
                         "lesson's pathway finder uses.")


def _shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most about ``limit`` characters, Markdown kept balanced.

    >>> _shorten("Use `print(x)` to see it", 16)
    'Use `print(x)` ...'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    if cut.count("`") % 2:  # never leave a code span open
        cut += "`"
    if cut.count("**") % 2:
        cut += "**"
    return cut + " ..."


def _prompt_lines(prompt: str) -> str:
    """The last paragraph before a check: usually the scenario or exercise itself."""
    paragraphs = [p for p in prompt.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "|", ">"))]
    return paragraphs[-1] if paragraphs else prompt


#: About how many characters of text fit on two cheat-sheet pages (one page holds about 5,200).
CHEAT_BUDGET = 9000


def _cheat_body(lesson: Lesson, facts_for, scale: float) -> str:
    def cut(text: str, limit: int) -> str:
        return _shorten(text, max(60, int(limit * scale)))

    parts = []
    for cq in lesson.checked_questions():
        f = facts_for(cq.question)
        why = cut(f["why"], 220)
        parts.append(
            f'<div class="q"><span class="name">q.{esc(cq.name)}</span> '
            f"{md_inline(cut(_prompt_lines(cq.prompt), 230))}<br>"
            f"<strong>Answer:</strong> {md_inline(cut(f['answer'], 260))}"
            + (f" <em>Why:</em> {md_inline(why)}" if why else "")
            + "</div>")
    for prompt, model in lesson.discussion_prompts():
        parts.append(f'<div class="q">{md_inline(cut(prompt, 230))}<br>'
                     f"<strong>Model answer:</strong> {md_inline(cut(model, 330)) if model else 'open discussion'}"
                     "</div>")
    keypoints = bullet_list([cut(k, 200) for k in lesson.items("keypoints")])
    return ("<h2>Checked questions and discussions</h2>" + "".join(parts)
            + "<h2>Key points to land</h2>" + keypoints
            + '<p class="small">Full wording, hints and every wrong-answer message: docs/answer-key.md.</p>')


def _text_length(html: str) -> int:
    return len(re.sub(r"<[^>]+>", "", html))


def cheat_sheet(lesson: Lesson, facts_for) -> str:
    """A two-page answer cheat-sheet: every checked question and discussion, answer first.

    Texts are cut to fit: when a lesson has more to say than two pages hold (``CHEAT_BUDGET``),
    every text is shortened in the same proportion, so the sheet stays at two pages.
    """
    body = _cheat_body(lesson, facts_for, 1.0)
    length = _text_length(body)
    if length > CHEAT_BUDGET:
        body = _cheat_body(lesson, facts_for, CHEAT_BUDGET / length)
    return page(f"Answers, lesson {lesson.code}: {lesson.title}", body, body_class="cheat",
                subtitle=f"{esc(lesson.principle_name)} &middot; about {lesson.minutes} minutes &middot; "
                         "for the facilitator; not for learners")
