"""Why a plain hash is not de-identification: a dictionary attack you can run.

A careless partner "anonymizes" student IDs by replacing each with its SHA-256 (or MD5)
hash. Hashing cannot be reversed, but it does not need to be: student IDs follow a known
format and birth dates fall in a known range, so an attacker hashes **every possible
value** and looks the published hashes up. This is what happened to New York City's 2014
taxi trip release: medallion numbers had been hashed with unsalted MD5, the few million
possible medallion numbers were hashed in minutes, and every trip was tied back to its
cab.

The attack hashes each candidate the ways a partner is likely to have written it: as
typed, upper case, lower case, without surrounding spaces, the project's normal form
(:func:`helpers.privacy.normalize_value`), and for dates the usual spellings
(``2014-03-07``, ``3/7/2014``, ``03/07/2014``, ``20140307``), with the standard
``hashlib`` algorithms. A hashed value counts as recovered only when a candidate's full
hex digest equals it exactly.

The same attack recovers nothing from keyed pseudonyms
(:func:`helpers.privacy.pseudonymize`): without the secret key the attacker cannot
compute the tokens for the candidate values.

Example:
    >>> import hashlib
    >>> careless = [hashlib.sha256(b"RB100239").hexdigest(), hashlib.md5(b"3/7/2014").hexdigest()]
    >>> result = dictionary_attack(careless, list(student_id_space("RB", 6, start=100000, stop=100400))
    ...                            + date_space("2014-01-01", "2014-12-31"))
    >>> result.n_recovered, result.recovered["value"].tolist(), result.recovered["hashed_text"].tolist()
    (2, ['2014-03-07', 'RB100239'], ['3/7/2014', 'RB100239'])
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import re
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import numpy as np
import pandas as pd

from .errors import PrivacyInputError, require_flag
from .generalize import read_one_date
from .pseudonym import _is_missing, normalize_value

__all__ = ["plain_hash", "dictionary_attack", "student_id_space", "date_space", "AttackResult", "ALGORITHMS"]

#: The hashlib algorithms tried, with the length of their hex digest.
ALGORITHMS = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128,
              "sha3_256": 64, "sha3_512": 128, "blake2b": 128, "blake2s": 64}
_HEX = re.compile(r"^[0-9a-f]+$")


def _check_algorithm(algorithm: Any, name: str = "algorithm") -> str:
    if not isinstance(algorithm, str) or algorithm.lower().replace("-", "") not in ALGORITHMS:
        raise PrivacyInputError(f"{name} must be one of {', '.join(ALGORITHMS)}, not {algorithm!r}.")
    return algorithm.lower().replace("-", "")


def _digest(text: str, algorithm: str) -> str:
    return hashlib.new(algorithm, text.encode("utf-8")).hexdigest()


def plain_hash(values: Any, algorithm: str = "sha256", *, normalize: bool = True) -> Any:
    """Unsalted hashes, as a careless partner might "anonymize" IDs (do not do this).

    With ``normalize=True`` (the default) values are first normalized like
    :func:`helpers.privacy.pseudonymize` (case, spaces, date formats); with
    ``normalize=False`` the text is hashed exactly as written. Either way there is no
    key: anyone can compute the same hash for any candidate value.

    >>> plain_hash("RB100239", algorithm="md5")
    'bf38b6e660c713501edb4faa0e2dad5a'
    >>> import hashlib
    >>> plain_hash("RB100239", normalize=False) == hashlib.sha256(b"RB100239").hexdigest()
    True
    """
    algorithm = _check_algorithm(algorithm)
    normalize = require_flag(normalize, "normalize")

    def one(v: Any) -> Any:
        if normalize:
            text = normalize_value(v)
        elif _is_missing(v):
            text = None
        elif isinstance(v, (str, int, np.integer)) and not isinstance(v, bool):
            text = str(v)
        else:
            raise PrivacyInputError(f"plain_hash(normalize=False) hashes text or whole numbers, not {v!r}.")
        return None if text is None else _digest(text, algorithm)

    if isinstance(values, pd.Series):
        return pd.Series([one(v) for v in values.tolist()], index=values.index, name=values.name, dtype="str")
    if isinstance(values, (list, tuple, np.ndarray)):
        return [v if _is_missing(v) else one(v) for v in list(values)]
    if isinstance(values, (pd.DataFrame, set, frozenset, dict)):
        raise PrivacyInputError(
            f"plain_hash() takes a single value, a list or a pandas Series (one column), not a {type(values).__name__}."
        )
    return one(values)


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise PrivacyInputError(f"{name} must be a whole number such as 100000, not {value!r}.")
    return int(value)


def student_id_space(prefix: str = "RB", digits: int = 6, *, start: int = 0, stop: int | None = None) -> Iterator[str]:
    """Every ID of the form ``prefix`` + ``digits`` digits (from ``start`` up to ``stop``).

    >>> list(student_id_space("RB", 6, start=7, stop=9))
    ['RB000007', 'RB000008']
    """
    if not isinstance(prefix, str):
        raise PrivacyInputError(f"prefix must be text such as 'RB', not {prefix!r}.")
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 1 <= digits <= 9:
        raise PrivacyInputError(f"digits must be a whole number from 1 to 9, not {digits!r}.")
    start = _whole(start, "start")
    stop = 10**int(digits) if stop is None else min(_whole(stop, "stop"), 10**int(digits))
    if start < 0:
        raise PrivacyInputError(f"start must be 0 or more, not {start}.")
    if stop <= start:
        raise PrivacyInputError(f"stop ({stop}) must be larger than start ({start}); nothing to try otherwise.")
    return (f"{prefix}{i:0{int(digits)}d}" for i in range(start, stop))


def date_space(first: Any, last: Any) -> list[str]:
    """Every calendar date from ``first`` to ``last`` (inclusive), as ISO text.

    Dates may be written ``2014-03-07``, ``3/7/2014``, as date objects, as a year
    (``2005`` means from 1 January, or to 31 December for ``last``) or as a
    ``YYYYMMDD`` number (``20140307``). Other numbers are refused, never read as
    nanoseconds.

    >>> date_space("2014-02-27", "2014-03-01")
    ['2014-02-27', '2014-02-28', '2014-03-01']
    >>> len(date_space(2005, 2021))
    6209
    """
    a, a_year = read_one_date(first, "first")
    b, b_year = read_one_date(last, "last")
    if b_year:
        b = pd.Timestamp(year=b.year, month=12, day=31)
    if b < a:
        raise PrivacyInputError(f"The last date ({b.date()}) is before the first ({a.date()}); swap them.")
    return [d.date().isoformat() for d in pd.date_range(a, b, freq="D")]


@dataclass
class AttackResult:
    """The outcome of a dictionary attack."""

    n_targets: int
    n_recovered: int
    candidates_tried: int
    seconds: float
    recovered: pd.DataFrame
    algorithms: tuple = ()

    @property
    def share_recovered(self) -> float:
        """Share of the distinct hashed values whose original was found (0 to 1)."""
        return self.n_recovered / self.n_targets if self.n_targets else 0.0

    def summary(self) -> str:
        text = (
            f"Tried {self.candidates_tried:,} candidate values in {self.seconds:.2f} s; "
            f"recovered {self.n_recovered:,} of {self.n_targets:,} hashed values "
            f"({self.share_recovered:.0%})."
        )
        if not self.algorithms:
            text += (" None of the values is as long as a standard hash (MD5 32, SHA-1 40, SHA-256 64 hex "
                     "characters ...), so no hash function could match: they may be keyed tokens.")
        return text

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = "#8a3b00" if self.n_recovered else "#0b6e4f"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{html.escape(self.summary())}</div>'


_DATE_TEXT = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\s*$")


def _forms(value: Any) -> set[str]:
    """The texts a partner may have hashed for one candidate value."""
    if isinstance(value, str):
        if value.isascii() and value.isalnum():
            return {value, value.upper(), value.lower()}
        forms = {value, value.strip(), value.upper(), value.lower(), value.strip().upper(), value.strip().lower()}
        day = _date_text_of(value) if _DATE_TEXT.match(value) else None
    elif isinstance(value, (_dt.date, pd.Timestamp, np.datetime64)):
        forms, day = set(), pd.Timestamp(value)
    elif isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return {str(int(value))}
    else:
        return set()
    normal = normalize_value(value)
    if normal:
        forms.add(normal)
    if day is not None and not pd.isna(day):
        forms |= {day.strftime("%Y-%m-%d"), f"{day.month}/{day.day}/{day.year}", day.strftime("%m/%d/%Y"),
                  day.strftime("%Y%m%d")}
    return {f for f in forms if f}


def _date_text_of(text: str):
    try:
        return pd.Timestamp(normalize_value(text))
    except (TypeError, ValueError):
        return None


def _targets(hashed_values: Any) -> set[str]:
    if isinstance(hashed_values, str):
        hashed_values = [hashed_values]
    if isinstance(hashed_values, (pd.Series, pd.Index, np.ndarray)):
        hashed_values = list(hashed_values)
    if not isinstance(hashed_values, (list, tuple)):
        raise PrivacyInputError(
            f"hashed_values must be a list or a pandas Series of hex strings (one column), not a "
            f"{type(hashed_values).__name__}."
        )
    targets = set()
    for h in hashed_values:
        if _is_missing(h):
            continue
        if not isinstance(h, str):
            raise PrivacyInputError(f"hashed_values must hold hex text such as 'bf38b6e6...', not {h!r}.")
        text = h.strip().lower()
        if not text:
            continue
        if not _HEX.match(text):
            raise PrivacyInputError(
                f"hashed_values: {h!r} is not a hex digest (only 0-9 and a-f). Pass the hashed column itself."
            )
        targets.add(text)
    if not targets:
        raise PrivacyInputError("hashed_values has no hashes in it (only blanks). Pass the hashed column.")
    return targets


def dictionary_attack(hashed_values: Any, candidate_values: Iterable[Any], *, algorithm: Any = "auto") -> AttackResult:
    """Re-identify hashed values by hashing every candidate and looking the hashes up.

    ``hashed_values`` is a Series, list or single hex string; ``candidate_values`` any
    iterable of possible originals (see :func:`student_id_space`, :func:`date_space`).
    ``algorithm="auto"`` tries every :data:`ALGORITHMS` entry whose digest is as long as
    some target (MD5 32, SHA-1 40, SHA-256 64 hex characters ...); or name one, or a
    list. Each candidate is tried in its common written forms (see the module notes). A
    value counts as recovered only when a full digest equals it exactly; ``recovered``
    lists the ``hash``, the candidate ``value``, the exact ``hashed_text`` and the
    ``algorithm``. The attack stops early once every hashed value is recovered.

    >>> from helpers.privacy import pseudonymize
    >>> tokens = pseudonymize(["RB100239"], "a-secret-key-kept-by-the-hub-0123456789")
    >>> dictionary_attack(tokens, student_id_space("RB", 6, start=100000, stop=100400)).n_recovered
    0
    """
    targets = _targets(hashed_values)
    if isinstance(candidate_values, (str, bytes)) or not isinstance(candidate_values, Iterable):
        raise PrivacyInputError(
            "candidate_values must be a collection of candidates (a list, range or generator such as "
            f"student_id_space(...)), not {type(candidate_values).__name__}."
        )
    if isinstance(candidate_values, (pd.DataFrame, dict)):
        raise PrivacyInputError("candidate_values must be one list or column of candidates, not a table or dict.")
    lengths = {len(t) for t in targets}
    if isinstance(algorithm, str) and algorithm == "auto":
        algorithms = [a for a, n in ALGORITHMS.items() if n in lengths]
    elif isinstance(algorithm, (list, tuple)) and algorithm:
        algorithms = [_check_algorithm(a) for a in algorithm]
    else:
        algorithms = [_check_algorithm(algorithm)]
    found: dict[str, tuple] = {}
    tried = 0
    start = time.perf_counter()
    new = hashlib.new
    for value in candidate_values:
        tried += 1
        if not algorithms:
            continue
        for text in _forms(value):
            data = text.encode("utf-8")
            for a in algorithms:
                digest = new(a, data).hexdigest()
                if digest in targets and digest not in found:
                    found[digest] = (value, text, a)
        if len(found) == len(targets):
            break
    seconds = time.perf_counter() - start
    rows = [(h, str(v), text, a) for h, (v, text, a) in found.items()]
    recovered = pd.DataFrame(sorted(rows, key=lambda r: r[1]), columns=["hash", "value", "hashed_text", "algorithm"])
    return AttackResult(len(targets), len(found), tried, seconds, recovered, tuple(algorithms))
