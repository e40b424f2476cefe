"""The facilitator kit: slides, handouts, scenario cards, a paper fallback, forms, Spanish pages.

Everything is generated from the lessons (the solution notebooks' metadata and marked cells, and
the checks' question objects) and from the project's data files, into ``docs/handouts/``::

    make handouts                          # python -m helpers.handouts
    python -m helpers.handouts --check     # exit 1 when the committed kit is out of date

One concept per module: ``sources`` (what the lessons hold), ``page`` (a printable page),
``sheets`` (principles, worksheet, FERPA sheet, cheat-sheets), ``cards`` (scenario cards),
``slides`` (decks), ``paper`` (the notebooks as static pages), ``forms`` (e-mail, self-assessment,
feedback), ``spanish`` (pages for family-facing partners), ``pdf`` (printing with headless
Chromium) and ``build`` (the whole kit and its staleness check).

Example:
    >>> from helpers.handouts import build
    >>> build.OUTPUT.name
    'handouts'
"""
