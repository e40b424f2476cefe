"""Field crosswalk: turn a partner's free-text fields into the district's codes.

Partners type what families tell them. Before two systems can be compared, their fields
have to mean the same thing. Three common fields:

* **school names** -> school IDs (:func:`match_schools`): clean the text, compare it with
  every official name, and keep the best match only when it is clearly good. Every row
  says *how* it was matched (exact, fuzzy with a score, a manual override, or no match),
  so a person can review the uncertain ones. A manual override table always wins.
* **grades** -> "K", "1" ... "12" (:func:`standardize_grade`): "K", "Kinder", "kindergarten",
  "5th", "05", "Gr 5" and "grade 5" all become the same code.
* **dates** (:func:`parse_dates`): mixed formats are read, and a date such as 03/09/2014
  that could be 9 March or 3 September is *flagged as ambiguous*, not silently guessed.

Dates and school names are read by :mod:`helpers.standardize`, the same rules record
linkage uses, so a school or date that matches here matches there too.

Nothing here changes the tables you pass in.

Example:
    >>> import pandas as pd
    >>> schools = pd.DataFrame({"school_id": ["E01", "H01", "H02"],
    ...     "school_name": ["Heron Park Elementary", "Riverbend High School", "Riverbend South High School"]})
    >>> m = match_schools(["heron park", "Riverbend South HS", "Herron Park Elem", "St. Brendan Academy"], schools)
    >>> m[["school_id", "method"]].values.tolist()
    [['E01', 'exact'], ['H02', 'exact'], ['E01', 'fuzzy'], [None, 'no match']]
    >>> [standardize_grade(g) for g in ["Kinder", "5th", "05", "Gr 11", "grade 2", "pre-k", "??"]]
    ['K', '5', '5', '11', '2', 'PK', None]
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable, Mapping

import pandas as pd

from helpers.standardize import DATE_ORDERS, normalize_school_name, read_date
from helpers.validation import DataShapeError, require_columns

__all__ = [
    "CrosswalkError",
    "normalize_school_name",
    "match_schools",
    "standardize_grade",
    "standardize_grades",
    "parse_date",
    "parse_dates",
]


class CrosswalkError(DataShapeError):
    """A crosswalk was asked for with settings it cannot use."""


# ---------------------------------------------------------------------------- schools
# School names are cleaned by helpers.standardize.normalize_school_name (imported above),
# the same rule record linkage uses.


def _score(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def match_schools(
    names: Iterable[Any],
    schools: pd.DataFrame,
    *,
    id_col: str = "school_id",
    name_col: str = "school_name",
    overrides: Mapping[str, str | None] | None = None,
    min_score: float = 0.85,
    min_margin: float = 0.05,
) -> pd.DataFrame:
    """Match free-text school names to school IDs, saying how each match was made.

    For each distinct text: an entry in ``overrides`` (keys compared after cleaning; a
    value of ``None`` means "not a district school") wins; otherwise the cleaned text is
    compared with every cleaned official name (a similarity score from 0 to 1, see
    Python's ``difflib``). Score 1 is an ``exact`` match; a best score of at least
    ``min_score`` that beats the runner-up by ``min_margin`` is a ``fuzzy`` match; anything
    else is ``no match`` (or ``ambiguous`` when two schools score almost the same) and
    should be reviewed by a person - add it to ``overrides``.

    Returns one row per input, in order: raw, cleaned, school_id, matched_name, score,
    runner_up, method.
    """
    require_columns(schools, [id_col, name_col], "schools")
    if not 0 < min_score <= 1:
        raise CrosswalkError(f"min_score must be between 0 and 1 (for example 0.85); got {min_score!r}.")
    if isinstance(names, (str, bytes)):
        names = [names]
    raw = list(names.tolist() if isinstance(names, pd.Series) else names)
    official = [(str(i), str(n), normalize_school_name(n)) for i, n in zip(schools[id_col], schools[name_col])]
    known_ids = {i for i, _, _ in official}
    clean_overrides: dict[str, str | None] = {}
    for key, value in (overrides or {}).items():
        if value is not None and str(value) not in known_ids:
            raise CrosswalkError(
                f"The override for {key!r} points to {value!r}, which is not a school_id in schools. "
                f"Known IDs: {', '.join(sorted(known_ids))}. Use None for 'not a district school'."
            )
        clean_overrides[normalize_school_name(key)] = value
    names_by_id = {i: n for i, n, _ in official}
    cache: dict[str, dict] = {}
    rows = []
    for text in raw:
        cleaned = normalize_school_name(text)
        if cleaned not in cache:
            scored = sorted(((_score(cleaned, c), i) for i, _, c in official), reverse=True)
            best, best_id = scored[0] if scored else (0.0, None)
            second = scored[1][0] if len(scored) > 1 else 0.0
            if cleaned in clean_overrides:
                sid, method = clean_overrides[cleaned], "override"
            elif not cleaned:
                sid, method = None, "blank"
            elif best >= 1.0 - 1e-12:
                sid, method = best_id, "exact"
            elif best >= min_score and best - second >= min_margin:
                sid, method = best_id, "fuzzy"
            elif best >= min_score:
                sid, method = None, "ambiguous"
            else:
                sid, method = None, "no match"
            cache[cleaned] = {
                "school_id": sid,
                "matched_name": names_by_id.get(sid) if sid else None,
                "score": round(best, 3),
                "runner_up": round(second, 3),
                "method": method,
            }
        rows.append({"raw": text, "cleaned": cleaned, **cache[cleaned]})
    out = pd.DataFrame(rows, columns=["raw", "cleaned", "school_id", "matched_name", "score", "runner_up", "method"])
    out["school_id"] = out["school_id"].astype(object).where(out["school_id"].notna(), None)
    return out


# ----------------------------------------------------------------------------- grades
_GRADE_WORDS = {
    "k": "K", "kg": "K", "kinder": "K", "kindergarten": "K", "kindergarden": "K",
    "pk": "PK", "prek": "PK", "prekindergarten": "PK", "preschool": "PK", "tk": "PK",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12",
    "freshman": "9", "sophomore": "10", "junior": "11", "senior": "12",
}


def standardize_grade(value: Any) -> str | None:
    """One grade as the district writes it: "PK", "K", "1" ... "12"; ``None`` if unreadable.

    >>> standardize_grade(" 3rd grade "), standardize_grade(9), standardize_grade("13")
    ('3', '9', None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if pd.isna(value) or value != int(value):
            return None
        value = int(value)
    s = re.sub(r"[^a-z0-9]+", " ", str(value).lower()).strip()
    s = re.sub(r"\b(grade|gr|grd|yr|year)\b", " ", s)
    s = " ".join(s.split())
    compact = s.replace(" ", "")
    if compact in _GRADE_WORDS:
        return _GRADE_WORDS[compact]
    m = re.fullmatch(r"0*(\d{1,2})(st|nd|rd|th)?", compact)
    if m and 1 <= int(m.group(1)) <= 12:
        return str(int(m.group(1)))
    if m and int(m.group(1)) == 0:
        return "K"
    return None


def standardize_grades(values: Iterable[Any]) -> pd.Series:
    """:func:`standardize_grade` for a whole column; unreadable values become missing.

    >>> standardize_grades(["KG", "Gr 7", "x"]).tolist()
    ['K', '7', None]
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    return pd.Series([standardize_grade(v) for v in s], index=s.index, dtype=object)


# ------------------------------------------------------------------------------ dates
def parse_date(text: Any, *, order: str = "MDY", pivot: int | None = None) -> dict:
    """Read one typed date and report what was assumed (see :func:`helpers.standardize.read_date`).

    Returns a dict: ``date`` (a ``datetime.date`` or None), ``format`` (what was read),
    ``ambiguous`` (True when day and month could be swapped, for example 03/09/2014) and
    ``note`` (why a value was not read, or what was assumed). ``order`` is the convention
    assumed for ambiguous slashed dates: "MDY" (United States) or "DMY". Two-digit years
    fall in the hundred years ending ten years from now ('45' is 1945, '14' is 2014);
    ``pivot=30`` reads years up to 30 as 20xx and later ones as 19xx instead.

    >>> parse_date("03/09/2014")["ambiguous"], parse_date("03/09/2014")["date"]
    (True, datetime.date(2014, 3, 9))
    >>> r = parse_date("25/12/2013")
    >>> r["date"], r["ambiguous"], r["format"]
    (datetime.date(2013, 12, 25), False, 'DD/MM/YYYY')
    >>> parse_date("2014-03-09")["format"], parse_date("9 March 2014")["date"]
    ('YYYY-MM-DD', datetime.date(2014, 3, 9))
    """
    if order not in DATE_ORDERS:
        raise CrosswalkError(f'order must be "MDY" (month first, US) or "DMY" (day first); got {order!r}.')
    return read_date(text, order=order, pivot=pivot)


def parse_dates(values: Iterable[Any], *, order: str = "MDY", pivot: int | None = None) -> pd.DataFrame:
    """:func:`parse_date` for a whole column: one row per value with raw, date, format,
    ambiguous and note. ``date`` is a pandas datetime column (missing when unreadable).

    >>> t = parse_dates(["2014-03-09", "03/09/2014", "31/02/2014", ""])
    >>> t["ambiguous"].tolist(), t["date"].isna().tolist()
    ([False, True, False, False], [False, False, True, True])
    """
    raw = list(values.tolist() if isinstance(values, pd.Series) else values)
    rows = [{"raw": v, **parse_date(v, order=order, pivot=pivot)} for v in raw]
    out = pd.DataFrame(rows, columns=["raw", "date", "format", "ambiguous", "note"])
    out["date"] = pd.to_datetime(out["date"], errors="coerce")
    out["ambiguous"] = out["ambiguous"].astype(bool)
    if isinstance(values, pd.Series):
        out.index = values.index
    return out
