"""The glossary (``docs/glossary.md``) and the links to it from every lesson.

Each glossary entry is a heading with an anchor and a line listing the phrases that should
link to it::

    ### <a id="k-anonymity"></a>k-anonymity
    *Links from:* k-anonymity, k-anonymous

:func:`link_terms` links the **first** use of each phrase in a notebook's Markdown to its
entry (``../docs/glossary.md#k-anonymity``). It leaves headings, code, existing links and
HTML alone, and running it twice changes nothing. ``python -m helpers.authoring build``
applies it to every solution notebook, so learners can look up any term where it is used.

Example:
    >>> terms = [Term("pii", "PII", ("PII", "personally identifiable information"))]
    >>> link_markdown("Keep PII safe. PII again.", terms, set())
    'Keep [PII](../docs/glossary.md#pii) safe. PII again.'
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
LINK_BASE = "../docs/glossary.md#"
ENTRY = re.compile(r'^###\s+<a id="([^"]+)"></a>(.+?)\s*\n\*Links from:\*\s*(.+)$', re.M)
# Regions never touched: code spans/fences, links and images, HTML tags and comments, URLs.
PROTECTED = re.compile(
    r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->"  # model answers leave the lesson
    r"|```.*?```|`[^`\n]*`|!?\[[^\]]*\]\([^)]*\)|<!--.*?-->|<[^>\n]+>|https?://\S+",
    re.S,
)


@dataclass(frozen=True)
class Term:
    anchor: str
    title: str
    phrases: tuple[str, ...]


def load_terms(path: Path = GLOSSARY) -> list[Term]:
    """Every glossary entry, in file order."""
    text = path.read_text(encoding="utf-8")
    terms = []
    for anchor, title, phrases in ENTRY.findall(text):
        found = tuple(p.strip() for p in phrases.split(",") if p.strip())
        terms.append(Term(anchor, title.strip(), found))
    return terms


def _pattern(phrase: str) -> re.Pattern:
    flags = 0 if any(c.isupper() for c in phrase) else re.I  # "PII", "CEDS" match exactly
    return re.compile(rf"(?<![\w\-/#]){re.escape(phrase)}(?![\w\-])", flags)


def _free_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text`` outside protected regions and headings."""
    blocked = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            blocked.append((pos, pos + len(line)))
        pos += len(line)
    blocked.sort()
    spans, cursor = [], 0
    for start, end in blocked:
        if start > cursor:
            spans.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return spans


def link_markdown(text: str, terms: list[Term], done: set[str]) -> str:
    """Link the first unlinked use of each term in ``text``; add linked anchors to ``done``."""
    for term in terms:
        if term.anchor in done:
            continue
        best = None
        for phrase in sorted(term.phrases, key=len, reverse=True):
            pattern = _pattern(phrase)
            for start, end in _free_spans(text):
                m = pattern.search(text, start, end)
                if m and (best is None or m.start() < best.start()):
                    best = m
                    break
        if best:
            link = f"[{best.group(0)}]({LINK_BASE}{term.anchor})"
            text = text[: best.start()] + link + text[best.end():]
            done.add(term.anchor)
    return text


def link_terms(nb, terms: list[Term] | None = None):
    """Return a copy of notebook ``nb`` with the first use of each glossary term linked."""
    terms = load_terms() if terms is None else terms
    nb = copy.deepcopy(nb)
    # Cells learners never see (facilitator notes, solution-only) neither get links nor use up a
    # term's first use, so the learner notebook keeps every link.
    skip = {"lesson-header", "lesson-keypoints", "solution-only", "facilitator-note"}
    learner = [c for c in nb["cells"]
               if c["cell_type"] == "markdown" and not skip & set(c.get("metadata", {}).get("tags", []))]
    done = set()
    for cell in learner:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        done |= {t.anchor for t in terms if f"{LINK_BASE}{t.anchor})" in src}
    for cell in learner:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = link_markdown(src, terms, done)
    return nb
