"""The glossary: well formed, and every lesson links each term it uses."""

import json
import re
from collections import Counter

import pytest

from helpers import authoring
from helpers.glossary import GLOSSARY, LINK_BASE, Term, link_markdown, link_terms, load_terms

TERMS = load_terms()


def test_glossary_entries_are_well_formed():
    assert len(TERMS) >= 40
    anchors = Counter(t.anchor for t in TERMS)
    assert not [a for a, n in anchors.items() if n > 1], "duplicate anchors"
    phrases = Counter(p.lower() for t in TERMS for p in t.phrases)
    assert not [p for p, n in phrases.items() if n > 1], "a phrase links to two entries"
    headings = len(re.findall(r"^### ", GLOSSARY.read_text(), re.M))
    assert headings == len(TERMS), "every ### entry needs an anchor and a '*Links from:*' line"


def test_linking_leaves_code_links_headings_and_model_answers_alone():
    terms = [Term("pii", "PII", ("PII",)), Term("k", "k-anonymity", ("k-anonymity",))]
    text = ("# PII heading\n`PII` in code, [PII](x) linked, <!-- BEGIN SOLUTION -->PII<!-- END SOLUTION -->\n"
            "Now PII and k-anonymity.")
    out = link_markdown(text, terms, set())
    assert out.startswith("# PII heading\n`PII` in code, [PII](x) linked, <!-- BEGIN SOLUTION -->PII<!--")
    assert out.endswith(f"Now [PII]({LINK_BASE}pii) and [k-anonymity]({LINK_BASE}k).")
    assert link_markdown(out, terms, {"pii", "k"}) == out


def test_linking_is_idempotent_and_does_not_mutate():
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "FERPA and FERPA."},
                    {"cell_type": "markdown", "metadata": {}, "source": "More FERPA."}]}
    before = json.dumps(nb)
    once = link_terms(nb)
    assert json.dumps(nb) == before
    assert once["cells"][0]["source"] == f"[FERPA]({LINK_BASE}ferpa) and FERPA."
    assert once["cells"][1]["source"] == "More FERPA."
    assert link_terms(once) == once


@pytest.mark.parametrize("path", sorted(authoring.LESSONS.glob("*.ipynb")), ids=lambda p: p.name)
def test_lesson_glossary_links_resolve(path):
    anchors = {t.anchor for t in TERMS}
    text = path.read_text()
    for anchor in re.findall(r"glossary\.md#([\w\-]+)", text):
        assert anchor in anchors, f"{path.name} links to a glossary entry that does not exist: {anchor}"


def test_facilitator_notes_do_not_take_a_terms_first_link():
    import nbformat

    from helpers.glossary import Term, link_terms

    terms = [Term("pii", "PII", ("PII",))]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("> **Facilitator note:** PII again [PII](../docs/glossary.md#pii).",
                                              metadata={"tags": ["facilitator-note"]}),
                nbformat.v4.new_markdown_cell("Learners meet PII here.")]
    out = link_terms(nb, terms)
    assert "[PII](../docs/glossary.md#pii)" in out.cells[1].source
