"""Consent coverage: who on a partner's roster has written consent on file.

**Training material, not legal advice.** Under FERPA (34 CFR 99.30) a signed, dated
consent that names the records, the purpose and the recipients lets a district share a
student's records with a partner. It must come from the parent while the student is not
an eligible student, and from the student once they are (18, or in postsecondary
education); an electronic signature counts only if it identifies and authenticates the
signer (99.30(d)). For students *without* consent, share only de-identified aggregates
(after a reasonable determination that no student can be identified, alone or with other
releases: 99.31(b)(1)), unless another exception such as school official or studies
applies and its conditions are met.

Rosters record consent in many ways ("Y", "yes", "TRUE", 1, blank). The mapping from
each spelling to yes/no is explicit (:data:`CONSENT_VALUES`); a blank means *no consent
on file*; any other value raises :class:`ConsentValueError` naming the values, so nothing
is silently guessed.

Example:
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"id": [1, 2, 3, 4], "consent_on_file": ["Y", "no", "", "TRUE"]})
    >>> cov = consent_coverage(roster)
    >>> cov.n_with, cov.n_without, cov.share
    (2, 2, 0.5)
    >>> list(cov.with_consent["id"])
    [1, 4]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

__all__ = ["CONSENT_VALUES", "ConsentColumnError", "ConsentCoverage", "ConsentValueError", "consent_coverage", "normalize_consent"]

#: How each spelling (lower-cased, trimmed) is read. Blank and missing mean "no consent on file".
CONSENT_VALUES: dict[str, bool] = {
    "y": True, "yes": True, "true": True, "t": True, "1": True, "1.0": True, "signed": True, "on file": True,
    "x": True,
    "n": False, "no": False, "false": False, "f": False, "0": False, "0.0": False, "": False,
    "not signed": False, "none": False, "declined": False, "refused": False, "missing": False,
    "nan": False, "na": False, "n/a": False,
}

WITHOUT_CONSENT_ADVICE = (
    "For students without consent on file, share only de-identified aggregates (counts and rates that no one "
    "can trace back to a student, even with other releases: suppress small cells and their complements), "
    "unless another FERPA exception applies and its conditions are met."
)


class ConsentValueError(ValueError):
    """A consent column holds values that cannot be read as yes or no."""


class ConsentColumnError(KeyError):
    """The roster has no consent column by the name given."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


def _key(value: Any) -> str | bool:
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    return " ".join(str(value).strip().lower().split())


def normalize_consent(values: Any, mapping: Mapping[str, bool] | None = None, column: str = "consent") -> pd.Series:
    """Read yes/no consent values as True/False, with an error listing any unknown values.

    ``mapping`` adds to (or overrides) :data:`CONSENT_VALUES`, e.g. ``{"on form": True}``.
    The input is not changed.

    >>> normalize_consent(["Yes", " y", "FALSE", None, 1]).tolist()
    [True, True, False, False, True]
    """
    table = dict(CONSENT_VALUES)
    for k, v in (mapping or {}).items():
        if not isinstance(v, bool):
            raise ConsentValueError(f"mapping[{k!r}] should be True or False, not {v!r}.")
        table[_key(k) if not isinstance(k, bool) else str(k).lower()] = v
    series = pd.Series(values).copy() if not isinstance(values, pd.Series) else values.copy()
    keys = series.map(_key)
    out = []
    unknown: dict[str, int] = {}
    for original, key in zip(series.tolist(), keys.tolist()):
        if isinstance(key, bool):
            out.append(key)
        elif key in table:
            out.append(table[key])
        else:
            unknown[repr(original)] = unknown.get(repr(original), 0) + 1
            out.append(None)
    if unknown:
        listed = ", ".join(f"{v} ({n} row{'s' if n > 1 else ''})" for v, n in list(unknown.items())[:8])
        known = ", ".join(sorted({k for k in table if k}))
        raise ConsentValueError(
            f"Column {column!r} has values that cannot be read as yes or no: {listed}. "
            f"Known values: {known} (blank means no consent). If one of these means yes or no, pass "
            f"mapping={{'value': True}} (or False) to say so."
        )
    return pd.Series(out, index=series.index, dtype=bool, name=series.name)


@dataclass(frozen=True)
class ConsentCoverage:
    """Who on a roster has consent on file, and what may be shared for the rest."""

    n_total: int
    n_with: int
    n_without: int
    share: float
    with_consent: pd.DataFrame = field(repr=False)
    without_consent: pd.DataFrame = field(repr=False)
    advice: str = WITHOUT_CONSENT_ADVICE

    def summary(self) -> str:
        return (f"{self.n_with} of {self.n_total} students ({self.share:.0%}) have consent on file; "
                f"{self.n_without} do not. {self.advice}")

    __str__ = summary

    def table(self) -> pd.DataFrame:
        """Counts and shares by consent status."""
        total = self.n_total or 1
        return pd.DataFrame(
            {"students": [self.n_with, self.n_without],
             "share": [self.n_with / total if self.n_total else 0.0, self.n_without / total if self.n_total else 0.0]},
            index=pd.Index(["consent on file", "no consent on file"], name="status"),
        )


def consent_coverage(
    roster: pd.DataFrame,
    consent_column: str = "consent_on_file",
    mapping: Mapping[str, bool] | None = None,
) -> ConsentCoverage:
    """Count who has consent on file; split the roster into with and without consent.

    The roster is not changed. ``share`` is the fraction (0 to 1) with consent; it is 0.0 for
    an empty roster.
    """
    if not isinstance(roster, pd.DataFrame):
        raise ConsentValueError(f"consent_coverage() needs a table (DataFrame), not a {type(roster).__name__}.")
    if consent_column not in roster.columns:
        cols = ", ".join(map(str, roster.columns))
        raise ConsentColumnError(
            f"The roster has no column {consent_column!r}. Its columns are: {cols}. "
            "Pass consent_column='...' with the name of the column that records consent."
        )
    flags = normalize_consent(roster[consent_column], mapping, consent_column)
    with_c = roster.loc[flags.to_numpy()].copy()
    without = roster.loc[~flags.to_numpy()].copy()
    n = len(roster)
    n_with = len(with_c)
    return ConsentCoverage(
        n_total=n, n_with=n_with, n_without=n - n_with, share=(n_with / n) if n else 0.0,
        with_consent=with_c, without_consent=without,
    )
