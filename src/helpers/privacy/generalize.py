"""Generalization: make quasi-identifiers coarser so more people share each value.

Each function takes a column (a pandas Series, or a list) and returns a **new** Series
with the same index and name; blanks stay blank. Typical moves: a date of birth becomes
a birth year or an age band, a ZIP code keeps its first three digits, extreme numbers are
top- or bottom-coded, single grades become grade bands.

Example:
    >>> import pandas as pd
    >>> dob = pd.Series(pd.to_datetime(["2014-03-07", "2011-12-30"]), name="date_of_birth")
    >>> birth_year(dob).tolist(), age_band(age_on(dob, "2025-09-01"), width=5).tolist()
    ([2014, 2011], ['10-14', '10-14'])
    >>> zip3(["00101", "101", "00199-1234"]).tolist()
    ['001**', '001**', '001**']
    >>> grade_band(["K", "3", "8", "12"]).tolist()
    ['K-2', '3-5', '6-8', '9-12']
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import PrivacyInputError

__all__ = ["age_on", "birth_year", "birth_year_band", "age_band", "zip3", "top_bottom_code", "grade_band", "GRADE_BANDS"]

#: Default grade bands: early elementary, upper elementary, middle, high school.
GRADE_BANDS: Mapping[str, Sequence[str]] = {
    "K-2": ("PK", "K", "1", "2"),
    "3-5": ("3", "4", "5"),
    "6-8": ("6", "7", "8"),
    "9-12": ("9", "10", "11", "12"),
}


def _series(values: Any, what: str) -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, pd.DataFrame):
        raise PrivacyInputError(f"{what} takes one column (for example df['zip']), not a whole table.")
    if isinstance(values, (list, tuple, np.ndarray, pd.Index)):
        return pd.Series(list(values))
    raise PrivacyInputError(f"{what} takes a column or a list of values, not a {type(values).__name__}.")


_YEAR_TEXT = re.compile(r"^\d{4}$")
_YMD_TEXT = re.compile(r"^\d{8}$")
_DATE_HINT = "Write dates like 2014-03-07 (or 3/7/2014), years like 2014, or YYYYMMDD numbers like 20140307."


def _number_as_date(n: int, what: str, value: Any) -> tuple[pd.Timestamp, bool]:
    """A whole number read by its shape: a year (1000-2999) or YYYYMMDD; anything else refused."""
    if 1000 <= n <= 2999:
        return pd.Timestamp(year=n, month=1, day=1), True
    if 10000101 <= n <= 29991231:
        try:
            return pd.Timestamp(year=n // 10000, month=n // 100 % 100, day=n % 100), False
        except ValueError:
            pass
    raise PrivacyInputError(f"{what}: {value!r} is a number but neither a year nor a YYYYMMDD date. {_DATE_HINT}")


def read_one_date(value: Any, what: str) -> tuple[pd.Timestamp, bool]:
    """One date, and whether it was only a year. Numbers are read by shape, never as nanoseconds.

    >>> read_one_date(2014, "first"), read_one_date("20140307", "first")[0].date()
    ((Timestamp('2014-01-01 00:00:00'), True), datetime.date(2014, 3, 7))
    """
    if isinstance(value, (list, tuple, set, dict, np.ndarray, pd.Series, pd.DataFrame, pd.Index)):
        raise PrivacyInputError(f"{what} must be one date such as '2025-09-01', not a {type(value).__name__}.")
    if isinstance(value, (bool, np.bool_)) or value is None or (not isinstance(value, str) and pd.isna(value)):
        raise PrivacyInputError(f"{what} must be a date, not {value!r}. {_DATE_HINT}")
    if isinstance(value, (int, np.integer)):
        return _number_as_date(int(value), what, value)
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer():
            return _number_as_date(int(value), what, value)
        raise PrivacyInputError(f"{what}: {value!r} is not a date. {_DATE_HINT}")
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return _number_as_date(int(text), what, value)
        try:
            parsed = pd.Timestamp(pd.to_datetime(text, format="mixed"))
        except (TypeError, ValueError, OverflowError):
            parsed = pd.NaT
        if pd.isna(parsed):
            raise PrivacyInputError(f"{what}: could not read {value!r} as a date. {_DATE_HINT}")
        return parsed, False
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "year"):
        try:
            return pd.Timestamp(value), False
        except (TypeError, ValueError):
            pass
    raise PrivacyInputError(f"{what}: {value!r} (a {type(value).__name__}) is not a date. {_DATE_HINT}")


def _is_na(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _dates(values: Any, what: str, *, years_ok: bool = True) -> pd.Series:
    """Dates of a column (datetime64), reading numbers as years or YYYYMMDD, never as nanoseconds."""
    s = _series(values, what)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s
    if pd.api.types.is_bool_dtype(s.dtype):
        raise PrivacyInputError(f"{what} got True/False values, not dates. {_DATE_HINT}")
    values = s.astype(object)
    blank = values.map(lambda v: v is None or (isinstance(v, str) and not v.strip())
                       or (not isinstance(v, str) and _is_na(v)))
    text = values.map(lambda v: str(int(v)) if isinstance(v, (int, np.integer, float, np.floating))
                      and not isinstance(v, (bool, np.bool_)) and float(v).is_integer() else v)
    is_text = text.map(lambda v: isinstance(v, str))
    stripped = text.where(~is_text, text[is_text].str.strip() if is_text.any() else text)
    year_mask = ~blank & is_text & stripped.astype(str).str.fullmatch(r"\d{4}")
    ymd_mask = ~blank & is_text & stripped.astype(str).str.fullmatch(r"\d{8}")
    other = ~blank & ~year_mask & ~ymd_mask
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if year_mask.any():
        years = stripped[year_mask].astype(int)
        if not years.between(1000, 2999).all():
            read_one_date(values[year_mask & ~years.reindex(s.index).between(1000, 2999)].iloc[0], what)
        out[year_mask] = pd.to_datetime(years.astype(str) + "-01-01")
    if ymd_mask.any():
        parsed = pd.to_datetime(stripped[ymd_mask], format="%Y%m%d", errors="coerce")
        if parsed.isna().any():
            read_one_date(values[ymd_mask][parsed.isna()].iloc[0], what)  # raises a clear message
        out[ymd_mask] = parsed
    if other.any():
        rest = values[other]
        if not rest.map(lambda v: isinstance(v, str) and not v.strip().isdigit()).all():
            for v in rest:  # numbers of other shapes, booleans, objects: refused with a message
                if not isinstance(v, str) or v.strip().isdigit():
                    read_one_date(v, what)
        parsed = pd.to_datetime(rest.map(lambda v: v.strip() if isinstance(v, str) else pd.Timestamp(v)),
                                format="mixed", errors="coerce")
        if parsed.isna().any():
            read_one_date(rest[parsed.isna()].iloc[0], what)
        out[other] = parsed.to_numpy()
    year_only = bool(year_mask.any())
    if year_only and not years_ok:
        raise PrivacyInputError(
            f"{what} needs full dates of birth, but some values are only a year (like 2014): an age on a "
            "given day depends on the birthday. Use birth_year_band() for years, or pass full dates."
        )
    return out.rename(s.name)


def age_on(date_of_birth: Any, as_of: Any) -> pd.Series:
    """Age in whole years on the date ``as_of`` (``Int64``; blanks stay blank).

    Numbers are read as YYYYMMDD dates; a bare year (2014) is refused, because an age
    on a given day depends on the birthday.

    >>> age_on(["2014-03-07", "2014-03-08", None], "2024-03-07").tolist()
    [10, 9, <NA>]
    >>> age_on([20140307], 20240307).tolist()
    [10]
    """
    dob = _dates(date_of_birth, "age_on()", years_ok=False)
    ref, ref_year = read_one_date(as_of, "as_of")
    if ref_year:
        raise PrivacyInputError(f"as_of must be a full date such as '2025-09-01', not only a year ({as_of!r}).")
    years = ref.year - dob.dt.year
    before_birthday = (dob.dt.month > ref.month) | ((dob.dt.month == ref.month) & (dob.dt.day > ref.day))
    ages = (years - before_birthday.astype("Int64")).astype("Int64")
    return ages.rename(getattr(date_of_birth, "name", None))


def birth_year(date_of_birth: Any) -> pd.Series:
    """The year of each date of birth (``Int64``). Years (2014) stay years.

    >>> birth_year(["2014-03-07"]).tolist(), birth_year([2014, 2015]).tolist(), birth_year([20140307]).tolist()
    ([2014], [2014, 2015], [2014])
    """
    dob = _dates(date_of_birth, "birth_year()")
    return dob.dt.year.astype("Int64").rename(getattr(date_of_birth, "name", None))


def _bands(numbers: pd.Series, width: int, start: int, top: int | None, what: str) -> pd.Series:
    if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 1:
        raise PrivacyInputError(f"{what}: width must be a whole number of years, 1 or more (got {width!r}).")
    for name, value in (("start", start), ("top", top)):
        if value is None and name == "top":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise PrivacyInputError(f"{what}: {name} must be a whole number such as 18, not {value!r}.")
    values = pd.to_numeric(numbers, errors="coerce")
    if (numbers.notna() & values.isna()).any():
        raise PrivacyInputError(f"{what}: some values are not numbers. Convert the column to numbers first.")
    out = []
    for v in values:
        if pd.isna(v):
            out.append(pd.NA)
            continue
        v = int(v)
        if top is not None and v >= top:
            out.append(f"{top}+")
            continue
        low = start + ((v - start) // width) * width
        out.append(f"{low}-{low + width - 1}" if width > 1 else str(low))
    return pd.Series(out, index=numbers.index, name=numbers.name, dtype="string")


def age_band(ages: Any, width: int = 5, *, start: int = 0, top: int | None = None) -> pd.Series:
    """Ages grouped into bands of ``width`` years ("10-14"); ages ``top`` and over become "top+".

    >>> age_band([4, 5, 17, 19], width=5, top=18).tolist()
    ['0-4', '5-9', '15-19', '18+']
    """
    return _bands(_series(ages, "age_band()"), width, start, top, "age_band()")


def birth_year_band(date_of_birth: Any, width: int = 2) -> pd.Series:
    """Birth years grouped into bands of ``width`` years ("2012-2013").

    >>> birth_year_band(["2012-05-01", "2013-01-01", "2014-01-01"], width=2).tolist()
    ['2012-2013', '2012-2013', '2014-2015']
    """
    years = birth_year(date_of_birth)
    return _bands(years, width, 0, None, "birth_year_band()")


_ZIP = re.compile(r"^(\d{1,5})(?:-\d{4})?$")


def zip3(zips: Any, *, mask: str = "**") -> pd.Series:
    """Keep the first three digits of each 5-digit ZIP code ("00101" -> "001**").

    Numbers lose leading zeros in spreadsheets; they are padded back to 5 digits first.
    (The US Census publishes 3-digit ZIP areas; very small ones are often merged or
    blanked in releases, which is worth checking for your area.)

    >>> zip3([101, None]).tolist()
    ['001**', <NA>]
    """
    s = _series(zips, "zip3()")
    if not isinstance(mask, str):
        raise PrivacyInputError(f"zip3(): mask must be text such as '**' (what replaces the last two digits), not {mask!r}.")
    out = []
    for v in s:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            out.append(pd.NA)
            continue
        text = str(int(v)) if isinstance(v, (int, float, np.integer, np.floating)) else str(v).strip()
        m = _ZIP.match(text)
        if not m:
            raise PrivacyInputError(f"zip3(): {v!r} is not a ZIP code (expected 5 digits, like 00101).")
        out.append(m.group(1).zfill(5)[:3] + mask)
    return pd.Series(out, index=s.index, name=s.name, dtype="string")


def top_bottom_code(values: Any, *, bottom: float | None = None, top: float | None = None) -> pd.Series:
    """Replace values above ``top`` with ``top`` and below ``bottom`` with ``bottom``.

    Extreme values (a student with 170 absences, a family of 14) single people out;
    top-coding keeps the rest of the distribution intact.

    >>> top_bottom_code([0, 3, 40, 170], top=30).tolist()
    [0, 3, 30, 30]
    """
    s = _series(values, "top_bottom_code()")
    for name, limit in (("bottom", bottom), ("top", top)):
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float, np.integer, np.floating))):
            raise PrivacyInputError(f"top_bottom_code(): {name} must be a number such as 30, not {limit!r}.")
    if bottom is None and top is None:
        raise PrivacyInputError("top_bottom_code() needs a top, a bottom, or both.")
    if bottom is not None and top is not None and bottom > top:
        raise PrivacyInputError(f"bottom ({bottom}) is larger than top ({top}).")
    if not pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        raise PrivacyInputError(f"top_bottom_code() works on numbers; this column holds {s.dtype} values.")
    return s.clip(lower=bottom, upper=top)


def _grade_key(value: Any) -> str:
    text = str(value).strip().upper()
    if text in ("KG", "KN", "00", "0"):
        return "K"
    if text in ("P", "PK", "PREK", "PRE-K", "-1"):
        return "PK"
    if text.isdigit():
        return str(int(text))
    if re.fullmatch(r"\d+\.0", text):
        return str(int(float(text)))
    return text


def grade_band(grades: Any, bands: Mapping[str, Sequence[Any]] | None = None) -> pd.Series:
    """Group grades into bands (default K-2, 3-5, 6-8, 9-12).

    Grades may be text ("K", "03") or numbers (0 or "0" is kindergarten). ``bands`` maps
    a band label to the grades in it.

    >>> grade_band([1, "07"], bands={"K-5": ["K", 1, 2, 3, 4, 5], "6-12": range(6, 13)}).tolist()
    ['K-5', '6-12']
    """
    s = _series(grades, "grade_band()")
    if bands is not None and not isinstance(bands, Mapping):
        raise PrivacyInputError(
            "grade_band(): bands must be a dict from band label to its grades, for example "
            f"{{'K-5': ['K', 1, 2, 3, 4, 5], '6-8': [6, 7, 8]}}, not a {type(bands).__name__}."
        )
    lookup: dict[str, str] = {}
    for label, members in (bands or GRADE_BANDS).items():
        for g in members:
            lookup[_grade_key(g)] = label
    out = []
    for v in s:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            out.append(pd.NA)
            continue
        key = _grade_key(v)
        if key not in lookup:
            raise PrivacyInputError(
                f"grade_band(): grade {v!r} is not in any band. The bands cover: {', '.join(sorted(set(lookup), key=str))}."
            )
        out.append(lookup[key])
    return pd.Series(out, index=s.index, name=s.name, dtype="string")
