"""Every section of 34 CFR Part 99 (and of 20 U.S.C. 1232g) cited in the rules is listed in sources.yaml,
with where its text was read."""

import re
from pathlib import Path

import yaml

FERPA = Path(__file__).resolve().parents[1] / "src" / "helpers" / "ferpa"


def _cited_sections():
    text = (FERPA / "rules.yaml").read_text() + (FERPA / "agreements.yaml").read_text()
    sections = set(re.findall(r"\b99\.\d+\b", text))
    if "1232g" in text:
        sections.add("20 U.S.C. 1232g")
    return sections


def test_every_cited_section_says_where_it_was_read():
    sources = yaml.safe_load((FERPA / "sources.yaml").read_text())
    cited = _cited_sections()
    assert cited and cited <= set(sources), sorted(cited - set(sources))
    for section, entry in sources.items():
        assert entry["paragraphs"] and entry["read"], section
