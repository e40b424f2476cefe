"""One printable HTML page: self-contained (no network), Letter paper, black-and-white safe.

Every handout is a :func:`page`: the shared style sheet ``handout.css`` is inlined, images are
data URIs, and nothing loads from the Internet, so a page opens offline in any browser and
prints the same way from headless Chromium.

Example:
    >>> html = page("Seven principles", "<p>Hello</p>", subtitle="One page")
    >>> html.startswith("<!DOCTYPE html>") and "<h1>Seven principles</h1>" in html
    True
    >>> "http" in html.split("<body")[0]
    False
    >>> md("**Bold** and `code`")
    '<p><strong>Bold</strong> and <code>code</code></p>'
"""

from __future__ import annotations

import html as _html
from functools import lru_cache
from pathlib import Path

import mistune

HERE = Path(__file__).resolve().parent
GENERATOR = "make handouts"
NOT_LEGAL_ADVICE = "Training material, not legal advice. Riverbend is fictional; its data are synthetic."


def esc(text: object) -> str:
    """Text made safe to put inside HTML."""
    return _html.escape(str(text), quote=True)


@lru_cache(maxsize=1)
def _markdown():
    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def md(text: str) -> str:
    """Markdown to HTML (notebook Markdown may hold a little HTML, kept as it is)."""
    return _markdown()(text or "").strip()


def md_inline(text: str) -> str:
    """Markdown for one line, without the surrounding paragraph."""
    out = md(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        return out[3:-4]
    return out


@lru_cache(maxsize=4)
def css(name: str = "handout.css") -> str:
    """A style sheet shipped with this package."""
    return (HERE / name).read_text(encoding="utf-8")


def page(title: str, body: str, *, subtitle: str = "", lang: str = "en", extra_css: str = "",
         style: str = "handout.css", footer: str | None = None, body_class: str = "") -> str:
    """A whole HTML document with the kit's style sheet inlined."""
    foot = NOT_LEGAL_ADVICE if footer is None else footer
    sub = f'<p class="subtitle">{subtitle}</p>' if subtitle else ""
    cls = f' class="{esc(body_class)}"' if body_class else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<meta name=\"generator\" content=\"{GENERATOR}\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{css(style)}{extra_css}</style>\n</head>\n"
        f"<body{cls}>\n<header><h1>{esc(title)}</h1>{sub}</header>\n<main>\n{body}\n</main>\n"
        + (f'<footer>{foot} Generated from the lessons by <code>{GENERATOR}</code>; '
           "do not edit by hand.</footer>\n" if foot else "")
        + "</body>\n</html>\n"
    )


def bullet_list(items: list[str], cls: str = "") -> str:
    """An HTML list of Markdown items."""
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{md_inline(i)}</li>" for i in items) + "</ul>"


def figure(src: str, alt: str, cls: str = "chart") -> str:
    """A chart with its alt text kept on the image and printed as the caption."""
    return (f'<figure class="{cls}"><img src="{esc(src)}" alt="{esc(alt)}">'
            f"<figcaption>{esc(alt)}</figcaption></figure>")


def lines(n: int, cls: str = "write") -> str:
    """Ruled lines to write on."""
    return f'<div class="{cls}">' + '<span class="line"></span>' * n + "</div>"
