"""Why a plain hash is not de-identification: a dictionary attack you can run.

A careless partner "anonymizes" student IDs by replacing each with its SHA-256 (or MD5)
hash. Hashing cannot be reversed, but it does not need to be: student IDs follow a known
format and birth dates fall in a known range, so an attacker hashes **every possible
value** and looks the published hashes up. This is what happened to New York City's 2014
taxi trip release: medallion numbers had been hashed with unsalted MD5, the few million
possible medallion numbers were hashed in minutes, and every trip was tied back to its
cab.

The same attack recovers nothing from keyed pseudonyms
(:func:`helpers.privacy.pseudonymize`): without the secret key the attacker cannot
compute the tokens for the candidate values.

Example:
    >>> hashes = plain_hash(["RB100239", "RB100336"])
    >>> hashes[0][:16]
    '165c2ce96d5b6a5b'
    >>> result = dictionary_attack(hashes, student_id_space("RB", 6, start=100000, stop=100400))
    >>> result.n_recovered, result.recovered["value"].tolist()
    (2, ['rb100239', 'rb100336'])
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import pandas as pd

from .errors import PrivacyInputError
from .pseudonym import _is_missing, normalize_value

__all__ = ["plain_hash", "dictionary_attack", "student_id_space", "date_space", "AttackResult"]

_ALGORITHMS = {"md5": 32, "sha1": 40, "sha256": 64}


def _check_algorithm(algorithm: str) -> str:
    if algorithm not in _ALGORITHMS:
        raise PrivacyInputError(f"algorithm must be one of {sorted(_ALGORITHMS)}, not {algorithm!r}.")
    return algorithm


def _digest(text: str, algorithm: str) -> str:
    return hashlib.new(algorithm, text.encode("utf-8")).hexdigest()


def plain_hash(values: Any, algorithm: str = "sha256") -> Any:
    """Unsalted hashes, as a careless partner might "anonymize" IDs (do not do this).

    Same input shapes and normalization as :func:`helpers.privacy.pseudonymize`, but no
    key: anyone can compute the same hash for any candidate value.

    >>> plain_hash("RB100239", algorithm="md5")
    'bf38b6e660c713501edb4faa0e2dad5a'
    """
    algorithm = _check_algorithm(algorithm)

    def one(v: Any) -> Any:
        text = normalize_value(v)
        return None if text is None else _digest(text, algorithm)

    if isinstance(values, pd.Series):
        return pd.Series([one(v) for v in values.tolist()], index=values.index, name=values.name, dtype="str")
    if isinstance(values, (list, tuple)):
        return [v if _is_missing(v) else one(v) for v in values]
    if isinstance(values, (pd.DataFrame, set, frozenset, dict)):
        raise PrivacyInputError("plain_hash() takes a single value, a list or a pandas Series (one column).")
    return one(values)


def student_id_space(prefix: str = "RB", digits: int = 6, *, start: int = 0, stop: int | None = None) -> Iterator[str]:
    """Every ID of the form ``prefix`` + ``digits`` digits (from ``start`` up to ``stop``).

    >>> list(student_id_space("RB", 6, start=7, stop=9))
    ['RB000007', 'RB000008']
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 9:
        raise PrivacyInputError(f"digits must be a whole number from 1 to 9, not {digits!r}.")
    stop = 10**digits if stop is None else min(int(stop), 10**digits)
    return (f"{prefix}{i:0{digits}d}" for i in range(int(start), stop))


def date_space(first: Any, last: Any) -> list[str]:
    """Every calendar date from ``first`` to ``last`` (inclusive), as ISO text.

    >>> date_space("2014-02-27", "2014-03-01")
    ['2014-02-27', '2014-02-28', '2014-03-01']
    """
    try:
        a, b = pd.Timestamp(first), pd.Timestamp(last)
    except (TypeError, ValueError):
        raise PrivacyInputError(f"Could not read {first!r} and {last!r} as dates; write them like '2010-01-31'.") from None
    if b < a:
        raise PrivacyInputError(f"The last date ({b.date()}) is before the first ({a.date()}).")
    return [d.date().isoformat() for d in pd.date_range(a, b, freq="D")]


@dataclass
class AttackResult:
    """The outcome of a dictionary attack."""

    n_targets: int
    n_recovered: int
    candidates_tried: int
    seconds: float
    recovered: pd.DataFrame

    @property
    def share_recovered(self) -> float:
        """Share of the distinct hashed values whose original was found (0 to 1)."""
        return self.n_recovered / self.n_targets if self.n_targets else 0.0

    def summary(self) -> str:
        return (
            f"Tried {self.candidates_tried:,} candidate values in {self.seconds:.2f} s; "
            f"recovered {self.n_recovered:,} of {self.n_targets:,} hashed values "
            f"({self.share_recovered:.0%})."
        )

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = "#8a3b00" if self.n_recovered else "#0b6e4f"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{html.escape(self.summary())}</div>'


def _fast_normalize(value: Any) -> str | None:
    if type(value) is str and "/" not in value and "-" not in value and "." not in value:
        text = " ".join(value.split()).casefold()
        return text or None
    return normalize_value(value)


def dictionary_attack(hashed_values: Any, candidate_values: Iterable[Any], *, algorithm: str = "auto") -> AttackResult:
    """Re-identify hashed values by hashing every candidate and looking the hashes up.

    ``hashed_values`` is a Series, list or single hex string; ``candidate_values`` any
    iterable of possible originals (see :func:`student_id_space`, :func:`date_space`).
    With ``algorithm="auto"`` the hash function is guessed from the length of the hex
    strings (32 MD5, 40 SHA-1, 64 SHA-256); shortened hashes are matched on their prefix
    with SHA-256 and MD5. Candidates are normalized like :func:`plain_hash`.

    >>> from helpers.privacy import pseudonymize
    >>> tokens = pseudonymize(["RB100239"], "a-secret-key-kept-by-the-hub-0123456789")
    >>> dictionary_attack(tokens, student_id_space("RB", 6, start=100000, stop=100400)).n_recovered
    0
    """
    if isinstance(hashed_values, str):
        hashed_values = [hashed_values]
    if isinstance(hashed_values, pd.Series):
        hashed_values = hashed_values.tolist()
    if not isinstance(hashed_values, (list, tuple)):
        raise PrivacyInputError("hashed_values must be a list or a pandas Series of hex strings.")
    targets = {str(h).strip().lower() for h in hashed_values if not _is_missing(h) and str(h).strip()}
    if isinstance(candidate_values, (str, bytes)):
        raise PrivacyInputError("candidate_values must be a collection of candidates (a list, range or generator), not one text.")
    by_length: dict[int, set[str]] = {}
    for t in targets:
        by_length.setdefault(len(t), set()).add(t)
    if algorithm == "auto":
        algorithms = sorted({a for a, n in _ALGORITHMS.items() if n in by_length})
        if any(n not in _ALGORITHMS.values() for n in by_length):
            algorithms = sorted(set(algorithms) | {"sha256", "md5"})
    else:
        algorithms = [_check_algorithm(algorithm)]
    lengths = {a: [n for n in by_length if n <= _ALGORITHMS[a]] for a in algorithms}
    found: dict[str, str] = {}
    tried = 0
    start = time.perf_counter()
    new = hashlib.new
    for value in candidate_values:
        tried += 1
        text = _fast_normalize(value)
        if text is None:
            continue
        data = text.encode("utf-8")
        for a in algorithms:
            digest = new(a, data).hexdigest()
            for n in lengths[a]:
                key = digest if n == len(digest) else digest[:n]
                if key in by_length[n] and key not in found:
                    found[key] = text
    seconds = time.perf_counter() - start
    recovered = pd.DataFrame(sorted(found.items(), key=lambda kv: kv[1]), columns=["hash", "value"])
    return AttackResult(len(targets), len(found), tried, seconds, recovered)
