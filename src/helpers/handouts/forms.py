"""Before and after the workshop: the invitation e-mail, a self-assessment, a feedback form.

* The **pre-workshop e-mail** asks what the facilitator needs to plan the room (role and
  organization, for pairing district and partner people; accessibility needs; whether the laptop
  is locked down) and links a two-minute test: the Launch-on-Binder link from ``README.md``.
* The **self-assessment** lists every lesson's objectives (from the notebooks' metadata) with a
  before and an after column, so one sheet serves at the start and at the end.
* The **feedback form** fits one page. It asks for no name: the course tracks nobody.

Example:
    >>> text = email_text([], binder="https://mybinder.org/v2/gh/x/y/HEAD")
    >>> "https://mybinder.org/v2/gh/x/y/HEAD" in text and "locked down" in text
    True
"""

from __future__ import annotations

from helpers.handouts.page import esc, lines, md_inline, page
from helpers.handouts.slides import binder_url
from helpers.handouts.sources import Lesson

SCALE = ["I could not do this", "With help", "On my own", "I could teach it"]


def _agenda(lessons: list[Lesson]) -> list[str]:
    return [f"Lesson {le.code}: {le.title} (about {le.minutes} minutes)" for le in lessons]


def email_text(lessons: list[Lesson], binder: str | None = None) -> str:
    """The pre-workshop e-mail as plain text, ready to paste (fill in the [brackets])."""
    binder = binder_url() if binder is None else binder
    agenda = "\n".join(f"  - {a}" for a in _agenda(lessons))
    test = (f"   {binder}\n" if binder else "   (the Launch on Binder link in the course README)\n")
    welcome = next((le for le in lessons if le.principle == 0), None)
    prework = (f"3. Optional pre-work (about {welcome.minutes} minutes): Lesson {welcome.code}, at the same link, "
               "teaches how to run a\n   notebook and check an answer. It makes the day much easier if you have "
               "never used Jupyter.\n" if welcome else "")
    return f"""Subject: Data-sharing workshop on [DATE]: two minutes of preparation, four quick questions

Dear [NAME],

Thank you for joining the hands-on workshop on sharing data between schools and community
partners, on [DATE] from [START] to [END] at [VENUE]. We work through the seven principles of the
Data Sharing Playbook on a fictional community, Riverbend, with made-up (synthetic) data. No
coding experience is needed: every exercise is a blank to fill in, with hints.

What we will cover:
{agenda}

1. The two-minute test (please do it this week, on the laptop you will bring)
   Open this link in your web browser:
{test}   After a minute or two (the first launch can take longer) a page called JupyterLab opens
   at "Lesson 00". If it does, you are ready. If the page is blocked, never finishes loading,
   or shows an error, please tell us what you saw: we will plan another way for you.

2. Please reply with four answers
   a) Your role and organization (for example: district data office, after-school program,
      family resource center). We pair district and partner people, so this shapes the seating.
   b) Anything that would help you take part fully: accessibility needs, a screen reader,
      large print, captions, interpretation (for example Spanish), dietary needs, breaks.
   c) Is your laptop locked down by your organization (you cannot install software, or some
      websites are blocked)? That is common, and fine: tell us and we will plan around it.
   d) Did the two-minute test work? If not, what did you see?

{prework}
Nothing you do in the notebooks is recorded or sent anywhere. Questions before the day: reply
to this e-mail or call [PHONE].

With thanks,
[FACILITATOR NAME]
[ORGANIZATION]
"""


def email_page(lessons: list[Lesson]) -> str:
    """The e-mail template as a page (the same text is written as a .txt file to paste)."""
    body = ('<p class="note">Copy the text below (or <code>pre-workshop-email.txt</code>), fill in the '
            "[brackets] and send it a week ahead. Collect the replies in a simple list: role and organization "
            "for the seating plan, needs, locked-down laptops, and who could not open Binder (plan a local "
            "install, a shared laptop, or a paper copy for them: see the facilitator guide).</p>"
            f"<pre>{esc(email_text(lessons))}</pre>")
    return page("Pre-workshop e-mail", body, subtitle="Send a week before the workshop")


def self_assessment_page(lessons: list[Lesson]) -> str:
    """Every lesson's objectives, each rated before and after on a four-point scale."""
    head = ("<tr><th>By the end, I can ...</th><th colspan='4' class='n'>Before</th>"
            "<th colspan='4' class='n'>After</th></tr>")
    rows = []
    for lesson in lessons:
        rows.append(f"<tr><th colspan='9'>Lesson {lesson.code}: {esc(lesson.title)}</th></tr>")
        for objective in lesson.items("objectives"):
            cells = "".join(f"<td class='n'>{n}</td>" for n in (1, 2, 3, 4)) * 2
            rows.append(f"<tr><td>{md_inline(objective)}</td>{cells}</tr>")
    key = "; ".join(f"{i} = {s}" for i, s in enumerate(SCALE, 1))
    body = (f"<p>Circle one number in <strong>Before</strong> at the start of the workshop and one in "
            f"<strong>After</strong> at the end. {esc(key)}. There are no right answers, and no name is needed: "
            "keep the sheet, or hand it in anonymously if the facilitator asks.</p>"
            f'<table class="scale small">{head}{"".join(rows)}</table>')
    return page("Self-assessment: before and after", body,
                subtitle="Built from each lesson's objectives")


def feedback_page(lessons: list[Lesson]) -> str:
    """A one-page, anonymous feedback form."""
    scale = "".join(f"<th class='n'>{n}</th>" for n in (1, 2, 3, 4, 5))
    statements = [
        "The workshop was useful for my work.",
        "The pace was right for me.",
        "I could follow the notebooks without writing code.",
        "The discussions helped me more than the exercises.",
        "I know what to do next time my organization shares data.",
    ]
    rows = "".join(f"<tr><td>{esc(s)}</td>" + "<td class='n'></td>" * 5 + "</tr>" for s in statements)
    ticks = "".join(f"<li><span class='tick'></span><span class='tick'></span> {le.code} {esc(le.title)}</li>"
                    for le in lessons)
    body = (
        "<p>Anonymous: please do not write your name. Mark one box per line (1 = disagree strongly, "
        "5 = agree strongly).</p>"
        f'<table class="scale"><tr><th></th>{scale}</tr>{rows}</table>'
        "<h2>Which lessons?</h2><p class='small'>First box: most useful. Second box: needs the most work.</p>"
        f'<ul style="list-style:none;padding-left:0;columns:2" class="small">{ticks}</ul>'
        "<h2>One thing you will do differently</h2>" + lines(2)
        + "<h2>What was confusing, or what should change?</h2>" + lines(2)
        + "<h2>Was anything hard to access (room, screen, language, pace)?</h2>" + lines(1)
        + "<p class='small'>I am from: <span class='tick'></span>a school district "
          "<span class='tick'></span>a community organization <span class='tick'></span>other</p>"
    )
    return page("Workshop feedback", body, body_class="feedback", footer="")


__all__ = ["email_text", "email_page", "self_assessment_page", "feedback_page"]
