"""One short slide deck per lesson: a single self-contained HTML file that opens offline.

The deck is built from the lesson's metadata and marked cells: title; the principle in the
Playbook's words; the lesson's questions; its objectives; the one chart that carries the
lesson (a cell tagged ``slide-chart``, else the notebook's first chart) with its alt text as
the caption; each discussion prompt; the key points. The arrow keys, Page Up/Down, space or a
click move between slides; printing gives one slide per landscape Letter page. Nothing loads
from the network (reveal.js from a CDN would not open in a room without Internet).

Example:
    >>> deck = render_deck("Demo", [slide("<h1>Hello</h1>", "title")])
    >>> deck.count('class="slide') == 1 and "ArrowRight" in deck
    True
"""

from __future__ import annotations

import re

from helpers.handouts.page import bullet_list, css, esc, figure, md
from helpers.handouts.sheets import principle_lines
from helpers.handouts.sources import ROOT, Lesson

SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var counter = document.getElementById('counter');
  var current = 0;
  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.classList.toggle('active', j === current); });
    counter.textContent = (current + 1) + ' / ' + slides.length;
    if (history.replaceState) { history.replaceState(null, '', '#' + (current + 1)); }
  }
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'].indexOf(e.key) >= 0) { show(current + 1); e.preventDefault(); }
    if (['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].indexOf(e.key) >= 0) { show(current - 1); e.preventDefault(); }
    if (e.key === 'Home') { show(0); }
    if (e.key === 'End') { show(slides.length - 1); }
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('a')) { return; }
    show(e.clientX < window.innerWidth / 3 ? current - 1 : current + 1);
  });
  var start = parseInt((location.hash || '#1').slice(1), 10);
  show(isNaN(start) ? 0 : start - 1);
})();
"""

BINDER = re.compile(r"\((https://mybinder\.org/v2/[^)\s]+)\)")


def binder_url() -> str:
    """The Launch-on-Binder link in README.md (empty when there is none)."""
    readme = ROOT / "README.md"
    found = BINDER.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return found.group(1) if found else ""


def slide(content: str, kind: str = "") -> str:
    """One slide."""
    return f'<section class="slide {esc(kind)}">{content}</section>'


def render_deck(title: str, slides: list[str], lang: str = "en") -> str:
    """A whole deck: the slides, the counter, the key handling and the print layout."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="make handouts">\n'
        f"<title>{esc(title)}</title>\n<style>\n{css('slides.css')}</style>\n</head>\n<body>\n"
        + "\n".join(slides)
        + '\n<div id="counter" aria-live="polite"></div>\n'
        '<p class="help">Arrow keys, space or click to move; print for one slide per page.</p>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def lesson_slides(lesson: Lesson) -> list[str]:
    """The slides for one lesson, in teaching order."""
    lines = principle_lines()["principles"]
    n = lesson.principle
    if 1 <= n <= 7:
        quote = lines.get(n, {}).get("line_en", "")
        named = "" if lesson.principle_name.lower() == lesson.title.lower() else f": {esc(lesson.principle_name)}"
        principle = (f'<p class="principle">Principle {n}{named}</p>'
                     + (f'<blockquote>&ldquo;{esc(quote)}&rdquo;<span class="cite">Data Sharing Playbook'
                        "</span></blockquote>" if quote else ""))
    else:
        principle = f'<p class="principle">{esc(lesson.principle_name)}</p>'
    binder = re.sub(r"lessons/[0-9][0-9]_[^&?#)]*\.ipynb", f"lessons/{lesson.path.name}", binder_url())
    launch = (f'<p class="small">Open it on Binder: <a href="{esc(binder)}">{esc(binder)}</a></p>'
              if binder else "")
    out = [slide(f'<p class="kicker">Lesson {lesson.code} &middot; about {lesson.minutes} minutes</p>'
                 f"<h1>{esc(lesson.title)}</h1>{principle}"
                 f'<p class="small">Notebook: lessons/{esc(lesson.path.name)}</p>{launch}', "title")]
    out.append(slide("<h2>Questions</h2>" + bullet_list(lesson.items("questions"))))
    out.append(slide("<h2>By the end you can</h2>" + bullet_list(lesson.items("objectives"))))
    chart = lesson.slide_chart()
    if chart is not None:
        out.append(slide(figure(chart.src, chart.alt), "chart"))
    for prompt, _model in lesson.discussion_prompts():
        out.append(slide(md(prompt), "discuss"))
    out.append(slide("<h2>Key points</h2>" + bullet_list(lesson.items("keypoints"))))
    return out


def lesson_deck(lesson: Lesson) -> str:
    """The deck for one lesson."""
    return render_deck(f"Lesson {lesson.code}: {lesson.title}", lesson_slides(lesson))

