"""The paper fallback: each solution notebook as one static HTML page, for a room without kernels.

The facilitator projects or prints it and the room follows the lesson, discussions included,
with no computer per person. Facilitator notes are left out (the page is for the room); charts
keep their alt text, printed as captions too; the model answers to discussion prompts are left
out (the room discusses first; they are on the facilitator's scenario cards and cheat-sheets); interactive widgets are replaced by a sentence
saying that the next cell shows the same result. Rendered with nbconvert's ``basic`` template
and this kit's style sheet, so the page is small, self-contained and prints on Letter paper.

Example:
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# Hello"),
    ...     nbformat.v4.new_markdown_cell("> **Facilitator note:** not for the room")])
    >>> [c.source for c in room_copy(nb).cells]
    ['# Hello']
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

import nbformat
from nbconvert import HTMLExporter

from helpers.handouts.page import esc, page
from helpers.handouts.sources import Lesson, is_facilitator_note, plain_links, without_model_answers

WIDGET = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("(An interactive control appears here in the notebook. On paper, read on: the next "
               "cell shows the same result.)")
IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')
NOTE_PARAGRAPH = re.compile(r"^> \*\*Facilitator note.*?(?=\n\n|\Z)", re.S | re.M)

PAPER_CSS = """
.jp-Cell, .cell { margin: 0.06in 0; break-inside: auto; }
.jp-InputPrompt, .jp-OutputPrompt, .prompt { display: none; }
.jp-CodeCell .jp-Cell-inputWrapper, div.input { border: 1px solid #777; padding: 0.03in 0.06in; }
.highlight pre, .jp-InputArea pre { border: 0; margin: 0; padding: 0; font-size: 8.8pt; }
.jp-OutputArea pre, .output pre { border: 0; font-size: 8.5pt; }
.jp-RenderedHTMLCommon table, .rendered_html table { font-size: 8.5pt; width: auto; }
.jp-RenderedImage img, .output img { max-width: 100%; }
img { max-width: 100%; }
.jp-MarkdownCell h1 { font-size: 15pt; }
.jp-MarkdownCell h2 { font-size: 13pt; }
.paper-caption { font-size: 9pt; font-style: italic; margin: 0.03in 0 0.08in 0; }
.widget-note { font-style: italic; border: 1px dashed #000; padding: 0.04in 0.08in; }
"""


def room_copy(nb: Any) -> Any:
    """A copy of the notebook without facilitator notes or widget state (the input is untouched)."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not is_facilitator_note(c)]
    out.metadata.pop("widgets", None)
    for cell in out.cells:
        if cell.get("outputs"):
            cell.outputs = _merged_streams(cell.outputs)
        if cell.cell_type == "markdown":
            cell.source = plain_links(NOTE_PARAGRAPH.sub("", without_model_answers(cell.source))).strip()
        for output in cell.get("outputs", []) or []:
            data = output.get("data", {})
            if WIDGET in data:
                data.pop(WIDGET)
                data.pop("text/plain", None)
                data["text/html"] = f'<p class="widget-note">{esc(WIDGET_NOTE)}</p>'
    return out


def _merged_streams(outputs: list) -> list:
    """Join consecutive printed outputs of the same stream (how a run splits them varies)."""
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")):
            last["text"] = "".join(last["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def _captions(body: str) -> str:
    """Print every chart's alt text under it (grey-scale paper keeps the chart's message)."""
    def caption(m: re.Match) -> str:
        alt = ALT.search(m.group(0))
        return m.group(0) + (f'<p class="paper-caption">{alt.group(1)}</p>' if alt and alt.group(1) else "")

    return IMG.sub(caption, body)


@lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    return HTMLExporter(template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True,
                        anchor_link_text="")


def paper_page(lesson: Lesson) -> str:
    """The static page for one lesson's solution notebook."""
    body, _ = _exporter().from_notebook_node(room_copy(lesson.nb))
    body = _captions(body)
    intro = ('<p class="note">Paper copy of the worked lesson (the solution notebook, with its exercise '
             "answers and charts) for a room without working computers. Follow along, and stop at each <strong>Scenario"
             "</strong> and <strong>Discuss</strong> for the pairs.</p>")
    return page(f"Paper copy: lesson {lesson.code}", intro + body, extra_css=PAPER_CSS,
                subtitle=f"{esc(lesson.principle_name)} &middot; about {lesson.minutes} minutes")


__all__ = ["paper_page", "room_copy", "nbformat"]
