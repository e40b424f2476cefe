"""One comparable form for each kind of identifier a roster may carry besides names and dates.

Rosters from different places carry different things: a state or national student ID both
sides know, a street address, a city or suburb, a ZIP or postcode, a phone number, an email
address, a gender. Each gets one standard form here, so that "(555) 010-1234" and
"555.010.1234" compare equal. Anything blank (``None``, NaN, ``""``, spaces, a pandas
``<NA>``) becomes ``None``: a missing comparison, never an error.

>>> standardize_phone("(555) 010-1234"), standardize_phone("+1 555.010.1234")
('5550101234', '5550101234')
>>> standardize_address("12 North Main Street, Apt. 4"), standardize_postcode("SW1A 1aa")
('12 n main st apt 4', 'SW1A1AA')
>>> standardize_gender("female"), standardize_gender(" m "), standardize_gender(float("nan"))
('F', 'M', None)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pandas as pd

__all__ = ["is_blank", "fold_text", "standardize_shared_id", "standardize_address", "standardize_city",
           "standardize_postcode", "standardize_phone", "standardize_email", "standardize_gender"]

_ADDRESS_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr",
    "lane": "ln", "court": "ct", "place": "pl", "boulevard": "blvd", "terrace": "ter",
    "highway": "hwy", "parkway": "pkwy", "circle": "cir", "square": "sq", "apartment": "apt",
    "unit": "apt", "suite": "ste", "north": "n", "south": "s", "east": "e", "west": "w",
}
_GENDERS = {
    "f": "F", "female": "F", "girl": "F", "woman": "F", "w": "F", "femenino": "F", "mujer": "F",
    "m": "M", "male": "M", "boy": "M", "man": "M", "masculino": "M", "hombre": "M",
    "x": "X", "nonbinary": "X", "non binary": "X", "other": "X", "o": "X", "n": "X",
}


def is_blank(value: Any) -> bool:
    """True for every kind of missing value: None, NaN, NaT, pandas NA, empty or spaces only.

    >>> [is_blank(v) for v in (None, float("nan"), pd.NA, "", "   ", "Ana", 0)]
    [True, True, True, True, True, False, False]
    """
    if value is None:
        return True
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        return False
    if isinstance(missing, bool) and missing:
        return True
    return isinstance(value, str) and not value.strip()


def fold_text(value: Any) -> str | None:
    """Lower case, accents removed, only letters and digits (of any script) and single spaces.

    Hyphens, slashes and underscores become spaces; apostrophes and other punctuation go.
    Letters of every script are kept ("李", "Σοφία" -> "σοφια"), so a name not written in
    Latin letters is compared, not lost. Blank becomes ``None``.

    >>> fold_text("  O'Neil-García "), fold_text("李 小龍"), fold_text("...")
    ('oneil garcia', '李 小龍', None)
    """
    if is_blank(value):
        return None
    text = str(value)
    for _ in range(3):  # a few Unicode characters need a second pass to settle
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().lower()
        folded = re.sub(r"[-_/]", " ", folded)
        folded = "".join(ch for ch in folded if ch.isalnum() or ch == " ")
        folded = " ".join(folded.split())
        if folded == text:
            break
        text = folded
    return text or None


def standardize_shared_id(value: Any) -> str | None:
    """An ID both sides hold (state student ID, national ID): upper case, no spaces or dashes.

    >>> standardize_shared_id(" ab-123 456 "), standardize_shared_id(1234567.0)
    ('AB123456', '1234567')
    """
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s\-./]", "", str(value)).upper()
    return text or None


def standardize_address(value: Any) -> str | None:
    """A street address in one form: folded text, common words abbreviated (Street -> st).

    >>> standardize_address("405 Heron Avenue") == standardize_address("405 heron ave.")
    True
    """
    text = fold_text(value)
    if text is None:
        return None
    return " ".join(_ADDRESS_WORDS.get(w, w) for w in text.split())


def standardize_city(value: Any) -> str | None:
    """A city, town or suburb: folded text ("St. Paul" and "st paul" agree).

    >>> standardize_city("St. Paul"), standardize_city(" ")
    ('st paul', None)
    """
    return fold_text(value)


def standardize_postcode(value: Any) -> str | None:
    """A ZIP code or postcode: a US ZIP (digits, ZIP+4 or a number that lost its leading
    zeros) becomes its first five digits; any other postcode is kept as letters and digits.

    >>> standardize_postcode("00101-2345"), standardize_postcode(101), standardize_postcode("2600")
    ('00101', '00101', '02600')
    """
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()
    if not text:
        return None
    if text.isdigit():
        return text[:5] if len(text) >= 5 else text.zfill(5)
    return text


def standardize_phone(value: Any) -> str | None:
    """A phone number as digits only, the last ten kept (country codes dropped); fewer than
    seven digits is not a usable number and becomes ``None``.

    >>> standardize_phone("010-1234"), standardize_phone("12")
    ('0101234', None)
    """
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    digits = re.sub(r"\D", "", str(value))
    if len(digits) < 7:
        return None
    return digits[-10:]


def standardize_email(value: Any) -> str | None:
    """An email address, lower case and trimmed; text without an "@" is not an address.

    >>> standardize_email(" Ana.Ruiz@Example.ORG "), standardize_email("none")
    ('ana.ruiz@example.org', None)
    """
    if is_blank(value):
        return None
    text = str(value).strip().casefold()
    if "@" not in text or text.startswith("@") or text.endswith("@"):
        return None
    return text


def standardize_gender(value: Any) -> str | None:
    """Gender as F, M or X from the common ways of writing it (any case; a few Spanish words);
    anything else is kept as its first letter, upper case.

    >>> standardize_gender("Girl"), standardize_gender("non-binary"), standardize_gender("Q")
    ('F', 'X', 'Q')
    """
    text = fold_text(value)
    if text is None:
        return None
    return _GENDERS.get(text, text[:1].upper())
