"""Pages for family-facing partners, in Spanish and English: principles, glossary, notice, consent.

The Spanish text lives in data files next to this module (``principles.yaml``,
``es/glossary.yaml``, ``es/family_pages.yaml``); the English comes from the project itself where it
exists (the principles' names, ``docs/glossary.md``). Every page carries, in both languages, the
warning that the translation needs review by a fluent speaker before use.

The glossary is a curated subset (the terms a family center or a parent leader meets). Each
Spanish entry records a fingerprint of the English definition it was translated from; when the
English changes, the page marks that entry as possibly out of date, so a stale translation is
never silent.

Example:
    >>> fingerprint("Missing 10%   or more.") == fingerprint("Missing 10% or more.")
    True
    >>> len(fingerprint("x"))
    12
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import yaml

from helpers.handouts.page import HERE, esc, md, md_inline, page
from helpers.handouts.sheets import principle_lines
from helpers.principles import PRINCIPLES

GLOSSARY = HERE.parents[2] / "docs" / "glossary.md"
ENTRY = re.compile(r'^###\s+<a id="([^"]+)"></a>(.+?)\n\*Links from:\*[^\n]*\n\n(.*?)(?=\n#{2,3} |\Z)', re.S | re.M)
REVIEW_EN = "Needs review by a fluent speaker before use."
REVIEW_ES = "Debe revisarlo una persona con dominio del español antes de usarlo."


def fingerprint(text: str) -> str:
    """A short fingerprint of an English definition (whitespace does not matter)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=4)
def _data(name: str) -> dict:
    return yaml.safe_load((HERE / "es" / name).read_text(encoding="utf-8"))


def english_glossary(path: Path = GLOSSARY) -> dict[str, tuple[str, str]]:
    """Each glossary anchor with its English title and definition."""
    text = path.read_text(encoding="utf-8")
    return {m.group(1): (m.group(2).strip(), m.group(3).strip()) for m in ENTRY.finditer(text)}


def review_banner() -> str:
    """The review warning, in both languages."""
    data = _data("family_pages.yaml")["review"]
    return (f'<div class="review" lang="en">{esc(data["en"])}</div>'
            f'<div class="review" lang="es">{esc(data["es"])}</div>')


def glossary_entries(path: Path = GLOSSARY) -> list[dict]:
    """The translated entries, in glossary order, each with ``stale`` set when the English moved on."""
    english = english_glossary(path)
    spanish = _data("glossary.yaml")["terms"]
    out = []
    for anchor, (title, definition) in english.items():
        es = spanish.get(anchor)
        if not es:
            continue
        out.append({"anchor": anchor, "en_term": title, "en": definition, "es_term": es["term"],
                    "es": " ".join(str(es["definition"]).split()),
                    "stale": es.get("en_sha") != fingerprint(definition)})
    return out


def glossary_page(path: Path = GLOSSARY) -> str:
    """The bilingual glossary (a curated subset of docs/glossary.md)."""
    entries = glossary_entries(path)
    rows = []
    for e in entries:
        flag = ('<p class="small"><strong>The English definition changed since this translation: review it. / '
                "La definición en inglés cambió desde esta traducción: revísela.</strong></p>" if e["stale"] else "")
        rows.append(f'<tr><td lang="en"><strong>{md_inline(e["en_term"])}</strong><br>{md_inline(e["en"])}</td>'
                    f'<td lang="es"><strong>{esc(e["es_term"])}</strong><br>{md_inline(e["es"])}{flag}</td></tr>')
    total = len(english_glossary(path))
    body = (review_banner()
            + f'<p class="small">{len(entries)} of the {total} terms in docs/glossary.md, chosen for families and '
              f"family-facing staff. / {len(entries)} de los {total} términos del glosario, elegidos para las "
              "familias y el personal que trabaja con ellas.</p>"
            + f'<table class="small"><tr><th>English</th><th>Español</th></tr>{"".join(rows)}</table>')
    return page("Glosario / Glossary", body, lang="es", body_class="bilingual-page",
                subtitle="Términos sobre datos y privacidad escolar / Terms about school data and privacy")


def principles_page_es(lessons: list | None = None) -> str:
    """The seven principles in Spanish (English names alongside, for the reviewer)."""
    data = principle_lines()
    items = []
    for n, name in PRINCIPLES.items():
        p = data["principles"].get(n, {})
        items.append(f'<li><div class="name">{esc(p.get("name_es", name))}</div>'
                     f'<div class="line">&ldquo;{esc(" ".join(str(p.get("line_es", "")).split()))}&rdquo;</div>'
                     f'<div class="lessons" lang="en">English: {esc(name)}</div></li>')
    body = (review_banner()
            + f'<p class="note">{esc(" ".join(data["core_idea"]["es"].split()))}</p>'
            + f'<ol class="principles">{"".join(items)}</ol>'
            + f'<p class="small">Fuente (nombres y frases citadas, traducidos): <em>{esc(data["source"])}</em>. '
              "Traducción nuestra, no oficial.</p>")
    return page("Los siete principios para compartir datos de forma eficaz", body, lang="es", body_class="es-principles",
                subtitle="Del Data Sharing Playbook; un principio por lección",
                footer="Material de capacitación, no asesoría legal. Training material, not legal advice.")


def _side_by_side(en: str, es: str) -> str:
    return f'<div class="bilingual"><div lang="en">{en}</div><div lang="es">{es}</div></div>'


def notice_page() -> str:
    """The plain-language family notice: what is shared and why, English and Spanish side by side."""
    notice = _data("family_pages.yaml")["notice"]
    rows = [_side_by_side(f"<h2>{esc(notice['title']['en'])}</h2>", f"<h2>{esc(notice['title']['es'])}</h2>")]
    for section in notice["sections"]:
        rows.append(_side_by_side(md(" ".join(section["en"].split()) if not section["en"].startswith("#")
                                     else section["en"]),
                                  md(" ".join(section["es"].split()) if not section["es"].startswith("#")
                                     else section["es"])))
    return page("Family notice / Aviso para las familias", review_banner() + "".join(rows), lang="en",
                body_class="bilingual-page",
                subtitle="A template for family-facing partners: fill in the [brackets] / "
                         "Plantilla para los socios que trabajan con familias: complete los [corchetes]")


def _field(label: dict, lang: str) -> str:
    return f'<div class="sig"><span class="line"></span><span class="small">{esc(label[lang])}</span></div>'


def consent_page() -> str:
    """A sample consent form with the elements of 34 CFR 99.30, English and Spanish side by side."""
    form = _data("family_pages.yaml")["consent"]

    def column(lang: str) -> str:
        out = [f"<h2>{esc(form['title'][lang])}</h2>", f"<p class='small'>{esc(' '.join(form['intro'][lang].split()))}</p>"]
        out += [_field(f["label"], lang) for f in form["fields"]]
        for s in form["sections"]:
            out.append(f"<h3>{esc(s['heading'][lang])}</h3><p>{esc(' '.join(s[lang].split()))}</p>")
            ticks = (s.get("ticks") or {}).get(lang, [])
            out += [f"<p><span class='tick'></span>{esc(t)}</p>" for t in ticks]
        out += [_field(f["label"], lang) for f in form["signature"]]
        out.append(f"<p class='small'>{esc(form['after'][lang])}</p>")
        return "".join(out)

    return page("Consent form / Formulario de consentimiento", review_banner() + _side_by_side(column("en"), column("es")),
                body_class="bilingual-page consent", footer="Sample only; not legal advice. Muestra; no es asesoría legal.",
                subtitle="Sample for family-facing partners / Ejemplo para los socios que trabajan con familias")
