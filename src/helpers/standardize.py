"""One way to read typed dates and school names, used by every module that compares them.

Partners and districts type the same date and the same school in many ways. If two
modules read them differently, the same record matches in one lesson and not in the
next. This module is the single place those rules live:

* :func:`read_date` reads one date and reports what it assumed (the format it saw,
  whether day and month could be swapped, why it could not read a value);
  :func:`parse_date` returns just the date.
* :func:`normalize_school_name` turns a free-text school name into the part that tells
  schools apart ("Heron Park Elem." and "heron park elementary school" both become
  ``'heron park'``).

**Dates understood**: 2014-03-09 (with or without a time after it), 20140309,
03/09/2014, 3/9/14, 3-9-2014, 3.9.2014, "March 9, 2014", "Mar. 9 2014",
"9 March 2014", "9th March 2014", and date or timestamp objects.

**Day and month**: a date such as 03/09/2014 could be 9 March or 3 September. It is
read month first (United States) unless ``order="DMY"``, and flagged ``ambiguous``.
When only one reading is a real date (25/12/2013), that reading is used and not
flagged, because there is nothing to guess.

**Two-digit years** (3/9/14): a two-digit year is read as the year, in the hundred
years that end ten years from now, that ends in those digits. In 2026 that window is
1937-2036, so '14' is 2014, '36' is 2036 and '45' is 1945. This fits the dates these
lessons handle: students' and parents' birth dates are in the past (a birth year 2045
is never right), and school-record dates (enrollment, expected graduation) run at most
a few years ahead. Pass ``pivot=30`` (any 0-99) for a fixed rule instead: two-digit
years up to the pivot are 20xx, the others 19xx. Where you can, ask partners for
four-digit years; a 90-year-old and a newborn share the same two digits.

Example:
    >>> read_date("03/09/2014")
    {'date': datetime.date(2014, 3, 9), 'format': 'MM/DD/YYYY', 'ambiguous': True, 'note': 'day and month could be swapped; read as month first'}
    >>> parse_date("9 March 2014"), parse_date("3/9/45", pivot=30)
    (datetime.date(2014, 3, 9), datetime.date(1945, 3, 9))
    >>> normalize_school_name("St. Brendan's Elem."), normalize_school_name("Riverbend South H.S.")
    ('saint brendans', 'riverbend south high')
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "StandardizeError",
    "DATE_ORDERS",
    "FUTURE_YEARS",
    "two_digit_year",
    "read_date",
    "parse_date",
    "normalize_school_name",
]

#: The day/month conventions :func:`read_date` accepts for slashed dates.
DATE_ORDERS = ("MDY", "DMY")
#: How many years after the current year a two-digit year may fall (see the module text).
FUTURE_YEARS = 10


class StandardizeError(ValueError):
    """A setting for reading dates or names cannot be used (the message says what to pass)."""


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _ascii(text: str) -> str:
    """Accents removed: 'José Martí' -> 'Jose Marti'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ------------------------------------------------------------------------------ dates
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _check_pivot(pivot: Any) -> None:
    if pivot is None:
        return
    if isinstance(pivot, bool) or not isinstance(pivot, (int, np.integer)) or not 0 <= pivot <= 99:
        raise StandardizeError(
            f"pivot must be a whole number from 0 to 99 (two-digit years up to it are read as "
            f"20xx, the others as 19xx), or None for the sliding rule; got {pivot!r}."
        )


def two_digit_year(yy: int, *, pivot: int | None = None, today: dt.date | None = None) -> int:
    """The four-digit year for a two-digit year ``yy`` (0-99).

    With ``pivot=None`` (the default), the year ending in ``yy`` within the hundred years
    that end :data:`FUTURE_YEARS` years after ``today`` (default: the current date). With a
    ``pivot``, years up to it are 20xx and the others 19xx.

    >>> d = dt.date(2026, 6, 1)
    >>> two_digit_year(14, today=d), two_digit_year(36, today=d), two_digit_year(37, today=d)
    (2014, 2036, 1937)
    >>> two_digit_year(45, pivot=68), two_digit_year(45, pivot=30)
    (2045, 1945)
    """
    if pivot is not None:
        _check_pivot(pivot)
        return 2000 + yy if yy <= pivot else 1900 + yy
    last = (today or dt.date.today()).year + FUTURE_YEARS
    return last - (last - yy) % 100


def _real(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def read_date(value: Any, *, order: str = "MDY", pivot: int | None = None) -> dict:
    """Read one typed date and report what was assumed.

    Returns a dict: ``date`` (a ``datetime.date``, or ``None`` when it could not be read),
    ``format`` (what was read, for example ``'MM/DD/YYYY'``; empty when unread),
    ``ambiguous`` (True when day and month could be swapped) and ``note`` (why a value
    was not read, or what was assumed). ``order`` is ``"MDY"`` (month first, United
    States) or ``"DMY"`` (day first); ``pivot`` is explained in the module text.

    >>> read_date("25/12/2013")["date"], read_date("25/12/2013")["note"]
    (datetime.date(2013, 12, 25), 'day first (the first number is over 12)')
    >>> read_date("02/30/2014")["note"], read_date("soon")["note"], read_date(" ")["note"]
    ('not a real date', 'format not recognized', 'blank')
    """
    if order not in DATE_ORDERS:
        raise StandardizeError(f'order must be "MDY" (month first, US) or "DMY" (day first); got {order!r}.')
    _check_pivot(pivot)
    out = {"date": None, "format": "", "ambiguous": False, "note": ""}
    if _blank(value):
        out["note"] = "blank"
        return out
    if isinstance(value, (dt.date, pd.Timestamp, np.datetime64)):
        out.update(date=pd.Timestamp(value).date(), format="date")
        return out
    text = " ".join(str(value).split())
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.+\-Z]*)?", text)
    if m:
        d = _real(int(m[1]), int(m[2]), int(m[3]))
        out.update(date=d, format="YYYY-MM-DD", note="" if d else "not a real date")
        return out
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        d = _real(int(m[1]), int(m[2]), int(m[3]))
        out.update(date=d, format="YYYYMMDD", note="" if d else "not a real date")
        return out
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
    if m:
        return _read_numeric(int(m[1]), int(m[2]), m[3], order, pivot, out)
    return _read_month_name(text, out)


def _read_numeric(a: int, b: int, year_text: str, order: str, pivot: int | None, out: dict) -> dict:
    y = int(year_text) if len(year_text) == 4 else two_digit_year(int(year_text), pivot=pivot)
    yfmt = "YYYY" if len(year_text) == 4 else "YY"
    as_mdy, as_dmy = _real(y, a, b), _real(y, b, a)
    if as_mdy and as_dmy and a != b:
        month_first = order == "MDY"
        out.update(date=as_mdy if month_first else as_dmy,
                   format=f"MM/DD/{yfmt}" if month_first else f"DD/MM/{yfmt}", ambiguous=True,
                   note=f"day and month could be swapped; read as {'month' if month_first else 'day'} first")
    elif as_mdy and (order == "MDY" or a == b):
        out.update(date=as_mdy, format=f"MM/DD/{yfmt}")
    elif as_dmy and order == "DMY":
        out.update(date=as_dmy, format=f"DD/MM/{yfmt}")
    elif as_dmy:
        out.update(date=as_dmy, format=f"DD/MM/{yfmt}", note="day first (the first number is over 12)")
    elif as_mdy:
        out.update(date=as_mdy, format=f"MM/DD/{yfmt}", note="month first (the second number is over 12)")
    else:
        out["note"] = "not a real date"
    return out


def _read_month_name(text: str, out: dict) -> dict:
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text, flags=re.IGNORECASE)  # 9th -> 9
    words = re.findall(r"[A-Za-z]+|\d+", text)
    leftover = re.sub(r"[A-Za-z]+|\d+|[\s,.]", "", text)
    month_words = [w for w in words if w.lower() in _MONTHS]
    numbers = [w for w in words if w.isdigit()]
    if len(words) != 3 or leftover or len(month_words) != 1 or len(numbers) != 2:
        out["note"] = "format not recognized"
        return out
    month = _MONTHS[month_words[0].lower()]
    if len(numbers[0]) <= 2 and len(numbers[1]) == 4:
        day_text, year_text = numbers
    elif len(numbers[0]) == 4 and len(numbers[1]) <= 2:
        year_text, day_text = numbers
    else:
        out["note"] = "format not recognized"
        return out
    d = _real(int(year_text), month, int(day_text))
    fmt = ("Month D, YYYY" if words[0] == month_words[0]
           else "YYYY Month D" if len(words[0]) == 4 else "D Month YYYY")
    out.update(date=d, format=fmt, note="" if d else "not a real date")
    return out


def parse_date(value: Any, *, order: str = "MDY", pivot: int | None = None) -> dt.date | None:
    """Just the date from :func:`read_date` (``None`` when blank or unreadable).

    >>> parse_date("2014-03-09T10:30:00"), parse_date("20140309"), parse_date("Mar. 9 2014")
    (datetime.date(2014, 3, 9), datetime.date(2014, 3, 9), datetime.date(2014, 3, 9))
    >>> parse_date("03/09/2014", order="DMY"), parse_date("not a date")
    (datetime.date(2014, 9, 3), None)
    """
    return read_date(value, order=order, pivot=pivot)["date"]


# ----------------------------------------------------------------------- school names
#: Abbreviations spelled out before comparing ("st" is handled by position, see below).
SCHOOL_ABBREVIATIONS = {
    "elem": "elementary", "el": "elementary", "es": "elementary", "ele": "elementary",
    "ms": "middle", "jhs": "middle", "mid": "middle",
    "hs": "high", "hi": "high",
    "sch": "school", "schl": "school", "acad": "academy", "ctr": "center",
    "mt": "mount", "ft": "fort",
    "n": "north", "s": "south", "e": "east", "w": "west",
}
#: Words that say what kind of place it is, not which one: left out when comparing.
#: "middle" and "high" are kept, because they tell two schools of the same name apart.
GENERIC_SCHOOL_WORDS = frozenset({"elementary", "school", "the", "of", "academy"})


def normalize_school_name(text: Any) -> str:
    """The part of a school name that tells schools apart, in one comparable form.

    Steps: accents removed, lower case, "&" read as "and", apostrophes dropped, dotted
    abbreviations joined (H.S. -> hs), other punctuation read as a space, abbreviations
    spelled out (:data:`SCHOOL_ABBREVIATIONS`), "St" read as "saint" when it is the first
    word and "street" elsewhere, and generic words (:data:`GENERIC_SCHOOL_WORDS`, or a typo
    of a long one such as "Elemntary") left out. Blank or missing gives ``''``.

    >>> normalize_school_name("Heron Park Elem."), normalize_school_name("heron park elementary school")
    ('heron park', 'heron park')
    >>> normalize_school_name("Millrace MS"), normalize_school_name("Old Mill Elemntary Scool")
    ('millrace middle', 'old mill')
    >>> normalize_school_name("St. Mary's"), normalize_school_name("Main St. Elementary")
    ('saint marys', 'main street')
    >>> normalize_school_name("José Martí Academy"), normalize_school_name(None)
    ('jose marti', '')
    """
    if _blank(text):
        return ""
    s = _ascii(str(text)).lower().replace("&", " and ")
    s = re.sub(r"['\u2019`]", "", s)  # St. Mary's -> st. marys
    s = re.sub(r"\b([a-z])\.(?=[a-z]\b)", r"\1", s)  # h.s. -> hs.
    s = re.sub(r"[^a-z0-9]+", " ", s)
    words = s.split()
    spelled = [("saint" if i == 0 else "street") if w == "st" else SCHOOL_ABBREVIATIONS.get(w, w)
               for i, w in enumerate(words)]
    return " ".join(w for w in spelled if not _is_generic(w))


def _is_generic(word: str) -> bool:
    """A generic word, or a typo of a long one ("elemntary", "scool")."""
    if word in GENERIC_SCHOOL_WORDS:
        return True
    return len(word) >= 4 and any(
        len(g) >= 6 and difflib.SequenceMatcher(None, word, g).ratio() >= 0.8 for g in GENERIC_SCHOOL_WORDS
    )
