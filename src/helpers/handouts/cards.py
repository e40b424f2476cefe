"""Scenario cards: every scenario question of every lesson, printed so a room can discuss it on paper.

Two sets come out of the same questions: the learners' cards (the scenario and its options) and
the facilitator's copy (the same card with the answer, why it is right, and the feedback each
wrong choice gets). A question is a scenario when the question object says so (its ``scenario``
flag) or, for question classes without the flag, when it is a multiple-choice or pick-the-items
question (see :func:`helpers.handouts.sources.is_scenario`). The lesson's discussion prompts
follow as cards too, with the model answer on the facilitator's copy.

Example:
    >>> from helpers.exercises import ChoiceQuestion
    >>> from helpers.handouts.sources import CheckedQuestion
    >>> q = ChoiceQuestion("who", options={"a": "The board", "b": "The superintendent"}, answer="b",
    ...                    feedback={"a": "Sets policy, does not sign."}, correct_note="She signs.",
    ...                    hints=["Who signs agreements?"])
    >>> card = render_card(CheckedQuestion(1, "who", q, "**Scenario.** Who signs?"), "Lesson 01", facilitator=True)
    >>> 'data-question="01.who"' in card and "She signs." in card
    True
    >>> "She signs." in render_card(CheckedQuestion(1, "who", q, "Who signs?"), "Lesson 01", facilitator=False)
    False
"""

from __future__ import annotations

from helpers.handouts.page import esc, md, md_inline, page
from helpers.handouts.sources import CheckedQuestion, Lesson, question_facts


def scenario_text(prompt: str) -> str:
    """The part of the text before a check that sets the scene.

    From the paragraph that starts ``**Scenario`` (or ``**Exercise``) to the end; else the last
    two paragraphs, so a card is never a whole lesson section. Headings and facilitator quotes
    are left out.
    """
    paragraphs = [p.strip() for p in prompt.split("\n\n") if p.strip()]
    paragraphs = [p for p in paragraphs if not p.startswith("#") and not p.startswith("> **Facilitator")]
    for i, p in enumerate(paragraphs):
        if p.startswith(("**Scenario", "**Exercise", "**Your turn")):
            return "\n\n".join(paragraphs[i:])
    return "\n\n".join(paragraphs[-2:])


def _options_html(kind: str, options: list[tuple[str, str]]) -> str:
    if kind == "choose":
        items = "".join(f"<li><strong>{esc(k)}</strong>&nbsp; {md_inline(v)}</li>" for k, v in options)
        return f"<p class='small'>Choose one.</p><ol class='options'>{items}</ol>"
    if kind == "pick":
        items = "".join(f'<li><span class="tick"></span>' + (f"<strong>{esc(k)}</strong>&nbsp; " if k else "")
                        + f"{md_inline(v)}</li>" for k, v in options)
        return f"<p class='small'>Tick every item that belongs.</p><ol class='options'>{items}</ol>"
    if kind == "label":
        labels = [v for k, v in options if k == "label"]
        items = "".join(f"<li>{md_inline(k)}: ____________</li>" for k, v in options if k != "label")
        return ("<p class='small'>Give each item one label: " + "; ".join(md_inline(x) for x in labels)
                + f"</p><ol class='options'>{items}</ol>")
    return ""


def render_card(cq: CheckedQuestion, where: str, facilitator: bool) -> str:
    """One card (HTML)."""
    f = question_facts(cq.question)
    back = ""
    if facilitator:
        why = f"<p><strong>Why:</strong> {md_inline(f['why'])}</p>" if f["why"] else ""
        back = f'<div class="facilitator">{md(chr(10).join(f["answer_lines"]))}{why}</div>'
    return (f'<section class="card" data-question="{cq.lesson:02d}.{esc(cq.name)}">'
            f'<div class="tag">{esc(where)} &middot; scenario &middot; q.{esc(cq.name)}</div>'
            f"{md(scenario_text(cq.prompt))}{_options_html(f['kind'], f['options'])}{back}</section>")


def render_discussion(prompt: str, model: str, where: str, facilitator: bool) -> str:
    back = ""
    if facilitator and model:
        back = f'<div class="facilitator"><strong>Model answer:</strong> {md(model)}</div>'
    return (f'<section class="card discussion"><div class="tag">{esc(where)} &middot; discussion</div>'
            f"{md(prompt)}{back}</section>")


def scenario_questions(lessons: list[Lesson]) -> list[tuple[Lesson, CheckedQuestion]]:
    """Every scenario question in the lessons, in lesson order."""
    return [(le, cq) for le in lessons for cq in le.checked_questions() if cq.scenario]


def cards_page(lessons: list[Lesson], facilitator: bool) -> str:
    """All the cards, lesson by lesson (learners' set, or the facilitator's with answers)."""
    body = []
    for lesson in lessons:
        where = f"Lesson {lesson.code}"
        cards = [render_card(cq, where, facilitator) for cq in lesson.checked_questions() if cq.scenario]
        cards += [render_discussion(p, m, where, facilitator) for p, m in lesson.discussion_prompts()]
        if cards:
            body.append(f"<h2>Lesson {lesson.code}: {esc(lesson.title)}</h2>" + "".join(cards))
    who = ("Facilitator's copy: answers, reasons and the feedback for each wrong choice are under each card."
           if facilitator else "Cut along the dashed lines. Discuss in pairs, agree on an answer, then compare.")
    intro = (f'<p class="note">{who} The same scenarios are in the notebooks, so a room with no working '
             "computers can still hold every discussion.</p>")
    title = "Scenario cards" + (" (facilitator's copy)" if facilitator else "")
    return page(title, intro + "".join(body),
                subtitle="Every scenario question and discussion prompt from the lessons")
