"""Get two tables ready for linkage: a column mapping, checks, and standardized names and dates.

Record linkage compares people across tables that were typed by different people in
different ways. Before comparing anything we put both tables into the same shape:

* a **column mapping** says which column holds what (``first_name``, ``last_name`` or a
  single ``full_name``, ``date_of_birth``, and optionally ``record_id``, ``school``,
  ``zip``, ``gender``);
* **names** are case-folded, accents and punctuation removed, and nicknames mapped to
  the formal name (Bill -> william) in a separate column, so both can be compared;
* **dates** in mixed formats are parsed. A date that could be day/month swapped is not
  "fixed" by guessing: we keep the date as written and also its swapped reading, so the
  matcher can treat "same date, day and month swapped" as its own, weaker kind of agreement.

Problems a person must fix (a mapped column that is not there, an empty table, the same
ID twice) raise :class:`LinkageInputError` with a message saying what to do. Dates that
cannot be read are *reported* (how many, with examples) by :func:`check_table`, and become
missing in :func:`prepare`; they do not stop the work.

Example:
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"id": ["A1", "A2"], "first": ["Bill", "José"],
    ...                        "last": ["O'Neil", "Peña"], "dob": ["03/09/2014", "2013-12-01"]})
    >>> mapping = {"record_id": "id", "first_name": "first", "last_name": "last",
    ...            "date_of_birth": "dob"}
    >>> prepare(roster, mapping)[["record_id", "first_name", "first_name_formal", "last_name", "dob"]]
      record_id first_name first_name_formal last_name         dob
    0        A1       bill           william     oneil  2014-03-09
    1        A2       jose              jose      pena  2013-12-01
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pandas as pd

from helpers import validation

from helpers.standardize import normalize_school_name
from helpers.standardize import parse_date as _parse_date

from . import fields
from .nicknames import NICKNAMES

__all__ = [
    "ROLES",
    "ROLE_ALIASES",
    "PREPARED_COLUMNS",
    "NICKNAMES",
    "canonical_mapping",
    "LinkageInputError",
    "MappingError",
    "EmptyTableError",
    "DuplicateIdError",
    "TableReport",
    "standardize_name",
    "standardize_school",
    "formal_first_name",
    "split_full_name",
    "parse_date",
    "parse_dates",
    "swap_day_month",
    "check_table",
    "prepare",
]

#: The roles a column mapping may use, with what each one means. Every role but the names
#: is optional; map every one both tables hold, since each one mapped is compared.
ROLES: dict[str, str] = {
    "record_id": "the table's own ID for each row (optional; row numbers are used if absent)",
    "first_name": "given name",
    "last_name": "family name",
    "full_name": "the whole name in one column ('First Last' or 'Last, First'), instead of first/last",
    "date_of_birth": "date of birth, in any common format",
    "shared_id": "an ID both tables hold for the same person (state student ID, national ID)",
    "school": "school name or code",
    "street_address": "street address (house number and street)",
    "city": "city, town or suburb",
    "zip": "ZIP code or postcode (also accepted as 'postcode')",
    "phone": "phone number",
    "email": "email address",
    "gender": "gender",
}
#: Other names accepted on the left of a mapping, and the role each one means.
ROLE_ALIASES = {"postcode": "zip", "postal_code": "zip", "suburb": "city", "town": "city",
                "address": "street_address", "sex": "gender", "state_id": "shared_id",
                "national_id": "shared_id", "dob": "date_of_birth"}
#: The columns :func:`prepare` returns, in order.
PREPARED_COLUMNS = ["record_id", "first_name", "last_name", "first_name_formal", "full_name", "dob",
                    "dob_swapped", "dob_year", "school", "zip", "gender", "shared_id", "street_address",
                    "city", "phone", "email"]



class LinkageInputError(ValueError):
    """A table or column mapping cannot be used for linkage (the message says how to fix it)."""


class MappingError(LinkageInputError):
    """The column mapping names a role or column that does not exist."""


class EmptyTableError(LinkageInputError, validation.EmptyTableError):
    """The table has no rows."""


class DuplicateIdError(LinkageInputError):
    """The same record ID appears on more than one row."""


_is_blank = fields.is_blank


def standardize_name(value: Any) -> str | None:
    """A name in one comparable form: lower case, no accents, no punctuation, single spaces.

    Hyphens become spaces (so a double-barrelled name keeps both parts); apostrophes and
    full stops disappear. Letters of every script are kept (a name written in Chinese,
    Greek or Arabic letters is compared as written). A blank or missing name becomes ``None``.

    >>> standardize_name("  O'Neil-García ")
    'oneil garcia'
    >>> standardize_name("J.R.") , standardize_name(" "), standardize_name("Σοφία")
    ('jr', None, 'σοφια')
    """
    return fields.fold_text(value)


def formal_first_name(value: Any, nicknames: Mapping[str, str] | None = None) -> str | None:
    """The formal first name for a (standardized or raw) first name: Bill -> william.

    Names that are not nicknames come back standardized and otherwise unchanged.

    >>> formal_first_name("Liz"), formal_first_name("Maria")
    ('elizabeth', 'maria')
    """
    name = standardize_name(value)
    if name is None:
        return None
    table = NICKNAMES if nicknames is None else nicknames
    return table.get(name, name)


def standardize_school(value: Any) -> str | None:
    """A free-text school name in one comparable form, by the project's one school-name rule
    (:func:`helpers.standardize.normalize_school_name`); blank becomes ``None``.

    >>> standardize_school("Millrace MS"), standardize_school("Millrace Middle School")
    ('millrace middle', 'millrace middle')
    >>> standardize_school("Heron Park Elem."), standardize_school("  ")
    ('heron park', None)
    """
    return normalize_school_name(value) or None


def split_full_name(value: Any) -> tuple[str | None, str | None]:
    """Split one name column into (first, last), handling "Last, First" and "First Middle Last".

    >>> split_full_name("Rivera, Ana Luisa"), split_full_name("Ana Luisa Rivera")
    (('Ana', 'Rivera'), ('Ana', 'Rivera'))
    >>> split_full_name("Cher")
    ('Cher', None)
    """
    if _is_blank(value):
        return None, None
    text = " ".join(str(value).split())
    if "," in text:
        last, _, rest = text.partition(",")
        first = rest.split()[0] if rest.split() else None
        return first, last.strip() or None
    parts = text.split(" ")
    if len(parts) == 1:
        return parts[0], None
    return parts[0], parts[-1]


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(value: Any, *, pivot: int | None = None, day_first: bool = False) -> dt.date | None:
    """Read one date written in a common way; ``None`` when blank or unreadable.

    The project's one date reader (:func:`helpers.standardize.parse_date`): 2014-03-09,
    03/09/2014, 3/9/14, 20140309, "March 9, 2014", "9 March 2014", timestamps. Slashed
    dates are read month first (US style) unless ``day_first``; if that reading is
    impossible but the other one works, the other one is used. Two-digit years follow its
    sliding window unless a fixed ``pivot`` is given.

    >>> parse_date("3/9/14"), parse_date("25/12/2013"), parse_date("March 9, 2014")
    (datetime.date(2014, 3, 9), datetime.date(2013, 12, 25), datetime.date(2014, 3, 9))
    >>> parse_date("not a date") is None, parse_date("") is None
    (True, True)
    """
    if _is_blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return _parse_date(value, order="DMY" if day_first else "MDY", pivot=pivot)


def swap_day_month(date: dt.date | None) -> dt.date | None:
    """The same date with day and month swapped, or ``None`` if that is not a real date
    (or if day and month are equal, when swapping changes nothing).

    >>> swap_day_month(dt.date(2014, 3, 9)), swap_day_month(dt.date(2014, 3, 25))
    (datetime.date(2014, 9, 3), None)
    """
    if date is None or date.day == date.month:
        return None
    return _valid(date.year, date.day, date.month)


def parse_dates(values: Iterable[Any], **kwargs: Any) -> pd.Series:
    """:func:`parse_date` for a whole column: a Series of dates (``None`` where unreadable).

    >>> parse_dates(["2014-03-09", "", "soon"]).tolist()
    [datetime.date(2014, 3, 9), None, None]
    """
    index = values.index if isinstance(values, pd.Series) else None
    return pd.Series([parse_date(v, **kwargs) for v in values], index=index, dtype=object)


@dataclass(frozen=True)
class TableReport:
    """What :func:`check_table` found: size, missing and unreadable dates (with examples)."""

    name: str
    rows: int
    missing_dates: int
    unparseable_dates: int
    unparseable_examples: tuple[str, ...] = field(default_factory=tuple)
    missing_names: int = 0

    def __str__(self) -> str:
        text = (f"{self.name}: {self.rows:,} rows; {self.missing_dates:,} without a date of birth; "
                f"{self.unparseable_dates:,} with a date of birth that could not be read")
        if self.unparseable_examples:
            text += " (for example " + ", ".join(repr(x) for x in self.unparseable_examples) + ")"
        if self.missing_names:
            text += f"; {self.missing_names:,} without a name"
        return text + "."


def _validate_mapping(df: pd.DataFrame, mapping: Mapping[str, str], name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise LinkageInputError(f"{name}: expected a table (pandas DataFrame), got a {type(df).__name__}.")
    if not isinstance(mapping, Mapping):
        raise MappingError(
            f"{name}: the column mapping must be a dict like "
            '{"first_name": "First", "last_name": "Last", "date_of_birth": "DOB"}.'
        )
    unknown = [role for role in mapping if role not in ROLES and role not in ROLE_ALIASES]
    if unknown:
        raise MappingError(
            f"{name}: the mapping uses {', '.join(repr(u) for u in unknown)}, which is not a role "
            f"linkage knows. Use these names on the left of the mapping: {', '.join(ROLES)}."
        )
    seen: dict[str, str] = {}
    for role in mapping:
        canonical = ROLE_ALIASES.get(role, role)
        if canonical in seen:
            raise MappingError(f"{name}: the mapping gives {canonical!r} twice ({seen[canonical]!r} and "
                               f"{role!r}); keep one.")
        seen[canonical] = role
    unhashable = [role for role, col in mapping.items() if not isinstance(col, (str, int))]
    if unhashable:
        raise MappingError(f"{name}: on the right of the mapping put one column name for each role "
                           f"(check {', '.join(repr(r) for r in unhashable)}).")
    missing = [(role, col) for role, col in mapping.items() if col not in df.columns]
    if missing:
        cols = ", ".join(repr(c) for c in df.columns)
        detail = "; ".join(f"{role!r} -> {col!r}" for role, col in missing)
        raise MappingError(
            f"{name}: the mapping points to column(s) that are not in the table ({detail}). "
            f"The table's columns are: {cols}. Fix the spelling on the right of the mapping."
        )
    has_split = "first_name" in mapping and "last_name" in mapping
    if not has_split and "full_name" not in mapping:
        raise MappingError(
            f"{name}: the mapping needs the names: either both 'first_name' and 'last_name', "
            "or one 'full_name' column."
        )


def canonical_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping with other accepted names replaced by the role they mean ('postcode' -> 'zip').

    >>> canonical_mapping({"postcode": "PC", "first_name": "F"})
    {'zip': 'PC', 'first_name': 'F'}
    """
    return {ROLE_ALIASES.get(role, role): col for role, col in mapping.items()}


def check_table(df: pd.DataFrame, mapping: Mapping[str, str], *, name: str = "table") -> TableReport:
    """Check a table and its column mapping before linkage; return a :class:`TableReport`.

    Raises :class:`MappingError` (mapping and columns disagree), :class:`EmptyTableError`
    or :class:`DuplicateIdError`. Unreadable dates are counted, not raised.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": ["Ana Ruiz", "Li Wei"], "d": ["2014-02-30", ""]})
    >>> print(check_table(t, {"full_name": "n", "date_of_birth": "d"}, name="roster"))
    roster: 2 rows; 1 without a date of birth; 1 with a date of birth that could not be read (for example '2014-02-30').
    """
    _validate_mapping(df, mapping, name)
    mapping = canonical_mapping(mapping)
    if len(df) == 0:
        raise EmptyTableError(f"{name}: the table has no rows. Check that the right file was loaded.")
    if "record_id" in mapping:
        ids = df[mapping["record_id"]]
        blank = ids.map(_is_blank)
        if blank.any():
            raise DuplicateIdError(
                f"{name}: {int(blank.sum())} row(s) have no ID in column {mapping['record_id']!r}. "
                "Every row needs its own ID; fill them in or leave 'record_id' out of the mapping."
            )
        text = ids.map(_id_text)
        dup = text[text.duplicated(keep=False)]
        if len(dup):
            examples = ", ".join(repr(x) for x in dup.drop_duplicates().head(3))
            raise DuplicateIdError(
                f"{name}: {dup.nunique()} ID(s) in column {mapping['record_id']!r} appear on more than "
                f"one row (for example {examples}). Each ID must be unique: remove the repeated rows "
                "or use a different ID column."
            )
    if "date_of_birth" in mapping:
        raw = df[mapping["date_of_birth"]]
        blank = raw.map(_is_blank)
        parsed = parse_dates(raw)
        bad = raw[~blank & parsed.isna()]
    else:
        blank, bad = pd.Series([True] * len(df)), pd.Series([], dtype=object)
    if "full_name" in mapping and not ("first_name" in mapping and "last_name" in mapping):
        missing_names = int(df[mapping["full_name"]].map(_is_blank).sum())
    else:
        missing_names = int((df[mapping["first_name"]].map(_is_blank)
                             & df[mapping["last_name"]].map(_is_blank)).sum())
    return TableReport(
        name=name,
        rows=len(df),
        missing_dates=int(blank.sum()),
        unparseable_dates=len(bad),
        unparseable_examples=tuple(str(x) for x in bad.drop_duplicates().head(3)),
        missing_names=missing_names,
    )


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date is not None else None


_STANDARDIZERS = {
    "school": lambda v: standardize_school(v),
    "zip": fields.standardize_postcode,
    "gender": fields.standardize_gender,
    "shared_id": fields.standardize_shared_id,
    "street_address": fields.standardize_address,
    "city": fields.standardize_city,
    "phone": fields.standardize_phone,
    "email": fields.standardize_email,
}


def prepare(df: pd.DataFrame, mapping: Mapping[str, str], *, name: str = "table") -> pd.DataFrame:
    """A standardized copy of ``df`` for linkage (``df`` itself is not changed).

    Columns (:data:`PREPARED_COLUMNS`): ``record_id``, ``first_name``, ``last_name``,
    ``first_name_formal``, ``full_name`` (first and last), ``dob`` and ``dob_swapped`` (ISO
    text, or missing), ``dob_year``, then ``school``, ``zip``, ``gender``, ``shared_id``,
    ``street_address``, ``city``, ``phone`` and ``email`` (missing when not mapped). Blank
    values of any kind (None, NaN, empty, spaces) and unreadable dates become missing; see
    :func:`check_table` for how many there were.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": ["Cher", None, "  ", "Ruiz, Ana"], "pc": ["00101", 101.0, None, "x"]})
    >>> prepare(t, {"full_name": "n", "postcode": "pc"})[["first_name", "last_name", "zip"]].values.tolist()
    [['cher', None, '00101'], [None, None, '00101'], [None, None, None], ['ana', 'ruiz', 'X']]
    """
    check_table(df, mapping, name=name)
    mapping = canonical_mapping(mapping)
    out = pd.DataFrame(index=range(len(df)))
    if "record_id" in mapping:
        out["record_id"] = pd.Series([_id_text(v) for v in df[mapping["record_id"]]], dtype=object)
    else:
        out["record_id"] = pd.Series([f"row-{i}" for i in range(1, len(df) + 1)], dtype=object)
    if "first_name" in mapping and "last_name" in mapping:
        first = list(df[mapping["first_name"]])
        last = list(df[mapping["last_name"]])
    else:
        pairs = [split_full_name(v) for v in df[mapping["full_name"]]]
        first = [p[0] for p in pairs]
        last = [p[1] for p in pairs]
    first_std = [standardize_name(v) for v in first]
    last_std = [standardize_name(v) for v in last]
    out["first_name"] = pd.Series(first_std, dtype=object)
    out["last_name"] = pd.Series(last_std, dtype=object)
    out["first_name_formal"] = pd.Series([formal_first_name(v) for v in first_std], dtype=object)
    out["full_name"] = pd.Series([" ".join(p for p in (f, l) if p) or None for f, l in zip(first_std, last_std)],
                                 dtype=object)
    dates = ([parse_date(v) for v in df[mapping["date_of_birth"]]] if "date_of_birth" in mapping
             else [None] * len(df))
    out["dob"] = pd.Series([_iso(d) for d in dates], dtype=object)
    out["dob_swapped"] = pd.Series([_iso(swap_day_month(d)) for d in dates], dtype=object)
    out["dob_year"] = pd.array([d.year if d else None for d in dates], dtype="Int64")
    for role, standardize in _STANDARDIZERS.items():
        values = [standardize(v) for v in df[mapping[role]]] if role in mapping else [None] * len(df)
        out[role] = pd.Series(values, dtype=object)
    for col in PREPARED_COLUMNS:
        if col != "dob_year":
            out[col] = pd.Series(out[col], dtype=object).where(out[col].notna(), None)
    return out[PREPARED_COLUMNS]
