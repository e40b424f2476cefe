"""Fictional names, addresses, phones and e-mails for Riverbend, sampled in bulk with numpy.

Faker is never called once per person: we read its word lists (weighted dictionaries of
first and last names) and draw from them with a seeded numpy generator, which is fast and
reproducible.

Example:
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> phones = fictional_phones(rng, 3)
    >>> all("555-01" in p for p in phones)
    True
    >>> nickname_for("William") in NICKNAMES["William"]
    True
"""

from __future__ import annotations

import numpy as np
from faker.providers.person.en_US import Provider as _PersonProvider

#: ZIP codes in the unassigned 001xx and 002xx ranges: two "3-digit ZIP" regions.
ZIPS_NORTH = [f"001{n:02d}" for n in range(1, 10)]  # 00101-00109
ZIPS_SOUTH = [f"002{n:02d}" for n in range(1, 7)]  # 00201-00206
ALL_ZIPS = ZIPS_NORTH + ZIPS_SOUTH

#: Area codes starting with 1 do not exist in the North American plan; 555-01xx is reserved.
AREA_CODES = [f"1{n:02d}" for n in range(10, 100)]

EMAIL_DOMAINS = ["example.org", "example.com"]

STREET_WORDS = [
    "Willow Bend", "Riverside", "Heron", "Maple Hollow", "Cedar Ridge", "Old Mill", "Lantern",
    "Foxglove", "Birch Landing", "Ferry", "Quarry", "Meadowlark", "Sycamore", "Otter Creek",
    "Juniper", "Orchard", "Bluff", "Kingfisher", "Harvest", "Thistle", "Copper Kettle",
    "Stonebridge", "Wren", "Dogwood", "Millrace", "Hickory", "Tanager", "Sawgrass",
]
STREET_TYPES = ["Rd", "St", "Ave", "Ln", "Ct", "Way", "Dr", "Pl"]

#: Formal first name -> common nicknames (used by partner rosters; taught in linkage).
NICKNAMES: dict[str, list[str]] = {
    "William": ["Bill", "Will", "Billy"], "Elizabeth": ["Liz", "Beth", "Lizzie"],
    "Robert": ["Bob", "Rob", "Bobby"], "James": ["Jim", "Jimmy", "Jamie"],
    "Michael": ["Mike", "Mikey"], "Katherine": ["Kate", "Katie"], "Jennifer": ["Jen", "Jenny"],
    "Christopher": ["Chris"], "Joseph": ["Joe", "Joey"], "Daniel": ["Dan", "Danny"],
    "Matthew": ["Matt"], "Anthony": ["Tony"], "Nicholas": ["Nick"], "Alexander": ["Alex"],
    "Samantha": ["Sam", "Sammy"], "Jessica": ["Jess"], "Margaret": ["Maggie", "Peggy"],
    "Richard": ["Rick", "Richie"], "Thomas": ["Tom", "Tommy"], "Benjamin": ["Ben", "Benny"],
    "Jonathan": ["Jon"], "Abigail": ["Abby"], "Rebecca": ["Becky"], "Victoria": ["Vicky", "Tori"],
    "Andrew": ["Andy", "Drew"], "Joshua": ["Josh"], "Zachary": ["Zach"], "Nathaniel": ["Nate"],
    "Gabriel": ["Gabe"], "Olivia": ["Liv"], "Isabella": ["Bella", "Izzy"], "Madison": ["Maddie"],
    "Alexandra": ["Lexi", "Alex"], "Steven": ["Steve"], "Timothy": ["Tim"], "Patrick": ["Pat"],
    "Edward": ["Ed", "Eddie"], "Catherine": ["Cathy", "Cat"], "Susan": ["Sue"],
    "Kimberly": ["Kim"], "Christina": ["Tina"], "Theodore": ["Ted", "Teddy"],
    "Jacob": ["Jake"], "Charles": ["Charlie"], "Samuel": ["Sam"], "Jacqueline": ["Jackie"],
    "Natalie": ["Nat"], "Daniela": ["Dani"], "Gabriela": ["Gabby"], "Emily": ["Em", "Emmy"],
}


def _weighted(table) -> tuple[np.ndarray, np.ndarray]:
    names = np.array(list(table.keys()), dtype=object)
    weights = np.array(list(table.values()), dtype=float)
    return names, weights / weights.sum()


_FEMALE = _weighted(_PersonProvider.first_names_female)
_MALE = _weighted(_PersonProvider.first_names_male)
_LAST = _weighted(_PersonProvider.last_names)


def _boost_nicknames(names: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Make formal names that have nicknames a little more common (so linkage sees them)."""
    boost = np.where(np.isin(names, list(NICKNAMES)), 3.0, 1.0)
    q = p * boost
    return q / q.sum()


_FEMALE = (_FEMALE[0], _boost_nicknames(*_FEMALE))
_MALE = (_MALE[0], _boost_nicknames(*_MALE))


def first_names(rng: np.random.Generator, genders: np.ndarray) -> np.ndarray:
    """First names for an array of genders ("F", "M", "X"); X draws from either list."""
    genders = np.asarray(genders)
    out = np.empty(len(genders), dtype=object)
    use_female = (genders == "F") | ((genders == "X") & (rng.random(len(genders)) < 0.5))
    nf = int(use_female.sum())
    out[use_female] = rng.choice(_FEMALE[0], size=nf, p=_FEMALE[1])
    out[~use_female] = rng.choice(_MALE[0], size=len(genders) - nf, p=_MALE[1])
    return out


def last_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` last names drawn with the US frequency weights in Faker's list."""
    return rng.choice(_LAST[0], size=n, p=_LAST[1])


def street_addresses(rng: np.random.Generator, n: int) -> np.ndarray:
    """Fictional addresses such as ``"412 Willow Bend Rd, Riverbend"``."""
    numbers = rng.integers(10, 2000, size=n)
    words = rng.choice(np.array(STREET_WORDS, dtype=object), size=n)
    types = rng.choice(np.array(STREET_TYPES, dtype=object), size=n)
    return np.array(
        [f"{a} {w} {t}, Riverbend" for a, w, t in zip(numbers, words, types)], dtype=object
    )


def fictional_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """Phones like ``"(142) 555-0142"``: impossible area code, reserved 555-01xx line."""
    area = rng.choice(np.array(AREA_CODES, dtype=object), size=n)
    line = rng.integers(100, 200, size=n)
    return np.array([f"({a}) 555-0{x}" for a, x in zip(area, line)], dtype=object)


def emails(rng: np.random.Generator, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """E-mail addresses under example.org / example.com only."""
    domain = rng.choice(np.array(EMAIL_DOMAINS, dtype=object), size=len(first))
    number = rng.integers(1, 100, size=len(first))
    return np.array(
        [
            f"{f.lower()}.{l.lower().replace(' ', '')}{k}@{d}"
            for f, l, k, d in zip(first, last, number, domain)
        ],
        dtype=object,
    )


def nickname_for(name: str, pick: int = 0) -> str:
    """A nickname for ``name`` (or the name itself when none is known).

    >>> nickname_for("Elizabeth")
    'Liz'
    >>> nickname_for("Zelda")
    'Zelda'
    """
    options = NICKNAMES.get(name)
    return options[pick % len(options)] if options else name


def typo(name: str, rng: np.random.Generator) -> str:
    """A plausible one-keystroke typo: drop, double or swap a letter.

    >>> typo("Garcia", np.random.default_rng(0)) != "Garcia"
    True
    """
    if len(name) < 3:
        return name + name[-1]
    i = int(rng.integers(1, len(name) - 1))
    kind = int(rng.integers(0, 3))
    if kind == 0:
        out = name[:i] + name[i + 1 :]
    elif kind == 1:
        out = name[:i] + name[i] + name[i:]
    else:
        out = name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]
    return out if out != name else name[:i] + name[i + 1 :]
