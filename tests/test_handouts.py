"""The facilitator kit in docs/handouts/ is complete, current, printable, and says what it must.

Fast checks compare the committed HTML with what the lessons produce now (HTML is
deterministic) and read the committed PDFs (page counts, text on every page). One test prints a
page with headless Chromium and checks the image is not blank: it is skipped with a message
when Chromium is missing, unless ``CI`` or ``RIVERBEND_REQUIRE_BROWSER`` is set, when it fails.
Regenerate with ``make handouts``.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import shutil
import subprocess

import nbformat
import pytest

from helpers.handouts import build, pdf, sheets, spanish
from helpers.handouts.sources import CHECK, is_scenario, lessons

OUT = build.OUTPUT
REQUIRED = bool(os.environ.get("CI") or os.environ.get("RIVERBEND_REQUIRE_BROWSER"))
FIX = "run: make handouts (or python -m helpers.handouts)"


@pytest.fixture(scope="module")
def kit():
    """Every deterministic file of the kit, rendered from the lessons now (done once: ~30 s)."""
    return build.sources()


@pytest.fixture(scope="module")
def items():
    return build.kit_items()


def test_every_file_is_generated_and_current(kit, items):
    stale = []
    for rel, text in kit.items():
        path = OUT / rel
        if not path.exists():
            stale.append(f"{rel} is missing")
        elif path.read_text(encoding="utf-8") != text:
            stale.append(f"{rel} is out of date")
    assert not stale, f"{FIX}:\n" + "\n".join(stale)
    assert {i.path for i in items} <= set(kit)


def test_every_pdf_was_printed_from_the_current_html(kit, items):
    manifest = json.loads((OUT / build.MANIFEST).read_text())
    problems = []
    for item in items:
        if not item.pdf:
            continue
        if not (OUT / item.pdf_path).exists():
            problems.append(f"{item.pdf_path} is missing")
        elif manifest.get(item.pdf_path, {}).get("html_sha256") != pdf.digest(kit[item.path].encode("utf-8")):
            problems.append(f"{item.pdf_path} was printed from an older {item.path}")
    assert not problems, f"{FIX}:\n" + "\n".join(problems)


def test_pdfs_have_the_expected_page_counts_and_text_on_every_page(items):
    by_path = {i.pdf_path: i for i in items if i.pdf}
    assert by_path["principles.pdf"].max_pages == 1 and by_path["feedback-form.pdf"].max_pages == 1
    for rel, item in by_path.items():
        if not (OUT / rel).exists():
            pytest.fail(f"{rel} is missing; {FIX}")
        texts = pdf.page_texts(OUT / rel)
        assert item.min_pages <= len(texts) <= (item.max_pages or 10_000), (
            f"{rel} has {len(texts)} pages; expected {item.min_pages} to {item.max_pages}")
        blank = [n for n, t in enumerate(texts, 1) if len(t.strip()) < 20]
        assert not blank, f"{rel}: pages {blank} have (almost) no text"
    cheats = [r for r in by_path if r.startswith("cheat-sheets/")]
    assert len(cheats) == len(lessons()) and all(pdf.page_count(OUT / r) <= 2 for r in cheats)
    assert pdf.page_count(OUT / "principles.pdf") == 1


def _scenario_questions_in_notebooks():
    """Independently of the kit: every q.<name>.check(...) in a solution whose question is a scenario."""
    found = []
    for path in sorted((build.ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        module = importlib.import_module(f"helpers.checks.lesson{path.name[:2]}")
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                for name in CHECK.findall(cell.source):
                    q = getattr(module, name, None)
                    if q is not None and is_scenario(q) and (path.name[:2], name) not in found:
                        found.append((path.name[:2], name))
    return found


def test_every_scenario_question_is_on_a_card(kit):
    wanted = _scenario_questions_in_notebooks()
    assert len(wanted) >= 9, "every lesson should have at least one scenario question"
    for page in ("scenario-cards.html", "scenario-cards-facilitator.html"):
        on_cards = set(re.findall(r'data-question="(\d\d)\.(\w+)"', kit[page]))
        missing = [f"{n}.{q}" for n, q in wanted if (n, q) not in on_cards]
        assert not missing, f"{page} lacks cards for {missing}"
    learners, facilitator = kit["scenario-cards.html"], kit["scenario-cards-facilitator.html"]
    assert "<strong>Answer:</strong>" in facilitator and "<strong>Answer:</strong>" not in learners
    assert "Model answer" in facilitator and "Model answer" not in learners


def test_slides_follow_the_lessons_and_load_nothing_from_the_network(kit):
    for lesson in lessons():
        deck = kit[f"slides/{lesson.path.stem}.html"]
        for text in [lesson.title, *lesson.items("questions"), *lesson.items("keypoints")]:
            words = re.sub(r"[*`_]", "", text)[:40]
            assert html.escape(words.split()[0]) in deck, f"slides for {lesson.code} lack {words!r}"
        chart = lesson.slide_chart()
        if chart is not None:
            assert "<figcaption>" in deck and 'alt="' in deck
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', deck), "the deck must work offline"
        assert "ArrowRight" in deck and "@media print" in deck


def test_paper_copies_leave_out_facilitator_notes_and_keep_alt_text(kit):
    for lesson in lessons():
        paper = kit[f"paper/{lesson.path.stem}.html"]
        assert "Facilitator note" not in paper, f"paper copy {lesson.code} shows a facilitator note"
        images = re.findall(r"<img\b[^>]*>", paper)
        assert all('alt="' in img for img in images), f"paper copy {lesson.code}: an image lacks alt text"
        assert paper.count('class="paper-caption"') >= sum(1 for img in images if 'alt=""' not in img)
        assert len(images) >= len(lesson.charts())


def test_spanish_pages_are_marked_for_review_in_both_languages_and_linked(kit):
    for rel in ("es/principios.html", "es/glosario.html", "es/family-notice.html", "es/consent-form.html"):
        assert "fluent speaker" in kit[rel] and "dominio del" in kit[rel], f"{rel} lacks the review warning"
    consent = kit["es/consent-form.html"]
    for element in ("99.30(b)(1)", "99.30(b)(2)", "99.30(b)(3)", "Signature", "Firma", "Date", "Fecha"):
        assert element in consent
    readme = (build.ROOT / "README.md").read_text()
    for rel in ("es/principios", "es/glosario", "es/family-notice", "es/consent-form"):
        assert f"docs/handouts/{rel}." in readme, f"README.md should link docs/handouts/{rel}"


def test_a_changed_english_definition_flags_its_translation(tmp_path):
    text = spanish.GLOSSARY.read_text(encoding="utf-8")
    entries = spanish.glossary_entries()
    assert entries and not [e["anchor"] for e in entries if e["stale"]], (
        "a Spanish glossary entry was translated from an older English definition: update "
        "src/helpers/handouts/es/glossary.yaml (its en_sha shows which)")
    orphans = sorted(set(spanish._data("glossary.yaml")["terms"]) - set(spanish.english_glossary()))
    assert not orphans, f"Spanish glossary entries whose English term is gone from docs/glossary.md: {orphans}"
    first = entries[0]
    changed = tmp_path / "glossary.md"
    changed.write_text(text.replace(first["en"], first["en"] + " Extra words."), encoding="utf-8")
    assert [e["anchor"] for e in spanish.glossary_entries(changed) if e["stale"]] == [first["anchor"]]
    assert "changed since this translation" in spanish.glossary_page(changed)


def test_the_facilitator_guide_links_the_kit():
    guide = (build.ROOT / "docs" / "facilitator-guide.md").read_text()
    for rel in ("handouts/pre-workshop-email", "handouts/scenario-cards", "handouts/paper/",
                "handouts/feedback-form", "handouts/slides/", "handouts/cheat-sheets/", "handouts/self-assessment"):
        assert rel in guide, f"docs/facilitator-guide.md should link {rel}"


def _chromium_or_skip() -> str:
    exe = pdf.chromium()
    if exe is None:
        if REQUIRED:
            pytest.fail("printing check required (CI) but Chromium is not installed")
        pytest.skip("printing check skipped: Chromium is not installed (Debian: apt-get install chromium)")
    return exe


def _ink(png) -> float:
    from PIL import Image

    with Image.open(png) as im:
        grey = im.convert("L")
        hist = grey.histogram()
    return sum(hist[:200]) / max(1, sum(hist))


def test_a_printed_page_is_not_blank(tmp_path):
    _chromium_or_skip()
    html = tmp_path / "principles.html"
    html.write_text(sheets.principles_page(lessons()), encoding="utf-8")
    printed = pdf.print_pdf(html, tmp_path / "principles.pdf")
    assert pdf.page_count(printed) == 1
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(printed), str(tmp_path / "page")],
                       check=True, timeout=60)
        png = tmp_path / "page.png"
    else:  # the same HTML as Chromium draws it on screen
        png = pdf.screenshot(html, tmp_path / "page.png")
    ink = _ink(png)
    assert 0.01 < ink < 0.6, f"the rendered page is {ink:.1%} ink: blank or solid"


def _figure_output(alt: str) -> dict:
    html = f'<figure style="margin:0"><img src="data:image/png;base64,AAAA" alt="{alt}"></figure>'
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "[Figure]"})


def test_the_slide_chart_tag_picks_the_chart_and_facilitator_notes_stay_out(tmp_path):
    from helpers.handouts import paper, slides
    from helpers.handouts.sources import Lesson

    first = nbformat.v4.new_code_cell("show(a)", outputs=[_figure_output("First chart, the default.")])
    chosen = nbformat.v4.new_code_cell("show(b)", outputs=[_figure_output("Second chart, the one tagged.")])
    note = nbformat.v4.new_markdown_cell("> **Facilitator note:** **Discuss** this only with helpers.")
    tagged_note = nbformat.v4.new_markdown_cell("Pairs first.", metadata={"tags": ["facilitator-note"]})
    discuss = nbformat.v4.new_markdown_cell(
        "**Discuss.** Who signs?\n\n<!-- BEGIN SOLUTION -->\n**Model answer.** The superintendent.\n<!-- END SOLUTION -->")
    nb = nbformat.v4.new_notebook(cells=[first, note, tagged_note, discuss, chosen])
    meta = {"number": 9, "title": "Demo", "principle": 1, "minutes": 30, "questions": ["Who?"],
            "objectives": ["Name who."], "keypoints": ["Leaders."]}
    lesson = Lesson(tmp_path / "09_demo.ipynb", nb, meta)
    assert lesson.slide_chart().alt.startswith("First")
    chosen.metadata["tags"] = ["slide-chart"]
    assert lesson.slide_chart().alt.startswith("Second")
    assert lesson.discussion_prompts() == [("**Discuss.** Who signs?", "The superintendent.")]
    deck = slides.lesson_deck(lesson)
    assert "Second chart, the one tagged." in deck and "First chart" not in deck and "The superintendent" not in deck
    room = paper.paper_page(lesson)
    assert "Facilitator note" not in room and "Pairs first" not in room and "The superintendent" not in room
    assert room.count('class="paper-caption"') == 2
